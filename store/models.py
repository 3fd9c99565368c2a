"""Read-model tables and the models the API returns.

Each entity is a family: `X(table=True)` is what is stored, `XPublic` is what leaves the
process. The API never returns a table model, so a new column never leaks by accident
(an owner's IIN, a stored JWS...).

Ids are uuid4 strings; every timestamp is timezone-aware UTC (see `store.types.UTCDateTime`).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, Literal

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
)
from sqlmodel import Field, SQLModel

from store.types import UTCDateTime, utcnow

Language = Literal["kk", "ru", "en"]
ApplicationStatus = Literal["submitted", "in_progress", "completed", "refused", "partially_completed", "failed",
                            "withdrawn"]
ServiceStatus = Literal["pending", "in_progress", "completed", "refused", "failed", "awaiting_officer",
                        "awaiting_applicant", "under_appeal", "withdrawn", "decided"]
Localized = dict[str, str]  # {"kk": ..., "ru": ..., "en": ...}

LANGUAGES: tuple[str, ...] = ("kk", "ru", "en")
APPLICATION_STATUSES: tuple[str, ...] = (
    "submitted", "in_progress", "completed", "refused", "partially_completed", "failed", "withdrawn")
SERVICE_STATUSES: tuple[str, ...] = (
    "pending", "in_progress", "completed", "refused", "failed", "awaiting_officer",
    "awaiting_applicant", "under_appeal", "withdrawn", "decided")
# A service in one of these has finished; its completed_at is set when it gets there.
SERVICE_FINAL_STATUSES: frozenset[str] = frozenset({"completed", "refused", "failed", "withdrawn"})
# A long-running service granted and still running (paying): its application counts it as done.
SERVICE_DONE_STATUSES: frozenset[str] = SERVICE_FINAL_STATUSES | {"decided"}


def new_id() -> str:
    return str(uuid.uuid4())


def _in(values: tuple[str, ...]) -> str:
    return ", ".join(f"'{v}'" for v in values)


# A test compares these with the migrated database, so model and migration cannot drift apart.
APPLICATION_STATUS_CHECK = f"status IN ({_in(APPLICATION_STATUSES)})"
APPLICATION_LANGUAGE_CHECK = f"language IN ({_in(LANGUAGES)})"
SERVICE_STATUS_CHECK = f"status IN ({_in(SERVICE_STATUSES)})"


# --- applications -------------------------------------------------------------------------

class Application(SQLModel, table=True):
    __tablename__ = "applications"
    __table_args__ = (
        CheckConstraint(APPLICATION_STATUS_CHECK, name="ck_applications_status"),
        CheckConstraint(APPLICATION_LANGUAGE_CHECK, name="ck_applications_language"),
        # "my applications, newest first" and the sweeper of applications never started
        Index("ix_applications_applicant_created", "applicant_iin", "created_at"),
        Index("ix_applications_not_started", "workflow_started", "created_at"),
        # a caller's applications of the last hour, and their open tasks (portal/quotas.py)
        Index("ix_applications_submitted_by_created", "submitted_by", "created_at"),
    )

    id: str = Field(default_factory=new_id, sa_column=Column(String(36), primary_key=True))
    applicant_iin: str = Field(sa_column=Column(String(12), nullable=False, index=True))
    submitted_by: str = Field(sa_column=Column(String(255), nullable=False))  # token subject
    submitted_via: str = Field(sa_column=Column(String(255), nullable=False))  # "portal" | "agency:<client_id>"
    language: str = Field(default="kk", sa_column=Column(String(2), nullable=False))
    status: str = Field(default="submitted", sa_column=Column(String(32), nullable=False))
    workflow_started: bool = Field(default=False, sa_column=Column(Boolean, nullable=False))
    # Why another agency started this service for the citizen (agency API); None from the portal.
    legal_basis: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    # The contact for notices ({"phone": ..., "email": ...}) when the applicant gave one; else the registry's.
    contact: dict[str, str] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))


class ApplicationPublic(SQLModel):
    id: str
    applicant_iin: str
    submitted_via: str
    language: Language
    status: ApplicationStatus
    created_at: datetime
    updated_at: datetime


# --- one service inside an application ----------------------------------------------------

class ServiceRequest(SQLModel, table=True):
    __tablename__ = "service_requests"
    __table_args__ = (
        UniqueConstraint("application_id", "service_code", name="uq_service_requests_application_service"),
        CheckConstraint(SERVICE_STATUS_CHECK, name="ck_service_requests_status"),
    )

    id: str = Field(default_factory=new_id, sa_column=Column(String(36), primary_key=True))
    application_id: str = Field(sa_column=Column(
        String(36), ForeignKey("applications.id", ondelete="CASCADE"), nullable=False, index=True))
    service_code: str = Field(sa_column=Column(String(64), nullable=False))
    status: str = Field(default="pending", sa_column=Column(String(32), nullable=False))
    answers: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    # outcome, reasons (each with kk/ru/en texts), figures - as the policy returned them
    decision: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    deadline: date | None = Field(default=None, sa_column=Column(Date, nullable=True))  # legal, in working days
    started_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))
    completed_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))


class ServiceRequestPublic(SQLModel):
    id: str
    application_id: str
    service_code: str
    status: ServiceStatus
    answers: dict[str, Any]
    decision: dict[str, Any] | None
    deadline: date | None
    started_at: datetime | None
    completed_at: datetime | None


# --- standing statuses ----------------------------------------------------------------------

class StandingStatus(SQLModel, table=True):
    """What a service granted a person that another service may need later ("unemployed until …")."""

    __tablename__ = "standing_statuses"
    __table_args__ = (
        UniqueConstraint("application_id", "service_code", "status", name="uq_standing_statuses_grant"),
        Index("ix_standing_statuses_iin_status", "iin", "status"),
    )

    id: str = Field(default_factory=new_id, sa_column=Column(String(36), primary_key=True))
    iin: str = Field(sa_column=Column(String(12), nullable=False))
    status: str = Field(sa_column=Column(String(64), nullable=False))
    service_code: str = Field(sa_column=Column(String(64), nullable=False))
    application_id: str = Field(sa_column=Column(
        String(36), ForeignKey("applications.id", ondelete="CASCADE"), nullable=False))
    valid_from: date = Field(sa_column=Column(Date, nullable=False))
    valid_until: date | None = Field(default=None, sa_column=Column(Date, nullable=True))  # None: open-ended
    revoked_on: date | None = Field(default=None, sa_column=Column(Date, nullable=True))


# --- timeline -----------------------------------------------------------------------------

class TimelineEvent(SQLModel, table=True):
    __tablename__ = "timeline_events"
    __table_args__ = (Index("ix_timeline_events_application_at", "application_id", "at"),)

    id: str = Field(default_factory=new_id, sa_column=Column(String(36), primary_key=True))
    application_id: str = Field(sa_column=Column(
        String(36), ForeignKey("applications.id", ondelete="CASCADE"), nullable=False, index=True))
    service_code: str | None = Field(default=None, sa_column=Column(String(64), nullable=True))
    # Unique: an activity retried after its write succeeded writes the event once.
    event_key: str = Field(sa_column=Column(String(255), nullable=False, unique=True))
    kind: str = Field(sa_column=Column(String(64), nullable=False))  # "step.started", "decision", ...
    step: str | None = Field(default=None, sa_column=Column(String(64), nullable=True))
    title: dict[str, str] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    detail: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))


class TimelineEventPublic(SQLModel):
    id: str
    application_id: str
    service_code: str | None
    kind: str
    step: str | None
    title: dict[str, str]
    detail: dict[str, Any]
    at: datetime


# --- signed documents ---------------------------------------------------------------------

class Document(SQLModel, table=True):
    __tablename__ = "documents"

    id: str = Field(default_factory=new_id, sa_column=Column(String(36), primary_key=True))
    # Unique: the workflow names the document, so a retried issue returns the same one.
    document_key: str = Field(sa_column=Column(String(255), nullable=False, unique=True))
    application_id: str = Field(sa_column=Column(
        String(36), ForeignKey("applications.id", ondelete="CASCADE"), nullable=False, index=True))
    service_code: str = Field(sa_column=Column(String(64), nullable=False))
    kind: str = Field(sa_column=Column(String(64), nullable=False))
    owner_iin: str = Field(sa_column=Column(String(12), nullable=False, index=True))
    title: dict[str, str] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    jws: str = Field(sa_column=Column(Text, nullable=False))
    claims: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    issued_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))


class DocumentPublic(SQLModel):
    id: str
    application_id: str
    service_code: str
    kind: str
    title: dict[str, str]
    jws: str  # the signed document itself: anyone can verify it offline against the JWKS
    claims: dict[str, Any]
    issued_at: datetime


# --- idempotency of submissions -----------------------------------------------------------

class IdempotencyRecord(SQLModel, table=True):
    """One row per (token subject, Idempotency-Key): the unique key is what makes ten
    identical requests at once create one application."""

    __tablename__ = "idempotency_records"
    __table_args__ = (UniqueConstraint("owner", "key", name="uq_idempotency_records_owner_key"),)

    id: str = Field(default_factory=new_id, sa_column=Column(String(36), primary_key=True))
    owner: str = Field(sa_column=Column(String(255), nullable=False))
    key: str = Field(sa_column=Column(String(255), nullable=False))
    request_hash: str = Field(sa_column=Column(String(128), nullable=False))
    application_id: str = Field(sa_column=Column(
        String(36), ForeignKey("applications.id", ondelete="CASCADE"), nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))


# --- one running application per person, for services that allow one -------------------------

class ServiceClaim(SQLModel, table=True):
    """A person taken by an application of a service that allows one at a time (a family's targeted
    social assistance): the unique (service, person) settles two submits at once, whichever commits
    first wins. A claim whose service has finished is released by the next submit that meets it."""

    __tablename__ = "service_claims"
    __table_args__ = (UniqueConstraint("service_code", "person_iin", name="uq_service_claims_service_person"),)

    id: str = Field(default_factory=new_id, sa_column=Column(String(36), primary_key=True))
    service_code: str = Field(sa_column=Column(String(64), nullable=False))
    person_iin: str = Field(sa_column=Column(String(12), nullable=False))
    application_id: str = Field(sa_column=Column(
        String(36), ForeignKey("applications.id", ondelete="CASCADE"), nullable=False, index=True))
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))


__all__ = [
    "APPLICATION_STATUSES", "LANGUAGES", "SERVICE_DONE_STATUSES", "SERVICE_FINAL_STATUSES", "SERVICE_STATUSES",
    "StandingStatus",
    "Application", "ApplicationPublic", "ApplicationStatus", "Document", "DocumentPublic",
    "IdempotencyRecord", "Language", "Localized", "ServiceClaim", "ServiceRequest", "ServiceRequestPublic",
    "ServiceStatus", "TimelineEvent", "TimelineEventPublic", "new_id",
]
