"""The labour exchange between job seekers and employers: consent to be found, applications to vacancies
with the employer's answer, and offers with their suitable-offer decision (a refusal is recorded).

Revision ID: 0007_labour_exchange
Revises: 0006_service_claims
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_labour_exchange"
down_revision: str | None = "0006_service_claims"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# A frozen copy of the CHECK text.
STATUS_CHECK = "status IN ('applied', 'invited', 'offered', 'rejected', 'accepted', 'refused', 'withdrawn')"


def _utc() -> sa.DateTime:
    return sa.DateTime(timezone=True)  # store.types.UTCDateTime's DDL


def upgrade() -> None:
    op.create_table(
        "job_seeker_visibility",
        sa.Column("iin", sa.String(12), primary_key=True),
        sa.Column("visible", sa.Boolean(), nullable=False),
        sa.Column("updated_at", _utc(), nullable=False),
    )
    op.create_table(
        "vacancy_applications",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("vacancy_id", sa.String(36), nullable=False),
        sa.Column("employer_id", sa.String(12), nullable=False),
        sa.Column("seeker_iin", sa.String(12), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("answer_message", sa.Text(), nullable=True),
        sa.Column("offer", sa.JSON(), nullable=True),
        sa.Column("suitability", sa.JSON(), nullable=True),
        sa.Column("suitable", sa.Boolean(), nullable=True),
        sa.Column("refused_on", sa.Date(), nullable=True),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("updated_at", _utc(), nullable=False),
        sa.UniqueConstraint("vacancy_id", "seeker_iin", name="uq_vacancy_applications_once"),
        sa.CheckConstraint(STATUS_CHECK, name="ck_vacancy_applications_status"),
    )
    op.create_index("ix_vacancy_applications_seeker", "vacancy_applications", ["seeker_iin", "status"])
    op.create_index("ix_vacancy_applications_vacancy", "vacancy_applications", ["vacancy_id"])


def downgrade() -> None:
    op.drop_index("ix_vacancy_applications_vacancy", table_name="vacancy_applications")
    op.drop_index("ix_vacancy_applications_seeker", table_name="vacancy_applications")
    op.drop_table("vacancy_applications")
    op.drop_table("job_seeker_visibility")
