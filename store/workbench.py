"""Tables of the civil servants' workbench and of what other systems hear and audit.

    Task                 a step that needs a person, routed to an agency + region queue
    Appeal               a citizen's appeal against a decided service, reviewed four-eyes
    AuditEvent           append-only, hash-chained record of every action and status change
    WebhookSubscription  where an agency client wants to hear of its applications
    WebhookDelivery      each event sent (or being sent) to a subscription, with its outcome
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlmodel import Field, SQLModel

from store.models import new_id
from store.types import UTCDateTime, utcnow

TASK_STATUSES: tuple[str, ...] = ("open", "claimed", "awaiting_applicant", "completed", "cancelled")
TASK_OPEN_STATUSES: frozenset[str] = frozenset({"open", "claimed", "awaiting_applicant"})
APPEAL_STATUSES: tuple[str, ...] = ("filed", "under_review", "upheld", "overturned", "returned", "cancelled")
DELIVERY_STATUSES: tuple[str, ...] = ("pending", "delivered", "failed")


def _in(values: tuple[str, ...]) -> str:
    return ", ".join(f"'{v}'" for v in values)


TASK_STATUS_CHECK = f"status IN ({_in(TASK_STATUSES)})"
APPEAL_STATUS_CHECK = f"status IN ({_in(APPEAL_STATUSES)})"
DELIVERY_STATUS_CHECK = f"status IN ({_in(DELIVERY_STATUSES)})"


class Task(SQLModel, table=True):
    __tablename__ = "tasks"
    __table_args__ = (
        CheckConstraint(TASK_STATUS_CHECK, name="ck_tasks_status"),
        # the inbox: one queue's open work, soonest deadline first
        Index("ix_tasks_queue", "agency", "region", "status", "deadline"),
        Index("ix_tasks_assignee", "assignee", "status"),
        Index("ix_tasks_addressee", "addressee_iin", "status"),
    )

    id: str = Field(default_factory=new_id, sa_column=Column(String(36), primary_key=True))
    # The workflow opens its task with a key of its own, so a retried activity opens one task.
    task_key: str = Field(sa_column=Column(String(255), nullable=False, unique=True))
    application_id: str = Field(sa_column=Column(
        String(36), ForeignKey("applications.id", ondelete="CASCADE"), nullable=False, index=True))
    service_code: str = Field(sa_column=Column(String(64), nullable=False))
    workflow_id: str = Field(sa_column=Column(String(255), nullable=False))  # the workflow waiting on it
    kind: str = Field(sa_column=Column(String(64), nullable=False))
    title: dict[str, str] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    agency: str = Field(sa_column=Column(String(64), nullable=False))
    region: str = Field(sa_column=Column(String(64), nullable=False))
    role: str = Field(sa_column=Column(String(32), nullable=False))  # who may act: officer | supervisor
    status: str = Field(default="open", sa_column=Column(String(32), nullable=False))
    assignee: str | None = Field(default=None, sa_column=Column(String(255), nullable=True))
    # An officer who may not act on it (four-eyes: the one who made the first decision).
    excluded_officer: str | None = Field(default=None, sa_column=Column(String(255), nullable=True))
    # A citizen's task (a family member's consent): the one person who sees and answers it.
    addressee_iin: str | None = Field(default=None, sa_column=Column(String(12), nullable=True))
    payload: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    allowed_outcomes: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    outcome: str | None = Field(default=None, sa_column=Column(String(64), nullable=True))
    reasons: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    comment: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    completed_by: str | None = Field(default=None, sa_column=Column(String(255), nullable=True))
    deadline: date = Field(sa_column=Column(Date, nullable=False))  # legal, in working days
    escalated: bool = Field(default=False, sa_column=Column(Boolean, nullable=False))
    escalated_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))
    # Request for information: the question, the answer, and whether the legal clock stopped.
    info_request: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    version: int = Field(default=1, sa_column=Column(Integer, nullable=False))  # optimistic concurrency
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
    completed_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))


class Appeal(SQLModel, table=True):
    __tablename__ = "appeals"
    __table_args__ = (CheckConstraint(APPEAL_STATUS_CHECK, name="ck_appeals_status"),)

    id: str = Field(default_factory=new_id, sa_column=Column(String(36), primary_key=True))
    application_id: str = Field(sa_column=Column(
        String(36), ForeignKey("applications.id", ondelete="CASCADE"), nullable=False, index=True))
    service_code: str = Field(sa_column=Column(String(64), nullable=False))
    grounds: str = Field(sa_column=Column(Text, nullable=False))
    status: str = Field(default="filed", sa_column=Column(String(32), nullable=False))
    workflow_id: str = Field(sa_column=Column(String(255), nullable=False))
    first_decided_by: str | None = Field(default=None, sa_column=Column(String(255), nullable=True))
    reviewer: str | None = Field(default=None, sa_column=Column(String(255), nullable=True))
    outcome_comment: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    filed_by: str = Field(sa_column=Column(String(255), nullable=False))
    filed_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
    decided_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))


class AuditEvent(SQLModel, table=True):
    """Append-only. Each row's hash covers its content and the previous row's hash, so an
    edited or deleted row breaks the chain from there on (`onestop audit verify`)."""

    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_agency_at", "agency", "at"),
                      Index("ix_audit_events_object", "object_type", "object_id"))

    seq: int | None = Field(default=None, sa_column=Column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True))
    at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
    actor: str = Field(sa_column=Column(String(255), nullable=False))  # login, client id, or "system"
    actor_role: str = Field(sa_column=Column(String(32), nullable=False))
    agency: str | None = Field(default=None, sa_column=Column(String(64), nullable=True))
    action: str = Field(sa_column=Column(String(64), nullable=False))
    object_type: str = Field(sa_column=Column(String(32), nullable=False))
    object_id: str = Field(sa_column=Column(String(64), nullable=False))
    before: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    after: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    prev_hash: str = Field(sa_column=Column(String(64), nullable=False))
    hash: str = Field(sa_column=Column(String(64), nullable=False, unique=True))


class WebhookSubscription(SQLModel, table=True):
    __tablename__ = "webhook_subscriptions"

    id: str = Field(default_factory=new_id, sa_column=Column(String(36), primary_key=True))
    client_id: str = Field(sa_column=Column(String(255), nullable=False, unique=True))
    url: str = Field(sa_column=Column(Text, nullable=False))
    # the HMAC-SHA256 key, sealed (onestop/webhook_secrets.py): the database never holds it in clear
    secret: str = Field(sa_column=Column(Text, nullable=False))
    active: bool = Field(default=True, sa_column=Column(Boolean, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))


class WebhookDelivery(SQLModel, table=True):
    __tablename__ = "webhook_deliveries"
    __table_args__ = (CheckConstraint(DELIVERY_STATUS_CHECK, name="ck_webhook_deliveries_status"),
                      Index("ix_webhook_deliveries_client_created", "client_id", "created_at"))

    id: str = Field(default_factory=new_id, sa_column=Column(String(36), primary_key=True))
    event_id: str = Field(sa_column=Column(String(255), nullable=False, unique=True))
    client_id: str = Field(sa_column=Column(String(255), nullable=False))
    application_id: str = Field(sa_column=Column(
        String(36), ForeignKey("applications.id", ondelete="CASCADE"), nullable=False, index=True))
    event_type: str = Field(sa_column=Column(String(64), nullable=False))
    payload: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    status: str = Field(default="pending", sa_column=Column(String(32), nullable=False))
    attempts: int = Field(default=0, sa_column=Column(Integer, nullable=False))
    last_status_code: int | None = Field(default=None, sa_column=Column(Integer, nullable=True))
    last_error: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
    delivered_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))


__all__ = ["Appeal", "AuditEvent", "Task", "WebhookDelivery", "WebhookSubscription", "UniqueConstraint"]
