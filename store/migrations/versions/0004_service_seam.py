"""The service seam: a long-running service's "decided" status, standing statuses of a person, and
tasks addressed to a citizen (a family member's consent), the application's contact for notices.

Revision ID: 0004_service_seam
Revises: 0003_officers
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_service_seam"
down_revision: str | None = "0003_officers"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copies of the CHECK texts, before and after.
SERVICE_STATUS_OLD = (
    "status IN ('pending', 'in_progress', 'completed', 'refused', 'failed', 'awaiting_officer', "
    "'awaiting_applicant', 'under_appeal', 'withdrawn')")
SERVICE_STATUS_NEW = (
    "status IN ('pending', 'in_progress', 'completed', 'refused', 'failed', 'awaiting_officer', "
    "'awaiting_applicant', 'under_appeal', 'withdrawn', 'decided')")


def upgrade() -> None:
    with op.batch_alter_table("applications") as batch:
        batch.add_column(sa.Column("contact", sa.JSON(), nullable=True))
    with op.batch_alter_table("service_requests") as batch:
        batch.drop_constraint("ck_service_requests_status", type_="check")
        batch.create_check_constraint("ck_service_requests_status", SERVICE_STATUS_NEW)
    op.create_table(
        "standing_statuses",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("iin", sa.String(12), nullable=False),
        sa.Column("status", sa.String(64), nullable=False),
        sa.Column("service_code", sa.String(64), nullable=False),
        sa.Column("application_id", sa.String(36), sa.ForeignKey("applications.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("revoked_on", sa.Date(), nullable=True),
        sa.UniqueConstraint("application_id", "service_code", "status", name="uq_standing_statuses_grant"),
    )
    op.create_index("ix_standing_statuses_iin_status", "standing_statuses", ["iin", "status"])
    with op.batch_alter_table("tasks") as batch:
        batch.add_column(sa.Column("addressee_iin", sa.String(12), nullable=True))
    op.create_index("ix_tasks_addressee", "tasks", ["addressee_iin", "status"])


def downgrade() -> None:
    op.drop_index("ix_tasks_addressee", table_name="tasks")
    with op.batch_alter_table("tasks") as batch:
        batch.drop_column("addressee_iin")
    op.drop_table("standing_statuses")
    with op.batch_alter_table("applications") as batch:
        batch.drop_column("contact")
    with op.batch_alter_table("service_requests") as batch:
        batch.drop_constraint("ck_service_requests_status", type_="check")
        batch.create_check_constraint("ck_service_requests_status", SERVICE_STATUS_OLD)
