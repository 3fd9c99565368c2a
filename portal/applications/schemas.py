"""What the applications API takes and returns."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from services.catalogue import example_order


class Contact(BaseModel):
    """Where the application's notices go: SMS before e-mail."""

    model_config = ConfigDict(extra="forbid")

    phone: str | None = Field(default=None, pattern=r"^\+7\d{10}$", description="Mobile number, +7XXXXXXXXXX")
    email: str | None = Field(default=None, max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$",
                              description="E-mail address")


class ApplicationCreate(BaseModel):
    """One application for one or several services, each with its form's answers."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [example_order()]})

    services: list[str] = Field(min_length=1, max_length=10)
    answers: dict[str, dict[str, Any]] = Field(default_factory=dict)
    language: Literal["kk", "ru", "en"] | None = Field(default=None, description="Language of notices")
    contact: Contact | None = Field(default=None, description="Contact for notices; the population registry's "
                                                              "when left out")


class Accepted(BaseModel):
    id: str
    status: str
    status_url: str


class StepView(BaseModel):
    code: str
    title: dict[str, str]
    status: Literal["pending", "completed", "failed"]
    at: datetime | None = None
    detail: dict[str, Any] = Field(default_factory=dict)


class ServiceView(BaseModel):
    code: str
    title: dict[str, str]
    status: str
    deadline: date | None
    legal_deadline_working_days: int | None
    steps: list[StepView]
    decision: dict[str, Any] | None
    started_at: datetime | None
    completed_at: datetime | None


class TimelineItem(BaseModel):
    at: datetime
    service_code: str | None
    kind: str
    step: str | None
    title: dict[str, str]
    detail: dict[str, Any]


class DocumentLink(BaseModel):
    id: str
    kind: str
    service_code: str
    title: dict[str, str]
    issued_at: datetime
    url: str
    verify_url: str


class AppealBrief(BaseModel):
    """An appeal against one service, as the status page shows it."""

    id: str
    service_code: str
    part: str | None = None  # the refused part of a granted decision appealed (unemployed_status), if one
    status: str
    filed_at: datetime
    deadline: date | None  # of the review (or rework) step under way
    outcome: str | None  # upheld | overturned | returned, once reviewed


class ApplicationView(BaseModel):
    id: str
    status: str
    language: str
    submitted_via: str
    created_at: datetime
    updated_at: datetime
    services: list[ServiceView]
    timeline: list[TimelineItem]
    documents: list[DocumentLink]
    appeals: list[AppealBrief] = Field(default_factory=list)


class ApplicationSummary(BaseModel):
    id: str
    status: str
    services: list[str]
    created_at: datetime
    url: str


class ApplicationPage(BaseModel):
    items: list[ApplicationSummary]
    total: int
    limit: int
    offset: int
