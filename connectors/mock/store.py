"""What the mock registries were asked to write, kept in SQLite so it survives a restart.

Tables: business notices, tax registrations, notifications sent, payments made, the registry
events (changes since the seed, replayed at start), and the access log
(who read whose data, for which application). Each write carries its idempotency key under
a UNIQUE constraint, so a repeated request can never create a second row.

Every method runs on the event loop thread with no await inside, so check-then-insert is
atomic without locks; writes are short (WAL, synchronous=NORMAL).
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

__all__ = ["RegistryStore"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS business_notices (
    notice_id TEXT PRIMARY KEY,
    idempotency_key TEXT NOT NULL UNIQUE,
    iin TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS business_notices_iin ON business_notices (iin);
CREATE TABLE IF NOT EXISTS tax_registrations (
    registration_id TEXT PRIMARY KEY,
    idempotency_key TEXT NOT NULL UNIQUE,
    iin TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS tax_registrations_iin ON tax_registrations (iin);
CREATE TABLE IF NOT EXISTS notifications (
    message_id TEXT PRIMARY KEY,
    idempotency_key TEXT NOT NULL UNIQUE,
    recipient TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS notifications_recipient ON notifications (recipient);
CREATE TABLE IF NOT EXISTS payments (
    payment_id TEXT PRIMARY KEY,
    idempotency_key TEXT NOT NULL UNIQUE,
    beneficiary_iin TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS payments_beneficiary ON payments (beneficiary_iin);
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    kind TEXT NOT NULL,
    iin TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS access_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    system TEXT NOT NULL,
    registry TEXT NOT NULL,
    application_id TEXT NOT NULL,
    service_code TEXT NOT NULL,
    iin TEXT,
    fields TEXT NOT NULL DEFAULT '[]',
    action TEXT NOT NULL DEFAULT 'read'
);
CREATE INDEX IF NOT EXISTS access_log_iin ON access_log (iin);
"""

# Columns added to the access log after its first release: a state file from before gets them.
_ACCESS_LOG_ADDED = {"fields": "TEXT NOT NULL DEFAULT '[]'", "action": "TEXT NOT NULL DEFAULT 'read'"}

# Each kind of write: its table, id column and the column it is looked up by.
_KINDS = {
    "notice": ("business_notices", "notice_id", "iin"),
    "tax": ("tax_registrations", "registration_id", "iin"),
    "notification": ("notifications", "message_id", "recipient"),
    "payment": ("payments", "payment_id", "beneficiary_iin"),
}


def now() -> str:
    return datetime.now(UTC).isoformat()


class RegistryStore:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)
        present = {row[1] for row in self._db.execute("PRAGMA table_info(access_log)")}
        for column, definition in _ACCESS_LOG_ADDED.items():
            if column not in present:
                self._db.execute(f"ALTER TABLE access_log ADD COLUMN {column} {definition}")

    def close(self) -> None:
        self._db.close()

    # --- idempotent writes ----------------------------------------------------------

    def by_key(self, kind: str, idempotency_key: str) -> dict[str, Any] | None:
        table, _, _ = _KINDS[kind]
        row = self._db.execute(f"SELECT body FROM {table} WHERE idempotency_key = ?",
                               (idempotency_key,)).fetchone()
        return json.loads(row[0]) if row else None

    def insert(self, kind: str, record_id: str, idempotency_key: str, subject: str,
               body: dict[str, Any]) -> None:
        table, id_column, subject_column = _KINDS[kind]
        self._db.execute(
            f"INSERT INTO {table} ({id_column}, idempotency_key, {subject_column}, body, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (record_id, idempotency_key, subject, json.dumps(body), now()))

    def by_id(self, kind: str, record_id: str) -> dict[str, Any] | None:
        table, id_column, _ = _KINDS[kind]
        row = self._db.execute(f"SELECT body FROM {table} WHERE {id_column} = ?", (record_id,)).fetchone()
        return json.loads(row[0]) if row else None

    def for_subject(self, kind: str, subject: str) -> list[dict[str, Any]]:
        table, _, subject_column = _KINDS[kind]
        rows = self._db.execute(
            f"SELECT body FROM {table} WHERE {subject_column} = ? ORDER BY created_at, rowid",
            (subject,)).fetchall()
        return [json.loads(r[0]) for r in rows]

    # --- registry events -------------------------------------------------------------

    def append_event(self, kind: str, iin: str, data: dict[str, Any]) -> dict[str, Any]:
        at = now()
        cursor = self._db.execute("INSERT INTO events (at, kind, iin, data) VALUES (?, ?, ?, ?)",
                                  (at, kind, iin, json.dumps(data)))
        return _event(cursor.lastrowid or 0, at, kind, iin, json.dumps(data))

    def events_after(self, after: int, limit: int) -> list[dict[str, Any]]:
        rows = self._db.execute("SELECT id, at, kind, iin, data FROM events WHERE id > ? ORDER BY id LIMIT ?",
                                (after, limit)).fetchall()
        return [_event(*row) for row in rows]

    def last_event_id(self) -> int:
        return int(self._db.execute("SELECT COALESCE(MAX(id), 0) FROM events").fetchone()[0])

    # --- access log -------------------------------------------------------------------

    def log_access(self, system: str, registry: str, application_id: str, service_code: str,
                   iins: list[str | None], fields: list[str] | None = None, action: str = "read") -> None:
        """One row per person whose data the call touched, naming the fields it read or wrote."""
        at = now()
        shown = json.dumps(fields or [])
        self._db.executemany(
            "INSERT INTO access_log (at, system, registry, application_id, service_code, iin, fields, action)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(at, system, registry, application_id, service_code, iin, shown, action) for iin in iins])

    def access_log(self, iin: str | None, limit: int = 1000) -> list[dict[str, Any]]:
        query = ("SELECT at, system, registry, application_id, service_code, iin, fields, action"
                 " FROM access_log")
        params: tuple[Any, ...] = ()
        if iin is not None:
            query += " WHERE iin = ?"
            params = (iin,)
        query += " ORDER BY id DESC LIMIT ?"
        rows = self._db.execute(query, (*params, limit)).fetchall()
        keys = ("at", "system", "registry", "application_id", "service_code", "iin")
        return [{**dict(zip(keys, row[:6], strict=True)), "fields": json.loads(row[6]), "action": row[7]}
                for row in rows]


def _event(event_id: int, at: str, kind: str, iin: str, data: str) -> dict[str, Any]:
    return {"id": event_id, "cursor": str(event_id), "at": at, "kind": kind, "iin": iin,
            "data": json.loads(data)}
