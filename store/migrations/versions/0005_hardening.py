"""Hardening: an index for the quotas per caller, and the agency webhook secrets sealed at rest.

The secrets stored before in clear are sealed once, with the key the processes use
(ONESTOP_WEBHOOK_SECRET_KEYS, or in development the state dir's: onestop/webhook_secrets.py).

Revision ID: 0005_hardening
Revises: 0004_service_seam
Create Date: 2026-12-02
"""

from __future__ import annotations

from typing import Callable, Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_hardening"
down_revision: str | None = "0004_service_seam"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SUBSCRIPTIONS = sa.table("webhook_subscriptions", sa.column("id", sa.String), sa.column("client_id", sa.String),
                          sa.column("secret", sa.Text))


def _webhook_secrets():  # type: ignore[no-untyped-def]
    from onestop.settings import get_settings
    from onestop.webhook_secrets import secrets_for

    return secrets_for(get_settings())


def _rewrite_secrets(change: Callable[[str, str], str | None]) -> None:
    connection = op.get_bind()
    rows = connection.execute(sa.select(_SUBSCRIPTIONS.c.id, _SUBSCRIPTIONS.c.client_id,
                                        _SUBSCRIPTIONS.c.secret)).all()
    for row_id, client_id, secret in rows:
        new = change(client_id, secret)
        if new is not None:
            connection.execute(_SUBSCRIPTIONS.update().where(_SUBSCRIPTIONS.c.id == row_id).values(secret=new))


def upgrade() -> None:
    op.create_index("ix_applications_submitted_by_created", "applications", ["submitted_by", "created_at"])
    with op.batch_alter_table("webhook_subscriptions") as batch:
        batch.alter_column("secret", type_=sa.Text(), existing_type=sa.String(128), existing_nullable=False)
    if op.get_bind().execute(sa.select(sa.func.count()).select_from(_SUBSCRIPTIONS)).scalar_one():
        box = _webhook_secrets()  # only when there is something to seal: an empty database needs no key
        _rewrite_secrets(lambda client_id, secret: None if box.is_sealed(secret) else box.seal(client_id, secret))


def downgrade() -> None:
    if op.get_bind().execute(sa.select(sa.func.count()).select_from(_SUBSCRIPTIONS)).scalar_one():
        box = _webhook_secrets()
        _rewrite_secrets(lambda client_id, secret: box.open(client_id, secret) if box.is_sealed(secret) else None)
    with op.batch_alter_table("webhook_subscriptions") as batch:
        batch.alter_column("secret", type_=sa.String(128), existing_type=sa.Text(), existing_nullable=False)
    op.drop_index("ix_applications_submitted_by_created", table_name="applications")
