"""Hardening: an index for the quotas per caller, the agency webhook secrets sealed at rest, and the
audit chain MACed with a key outside the database.

The secrets stored before in clear are sealed once, with the key the processes use
(ONESTOP_WEBHOOK_SECRET_KEYS, or in development the state dir's: onestop/webhook_secrets.py).

The audit chain is re-MACed once (ONESTOP_AUDIT_MAC_KEY, or in development the state dir's:
onestop/audit_mac.py): each row is checked against its unkeyed SHA-256 first, and a chain already
broken refuses the upgrade, naming the row, rather than be blessed with fresh MACs. Stop every
writer of the old version first: a row an old process appends after this migration is named by
`onestop audit verify`. The old checkpoints signed the old head; a new one is written here when the
checkpoint key and folder are at hand (else write one with `onestop audit checkpoint` at once).

Revision ID: 0005_hardening
Revises: 0004_service_seam
Create Date: 2026-12-02
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

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


# Frozen copies of the chain's content and of the hash before this revision.
_GENESIS = "0" * 64
_CONTENT = ("actor", "actor_role", "agency", "action", "object_type", "object_id", "before", "after")
_AUDIT_LOCK = 0x0A0D17  # store/audit.py's advisory lock: appends wait for the re-MAC
_BATCH = 1000
log = logging.getLogger("alembic.runtime.migration")


def _canonical(row: Any) -> str:
    at = row.at.isoformat() if isinstance(row.at, datetime) else str(row.at)
    content = {"at": at, **{name: getattr(row, name) for name in _CONTENT}}
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


class ChainBroken(RuntimeError):
    pass


def _remac_audit_chain(key: Callable[[], bytes]) -> int:
    from store.workbench import AuditEvent  # its column types give back `at` as every append saw it

    events = AuditEvent.__table__  # type: ignore[attr-defined]
    connection = op.get_bind()
    if connection.dialect.name == "postgresql":
        connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _AUDIT_LOCK})
    old_prev = new_prev = _GENESIS
    after, count, mac_key = 0, 0, b""
    while True:
        rows = connection.execute(sa.select(events).where(events.c.seq > after).order_by(events.c.seq)
                                  .limit(_BATCH)).all()
        if not rows:
            return count
        mac_key = mac_key or key()
        for row in rows:
            canonical = _canonical(row)
            if row.prev_hash != old_prev or hashlib.sha256(f"{old_prev}|{canonical}".encode()).hexdigest() != row.hash:
                raise ChainBroken(f"audit row {row.seq} does not match its hash: the chain was broken before this "
                                  "migration; find out why (onestop audit verify) before it is MACed")
            mac = hmac.new(mac_key, f"{new_prev}|{canonical}".encode(), hashlib.sha256).hexdigest()
            connection.execute(events.update().where(events.c.seq == row.seq).values(prev_hash=new_prev, hash=mac))
            old_prev, new_prev, count = row.hash, mac, count + 1
        after = rows[-1].seq


def _audit_mac_key() -> bytes:
    from onestop.audit_mac import mac_key_for
    from onestop.settings import get_settings

    return mac_key_for(get_settings())


def _checkpoint_after_remac() -> None:
    from sqlmodel import Session

    from onestop.audit_cli import checkpoint_folder
    from onestop.settings import get_settings
    from store.audit_checkpoints import CheckpointError, checkpoint_key, write_checkpoint

    settings = get_settings()
    try:
        key = checkpoint_key(settings.audit_checkpoint_key, settings.state_dir, settings.environment)
        with Session(bind=op.get_bind()) as session:
            write_checkpoint(session, checkpoint_folder(settings), key)
    except (CheckpointError, OSError) as error:
        log.warning("the audit chain was re-MACed but no checkpoint was written (%s): run "
                    "`onestop audit checkpoint` now, or verify refuses the old checkpoint", error)


def upgrade() -> None:
    op.create_index("ix_applications_submitted_by_created", "applications", ["submitted_by", "created_at"])
    with op.batch_alter_table("webhook_subscriptions") as batch:
        batch.alter_column("secret", type_=sa.Text(), existing_type=sa.String(128), existing_nullable=False)
    if op.get_bind().execute(sa.select(sa.func.count()).select_from(_SUBSCRIPTIONS)).scalar_one():
        box = _webhook_secrets()  # only when there is something to seal: an empty database needs no key
        _rewrite_secrets(lambda client_id, secret: None if box.is_sealed(secret) else box.seal(client_id, secret))
    if _remac_audit_chain(_audit_mac_key):
        _checkpoint_after_remac()


def downgrade() -> None:
    # The MACs stay: without the key no one can tell an unkeyed hash from a forged one, so there is
    # nothing to go back to; an older version's verify reads them as broken, and says so.
    if op.get_bind().execute(sa.select(sa.func.count()).select_from(_SUBSCRIPTIONS)).scalar_one():
        box = _webhook_secrets()
        _rewrite_secrets(lambda client_id, secret: box.open(client_id, secret) if box.is_sealed(secret) else None)
    with op.batch_alter_table("webhook_subscriptions") as batch:
        batch.alter_column("secret", type_=sa.String(128), existing_type=sa.Text(), existing_nullable=False)
    op.drop_index("ix_applications_submitted_by_created", table_name="applications")
