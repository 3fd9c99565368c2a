"""Appeals against decided services: every query of the `appeals` table, and the activity the
appeal workflow writes it with.

Filing is one transaction: the service moves from its decided status to "under_appeal" by a
compare-and-set (so two appeals filed at the same moment cannot both pass), the appeal row, the
timeline event and the audit row go in together. Later changes come from AppealWorkflow through
the local activity "appeals.record", idempotent by the appeal's status: a retried activity whose
change is in already finds nothing to do and writes no second audit row.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from pydantic import BaseModel, field_validator
from sqlalchemy import Engine, update
from sqlmodel import Session, col, select
from temporalio.exceptions import ApplicationError

from onestop.thread_activity import thread_activity
from services.application_status import application_status
from store import audit, repository, webhooks
from store.activities import service_agency
from store.engine import read_scope, session_scope
from store.models import SERVICE_DONE_STATUSES, Application, ServiceRequest
from store.types import utcnow
from store.workbench import Appeal, Task

# A service can be appealed once it is decided either way.
DECIDED_STATUSES: tuple[str, ...] = ("completed", "refused")
# An appeal still being worked on: no second one for the same service meanwhile.
OPEN_APPEAL_STATUSES: tuple[str, ...] = ("filed", "under_review")
OUTCOMES: tuple[str, ...] = ("upheld", "overturned", "returned")


class NotDecided(Exception):
    """The service is not (or no longer) in a decided status: nothing was written."""


def appeal_workflow_id(appeal_id: str) -> str:
    # The business key only: ids are stored in plain text by Temporal.
    return f"appeal-{appeal_id}"


# --- queries ------------------------------------------------------------------------------

def get_appeal(session: Session, appeal_id: str) -> Appeal | None:
    return session.get(Appeal, appeal_id)


def appeals_of(session: Session, application_id: str) -> list[Appeal]:
    return list(session.exec(select(Appeal).where(Appeal.application_id == application_id)
                             .order_by(col(Appeal.filed_at), col(Appeal.id))).all())


def open_appeal(session: Session, application_id: str, service_code: str) -> Appeal | None:
    return session.exec(select(Appeal).where(Appeal.application_id == application_id,
                                             Appeal.service_code == service_code,
                                             col(Appeal.status).in_(OPEN_APPEAL_STATUSES))).first()


def step_deadlines(session: Session, appeals: list[Appeal]) -> dict[str, date]:
    """The deadline of each appeal's current step: its open task, else its latest task."""
    if not appeals:
        return {}
    by_workflow = {a.workflow_id: a.id for a in appeals}
    tasks = session.exec(select(Task).where(col(Task.workflow_id).in_(list(by_workflow)))
                         .order_by(col(Task.created_at), col(Task.id))).all()
    deadlines: dict[str, date] = {}
    open_ones: set[str] = set()
    for task in tasks:
        appeal_id = by_workflow[task.workflow_id]
        if appeal_id in open_ones:
            continue
        deadlines[appeal_id] = task.deadline
        if task.status not in ("completed", "cancelled"):
            open_ones.add(appeal_id)
    return deadlines


def with_deadlines(session: Session, application_id: str) -> list[tuple[Appeal, date | None]]:
    """The application's appeals, oldest first, each with the deadline of its current step."""
    appeals = appeals_of(session, application_id)
    deadlines = step_deadlines(session, appeals)
    return [(a, deadlines.get(a.id)) for a in appeals]


def _snapshot(appeal: Appeal) -> dict[str, Any]:
    return {"service_code": appeal.service_code, "status": appeal.status, "reviewer": appeal.reviewer}


# --- filing -------------------------------------------------------------------------------

def file_appeal(session: Session, *, appeal_id: str, application_id: str, service_code: str, grounds: str,
                filed_by: str, first_decided_by: str | None, title: dict[str, str],
                part: str | None = None, acting_for: str | None = None) -> Appeal:
    """Store a filed appeal and put the service under appeal, in the caller's transaction; ``part``, the
    refused part of a granted decision appealed, goes into the filing's event; ``acting_for``, the business
    whose head ``filed_by`` appealed for it, into the audit row."""
    request = repository.get_service_request(session, application_id, service_code)
    if request is None:
        raise NotDecided(service_code)
    decided_status = request.status
    moved = session.execute(
        update(ServiceRequest)
        .where(col(ServiceRequest.id) == request.id, col(ServiceRequest.status).in_(DECIDED_STATUSES))
        .values(status="under_appeal", completed_at=None))
    if moved.rowcount != 1:  # type: ignore[attr-defined]
        raise NotDecided(service_code)
    session.expire(request)
    now = utcnow()
    appeal = Appeal(id=appeal_id, application_id=application_id, service_code=service_code, grounds=grounds,
                    status="filed", workflow_id=appeal_workflow_id(appeal_id), first_decided_by=first_decided_by,
                    filed_by=filed_by, filed_at=now)
    session.add(appeal)
    application = session.get(Application, application_id)
    assert application is not None
    before_status = application.status
    application.status, application.updated_at = "in_progress", now
    session.add(application)
    session.flush()
    repository.record_event(session, application_id=application_id, service_code=service_code,
                            event_key=f"{application_id}:{service_code}:appeal:{appeal_id}:filed",
                            kind="appeal.filed", title=title,
                            detail={"appeal_id": appeal_id, "decided_status": decided_status,
                                    **({"part": part} if part else {})}, at=now)
    audit.append(session, actor=filed_by, actor_role="citizen", action="appeal.filed", object_type="appeal",
                 object_id=appeal_id, agency=service_agency(service_code),
                 before={"service_code": service_code, "service_status": decided_status,
                         "application_status": before_status},
                 after={**_snapshot(appeal), "service_status": "under_appeal", "application_status": "in_progress",
                        **({"acting_for": acting_for} if acting_for else {})})
    return appeal


