"""The read model: applications, service requests, timeline, documents, idempotency records.

Revision ID: 0001_read_model
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001_read_model"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Frozen copies of the models' CHECK texts: a migration must not change when the models do.
APPLICATION_STATUS_CHECK = (
    "status IN ('submitted', 'in_progress', 'completed', 'refused', 'partially_completed', 'failed')")
APPLICATION_LANGUAGE_CHECK = "language IN ('kk', 'ru', 'en')"
SERVICE_STATUS_CHECK = (
    "status IN ('pending', 'in_progress', 'completed', 'refused', 'failed', 'awaiting_officer')")


def _utc() -> sa.DateTime:
    # store.types.UTCDateTime stores through this type; the migration needs only the DDL.
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "applications",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("applicant_iin", sa.String(12), nullable=False),
        sa.Column("submitted_by", sa.String(255), nullable=False),
        sa.Column("submitted_via", sa.String(255), nullable=False),
        sa.Column("language", sa.String(2), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("workflow_started", sa.Boolean(), nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("updated_at", _utc(), nullable=False),
        sa.CheckConstraint(APPLICATION_STATUS_CHECK, name="ck_applications_status"),
        sa.CheckConstraint(APPLICATION_LANGUAGE_CHECK, name="ck_applications_language"),
    )
    op.create_index("ix_applications_applicant_iin", "applications", ["applicant_iin"])
    op.create_index("ix_applications_applicant_created", "applications", ["applicant_iin", "created_at"])
    op.create_index("ix_applications_not_started", "applications", ["workflow_started", "created_at"])

    op.create_table(
        "service_requests",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("application_id", sa.String(36),
                  sa.ForeignKey("applications.id", ondelete="CASCADE"), nullable=False),
        sa.Column("service_code", sa.String(64), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("decision", sa.JSON(), nullable=True),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("started_at", _utc(), nullable=True),
        sa.Column("completed_at", _utc(), nullable=True),
        sa.UniqueConstraint("application_id", "service_code", name="uq_service_requests_application_service"),
        sa.CheckConstraint(SERVICE_STATUS_CHECK, name="ck_service_requests_status"),
    )
    op.create_index("ix_service_requests_application_id", "service_requests", ["application_id"])

    op.create_table(
        "timeline_events",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("application_id", sa.String(36),
                  sa.ForeignKey("applications.id", ondelete="CASCADE"), nullable=False),
        sa.Column("service_code", sa.String(64), nullable=True),
        sa.Column("event_key", sa.String(255), nullable=False, unique=True),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("step", sa.String(64), nullable=True),
        sa.Column("title", sa.JSON(), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.Column("at", _utc(), nullable=False),
    )
    op.create_index("ix_timeline_events_application_id", "timeline_events", ["application_id"])
    op.create_index("ix_timeline_events_application_at", "timeline_events", ["application_id", "at"])

    op.create_table(
        "documents",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("document_key", sa.String(255), nullable=False, unique=True),
        sa.Column("application_id", sa.String(36),
                  sa.ForeignKey("applications.id", ondelete="CASCADE"), nullable=False),
        sa.Column("service_code", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("owner_iin", sa.String(12), nullable=False),
        sa.Column("title", sa.JSON(), nullable=False),
        sa.Column("jws", sa.Text(), nullable=False),
        sa.Column("claims", sa.JSON(), nullable=False),
        sa.Column("issued_at", _utc(), nullable=False),
    )
    op.create_index("ix_documents_application_id", "documents", ["application_id"])
    op.create_index("ix_documents_owner_iin", "documents", ["owner_iin"])

    op.create_table(
        "idempotency_records",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("owner", sa.String(255), nullable=False),
        sa.Column("key", sa.String(255), nullable=False),
        sa.Column("request_hash", sa.String(128), nullable=False),
        sa.Column("application_id", sa.String(36),
                  sa.ForeignKey("applications.id", ondelete="CASCADE"), nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        sa.UniqueConstraint("owner", "key", name="uq_idempotency_records_owner_key"),
    )


def downgrade() -> None:
    op.drop_table("idempotency_records")
    op.drop_index("ix_documents_owner_iin", table_name="documents")
    op.drop_index("ix_documents_application_id", table_name="documents")
    op.drop_table("documents")
    op.drop_index("ix_timeline_events_application_at", table_name="timeline_events")
    op.drop_index("ix_timeline_events_application_id", table_name="timeline_events")
    op.drop_table("timeline_events")
    op.drop_index("ix_service_requests_application_id", table_name="service_requests")
    op.drop_table("service_requests")
    op.drop_index("ix_applications_not_started", table_name="applications")
    op.drop_index("ix_applications_applicant_created", table_name="applications")
    op.drop_index("ix_applications_applicant_iin", table_name="applications")
    op.drop_table("applications")
