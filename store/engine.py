"""Engines, sessions and migrations for the one database URL (`ONESTOP_DATABASE_URL`).

One way to write: a request or an activity owns one unit of work, `session_scope`, which
commits when its block ends and rolls back on any error; business code never commits.
`read_scope` is the same for a unit of work that only reads.

SQLite (the embedded default) and PostgreSQL (production) behave alike for our code:

* SQLite runs in WAL mode with a 30 s busy timeout, foreign keys on, and every writing
  transaction opened with ``BEGIN IMMEDIATE``. pysqlite's own transaction handling breaks
  SAVEPOINTs, and a deferred transaction that read before writing fails with "database is
  locked" at once (no busy wait) when another process wrote in between; taking the write lock
  at BEGIN makes concurrent writers queue in SQLite's busy handler instead (the approach Rails
  adopted for SQLite too). SQLite has one writer at a time anyway: the writers of one process
  take turns on a lock before they ask it (`_one_writer_at_a_time`), so they sleep until their
  turn instead of polling the database while holding the GIL.
* PostgreSQL gets a pool sized for a portal replica or a worker's activity threads, with no
  ping before each checkout (see `make_engine`).

The one difference between the databases that our queries see lives in store/repository.py.

    python -m store.engine [URL]     apply migrations (default: the settings' database URL)
"""

from __future__ import annotations

import logging
import sys
import threading
import weakref
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.pool import StaticPool
from sqlmodel import Session
from sqlmodel.ext.asyncio.session import AsyncSession

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_SQLITE_BUSY_SECONDS = 30
_BUSY_TIMEOUT = f"PRAGMA busy_timeout={_SQLITE_BUSY_SECONDS * 1000}"
# Any constant works: it only has to be the same for every process that migrates.
_MIGRATION_LOCK_ID = 0x0E57_0B00


