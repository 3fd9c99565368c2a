"""Engines, sessions and migrations for the one database URL (`ONESTOP_DATABASE_URL`).

SQLite (the embedded default) and PostgreSQL (production) behave alike for our code:

* SQLite runs in WAL mode with a 30 s busy timeout, foreign keys on, and every transaction
  opened with ``BEGIN IMMEDIATE``. pysqlite's own transaction handling breaks SAVEPOINTs, and
  a deferred transaction that read before writing fails with "database is locked" at once
  (no busy wait) when another process wrote in between; taking the write lock at BEGIN makes
  concurrent writers queue instead (the approach Rails adopted for SQLite too). A writer that
  finds the lock taken tries again every millisecond or so (`_begin_immediate`); a write that
  is one statement runs with no transaction around it (`one_statement`); and the writers of
  one process take turns before they ask SQLite (`_one_writer_at_a_time`). A short write from
  an event loop (`write_soon`) runs on the loop itself and awaits the lock instead.
* PostgreSQL gets a pool sized for a portal replica or a worker's activity threads.

Business code never commits: `session_scope` owns the transaction.

    python -m store.engine [URL]     apply migrations (default: the settings' database URL)
"""

from __future__ import annotations

import asyncio
import logging
import random
import sqlite3
import sys
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import StaticPool
from sqlmodel import Session

log = logging.getLogger(__name__)
T = TypeVar("T")

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


def _is_sqlite_memory(database: str | None) -> bool:
    return not database or database == ":memory:" or database.startswith("file::memory:")


def make_engine(url: str) -> Engine:
    url = normalize_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(url, memory=_is_sqlite_memory(parsed.database))
    if parsed.get_backend_name() == "postgresql":
        return create_engine(url, pool_size=10, max_overflow=20, pool_pre_ping=True)
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
        options = connection.get_execution_options()
        if options.get(ONE_STATEMENT, False):
            return  # SQLite commits a lone statement by itself, inside the one C call
        # Readers take no lock up front: in WAL mode they never wait for the writer.
        if options.get(READ_ONLY, False):
            connection.exec_driver_sql("BEGIN")
        else:
            _begin_immediate(connection.connection.driver_connection, wait=not options.get(NO_WAIT, False))

    return engine


READ_ONLY = "onestop_read_only"
ONE_STATEMENT = "onestop_one_statement"
NO_WAIT = "onestop_no_wait"
_LOCK_RETRY_SECONDS = (0.0005, 0.002)  # between tries for the write lock, jittered
_QUICK_SWITCH_SECONDS = 0.0002
_LOCK_TAKEN = frozenset({sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED})


class WriteLockTaken(Exception):
    """Another connection holds SQLite's write lock, and the caller asked not to wait (`write_now`)."""


def _begin_immediate(dbapi_connection: sqlite3.Connection, *, wait: bool = True) -> None:
    """BEGIN IMMEDIATE, trying again every millisecond or so while another writer holds the lock.

    SQLite's own busy handler backs off to sleeps of 25, 50 and then 100 ms: with the worker
    writing a timeline event per step, a portal insert that finds the lock taken twice or
    thrice slept far longer than any writer held it. Writes here last a millisecond or two.
    """
    deadline = time.monotonic() + _SQLITE_BUSY_SECONDS
    dbapi_connection.execute("PRAGMA busy_timeout=0")
    try:
        while True:
            try:
                dbapi_connection.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as error:
                # The low byte is the primary code under any extended one (BUSY_RECOVERY, ...).
                if error.sqlite_errorcode & 0xFF not in _LOCK_TAKEN or time.monotonic() > deadline:
                    raise
                if not wait:
                    raise WriteLockTaken() from None
            time.sleep(random.uniform(*_LOCK_RETRY_SECONDS))
    finally:
        dbapi_connection.execute(_BUSY_TIMEOUT)


_WRITERS: weakref.WeakKeyDictionary[Any, threading.RLock] = weakref.WeakKeyDictionary()
_WRITERS_GUARD = threading.Lock()


