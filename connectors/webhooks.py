"""Webhook delivery: the activities that store an agency's event once and POST it, signed.

The receiver is another state system's HTTP endpoint, treated like a registry: any answer
but 2xx, a timeout or a refused connection is retryable, and Temporal retries the activity
with backoff (workflows/webhooks.py sets the policy from policies/parameters/webhooks/).
Each attempt is counted in webhook_deliveries, with its status code, before the activity
reports back, so the list a client reads shows what really happened.

The client connects only to public addresses, checked as it connects (connectors/egress.py):
an address refused there ends the delivery at once, before any packet is sent. The errors
recorded say what kind of failure it was, never the internals of the network they met.

At-least-once: a worker that dies after the receiver said 200 but before the attempt was
recorded sends the event again. Receivers deduplicate on the `Onestop-Event-Id` header.
"""

from __future__ import annotations

import json
import time
from datetime import UTC, date, datetime
from typing import Any

import httpx
from pydantic import BaseModel, field_validator
from sqlalchemy import Engine
from temporalio import activity
from temporalio.exceptions import ApplicationError

from connectors.egress import DestinationRefused, Destinations, guarded_client
from onestop.settings import Settings, get_settings
from onestop.thread_activity import thread_activity
from onestop.webhook_secrets import SecretUnreadable, secrets_for
from policies.parameters import value
from portal.agency.signatures import EVENT_ID_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, signature_header
from store import repository, webhooks
from store.engine import session_scope

EVENT_TYPE = "application.status_changed"
NOT_DELIVERED = "WebhookNotDelivered"
DESTINATION_REFUSED = "WebhookDestinationRefused"
_TIMEOUT = httpx.Timeout(10.0)


class WebhookEventInput(BaseModel):
    event_id: str
    client_id: str
    application_id: str
    status: str
    occurred_at: datetime

    @field_validator("occurred_at")
    @classmethod
    def _utc(cls, at: datetime) -> datetime:
        return at.replace(tzinfo=UTC) if at.tzinfo is None else at


class DeliveryPlan(BaseModel):
    """What prepare found: whether anyone listens, and how hard to try."""

    deliver: bool
    maximum_attempts: int = 12
    initial_interval_seconds: float = 1.0
    maximum_interval_seconds: float = 600.0


class DeliverInput(BaseModel):
    event_id: str


class DeliverResult(BaseModel):
    status_code: int | None
    attempts: int


class MarkFailedInput(BaseModel):
    event_id: str
    reason: str


class DeliveryOutcome(BaseModel):
    event_id: str
    status: str  # "delivered" | "failed" | "no_subscription"
    attempts: int = 0


def event_body(payload: dict[str, Any]) -> bytes:
    """The exact bytes sent and signed: the same on every attempt of one event."""
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def webhook_destinations(settings: Settings) -> Destinations:
    """Public addresses only, in development too; plain http only there."""
    return Destinations(allowed_hosts=frozenset(settings.webhook_allowed_host_list),
                        require_https=settings.environment != "development")


def _failure(exc: httpx.HTTPError) -> str:
    """A fixed wording per kind of failure: an exception's text can name internal hosts and ports."""
    if isinstance(exc, httpx.TimeoutException):
        return "the receiver did not answer in time"
    if isinstance(exc, httpx.ConnectError):
        return "the receiver could not be connected to"
    return "the request to the receiver failed"


def retry_plan(on: date) -> DeliveryPlan:
    return DeliveryPlan(
        deliver=True, maximum_attempts=int(value("webhooks.maximum_attempts", on)),
        initial_interval_seconds=float(value("webhooks.initial_interval_seconds", on)),
        maximum_interval_seconds=float(value("webhooks.maximum_interval_seconds", on)))


