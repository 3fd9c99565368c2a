"""Hardening: an index for the quotas per caller.

Revision ID: 0005_hardening
Revises: 0004_service_seam
Create Date: 2026-12-02
"""

from __future__ import annotations

from typing import Sequence

from alembic import op

revision: str = "0005_hardening"
down_revision: str | None = "0004_service_seam"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_applications_submitted_by_created", "applications", ["submitted_by", "created_at"])


def downgrade() -> None:
    op.drop_index("ix_applications_submitted_by_created", table_name="applications")