@contextmanager
def _one_writer_at_a_time(engine: Engine) -> Iterator[None]:
    """On SQLite, this process's writers take turns here before they ask the database.

    Threads that wait on SQLite's lock poll it, and each poll needs the GIL that the writer
    holding the lock needs too: twenty portal requests at once made each insert last tens of
    milliseconds. Here they sleep until their turn; only one per process asks SQLite.
    """
    if engine.dialect.name != "sqlite":
        yield
        return
    with _writer_lock(engine), _gil_back_quickly():
        yield


@contextmanager
def _gil_back_quickly() -> Iterator[None]:
    """While this thread may hold SQLite's write lock, the process's other threads give the GIL
    back within a fraction of a millisecond instead of the default 5 ms.

    SQLite releases the GIL at every statement, and getting it back from a busy thread (a
    worker's workflow activations) took up to the switch interval each time: a status change of
    six statements held the lock, which every citizen's submit waits for, up to 30 ms. Only for
    the millisecond of the write: the same interval for the whole process cost the worker a
    quarter more CPU. Writers of one process take turns (`_writer_lock`), so one sets it at a time.
    """
    before = sys.getswitchinterval()
    sys.setswitchinterval(_QUICK_SWITCH_SECONDS)
    try:
        yield
    finally:
        sys.setswitchinterval(before)


def _writer_lock(engine: Engine) -> threading.RLock:
    with _WRITERS_GUARD:
        return _WRITERS.setdefault(engine.pool, threading.RLock())


def write_now(engine: Engine, work: Callable[[Session], T]) -> T:
    """On SQLite: the whole unit of work at once, in this thread, or WriteLockTaken (nothing done)
    when another writer, of this process or another, holds the lock. `write_soon` is its caller."""
    writer = _writer_lock(engine)
    if not writer.acquire(blocking=False):
        raise WriteLockTaken()
    try:
        with _gil_back_quickly(), _unit_of_work(engine.execution_options(**{NO_WAIT: True})) as session:
            return work(session)
    finally:
        writer.release()


async def write_soon(engine: Engine, work: Callable[[Session], T]) -> T:
    """A write of a few statements, from an event loop (a submit, a workflow's status change).

    SQLite: on the loop itself (`write_now`); while another writer holds the lock, sleep a
    millisecond or so without blocking the loop and try again, WriteLockTaken after the busy
    timeout. A SQLite write is a millisecond of local work; handed to a thread, it gave the GIL
    up at every statement and waited to get it back while holding the lock every other writer
    waits for, and twenty submits at once all finished late instead of one after another.
    PostgreSQL: in a thread, since every statement is a network round trip.
    """
    if engine.dialect.name != "sqlite":
        return await asyncio.to_thread(_in_session_scope, engine, work)
    deadline = time.monotonic() + _SQLITE_BUSY_SECONDS
    while True:
        try:
            return write_now(engine, work)
        except WriteLockTaken:
            if time.monotonic() > deadline:
                raise
        await asyncio.sleep(random.uniform(*_LOCK_RETRY_SECONDS))


def _in_session_scope(engine: Engine, work: Callable[[Session], T]) -> T:
    with session_scope(engine) as session:
        return work(session)


@contextmanager
def one_statement(engine: Engine) -> Iterator[Connection]:
    """A unit of work that is a single write statement, with no transaction around it.

    On SQLite the statement takes and drops the write lock inside one C call. In a transaction
    the lock stays held while the thread waits to get the GIL back between BEGIN, the statement
    and COMMIT: in a busy worker process that wait reached 100 ms and more, and every other
    writer (the portal's inserts too) waited with it. PostgreSQL runs it as usual.
    """
    with _one_writer_at_a_time(engine), engine.execution_options(**{ONE_STATEMENT: True}).begin() as connection:
        yield connection


@contextmanager
def read_scope(engine: Engine) -> Iterator[Session]:
    """A unit of work that only reads: on SQLite it does not queue behind writers."""
    with Session(engine.execution_options(**{READ_ONLY: True}), expire_on_commit=False) as session:
        yield session
        session.commit()  # ends the read; unlike a rollback it leaves the loaded objects readable


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
    with _one_writer_at_a_time(engine), _unit_of_work(engine) as session:
        yield session


@contextmanager
def _unit_of_work(bind: Engine) -> Iterator[Session]:
    with Session(bind, expire_on_commit=False) as session:
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
