"""The audit chain is MACed with a key outside the database: a row edited and the rest recomputed
without the key (what unkeyed SHA-256 let anyone do) is named by `onestop audit verify`, and the
migration re-MACs a chain of unkeyed hashes once, refusing one already broken."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from onestop.settings import get_settings
from store import audit
from store.audit_checkpoints import checkpoint_key, latest_checkpoint, verify_with_checkpoint
from store.engine import get_engine, make_engine, migrate, session_scope
from store.workbench import AuditEvent
from tests.audit.test_verify_cli import _fill, _verify

GENESIS = "0" * 64
EVENTS = AuditEvent.__table__  # type: ignore[attr-defined]


def _canonical(row: Any) -> str:
    return audit.canonical(audit._content(row.at, {k: getattr(row, k) for k in audit._CONTENT}))


def _sha256(prev: str, row: Any) -> str:
    return hashlib.sha256(f"{prev}|{_canonical(row)}".encode()).hexdigest()


def _rechain_from(database_url: str, seq: int, digest: Any) -> None:
    """What someone with the database but not the key does: recompute every hash from `seq` on."""
    engine = get_engine(database_url)
    with engine.begin() as connection:
        rows = connection.execute(EVENTS.select().order_by(EVENTS.c.seq)).all()
        prev = GENESIS
        for row in rows:
            if row.seq >= seq:
                new = digest(prev, row)
                connection.execute(EVENTS.update().where(EVENTS.c.seq == row.seq).values(prev_hash=prev, hash=new))
                prev = new
            else:
                prev = row.hash


@pytest.mark.parametrize("recompute", ["unkeyed SHA-256", "HMAC with another key"])
async def test_an_edited_row_with_the_rest_recomputed_is_named(own_database_url: str, iin: str,
                                                              recompute: str) -> None:
    await _fill(own_database_url, iin)
    with session_scope(get_engine(own_database_url)) as session:
        session.execute(text("UPDATE audit_events SET after = :after WHERE seq = 5"),
                        {"after": '{"service_code": "self-employed-registration", "status": "completed", '
                                  '"outcome": "approved"}'})
    other_key = secrets.token_bytes(32)
    _rechain_from(own_database_url, 5, _sha256 if recompute == "unkeyed SHA-256" else
                  lambda prev, row: hmac.new(other_key, f"{prev}|{_canonical(row)}".encode(),
                                             hashlib.sha256).hexdigest())
    result = _verify(own_database_url)
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout.startswith("row 5 ") and "MAC" in result.stdout, result.stdout


def _old_chain(url: str, rows: int, *, break_at: int | None = None) -> list[str]:
    """Rows appended by the version before: unkeyed SHA-256 hashes."""
    engine = make_engine(url)
    hashes, prev = [], GENESIS
    try:
        with engine.begin() as connection:
            for n in range(1, rows + 1):
                row: dict[str, Any] = {
                    "at": datetime(2026, 11, 20, 9, n, tzinfo=UTC), "actor": "system",
                    "actor_role": "workflow", "agency": "tax", "action": "application.status_changed",
                    "object_type": "application", "object_id": f"app-{n}", "before": {"status": "submitted"},
                    "after": {"status": "in_progress", "n": n}}
                content = {"at": row["at"].isoformat(), **{k: row[k] for k in audit._CONTENT}}
                canonical = json.dumps(content, sort_keys=True, separators=(',', ':'), ensure_ascii=False)
                digest = hashlib.sha256(f"{prev}|{canonical}".encode()).hexdigest()
                if n == break_at:
                    row["after"] = {"status": "completed"}  # edited after it was hashed
                connection.execute(EVENTS.insert(), {**row, "prev_hash": prev, "hash": digest})
                hashes.append(digest)
                prev = digest
    finally:
        engine.dispose()
    return hashes


@pytest.fixture
def checkpoints(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The migration writes its checkpoint here, not into the worktree's state dir."""
    folder = tmp_path / "checkpoints"
    monkeypatch.setenv("ONESTOP_AUDIT_CHECKPOINT_DIR", str(folder))
    monkeypatch.setenv("ONESTOP_AUDIT_CHECKPOINT_KEY", base64.b64encode(secrets.token_bytes(32)).decode())
    get_settings.cache_clear()
    yield folder
    get_settings.cache_clear()


def test_the_migration_remacs_the_old_chain_once(unmigrated_database_url: str, checkpoints: Path) -> None:
    url = unmigrated_database_url
    migrate(url, "0004_service_seam")
    old = _old_chain(url, 5)
    migrate(url)
    engine = make_engine(url)
    try:
        with session_scope(engine) as session:
            assert audit.verify_chain(session) == audit.ChainReport(5, None, None)
            stored = [e.hash for e in session.exec(EVENTS.select().order_by(EVENTS.c.seq)).all()]
            assert not set(stored) & set(old)  # every hash is a MAC now
            settings = get_settings()
            checkpoint = latest_checkpoint(checkpoints, checkpoint_key(settings.audit_checkpoint_key,
                                                                       settings.state_dir, settings.environment))
            assert checkpoint is not None and (checkpoint.rows, checkpoint.head_hash) == (5, stored[-1])
            assert verify_with_checkpoint(session, checkpoint).first_broken is None
        migrate(url)  # once: a second run leaves the MACs as they are
        with session_scope(engine) as session:
            assert [e.hash for e in session.exec(EVENTS.select().order_by(EVENTS.c.seq)).all()] == stored
    finally:
        engine.dispose()


def test_the_migration_refuses_to_bless_a_broken_chain(unmigrated_database_url: str, checkpoints: Path) -> None:
    url = unmigrated_database_url
    migrate(url, "0004_service_seam")
    _old_chain(url, 4, break_at=3)
    with pytest.raises(Exception, match="audit row 3 does not match its hash"):
        migrate(url)
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == \
                "0004_service_seam"  # nothing of the upgrade stayed
    finally:
        engine.dispose()
