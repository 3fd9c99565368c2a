"""SQLite's single writer: a transaction that finds the write lock taken waits for it, then writes."""

from __future__ import annotations

import sqlite3
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, event, text
from sqlmodel import Session

from store.engine import WriteLockTaken, make_engine, one_statement, session_scope, write_now


@pytest.fixture
def sqlite_file(tmp_path: Path) -> str:
    path = tmp_path / "writers.db"
    engine = make_engine(f"sqlite:///{path}")
    with session_scope(engine) as session:
        session.execute(text("CREATE TABLE counter (n INTEGER)"))
        session.execute(text("INSERT INTO counter VALUES (0)"))
    engine.dispose()
    return str(path)


@pytest.fixture
def writers(sqlite_file: str) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{sqlite_file}")
    yield engine
    engine.dispose()


def test_a_writer_waits_for_the_lock_another_process_holds(sqlite_file: str) -> None:
    holder = sqlite3.connect(sqlite_file, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    released_at: list[float] = []

    def release_later() -> None:
        time.sleep(0.3)
        holder.execute("UPDATE counter SET n = n + 1")
        released_at.append(time.monotonic())
        holder.execute("COMMIT")

    threading.Thread(target=release_later).start()
    engine = make_engine(f"sqlite:///{sqlite_file}")
    try:
        with session_scope(engine) as session:
            session.execute(text("UPDATE counter SET n = n + 10"))
        done_at = time.monotonic()
        with session_scope(engine) as session:
            assert session.execute(text("SELECT n FROM counter")).scalar_one() == 11
        assert released_at and done_at >= released_at[0]
    finally:
        engine.dispose()
        holder.close()


def test_many_writers_at_once_all_commit(writers: Engine) -> None:
    engine = writers
    errors: list[BaseException] = []

    def add_ones() -> None:
        try:
            for _ in range(25):
                with session_scope(engine) as session:
                    session.execute(text("UPDATE counter SET n = n + 1"))
        except BaseException as error:  # collected: the assertion below names it
            errors.append(error)

    threads = [threading.Thread(target=add_ones) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with session_scope(engine) as session:
        assert session.execute(text("SELECT n FROM counter")).scalar_one() == 200


def test_the_busy_timeout_is_back_once_the_transaction_began(writers: Engine) -> None:
    # Statements inside the transaction (and plain reads) keep SQLite's 30 s busy wait.
    with session_scope(writers) as session:
        assert session.execute(text("PRAGMA busy_timeout")).scalar_one() == 30_000


def test_a_one_statement_write_opens_no_transaction_and_is_committed(sqlite_file: str) -> None:
    engine = make_engine(f"sqlite:///{sqlite_file}")
    statements: list[str] = []

    @event.listens_for(engine, "connect")
    def _trace(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.set_trace_callback(statements.append)

    try:
        with one_statement(engine) as connection:
            connection.execute(text("UPDATE counter SET n = n + 5"))
        assert not any(s.upper().startswith("BEGIN") for s in statements), statements
        other = sqlite3.connect(sqlite_file)
        assert other.execute("SELECT n FROM counter").fetchone() == (5,)
        other.close()
    finally:
        engine.dispose()


def _count(engine: Engine) -> int:
    with session_scope(engine) as session:
        return int(session.execute(text("SELECT n FROM counter")).scalar_one())


def test_write_now_commits_the_whole_unit_of_work(writers: Engine) -> None:
    def work(session: Session) -> str:
        session.execute(text("UPDATE counter SET n = n + 1"))
        session.execute(text("UPDATE counter SET n = n + 2"))
        return "done"

    assert write_now(writers, work) == "done"
    assert _count(writers) == 3


def test_write_now_does_not_wait_for_a_lock_another_process_holds(writers: Engine, sqlite_file: str) -> None:
    holder = sqlite3.connect(sqlite_file, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        started = time.monotonic()
        with pytest.raises(WriteLockTaken):
            write_now(writers, lambda session: session.execute(text("UPDATE counter SET n = n + 1")))
        assert time.monotonic() - started < 0.5  # SQLite's own busy timeout is 30 s
    finally:
        holder.execute("COMMIT")
        holder.close()
    write_now(writers, lambda session: session.execute(text("UPDATE counter SET n = n + 1")))
    assert _count(writers) == 1  # the refused try wrote nothing; the next one did


def test_write_now_does_not_wait_for_a_writer_of_this_process(writers: Engine) -> None:
    inside, leave = threading.Event(), threading.Event()

    def hold() -> None:
        with session_scope(writers) as session:
            session.execute(text("UPDATE counter SET n = n + 10"))
            inside.set()
            leave.wait(5)

    holder = threading.Thread(target=hold)
    holder.start()
    assert inside.wait(5)
    try:
        with pytest.raises(WriteLockTaken):
            write_now(writers, lambda session: session.execute(text("UPDATE counter SET n = n + 1")))
    finally:
        leave.set()
        holder.join(5)
    assert _count(writers) == 10


def test_write_now_rolls_back_when_the_work_fails(writers: Engine) -> None:
    def work(session: Session) -> None:
        session.execute(text("UPDATE counter SET n = n + 5"))
        raise RuntimeError("the request failed after writing")

    with pytest.raises(RuntimeError):
        write_now(writers, work)
    assert _count(writers) == 0
    write_now(writers, lambda session: session.execute(text("UPDATE counter SET n = n + 1")))
    assert _count(writers) == 1  # the lock was given back


@pytest.mark.parametrize("scope", ["write_now", "session_scope"])
def test_while_a_write_holds_the_lock_other_threads_give_the_gil_back_quickly(writers: Engine, scope: str) -> None:
    """During the write only: a short interval for the whole process costs CPU all the time."""
    default = sys.getswitchinterval()
    during: list[float] = []

    def work(session: Session) -> None:
        session.execute(text("UPDATE counter SET n = n + 1"))
        during.append(sys.getswitchinterval())

    if scope == "write_now":
        write_now(writers, work)
    else:
        with session_scope(writers) as session:
            work(session)
    with pytest.raises(RuntimeError):
        with session_scope(writers) as session:
            work(session)
            raise RuntimeError("the write fails")
    assert during[0] < default / 10 and during[1] < default / 10
    assert sys.getswitchinterval() == default
