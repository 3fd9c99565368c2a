"""What the agency API takes and returns."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from services.catalogue import example_order


class AgencyApplicationCreate(BaseModel):
    """A service started by another state system for a citizen, on a stated legal basis."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "applicant_iin": "850715300122", **example_order(),
        "legal_basis": "Employment programme referral No. 42 of 2026-03-02",
    }]})

    applicant_iin: str = Field(min_length=1, max_length=32)
    services: list[str] = Field(min_length=1, max_length=10)
    answers: dict[str, dict[str, Any]] = Field(default_factory=dict)
    legal_basis: str = Field(min_length=1, max_length=2000,
                             description="Why this agency may start the service for the citizen (law, order, case)")
    language: Literal["kk", "ru", "en"] | None = None

    @field_validator("legal_basis")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("the legal basis must not be blank")
        return value.strip()


class AgencyServiceStatus(BaseModel):
    code: str
    status: str
    deadline: date | None
    outcome: str | None
    started_at: datetime | None
    completed_at: datetime | None


class AgencyApplicationView(BaseModel):
    """What the client that started an application may read of it: statuses, not personal data."""

    id: str
    status: str
    submitted_via: str
    legal_basis: str | None
    created_at: datetime
    updated_at: datetime
    services: list[AgencyServiceStatus]
    url: str


class AgencyApplicationPage(BaseModel):
    items: list[AgencyApplicationView]
    total: int
    limit: int
    offset: int


class WebhookRegistration(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: str = Field(min_length=1, max_length=2000, description="http(s) URL that receives the signed events")


class WebhookRegistered(BaseModel):
    url: str
    secret: str = Field(description="HMAC-SHA256 key of the Onestop-Signature header; shown this once")
    signature_header: str = "Onestop-Signature"
    updated_at: datetime


UNREACHABLE_BEFORE = "the receiver is unreachable ("


class DeliveryView(BaseModel):
    event_id: str
    event_type: str
    application_id: str
    status: Literal["pending", "delivered", "failed"]
    attempts: int
    last_status_code: int | None
    last_error: str | None
    created_at: datetime
    delivered_at: datetime | None
    payload: dict[str, Any]

    @field_validator("last_error")
    @classmethod
    def _no_internals(cls, error: str | None) -> str | None:
        """Rows recorded before the fixed wordings (connectors/webhooks.py) held the exception's text,
        which can name internal hosts and ports: they are shown in the fixed wording too."""
        if error is not None and error.startswith(UNREACHABLE_BEFORE):
            return "the receiver could not be connected to"
        return error


class DeliveryPage(BaseModel):
    items: list[DeliveryView]
    total: int
    limit: int
    offset: int
