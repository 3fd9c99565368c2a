"""Inputs and results of the workflows: one model each, so a field can be added later."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, Field

APPLICATION_WORKFLOW = "Application"


def application_workflow_id(application_id: str) -> str:
    """Workflow ids carry the business key only: Temporal stores them in plain text."""
    return f"application-{application_id}"


def service_workflow_id(application_id: str, service_code: str) -> str:
    return f"application-{application_id}-{service_code}"


class ServiceOrder(BaseModel):
    code: str
    answers: dict[str, Any] = Field(default_factory=dict)


class ApplicationInput(BaseModel):
    application_id: str
    applicant_iin: str
    language: Literal["kk", "ru", "en"] = "kk"
    services: list[ServiceOrder]
    submitted_on: date
    # "portal" or "agency:<client_id>": an agency's application tells that client of each status change.
    submitted_via: str = "portal"


class ServiceInput(BaseModel):
    application_id: str
    service_code: str
    applicant_iin: str
    language: Literal["kk", "ru", "en"] = "kk"
    answers: dict[str, Any]
    submitted_on: date
    # Set when an appeal overturned (or a rework approved) the first decision: the service runs again
    # from the decision step, past the checks that refused. Runs from before appeals never carry it.
    overturned_by_appeal: str | None = None


ServiceStatus = Literal["completed", "refused", "failed", "withdrawn"]


class ServiceOutcome(BaseModel):
    service_code: str
    status: ServiceStatus
    reason_codes: list[str] = Field(default_factory=list)
    document_id: str | None = None


class ApplicationOutcome(BaseModel):
    application_id: str
    status: str
    services: list[ServiceOutcome]