def withdraw_filing(session: Session, appeal_id: str, decided_status: str, application_status: str) -> None:
    """Undo a filing whose workflow could not be started: the service is decided as before."""
    appeal = session.get(Appeal, appeal_id)
    if appeal is None or appeal.status != "filed":
        return
    appeal.status = "cancelled"
    session.add(appeal)
    repository.move_service(session, appeal.application_id, appeal.service_code, decided_status)
    application = session.get(Application, appeal.application_id)
    if application is not None:
        application.status = application_status
        session.add(application)
    session.flush()
    audit.append(session, actor="system", actor_role="system", action="appeal.cancelled", object_type="appeal",
                 object_id=appeal_id, agency=service_agency(appeal.service_code), before={"status": "filed"},
                 after={"status": "cancelled", "why": "workflow not started"})


def overall_status(statuses: list[str]) -> str | None:
    """The application's status from its services' (as the application workflow decides it); None if open."""
    if not statuses or any(s not in SERVICE_DONE_STATUSES for s in statuses):
        return None
    return application_status(statuses)


# --- the activity -------------------------------------------------------------------------

class RecordAppealInput(BaseModel):
    appeal_id: str
    status: str
    at: datetime
    reviewer: str | None = None
    comment: str | None = None
    event: dict[str, Any] | None = None  # {kind, title, detail}: what the applicant sees of this step
    settle_application: bool = False  # the service is decided again: the application's status follows

    @field_validator("at")
    @classmethod
    def _aware(cls, value: datetime) -> datetime:
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value


def record_change(session: Session, input: RecordAppealInput) -> Appeal:
    appeal = session.get(Appeal, input.appeal_id)
    if appeal is None:
        raise repository.NotFound(f"appeal {input.appeal_id} not found")
    if appeal.status != input.status:
        before = _snapshot(appeal)
        appeal.status = input.status
        if input.reviewer is not None:
            appeal.reviewer = input.reviewer
        if input.comment is not None:
            appeal.outcome_comment = input.comment
        if input.status in OUTCOMES:
            appeal.decided_at = input.at
        session.add(appeal)
        session.flush()
        audit.append(session, actor=input.reviewer or "system", actor_role="supervisor" if input.reviewer else "system",
                     action=f"appeal.{input.status}", object_type="appeal", object_id=appeal.id,
                     agency=service_agency(appeal.service_code), before=before, after=_snapshot(appeal))
    if input.event:
        repository.record_event(
            session, application_id=appeal.application_id, service_code=appeal.service_code,
            event_key=f"{appeal.application_id}:{appeal.service_code}:appeal:{appeal.id}:{input.event['kind']}",
            kind=input.event["kind"], title=input.event["title"],
            detail={"appeal_id": appeal.id, **input.event.get("detail", {})}, at=input.at)
    if input.settle_application:
        _settle(session, appeal)
    return appeal


def _settle(session: Session, appeal: Appeal) -> None:
    application = session.get(Application, appeal.application_id)
    if application is None:
        return
    status = overall_status([r.status for r in repository.service_requests(session, appeal.application_id)])
    if status is None or status == application.status:
        return
    before = application.status
    repository.move_application(session, application.id, status)
    audit.append(session, actor="system", actor_role="workflow", action="application.status_changed",
                 object_type="application", object_id=application.id, agency=service_agency(appeal.service_code),
                 before={"status": before}, after={"status": status, "appeal_id": appeal.id})


class ApplicationStateInput(BaseModel):
    application_id: str


class ApplicationState(BaseModel):
    """What the appeal workflow needs to tell an agency of the application's status."""

    status: str
    agency_client: str | None = None  # the agency client that started the application; None: the portal


def application_state(session: Session, application_id: str) -> ApplicationState:
    application = session.get(Application, application_id)
    if application is None:
        raise repository.NotFound(f"application {application_id} not found")
    return ApplicationState(status=application.status, agency_client=webhooks.client_of(application.submitted_via))


class AppealActivities:
    """Local activities of AppealWorkflow (workflows/appeal.py)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @thread_activity("appeals.record")
    def record(self, input: RecordAppealInput) -> str:
        try:
            with session_scope(self.engine) as session:
                return record_change(session, input).status
        except repository.NotFound as error:  # will not fix itself on retry
            raise ApplicationError(str(error), type="AppealMissing", non_retryable=True) from error

    @thread_activity("appeals.application_state")
    def application_state(self, input: ApplicationStateInput) -> ApplicationState:
        try:
            with read_scope(self.engine) as session:  # a read: no write lock on SQLite
                return application_state(session, input.application_id)
        except repository.NotFound as error:  # will not fix itself on retry
            raise ApplicationError(str(error), type="ApplicationMissing", non_retryable=True) from error

    def all(self) -> list:
        return [self.record, self.application_state]


__all__ = [
    "DECIDED_STATUSES", "OPEN_APPEAL_STATUSES", "OUTCOMES", "AppealActivities", "ApplicationState",
    "ApplicationStateInput", "NotDecided", "RecordAppealInput", "appeal_workflow_id", "application_state", "appeals_of",
    "file_appeal", "get_appeal", "open_appeal", "overall_status", "record_change", "step_deadlines", "with_deadlines",
    "withdraw_filing",
]
