"""The workbench: tasks, appeals, audit trail, webhooks; new statuses; legal basis of agency starts.

Revision ID: 0002_workbench
Revises: 0001_read_model
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_workbench"
down_revision: str | None = "0001_read_model"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copies of the CHECK texts, before and after.
APPLICATION_STATUS_OLD = (
    "status IN ('submitted', 'in_progress', 'completed', 'refused', 'partially_completed', 'failed')")
APPLICATION_STATUS_NEW = (
    "status IN ('submitted', 'in_progress', 'completed', 'refused', 'partially_completed', 'failed', 'withdrawn')")
SERVICE_STATUS_OLD = (
    "status IN ('pending', 'in_progress', 'completed', 'refused', 'failed', 'awaiting_officer')")
SERVICE_STATUS_NEW = (
    "status IN ('pending', 'in_progress', 'completed', 'refused', 'failed', 'awaiting_officer', "
    "'awaiting_applicant', 'under_appeal', 'withdrawn')")
TASK_STATUS = "status IN ('open', 'claimed', 'awaiting_applicant', 'completed', 'cancelled')"
APPEAL_STATUS = "status IN ('filed', 'under_review', 'upheld', 'overturned', 'returned', 'cancelled')"
DELIVERY_STATUS = "status IN ('pending', 'delivered', 'failed')"


def _utc() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def _application_fk() -> sa.ForeignKey:
    return sa.ForeignKey("applications.id", ondelete="CASCADE")


def upgrade() -> None:
    with op.batch_alter_table("applications") as batch:
        batch.add_column(sa.Column("legal_basis", sa.Text(), nullable=True))
        batch.drop_constraint("ck_applications_status", type_="check")
        batch.create_check_constraint("ck_applications_status", APPLICATION_STATUS_NEW)
    with op.batch_alter_table("service_requests") as batch:
        batch.drop_constraint("ck_service_requests_status", type_="check")
        batch.create_check_constraint("ck_service_requests_status", SERVICE_STATUS_NEW)

    op.create_table(
        "tasks",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("task_key", sa.String(255), nullable=False, unique=True),
        sa.Column("application_id", sa.String(36), _application_fk(), nullable=False),
        sa.Column("service_code", sa.String(64), nullable=False),
        sa.Column("workflow_id", sa.String(255), nullable=False),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("title", sa.JSON(), nullable=False),
        sa.Column("agency", sa.String(64), nullable=False),
        sa.Column("region", sa.String(64), nullable=False),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("assignee", sa.String(255), nullable=True),
        sa.Column("excluded_officer", sa.String(255), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("allowed_outcomes", sa.JSON(), nullable=False),
        sa.Column("outcome", sa.String(64), nullable=True),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("completed_by", sa.String(255), nullable=True),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("escalated", sa.Boolean(), nullable=False),
        sa.Column("escalated_at", _utc(), nullable=True),
        sa.Column("info_request", sa.JSON(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("updated_at", _utc(), nullable=False),
        sa.Column("completed_at", _utc(), nullable=True),
        sa.CheckConstraint(TASK_STATUS, name="ck_tasks_status"),
    )
    op.create_index("ix_tasks_application_id", "tasks", ["application_id"])
    op.create_index("ix_tasks_queue", "tasks", ["agency", "region", "status", "deadline"])
    op.create_index("ix_tasks_assignee", "tasks", ["assignee", "status"])

    op.create_table(
        "appeals",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("application_id", sa.String(36), _application_fk(), nullable=False),
        sa.Column("service_code", sa.String(64), nullable=False),
        sa.Column("grounds", sa.Text(), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("workflow_id", sa.String(255), nullable=False),
        sa.Column("first_decided_by", sa.String(255), nullable=True),
        sa.Column("reviewer", sa.String(255), nullable=True),
        sa.Column("outcome_comment", sa.Text(), nullable=True),
        sa.Column("filed_by", sa.String(255), nullable=False),
        sa.Column("filed_at", _utc(), nullable=False),
        sa.Column("decided_at", _utc(), nullable=True),
        sa.CheckConstraint(APPEAL_STATUS, name="ck_appeals_status"),
    )
    op.create_index("ix_appeals_application_id", "appeals", ["application_id"])

    op.create_table(
        "audit_events",
        sa.Column("seq", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True,
                  autoincrement=True),
        sa.Column("at", _utc(), nullable=False),
        sa.Column("actor", sa.String(255), nullable=False),
        sa.Column("actor_role", sa.String(32), nullable=False),
        sa.Column("agency", sa.String(64), nullable=True),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("object_type", sa.String(32), nullable=False),
        sa.Column("object_id", sa.String(64), nullable=False),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False, unique=True),
    )
    op.create_index("ix_audit_events_agency_at", "audit_events", ["agency", "at"])
    op.create_index("ix_audit_events_object", "audit_events", ["object_type", "object_id"])

    op.create_table(
        "webhook_subscriptions",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("client_id", sa.String(255), nullable=False, unique=True),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("secret", sa.String(128), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("updated_at", _utc(), nullable=False),
    )
    op.create_table(
        "webhook_deliveries",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("event_id", sa.String(255), nullable=False, unique=True),
        sa.Column("client_id", sa.String(255), nullable=False),
        sa.Column("application_id", sa.String(36), _application_fk(), nullable=False),
        sa.Column("event_type", sa.String(64), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_status_code", sa.Integer(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("delivered_at", _utc(), nullable=True),
        sa.CheckConstraint(DELIVERY_STATUS, name="ck_webhook_deliveries_status"),
    )
    op.create_index("ix_webhook_deliveries_application_id", "webhook_deliveries", ["application_id"])
    op.create_index("ix_webhook_deliveries_client_created", "webhook_deliveries", ["client_id", "created_at"])


def downgrade() -> None:
    for table in ("webhook_deliveries", "webhook_subscriptions", "audit_events", "appeals", "tasks"):
        op.drop_table(table)
    with op.batch_alter_table("service_requests") as batch:
        batch.drop_constraint("ck_service_requests_status", type_="check")
        batch.create_check_constraint("ck_service_requests_status", SERVICE_STATUS_OLD)
    with op.batch_alter_table("applications") as batch:
        batch.drop_constraint("ck_applications_status", type_="check")
        batch.create_check_constraint("ck_applications_status", APPLICATION_STATUS_OLD)
        batch.drop_column("legal_basis")
