"""The open vacancies of a region, newest first, from one index: region, status, publication date, id and
expiry, so a region's page and its count (up to the cap) read the index alone. It replaces
ix_vacancies_region (region, publication date), whose count read a row of the table for each vacancy
(~4 ms of PostgreSQL's for a region's first 1,001 against ~0.4 ms).

Revision ID: 0010_vacancies_by_region
Revises: 0009_job_matches
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0010_vacancies_by_region"
down_revision: str | None = "0009_job_matches"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_index("ix_vacancies_region", table_name="vacancies")
    op.create_index("ix_vacancies_region_open", "vacancies",
                    ["region", "status", "published_on", "id", "expires_on"])


def downgrade() -> None:
    op.drop_index("ix_vacancies_region_open", table_name="vacancies")
    op.create_index("ix_vacancies_region", "vacancies", ["region", "published_on"])
