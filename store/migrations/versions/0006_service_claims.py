"""One running application per person for the services that allow one (targeted social assistance:
one application per family at a time), held by a unique (service, person) so that two submits at
once cannot both pass.

Revision ID: 0006_service_claims
Revises: 0005_hardening
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_service_claims"
down_revision: str | None = "0005_hardening"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "service_claims",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("service_code", sa.String(64), nullable=False),
        sa.Column("person_iin", sa.String(12), nullable=False),
        sa.Column("application_id", sa.String(36), sa.ForeignKey("applications.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("service_code", "person_iin", name="uq_service_claims_service_person"),
    )
    op.create_index("ix_service_claims_application_id", "service_claims", ["application_id"])


def downgrade() -> None:
    op.drop_index("ix_service_claims_application_id", "service_claims")
    op.drop_table("service_claims")
