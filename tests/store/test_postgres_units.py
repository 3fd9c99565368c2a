"""PostgreSQL units of work (store.engine): a read sends no BEGIN and no COMMIT, a write is one
transaction, and a connection a read had in autocommit goes back to writers transactional; the pool
keeps the connections the process used at once instead of closing them."""

from __future__ import annotations

import threading

import pytest
from psycopg.pq import TransactionStatus
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session
from sqlalchemy.pool import QueuePool

from store.engine import make_engine, read_scope, session_scope


def _pooled(engine: Engine) -> int:
    pool = engine.pool
    assert isinstance(pool, QueuePool)
    return pool.checkedin()


def _status(session: Session) -> TransactionStatus:
    return session.connection().connection.dbapi_connection.info.transaction_status  # type: ignore[union-attr]


def test_a_read_opens_no_transaction_and_a_write_does(postgres: str) -> None:
    engine = make_engine(postgres)
    try:
        for _ in range(3):  # the same pooled connection, read then write then read
            with read_scope(engine) as session:
                session.execute(text("SELECT 1"))
                assert _status(session) == TransactionStatus.IDLE
            with session_scope(engine) as session:
                session.execute(text("SELECT 1"))
                assert _status(session) == TransactionStatus.INTRANS
        assert _pooled(engine) == 1
    finally:
        engine.dispose()


def test_a_write_rolled_back_leaves_nothing_though_reads_autocommit(postgres: str) -> None:
    engine = make_engine(postgres)
    try:
        with session_scope(engine) as session:
            session.execute(text("CREATE TABLE IF NOT EXISTS unit_probe (n integer)"))
        with read_scope(engine) as session:
            session.execute(text("SELECT count(*) FROM unit_probe"))
        with pytest.raises(RuntimeError), session_scope(engine) as session:
            session.execute(text("INSERT INTO unit_probe VALUES (1)"))
            raise RuntimeError("the unit fails after its insert")
        with read_scope(engine) as session:
            assert session.execute(text("SELECT count(*) FROM unit_probe")).scalar() == 0
    finally:
        with engine.begin() as connection:
            connection.execute(text("DROP TABLE IF EXISTS unit_probe"))
        engine.dispose()


def test_twenty_units_at_once_keep_their_connections(postgres: str) -> None:
    engine = make_engine(postgres)
    inside, release = threading.Barrier(20), threading.Event()

    def unit() -> None:
        with read_scope(engine) as session:
            session.execute(text("SELECT 1"))
            inside.wait(timeout=10)
            release.wait(timeout=10)

    try:
        threads = [threading.Thread(target=unit) for _ in range(20)]
        for thread in threads:
            thread.start()
        release.set()
        for thread in threads:
            thread.join()
        # Given back, all twenty stay pooled: the next twenty units open no new server process.
        assert _pooled(engine) == 20
    finally:
        engine.dispose()
