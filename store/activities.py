"""Temporal activities that write the read model (what status pages read).

Each owns one unit of work (store.engine.session_scope) in the worker's activity threads,
written as Core statements: on SQLite every other writer (a citizen's submit too) waits while
one of them holds the write lock, and the ORM's unit of work made that hold several times longer.
Every write is idempotent, because Temporal retries an activity whose result it did not see:
events by their event_key, statuses by simply setting the same value again.

Every change of a status and every decision also appends one audit row (store.audit) in the
same transaction. The row is written only when the stored state actually changes, so a
retried activity whose first attempt committed finds nothing to record.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from pydantic import BaseModel, Field, field_validator
from sqlalchemy import Engine
from sqlmodel import Session
from temporalio.exceptions import ApplicationError

from onestop.thread_activity import thread_activity
from services.catalogue import get_service
from store import audit, repository
from store.engine import read_scope, session_scope

# Who the audit trail names for what a workflow did on its own.
SYSTEM_ACTOR = "system"
WORKFLOW_ROLE = "workflow"


class RecordEventInput(BaseModel):
    application_id: str
    service_code: str | None = None
    event_key: str
    kind: str
    step: str | None = None
    title: dict[str, str]
    detail: dict[str, Any] = Field(default_factory=dict)
    at: datetime

    @field_validator("at")
    @classmethod
    def _utc(cls, value: datetime) -> datetime:
        # Workflow time is UTC; a naive value from a careless caller means UTC, not a retry loop.
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value


class SetServiceStatusInput(BaseModel):
    application_id: str
    service_code: str
    status: str
    decision: dict[str, Any] | None = None


class GrantStandingStatusInput(BaseModel):
    iin: str
    status: str
    service_code: str
    application_id: str
    valid_from: date
    valid_until: date | None = None


class StandingStatusInput(BaseModel):
    iin: str
    status: str
    on: date


class StandingStatusFound(BaseModel):
    found: bool
    service_code: str | None = None
    application_id: str | None = None
    valid_until: date | None = None


class ConcernedInput(BaseModel):
    iins: list[str]


class Concerned(BaseModel):
    services: list[tuple[str, str]]  # (application id, service code)


class SetApplicationStatusInput(BaseModel):
    application_id: str
    status: str


def _not_retryable(error: Exception) -> ApplicationError:
    # A missing row or an unknown status will not fix itself on retry: fail the step loudly.
    return ApplicationError(str(error), type=type(error).__name__, non_retryable=True)


def service_agency(service_code: str) -> str | None:
    """The agency that decides this service: the one whose supervisors read its audit trail."""
    spec = get_service(service_code)
    return spec.agency if spec is not None else None


def _application_agency(service_codes: list[str]) -> str | None:
    # An application spanning several agencies belongs to none of them alone.
    agencies = {service_agency(code) for code in service_codes}
    return agencies.pop() if len(agencies) == 1 else None


def _outcome(decision: dict[str, Any] | None) -> str | None:
    outcome = decision.get("outcome") if decision else None
    return str(outcome) if outcome is not None else None


class ReadModelActivities:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        audit.mac_key()  # a worker without the audit key refuses to start, not to append

    @thread_activity("store.record_event")
    def record_event(self, input: RecordEventInput) -> None:
        with session_scope(self.engine) as session:
            repository.record_event(
                session.connection(), application_id=input.application_id, service_code=input.service_code,
                event_key=input.event_key, kind=input.kind, step=input.step, title=input.title,
                detail=input.detail, at=input.at)

    @thread_activity("store.set_service_status")
    def set_service_status(self, input: SetServiceStatusInput) -> None:
        with session_scope(self.engine) as session:
            _move_service(session, input)

    @thread_activity("store.grant_standing_status")
    def grant_standing_status(self, input: GrantStandingStatusInput) -> None:
        with session_scope(self.engine) as session:
            repository.grant_standing_status(session.connection(), **input.model_dump())

    @thread_activity("store.standing_status")
    def standing_status(self, input: StandingStatusInput) -> StandingStatusFound:
        """Whether the person holds the status that day, from an earlier (or this) application."""
        with read_scope(self.engine) as session:
            grant = repository.standing_status(session, input.iin, input.status, input.on)
        if grant is None:
            return StandingStatusFound(found=False)
        return StandingStatusFound(found=True, service_code=grant.service_code, application_id=grant.application_id,
                                   valid_until=grant.valid_until)

    @thread_activity("store.decided_services_of")
    def decided_services_of(self, input: ConcernedInput) -> Concerned:
        with read_scope(self.engine) as session:
            return Concerned(services=repository.decided_services_of(session, input.iins))

    @thread_activity("store.set_application_status")
    def set_application_status(self, input: SetApplicationStatusInput) -> None:
        with session_scope(self.engine) as session:
            _move_application(session, input)


def _move_service(session: Session, input: SetServiceStatusInput) -> None:
    try:
        connection = session.connection()
        old, new = repository.move_service(connection, input.application_id, input.service_code,
                                           input.status, input.decision)
        before = {"service_code": input.service_code, "status": old.status, "outcome": _outcome(old.decision)}
        after = {"service_code": input.service_code, "status": new.status, "outcome": _outcome(new.decision)}
        decided = input.decision is not None and input.decision != old.decision
        if decided or before != after:
            audit.append(connection, actor=SYSTEM_ACTOR, actor_role=WORKFLOW_ROLE,
                         action="service.decided" if decided else "service.status_changed",
                         object_type="application", object_id=input.application_id,
                         agency=service_agency(input.service_code), before=before, after=after)
    except (repository.NotFound, ValueError) as error:
        raise _not_retryable(error) from error


def _move_application(session: Session, input: SetApplicationStatusInput) -> None:
    try:
        connection = session.connection()
        before = repository.move_application(connection, input.application_id, input.status)
        if before != input.status:
            audit.append(connection, actor=SYSTEM_ACTOR, actor_role=WORKFLOW_ROLE,
                         action="application.status_changed", object_type="application",
                         object_id=input.application_id,
                         agency=_application_agency(repository.service_codes(connection, input.application_id)),
                         before={"status": before}, after={"status": input.status})
    except (repository.NotFound, ValueError) as error:
        raise _not_retryable(error) from error


__all__ = ["SYSTEM_ACTOR", "WORKFLOW_ROLE", "Concerned", "ConcernedInput", "GrantStandingStatusInput",
           "ReadModelActivities", "RecordEventInput",
           "SetApplicationStatusInput", "StandingStatusFound", "StandingStatusInput",
           "SetServiceStatusInput", "service_agency"]
