"""Temporal activities that write the read model (what status pages read).

They are sync (`def`): the worker runs them in its thread pool, each in its own transaction.
Every write is idempotent, because Temporal retries an activity whose result it did not see:
events by their event_key, statuses by simply setting the same value again.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from pydantic import BaseModel, Field, field_validator
from sqlalchemy import Engine
from temporalio import activity
from temporalio.exceptions import ApplicationError

from store import repository
from store.engine import session_scope


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
        return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value


class SetServiceStatusInput(BaseModel):
    application_id: str
    service_code: str
    status: str
    decision: dict[str, Any] | None = None


class SetApplicationStatusInput(BaseModel):
    application_id: str
    status: str


def _not_retryable(error: Exception) -> ApplicationError:
    # A missing row or an unknown status will not fix itself on retry: fail the step loudly.
    return ApplicationError(str(error), type=type(error).__name__, non_retryable=True)


class ReadModelActivities:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @activity.defn(name="store.record_event")
    def record_event(self, input: RecordEventInput) -> None:
        with session_scope(self.engine) as session:
            repository.record_event(
                session, application_id=input.application_id, service_code=input.service_code,
                event_key=input.event_key, kind=input.kind, step=input.step, title=input.title,
                detail=input.detail, at=input.at)

    @activity.defn(name="store.set_service_status")
    def set_service_status(self, input: SetServiceStatusInput) -> None:
        try:
            with session_scope(self.engine) as session:
                repository.set_service_status(session, input.application_id, input.service_code,
                                              input.status, input.decision)
        except (repository.NotFound, ValueError) as error:
            raise _not_retryable(error) from error

    @activity.defn(name="store.set_application_status")
    def set_application_status(self, input: SetApplicationStatusInput) -> None:
        try:
            with session_scope(self.engine) as session:
                repository.set_application_status(session, input.application_id, input.status)
        except (repository.NotFound, ValueError) as error:
            raise _not_retryable(error) from error


__all__ = ["ReadModelActivities", "RecordEventInput", "SetApplicationStatusInput", "SetServiceStatusInput"]
