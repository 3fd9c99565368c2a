"""A fresh, migrated database for one bench run, removed afterwards.

SQLite: a file in the run's temp dir. PostgreSQL: a new database on the server that the
given URL points at (the URL's own database is only used to create and drop it), so the
figures never depend on what earlier runs left behind.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text

from store.engine import migrate


def _on_server(server_url: str, statement: str) -> None:
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(statement))
    finally:
        admin.dispose()


@contextmanager
def fresh_database(server_url: str, state_dir: Path) -> Iterator[str]:
    """The URL of an empty, migrated database: SQLite under state_dir when server_url is empty."""
    if not server_url or server_url.startswith("sqlite"):
        url = f"sqlite:///{(state_dir / 'onestop.db').as_posix()}"
        migrate(url)
        yield url
        return
    name = f"onestop_bench_{uuid.uuid4().hex[:10]}"
    _on_server(server_url, f'CREATE DATABASE "{name}"')
    try:
        url = f"{server_url.rpartition('/')[0]}/{name}"
        migrate(url)
        yield url
    finally:
        _on_server(server_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def kind(url: str) -> str:
    return url.split(":", 1)[0].split("+", 1)[0]
