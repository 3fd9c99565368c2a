"""SQLite's single writer: a transaction that finds the write lock taken waits for it, then writes."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from store.engine import make_engine, session_scope


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


def _count(engine: Engine) -> int:
    with session_scope(engine) as session:
        return int(session.execute(text("SELECT n FROM counter")).scalar_one())


def test_a_unit_of_work_commits_whole(writers: Engine) -> None:
    with session_scope(writers) as session:
        session.execute(text("UPDATE counter SET n = n + 1"))
        session.execute(text("UPDATE counter SET n = n + 2"))
    assert _count(writers) == 3


def test_a_unit_of_work_that_fails_rolls_back_and_gives_the_lock_back(writers: Engine) -> None:
    with pytest.raises(RuntimeError):
        with session_scope(writers) as session:
            session.execute(text("UPDATE counter SET n = n + 5"))
            raise RuntimeError("the request failed after writing")
    assert _count(writers) == 0
    with session_scope(writers) as session:
        session.execute(text("UPDATE counter SET n = n + 1"))
    assert _count(writers) == 1  # the lock was given back


def test_a_writer_of_this_process_waits_for_the_one_writing(writers: Engine) -> None:
    """One writer per process: the second waits for the first to commit, then writes."""
    inside, leave = threading.Event(), threading.Event()

    def hold() -> None:
        with session_scope(writers) as session:
            session.execute(text("UPDATE counter SET n = n + 10"))
            inside.set()
            leave.wait(5)

    holder = threading.Thread(target=hold)
    holder.start()
    assert inside.wait(5)
    threading.Timer(0.2, leave.set).start()
    with session_scope(writers) as session:
        assert session.execute(text("SELECT n FROM counter")).scalar_one() == 10  # after the holder's commit
        session.execute(text("UPDATE counter SET n = n + 1"))
    holder.join(5)
    assert _count(writers) == 11
