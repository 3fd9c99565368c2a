"""A job seeker's offered vacancies, ranked and kept: the list's header (whose profile, ranked which day)
and its ranked vacancies, each with the match's score and its parts with their reasons (JSON text).

Revision ID: 0009_job_matches
Revises: 0008_vacancy_search
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_job_matches"
down_revision: str | None = "0008_vacancy_search"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "job_match_lists",
        sa.Column("seeker_iin", sa.String(12), primary_key=True),
        sa.Column("profile_key", sa.String(36), nullable=False),
        sa.Column("ranked_on", sa.Date(), nullable=False),
        sa.Column("ranked_at", sa.DateTime(timezone=True), nullable=False),  # store.types.UTCDateTime's DDL
        sa.Column("kept", sa.Integer(), nullable=False),
    )
    op.create_index("ix_job_match_lists_ranked_on", "job_match_lists", ["ranked_on"])
    op.create_table(
        "job_matches",
        sa.Column("seeker_iin", sa.String(12), primary_key=True),
        sa.Column("rank", sa.Integer(), primary_key=True),
        sa.Column("vacancy_id", sa.String(36), nullable=False),
        sa.Column("score", sa.Numeric(5, 1), nullable=False),
        sa.Column("parts", sa.Text(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("job_matches")
    op.drop_index("ix_job_match_lists_ranked_on", table_name="job_match_lists")
    op.drop_table("job_match_lists")
