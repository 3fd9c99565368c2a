"""PostgreSQL connections are not pinged before each unit of work (store.engine.make_engine): when the
server drops them (a restart, a failover), one unit of work fails, the pool is emptied, and the next
one runs on a fresh connection; the portal runs a read once more itself, on its thread pool or, for a
request on PostgreSQL, on the event loop through the application's async reader."""

from __future__ import annotations

import threading
from types import SimpleNamespace

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError
from starlette.requests import Request

from portal.database import in_transaction
from store.engine import async_reader, make_engine, session_scope


def _drop_every_connection(url: str) -> None:
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                     "WHERE datname = current_database() AND pid <> pg_backend_pid()"))
    finally:
        admin.dispose()


def _in_pool(engine: object, count: int) -> None:
    connections = [engine.connect() for _ in range(count)]  # type: ignore[attr-defined]
    for c in connections:
        c.execute(text("SELECT 1"))
    for c in connections:
        c.close()


def test_one_unit_of_work_fails_then_the_pool_is_fresh(postgres: str) -> None:
    engine = make_engine(postgres)
    try:
        _in_pool(engine, 3)
        _drop_every_connection(postgres)
        with pytest.raises(DBAPIError) as lost, session_scope(engine) as session:
            session.execute(text("SELECT 1"))
        assert lost.value.connection_invalidated
        for _ in range(3):  # every pooled connection was discarded, not only the one that failed
            with session_scope(engine) as session:
                assert session.execute(text("SELECT 1")).scalar_one() == 1
    finally:
        engine.dispose()


async def test_the_portal_runs_a_read_once_more_and_never_a_write(postgres: str) -> None:
    engine = make_engine(postgres)
    try:
        _in_pool(engine, 2)
        _drop_every_connection(postgres)
        assert await in_transaction(engine, lambda s: s.execute(text("SELECT 41 + 1")).scalar_one(),
                                    read_only=True) == 42
        _in_pool(engine, 2)
        _drop_every_connection(postgres)
        with pytest.raises(DBAPIError):
            await in_transaction(engine, lambda s: s.execute(text("SELECT 1")).scalar_one())
        assert await in_transaction(engine, lambda s: s.execute(text("SELECT 1")).scalar_one()) == 1
    finally:
        engine.dispose()



async def test_a_requests_read_waits_on_the_event_loop_and_runs_once_more_on_a_dropped_connection(
        postgres: str) -> None:
    engine, reader = make_engine(postgres), async_reader(postgres)
    assert reader is not None
    request = Request({"type": "http", "app": SimpleNamespace(state=SimpleNamespace(engine=engine, reader=reader))})
    loop_thread = threading.get_ident()

    def read(session: object) -> tuple[int, int]:
        return session.execute(text("SELECT 41 + 1")).scalar_one(), threading.get_ident()  # type: ignore[attr-defined]

    try:
        assert await in_transaction(request, read, read_only=True) == (42, loop_thread)  # no thread of the pool
        await in_transaction(request, read, read_only=True)  # the reader's pool holds a connection now
        _drop_every_connection(postgres)
        assert await in_transaction(request, read, read_only=True) == (42, loop_thread)
        # A write still goes through the thread pool, on the engine, in a transaction.
        written = await in_transaction(request, lambda s: threading.get_ident())
        assert written != loop_thread
    finally:
        await reader.dispose()
        engine.dispose()
