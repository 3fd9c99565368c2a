"""Queries of the agency side: webhook subscriptions, their deliveries, and applications a client started.

Functions take a Session and never commit: the caller's `session_scope` owns the transaction.
A delivery is keyed by its event id, so an activity retried after its write succeeded, or a
delivery workflow started twice, still makes one row.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from store.models import Application, new_id
from store.repository import _insert_ignoring_duplicates
from store.types import utcnow
from store.workbench import WebhookDelivery, WebhookSubscription

AGENCY_PREFIX = "agency:"


def submitted_via_agency(client_id: str) -> str:
    """The `submitted_via` of an application an agency client started."""
    return f"{AGENCY_PREFIX}{client_id}"


def client_of(submitted_via: str) -> str | None:
    """The client id of an application started through the agency API; None for the portal's."""
    return submitted_via[len(AGENCY_PREFIX):] if submitted_via.startswith(AGENCY_PREFIX) else None


# --- applications a client started --------------------------------------------------------

def applications_started_by(session: Session, client_id: str, limit: int = 20,
                            offset: int = 0) -> tuple[list[Application], int]:
    via = submitted_via_agency(client_id)
    total = session.exec(select(func.count()).select_from(Application)
                         .where(Application.submitted_via == via)).one()
    rows = session.exec(select(Application).where(Application.submitted_via == via)
                        .order_by(col(Application.created_at).desc(), col(Application.id).desc())
                        .limit(limit).offset(offset)).all()
    return list(rows), int(total)


# --- subscriptions ------------------------------------------------------------------------

def subscription_of(session: Session, client_id: str) -> WebhookSubscription | None:
    return session.exec(select(WebhookSubscription).where(WebhookSubscription.client_id == client_id)).first()


def register_subscription(session: Session, client_id: str, url: str, secret: str) -> WebhookSubscription:
    """The client's one subscription, created or replaced (new URL, new secret, sealed by the caller:
    onestop/webhook_secrets.py)."""
    now = utcnow()
    subscription = subscription_of(session, client_id)
    if subscription is None:
        subscription = WebhookSubscription(client_id=client_id, url=url, secret=secret, active=True,
                                           created_at=now, updated_at=now)
    else:
        subscription.url, subscription.secret, subscription.active, subscription.updated_at = url, secret, True, now
    session.add(subscription)
    session.flush()
    return subscription


# --- deliveries ---------------------------------------------------------------------------

def add_delivery(session: Session, *, event_id: str, client_id: str, application_id: str, event_type: str,
                 payload: dict[str, Any]) -> WebhookDelivery:
    """The delivery of `event_id`, stored once: a repeat returns the first row unchanged."""
    _insert_ignoring_duplicates(session, WebhookDelivery, {
        "id": new_id(), "event_id": event_id, "client_id": client_id, "application_id": application_id,
        "event_type": event_type, "payload": payload, "status": "pending", "attempts": 0,
        "created_at": utcnow(),
    }, "event_id")
    delivery = delivery_by_event(session, event_id)
    assert delivery is not None  # inserted now or before, in this transaction's view
    return delivery


def delivery_by_event(session: Session, event_id: str) -> WebhookDelivery | None:
    return session.exec(select(WebhookDelivery).where(WebhookDelivery.event_id == event_id)).first()


def record_attempt(session: Session, event_id: str, *, status_code: int | None, error: str | None,
                   delivered: bool, at: datetime | None = None) -> WebhookDelivery:
    """Count one attempt and its outcome. A delivered event stays delivered."""
    delivery = delivery_by_event(session, event_id)
    if delivery is None:
        raise LookupError(f"no delivery for event {event_id}")
    delivery.attempts += 1
    delivery.last_status_code = status_code
    delivery.last_error = error
    if delivered:
        delivery.status = "delivered"
        delivery.delivered_at = at or utcnow()
    session.add(delivery)
    session.flush()
    return delivery


def mark_failed(session: Session, event_id: str, reason: str) -> WebhookDelivery | None:
    """Every attempt allowed was made: the event is recorded as failed (unless it got through)."""
    delivery = delivery_by_event(session, event_id)
    if delivery is None or delivery.status == "delivered":
        return delivery
    delivery.status = "failed"
    delivery.last_error = reason
    session.add(delivery)
    session.flush()
    return delivery


def deliveries_of(session: Session, client_id: str, *, application_id: str | None = None, limit: int = 50,
                  offset: int = 0) -> tuple[list[WebhookDelivery], int]:
    """One page of a client's deliveries, newest first, and how many there are."""
    where = [WebhookDelivery.client_id == client_id]
    if application_id is not None:
        where.append(WebhookDelivery.application_id == application_id)
    total = session.exec(select(func.count()).select_from(WebhookDelivery).where(*where)).one()
    rows = session.exec(select(WebhookDelivery).where(*where)
                        .order_by(col(WebhookDelivery.created_at).desc(), col(WebhookDelivery.id).desc())
                        .limit(limit).offset(offset)).all()
    return list(rows), int(total)


__all__ = ["AGENCY_PREFIX", "add_delivery", "applications_started_by", "client_of", "deliveries_of",
           "delivery_by_event", "mark_failed", "record_attempt", "register_subscription", "submitted_via_agency",
           "subscription_of"]
