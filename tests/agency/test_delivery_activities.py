"""The delivery activities against the real database, with the receiver as an httpx.MockTransport.

Each attempt is counted with its status code; a 2xx marks the event delivered once; anything
else is a retryable error; a repeat of a stored event changes nothing.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime

import httpx
import pytest
from sqlalchemy import Engine
from temporalio.exceptions import ApplicationError
from temporalio.testing import ActivityEnvironment

from connectors.webhooks import (
    DeliverInput,
    MarkFailedInput,
    WebhookActivities,
    WebhookEventInput,
    event_body,
    retry_plan,
)
from policies.iin import complete
from portal.agency.signatures import new_secret, verify_signature
from store import repository, webhooks
from store.engine import get_engine, session_scope
from tests.support.receiver import sealed

CODE = "self-employed-registration"


@pytest.fixture(scope="module")
def engine(database_url: str) -> Engine:
    return get_engine(database_url)


@pytest.fixture
def client_id() -> str:
    return f"test-client-{uuid.uuid4().hex[:8]}"


@pytest.fixture
def application_id(engine: Engine, client_id: str) -> str:
    iin = complete("85071530012") or "850715300122"
    with session_scope(engine) as session:
        application, _ = repository.create_application(
            session, owner=client_id, idempotency_key=str(uuid.uuid4()), request_hash="h", applicant_iin=iin,
            submitted_via=webhooks.submitted_via_agency(client_id), language="en",
            services=[(CODE, {}, date(2026, 12, 1))])
        return application.id


class Receiver:
    """Answers each request with the next status of a script, and keeps what it was sent."""

    def __init__(self, statuses: list[int]) -> None:
        self.statuses = statuses
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        status = self.statuses[min(len(self.requests), len(self.statuses)) - 1]
        return httpx.Response(status)


@pytest.fixture
def secret(engine: Engine, client_id: str) -> Iterator[str]:
    secret = new_secret()
    with session_scope(engine) as session:
        webhooks.register_subscription(session, client_id, "http://receiver.test/hook", sealed(client_id, secret))
    yield secret


def _event(application_id: str, client_id: str) -> WebhookEventInput:
    return WebhookEventInput(event_id=f"{application_id}:completed:2", client_id=client_id,
                             application_id=application_id, status="completed",
                             occurred_at=datetime(2026, 11, 23, 10, tzinfo=UTC))


def test_prepare_stores_the_event_once_with_the_services_and_the_retry_parameters(
        engine: Engine, application_id: str, client_id: str, secret: str) -> None:
    activities = WebhookActivities(engine, httpx.Client(transport=httpx.MockTransport(Receiver([200]))))
    env = ActivityEnvironment()
    plan = env.run(activities.prepare, _event(application_id, client_id))
    again = env.run(activities.prepare, _event(application_id, client_id))
    assert plan == again and plan.deliver
    assert (plan.maximum_attempts, plan.initial_interval_seconds, plan.maximum_interval_seconds) == (12, 1, 600)
    assert plan == retry_plan(date(2026, 11, 23))
    with session_scope(engine) as session:
        rows, total = webhooks.deliveries_of(session, client_id)
        assert total == 1
        payload = rows[0].payload
    assert payload["type"] == "application.status_changed" and payload["status"] == "completed"
    assert payload["services"] == [{"code": CODE, "status": "pending"}]
    assert payload["event_id"] == f"{application_id}:completed:2"


def test_no_subscription_means_nothing_to_deliver(engine: Engine, application_id: str, client_id: str) -> None:
    activities = WebhookActivities(engine, httpx.Client(transport=httpx.MockTransport(Receiver([200]))))
    plan = ActivityEnvironment().run(activities.prepare, _event(application_id, client_id))
    assert plan.deliver is False
    with session_scope(engine) as session:
        assert webhooks.deliveries_of(session, client_id)[1] == 0


def test_failed_attempts_are_counted_and_retryable_then_one_success_delivers(
        engine: Engine, application_id: str, client_id: str, secret: str) -> None:
    receiver = Receiver([500, 503, 404, 200, 200])
    activities = WebhookActivities(engine, httpx.Client(transport=httpx.MockTransport(receiver)))
    env = ActivityEnvironment()
    event = _event(application_id, client_id)
    env.run(activities.prepare, event)
    for expected in (500, 503, 404):
        with pytest.raises(ApplicationError) as raised:
            env.run(activities.deliver, DeliverInput(event_id=event.event_id))
        assert not raised.value.non_retryable and str(expected) in str(raised.value)
    result = env.run(activities.deliver, DeliverInput(event_id=event.event_id))
    assert (result.status_code, result.attempts) == (200, 4)
    # a retry of an activity whose success was not reported sends nothing more
    assert env.run(activities.deliver, DeliverInput(event_id=event.event_id)).attempts == 4
    assert len(receiver.requests) == 4
    with session_scope(engine) as session:
        delivery = webhooks.delivery_by_event(session, event.event_id)
        assert delivery is not None
        assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("delivered", 4, 200)
        assert delivery.delivered_at is not None and delivery.last_error is None
        stored_payload = delivery.payload
    sent = receiver.requests[-1]
    assert sent.headers["onestop-event-id"] == event.event_id
    assert sent.content == event_body(stored_payload) and json.loads(sent.content)["status"] == "completed"
    assert sent.headers["onestop-signature"].startswith(f"t={sent.headers['onestop-timestamp']},v1=")
    assert verify_signature(secret, sent.headers["onestop-signature"], sent.content, tolerance_s=60)
    assert not verify_signature(secret, sent.headers["onestop-signature"], sent.content + b" ", tolerance_s=60)


def test_an_unreachable_receiver_is_an_attempt_without_status_and_the_limit_marks_it_failed(
        engine: Engine, application_id: str, client_id: str, secret: str) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    activities = WebhookActivities(engine, httpx.Client(transport=httpx.MockTransport(refuse)))
    env = ActivityEnvironment()
    event = _event(application_id, client_id)
    env.run(activities.prepare, event)
    with pytest.raises(ApplicationError):
        env.run(activities.deliver, DeliverInput(event_id=event.event_id))
    env.run(activities.mark_failed, MarkFailedInput(event_id=event.event_id, reason="12 attempts"))
    with session_scope(engine) as session:
        delivery = webhooks.delivery_by_event(session, event.event_id)
        assert delivery is not None
        assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("failed", 1, None)
        assert delivery.last_error == "12 attempts"