def normalize_url(url: str) -> str:
    """`postgresql://` and `postgres://` mean psycopg 3 here (SQLAlchemy would pick psycopg2)."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


_RECYCLE_SECONDS = 1800  # under the idle limits that servers and proxies commonly set
_POOL_SIZE, _POOL_OVERFLOW = 32, 8


def _is_sqlite_memory(database: str | None) -> bool:
    return not database or database == ":memory:" or database.startswith("file::memory:")


def make_engine(url: str) -> Engine:
    url = normalize_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(url, memory=_is_sqlite_memory(parsed.database))
    if parsed.get_backend_name() == "postgresql":
        # No ping before each unit of work (a round trip each, ~18 per application in a worker):
        # a connection the server dropped fails its unit once, SQLAlchemy then discards the whole
        # pool, and the unit is run again (the portal's in_transaction, Temporal's activity retries).
        # The pool keeps as many connections as the process has threads that use one at once (the
        # worker's 32 activity threads; the portal's thread pool, 40): a connection beyond the pool
        # is closed when given back, and the next one is a new server process. Connections open only
        # when needed, so a quiet process holds few.
        return create_engine(url, pool_size=_POOL_SIZE, max_overflow=_POOL_OVERFLOW, pool_pre_ping=False,
                             pool_recycle=_RECYCLE_SECONDS)
    return create_engine(url, pool_pre_ping=True)


def _sqlite_engine(url: str, *, memory: bool) -> Engine:
    kwargs: dict[str, Any] = {
        "connect_args": {"check_same_thread": False, "timeout": _SQLITE_BUSY_SECONDS},
    }
    if memory:
        # One shared connection, or every pooled connection would see its own empty database.
        kwargs["poolclass"] = StaticPool
    engine = create_engine(url, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Hand transaction control to SQLAlchemy (see the module docstring).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        if not memory:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(_BUSY_TIMEOUT)
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # Readers take no lock up front: in WAL mode they never wait for the writer.
        read_only = connection.get_execution_options().get(READ_ONLY, False)
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine


READ_ONLY = "onestop_read_only"

_WRITERS: weakref.WeakKeyDictionary[Any, threading.RLock] = weakref.WeakKeyDictionary()
_WRITERS_GUARD = threading.Lock()


@contextmanager
def _one_writer_at_a_time(engine: Engine) -> Iterator[None]:
    """On SQLite, this process's writers take turns here before BEGIN IMMEDIATE.

    Threads that wait in SQLite's busy handler poll the database, and each poll needs the GIL
    that the writer holding the lock needs too; here they sleep until their turn. Reentrant, so
    that a unit of work opened inside another one of the same thread does not wait for itself.
    """
    if engine.dialect.name != "sqlite":
        yield
        return
    with _writer_lock(engine):
        yield


def _writer_lock(engine: Engine) -> threading.RLock:
    with _WRITERS_GUARD:
        return _WRITERS.setdefault(engine.pool, threading.RLock())


@contextmanager
def read_scope(engine: Engine) -> Iterator[Session]:
    """A unit of work that only reads: on SQLite it does not queue behind writers; on PostgreSQL
    it sends no BEGIN and no COMMIT. Under READ COMMITTED each statement reads its own snapshot
    inside a transaction or not, so the transaction bought a read nothing but two round trips."""
    with Session(_readers(engine), expire_on_commit=False) as session:
        yield session
        session.commit()  # ends the read; unlike a rollback it leaves the loaded objects readable


def _readers(engine: Engine) -> Engine:
    if engine.dialect.name == "postgresql":
        return engine.execution_options(**{READ_ONLY: True, "isolation_level": "AUTOCOMMIT"})
    return engine.execution_options(**{READ_ONLY: True})


def async_reader(url: str) -> AsyncEngine | None:
    """PostgreSQL: an engine on psycopg's asyncio driver for the portal's reads, which then wait for
    the server on the event loop instead of in a pool thread (None on SQLite, whose driver has no
    wait of its own to give back). Its connections belong to the event loop that opened them, so an
    application makes its own (portal/app.py) and disposes of it when it stops."""
    url = normalize_url(url)
    if make_url(url).get_backend_name() != "postgresql":
        return None
    engine = create_async_engine(url, pool_size=_POOL_SIZE, max_overflow=_POOL_OVERFLOW, pool_pre_ping=False,
                                 pool_recycle=_RECYCLE_SECONDS)
    return engine.execution_options(**{READ_ONLY: True, "isolation_level": "AUTOCOMMIT"})


@asynccontextmanager
async def async_read_scope(engine: AsyncEngine) -> AsyncIterator[AsyncSession]:
    """`read_scope` on an `async_reader`: no BEGIN, no COMMIT; `AsyncSession.run_sync` runs the
    same synchronous unit of work on the event loop, each statement awaited."""
    async with AsyncSession(engine, expire_on_commit=False) as session:
        yield session
        await session.commit()


@cache
def get_engine(url: str) -> Engine:
    """One engine (one pool) per URL for the life of the process."""
    return make_engine(url)


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A unit of work: commits when the block ends normally, rolls back on any error.

    Objects stay readable after the commit (expire_on_commit=False) so a caller can return
    what it just wrote without another round trip.
    """
    with _one_writer_at_a_time(engine), Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def _alembic_config(url: str) -> Any:
    from alembic.config import Config

    config = Config(str(MIGRATIONS_DIR.parent / "alembic.ini"))
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    # `%` is an interpolation character in ini files; a password may hold one.
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def migrate(url: str, revision: str = "head") -> None:
    """Apply migrations up to `revision` (Alembic `upgrade`), creating a SQLite file's folder.

    Safe to run from several processes at once (`onestop up` starts a portal and workers):
    PostgreSQL takes an advisory lock for the migration's transaction, SQLite's BEGIN IMMEDIATE
    serialises them; the second one finds nothing left to do.
    """
    from alembic import command

    url = normalize_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and not _is_sqlite_memory(parsed.database):
        Path(parsed.database or "").expanduser().resolve().parent.mkdir(parents=True, exist_ok=True)

    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _MIGRATION_LOCK_ID})
            config = _alembic_config(url)
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    finally:
        engine.dispose()
    log.info("database migrated to %s (%s)", revision, parsed.get_backend_name())


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] in ("-h", "--help"):
        print(__doc__)
        return 0
    if args:
        url = args[0]
    else:
        from onestop.settings import get_settings

        url = get_settings().database_url
    logging.basicConfig(level=logging.INFO)
    migrate(url)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
