"""PostgreSQL connections are not pinged before each unit of work (store.engine.make_engine): when the
server drops them (a restart, a failover), one unit of work fails, the pool is emptied, and the next
one runs on a fresh connection; the portal runs a read once more itself."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from portal.database import in_transaction
from store.engine import make_engine, session_scope


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

