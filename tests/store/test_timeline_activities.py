"""The read-model activities the workflows call: idempotent events and statuses.

Called as plain methods with the input the workflow sends (a dict, through pydantic), the way
the worker's thread pool runs them.
"""

from __future__ import annotations

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine
from temporalio.exceptions import ApplicationError

from store import repository
from store.activities import (
    ReadModelActivities,
    RecordEventInput,
    SetApplicationStatusInput,
    SetServiceStatusInput,
)
from store.engine import session_scope
from store.models import TimelineEventPublic

STEP_TITLE = {"kk": "Жеке басын тексеру", "ru": "Проверка личности", "en": "Identity check"}
T0 = datetime(2026, 11, 23, 4, 0, tzinfo=UTC)


@pytest.fixture
def application_id(engine: Engine, iin: str) -> str:
    with session_scope(engine) as session:
        application, _ = repository.create_application(
            session, owner=iin, idempotency_key=str(uuid.uuid4()), request_hash="h", applicant_iin=iin,
            submitted_via="agency:enbek", language="en", services=[("self-employed-registration", {}, None)])
        return application.id


def _event(application_id: str, key: str, kind: str, at: datetime,
           step: str | None = "verify_identity") -> RecordEventInput:
    # As the workflow sends it: a dict with an ISO timestamp.
    return RecordEventInput.model_validate({
        "application_id": application_id, "service_code": "self-employed-registration",
        "event_key": f"{application_id}:{key}", "kind": kind, "step": step, "title": STEP_TITLE,
        "at": at.isoformat()})


def test_a_retried_event_is_written_once_and_the_timeline_is_in_order(engine: Engine, application_id: str) -> None:
    activities = ReadModelActivities(engine)
    activities.record_event(_event(application_id, "done", "step.completed", T0 + timedelta(seconds=5)))
    activities.record_event(_event(application_id, "started", "step.started", T0))
    activities.record_event(_event(application_id, "done", "step.completed", T0 + timedelta(seconds=9)))  # a retry

    barrier = threading.Barrier(6)

    def retry(_: int) -> None:
        barrier.wait()
        activities.record_event(_event(application_id, "decided", "decision", T0 + timedelta(minutes=1), None))

    with ThreadPoolExecutor(max_workers=6) as pool:
        list(pool.map(retry, range(6)))

    with session_scope(engine) as session:
        events = [TimelineEventPublic.model_validate(e) for e in repository.timeline(session, application_id)]
    assert [(e.kind, e.at) for e in events] == [
        ("step.started", T0), ("step.completed", T0 + timedelta(seconds=5)), ("decision", T0 + timedelta(minutes=1))]
    assert events[0].title == STEP_TITLE and events[0].detail == {} and events[0].at.tzinfo is not None


def test_record_event_reports_whether_it_was_new(engine: Engine, application_id: str) -> None:
    with session_scope(engine) as session:
        first = repository.record_event(session, application_id=application_id, event_key=f"{application_id}:x",
                                        kind="notification.sent", title=STEP_TITLE, detail={"channel": "sms"})
        again = repository.record_event(session, application_id=application_id, event_key=f"{application_id}:x",
                                        kind="notification.sent", title=STEP_TITLE)
    assert (first, again) == (True, False)


def test_a_naive_workflow_time_is_taken_as_utc() -> None:
    event = RecordEventInput.model_validate({"application_id": "a", "event_key": "k", "kind": "decision",
                                             "title": STEP_TITLE, "at": "2026-11-23T04:00:00"})
    assert event.at == T0


async def test_statuses_through_the_activities(engine: Engine, application_id: str) -> None:
    activities = ReadModelActivities(engine)
    decision = {"outcome": "refused", "reasons": [{"kk": "...", "ru": "...", "en": "Income too high"}]}
    activities.set_service_status(SetServiceStatusInput(
        application_id=application_id, service_code="self-employed-registration", status="awaiting_officer"))
    activities.set_service_status(SetServiceStatusInput(
        application_id=application_id, service_code="self-employed-registration", status="refused",
        decision=decision))
    activities.set_application_status(SetApplicationStatusInput(application_id=application_id, status="refused"))
    with session_scope(engine) as session:
        (service,) = repository.service_requests(session, application_id)
        application = repository.get_application(session, application_id)
        assert application is not None
    assert (service.status, service.decision, application.status) == ("refused", decision, "refused")
    assert service.started_at is not None and service.completed_at is not None


async def test_a_step_that_cannot_succeed_fails_without_retrying(engine: Engine, application_id: str) -> None:
    activities = ReadModelActivities(engine)
    with pytest.raises(ApplicationError) as missing:
        activities.set_service_status(SetServiceStatusInput(
            application_id=application_id, service_code="no-such-service", status="completed"))
    assert missing.value.non_retryable
    with pytest.raises(ApplicationError) as unknown:
        activities.set_application_status(SetApplicationStatusInput(application_id=application_id, status="lost"))
    assert unknown.value.non_retryable
