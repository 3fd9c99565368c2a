"""Inputs and results of the workflows: one model each, so a field can be added later.

They live here, not beside their workflow: the sandbox imports a workflow's own module afresh for every run,
and a pydantic model defined there would have its validators built again each time (~0.3 ms a model).
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, Field

APPLICATION_WORKFLOW = "Application"
# A long-running service tells its application its decision by this signal, and goes on.
SERVICE_DECIDED_SIGNAL = "service_decided"


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
    # The contact for notices ({"phone": ..., "email": ...}), the application's, not one service's.
    contact: dict[str, str] | None = None


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
    # With it: the decision the run replaces, for what stands of it (a plan set after it, say).
    first_decision: dict[str, Any] | None = None
    # The application's contact for notices ({"phone": ..., "email": ...}); runs from before it read the answers.
    contact: dict[str, str] | None = None
    # For a long-running service: the workflow (its application's, or the appeal's that runs it again) it
    # signals its decision to, before it goes on.
    report_to: str | None = None
    # A long-running service continued-as-new (each month paid): the state it carries into its next run,
    # its own model dumped; None on the first run.
    resume: dict[str, Any] | None = None


# "decided": a long-running service granted and still running (paying): the application counts it as done.
ServiceStatus = Literal["completed", "refused", "failed", "withdrawn", "decided"]


class ServiceOutcome(BaseModel):
    service_code: str
    status: ServiceStatus
    reason_codes: list[str] = Field(default_factory=list)
    document_id: str | None = None
    # Standing statuses the service granted the applicant ("unemployed-status-granted"): what dependants need.
    granted: list[str] = Field(default_factory=list)


class ApplicationOutcome(BaseModel):
    application_id: str
    status: str
    services: list[ServiceOutcome]


class WithdrawInput(BaseModel):
    reason: str | None = None
    actor: str = ""  # the applicant, from the token
    signature: str = ""  # the portal's JWS over the withdrawal (onestop/action_signing.py)


class WithdrawResult(BaseModel):
    services: list[str]  # the services told to stop
