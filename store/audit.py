"""The audit trail: one append-only row per action, each chained to the one before by a keyed MAC.

    hash(n) = HMAC-SHA256(key, prev_hash(n) | canonical JSON of row n's content)

Editing, deleting or reordering a row breaks every hash from there on; `verify_chain` names
the first row that no longer matches. The key never enters the database (onestop/audit_mac.py:
ONESTOP_AUDIT_MAC_KEY, or in development a file of the state dir every process of the stack
shares), so whoever can write the database cannot edit a row and recompute the rest: without
the key their hashes do not match. A deleted tail is what a chain cannot show by itself; the
signed checkpoints (store/audit_checkpoints.py) do. Appends are serialised (PostgreSQL: an
advisory lock for the transaction; SQLite: its writes are serial already) so the chain never forks.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, exists, or_, text
from sqlmodel import Session, col, select

from store.types import utcnow
from store.workbench import Appeal, AuditEvent, Task

GENESIS = "0" * 64
_LOCK_KEY = 0x0A0D17  # pg_advisory_xact_lock key of the audit chain


_CONTENT = ("actor", "actor_role", "agency", "action", "object_type", "object_id", "before", "after")


def _content(at: Any, fields: Mapping[str, Any]) -> dict[str, Any]:
    return {"at": at.isoformat() if isinstance(at, datetime) else str(at), **{k: fields[k] for k in _CONTENT}}


_mac_key: bytes | None = None


def install_mac_key(key: bytes) -> None:
    """Use this key from now on (a test of another stack's key); otherwise the settings' is loaded once."""
    global _mac_key
    _mac_key = key


def mac_key() -> bytes:
    global _mac_key
    if _mac_key is None:
        from onestop.audit_mac import mac_key_for  # the settings, read once, on the first append
        from onestop.settings import get_settings

        _mac_key = mac_key_for(get_settings())
    return _mac_key


def canonical(content: dict[str, Any]) -> str:
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def _hash(prev_hash: str, content: dict[str, Any], key: bytes | None = None) -> str:
    message = f"{prev_hash}|{canonical(content)}".encode()
    return hmac.new(key if key is not None else mac_key(), message, hashlib.sha256).hexdigest()


def row_hash(prev_hash: str, event: AuditEvent, key: bytes | None = None) -> str:
    return _hash(prev_hash, _content(event.at, {k: getattr(event, k) for k in _CONTENT}), key)


_TABLE = AuditEvent.__table__  # type: ignore[attr-defined]
_LAST_HASH = select(_TABLE.c.hash).order_by(_TABLE.c.seq.desc()).limit(1)
_LOCK = text("SELECT pg_advisory_xact_lock(:key)")


def append(db: Session | Connection, *, actor: str, actor_role: str, action: str, object_type: str,
           object_id: str, agency: str | None = None, before: dict[str, Any] | None = None,
           after: dict[str, Any] | None = None) -> None:
    """Add one row at the end of the chain, in the caller's transaction.

    Two Core statements (read the last hash, insert): the workers append while they hold
    SQLite's one write lock, which every other writer waits for.
    """
    connection = db.connection() if isinstance(db, Session) else db
    if connection.dialect.name == "postgresql":
        connection.execute(_LOCK, {"key": _LOCK_KEY})
    prev = connection.execute(_LAST_HASH).scalar() or GENESIS
    # Microseconds are dropped: every database gives back the same instant it was given.
    row: dict[str, Any] = {"at": utcnow().replace(microsecond=0), "actor": actor, "actor_role": actor_role,
                           "agency": agency, "action": action, "object_type": object_type,
                           "object_id": object_id, "before": before, "after": after, "prev_hash": prev}
    row["hash"] = _hash(prev, _content(row["at"], row))
    connection.execute(_TABLE.insert(), row)


@dataclass(frozen=True)
class ChainReport:
    rows: int
    first_broken: int | None  # seq of the first row whose hash does not match
    reason: str | None


def _rows(session: Session, batch: int = 1000) -> Iterator[AuditEvent]:
    after = 0
    while True:
        page = session.exec(select(AuditEvent).where(col(AuditEvent.seq) > after)
                            .order_by(col(AuditEvent.seq)).limit(batch)).all()
        if not page:
            return
        yield from page
        after = page[-1].seq or after


def verify_chain(session: Session, key: bytes | None = None) -> ChainReport:
    key = key if key is not None else mac_key()
    prev = GENESIS
    count = 0
    for event in _rows(session):
        count += 1
        if event.prev_hash != prev:
            return ChainReport(count, event.seq, "its previous-hash does not match the row before it "
                                                 "(a row was deleted or reordered)")
        if not hmac.compare_digest(row_hash(prev, event, key), event.hash):
            return ChainReport(count, event.seq, "its content does not match its MAC (the row was edited, or "
                                                 "its MAC made without the audit key)")
        prev = event.hash
    return ChainReport(count, None, None)


def _in_region(agency: str, region: str) -> Any:
    """A row is another region's when what it is about (a task; an application or an appeal, through
    their tasks) sits only in the agency's queues of other regions. A row tied to no queue (an
    application no officer of the agency has seen yet, an agency client's call) is every region's."""
    event = AuditEvent.__table__.c  # type: ignore[attr-defined]
    tasks = Task.__table__.c  # type: ignore[attr-defined]
    appeals = Appeal.__table__.c  # type: ignore[attr-defined]
    about = and_(tasks.agency == agency, or_(
        and_(event.object_type == "task", tasks.id == event.object_id),
        and_(event.object_type == "application", tasks.application_id == event.object_id),
        and_(event.object_type == "appeal",
             tasks.application_id.in_(select(appeals.application_id).where(appeals.id == event.object_id)))))
    return or_(~exists().where(about), exists().where(about, tasks.region == region))


def trail(session: Session, *, agency: str | None, limit: int = 50, before_seq: int | None = None,
          object_type: str | None = None, object_id: str | None = None, action: str | None = None,
          region: str | None = None) -> list[AuditEvent]:
    """Rows newest first: of one agency (None: every agency) and, given, one region of it, older than
    before_seq, and matching whichever of object_type, object_id and action are given."""
    query = select(AuditEvent)
    if region is not None and agency is not None:
        query = query.where(_in_region(agency, region))
    for column, value in ((col(AuditEvent.agency), agency), (col(AuditEvent.object_type), object_type),
                          (col(AuditEvent.object_id), object_id), (col(AuditEvent.action), action)):
        if value is not None:
            query = query.where(column == value)
    if before_seq is not None:
        query = query.where(col(AuditEvent.seq) < before_seq)
    return list(session.exec(query.order_by(col(AuditEvent.seq).desc()).limit(limit)).all())


def names_citizen(session: Session, agency: str, iin: str) -> bool:
    """Whether a row of the agency's trail has this citizen as its actor."""
    return session.exec(select(AuditEvent.seq).where(AuditEvent.agency == agency, AuditEvent.actor == iin,
                                                     AuditEvent.actor_role == "citizen").limit(1)).first() is not None