class WebhookActivities:
    """Sync activities (the worker's thread pool): a database session and a blocking HTTP call each."""

    def __init__(self, engine: Engine, http: httpx.Client | None = None, settings: Settings | None = None) -> None:
        self.engine = engine
        self.http = http or guarded_client(webhook_destinations(settings or get_settings()), _TIMEOUT)
        self.secrets = secrets_for(settings or get_settings())

    def close(self) -> None:
        self.http.close()

    @thread_activity("webhooks.prepare")
    def prepare(self, input: WebhookEventInput) -> DeliveryPlan:
        with session_scope(self.engine) as session:
            if webhooks.subscription_of(session, input.client_id) is None:
                return DeliveryPlan(deliver=False)
            services = repository.service_requests(session, input.application_id)
            payload = {
                "event_id": input.event_id, "type": EVENT_TYPE, "application_id": input.application_id,
                "status": input.status,
                "services": [{"code": s.service_code, "status": s.status} for s in services],
                "occurred_at": input.occurred_at.isoformat(),
            }
            webhooks.add_delivery(session, event_id=input.event_id, client_id=input.client_id,
                                  application_id=input.application_id, event_type=EVENT_TYPE, payload=payload)
        return retry_plan(input.occurred_at.date())

    @thread_activity("webhooks.deliver")
    def deliver(self, input: DeliverInput) -> DeliverResult:
        with session_scope(self.engine) as session:
            delivery = webhooks.delivery_by_event(session, input.event_id)
            if delivery is None:
                raise ApplicationError("no such delivery", type="DeliveryMissing", non_retryable=True)
            if delivery.status == "delivered":  # a retried activity after the receiver took it
                return DeliverResult(status_code=delivery.last_status_code, attempts=delivery.attempts)
            subscription = webhooks.subscription_of(session, delivery.client_id)
            if subscription is None or not subscription.active:
                raise ApplicationError("the client has no webhook any more", type="NoSubscription",
                                       non_retryable=True)
            url, body = subscription.url, event_body(delivery.payload)
            try:
                secret = self.secrets.open(delivery.client_id, subscription.secret)
            except SecretUnreadable as exc:  # no retry opens it: a key is missing, or the row was altered
                raise ApplicationError(str(exc), type="WebhookSecretUnreadable", non_retryable=True) from exc
        timestamp = int(time.time())
        headers = {"Content-Type": "application/json", EVENT_ID_HEADER: input.event_id,
                   TIMESTAMP_HEADER: str(timestamp), SIGNATURE_HEADER: signature_header(secret, timestamp, body),
                   "User-Agent": "onestop-webhooks/1"}
        status_code: int | None = None
        error: str | None = None
        refused = False
        try:
            response = self.http.post(url, content=body, headers=headers)
            status_code = response.status_code
            if not 200 <= status_code < 300:
                error = f"the receiver answered {status_code}"
        except DestinationRefused as exc:
            error, refused = f"the receiver's address is not allowed: {exc.reason}", True
        except httpx.HTTPError as exc:
            error = _failure(exc)
        with session_scope(self.engine) as session:
            recorded = webhooks.record_attempt(session, input.event_id, status_code=status_code, error=error,
                                               delivered=error is None)
            attempts = recorded.attempts
        if error is not None:
            activity.logger.info("webhook attempt %d not delivered: %s", attempts, error)
            # A refused address is not retried: the next attempt would be refused the same way.
            raise ApplicationError(error, type=DESTINATION_REFUSED if refused else NOT_DELIVERED,
                                   non_retryable=refused)
        return DeliverResult(status_code=status_code, attempts=attempts)

    @thread_activity("webhooks.mark_failed")
    def mark_failed(self, input: MarkFailedInput) -> None:
        with session_scope(self.engine) as session:
            webhooks.mark_failed(session, input.event_id, input.reason)

    def all(self) -> list[Any]:
        return [self.prepare, self.deliver, self.mark_failed]


__all__ = ["DeliverInput", "DeliverResult", "DeliveryOutcome", "DeliveryPlan", "EVENT_TYPE", "MarkFailedInput",
           "WebhookActivities", "WebhookEventInput", "event_body", "retry_plan", "webhook_destinations"]
