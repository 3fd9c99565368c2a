"""Fixtures every test folder shares: the database the suite runs on.

The suite runs on a SQLite file by default and on PostgreSQL when ONESTOP_TEST_DATABASE_URL
points at a server (CI does): each session then gets a database of its own, dropped at the end.
"""

from __future__ import annotations

import base64
import os
import secrets
import uuid
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import create_engine, text

if TYPE_CHECKING:
    from tests.support.stack import Stack

# The tests append to one audit chain from this process and from the processes of their stacks, each
# with a state dir of its own: they share one MAC key through the environment (store/audit.py), as
# the processes of a deployment do. (`onestop up` shares the state dir's instead.)
os.environ.setdefault("ONESTOP_AUDIT_MAC_KEY", base64.b64encode(secrets.token_bytes(32)).decode())


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Generator[None]:
    from _pytest.faulthandler import fault_handler_stderr_fd_key  # pytest's own copy of the real stderr

    from tests.support import watchdog

    timer = watchdog.arm(item.config.stash[fault_handler_stderr_fd_key])
    try:
        yield
    finally:
        timer.cancel()


def _fresh_postgres_database(server_url: str) -> tuple[str, str]:
    name = f"onestop_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    base, _, _ = server_url.rpartition("/")
    return f"{base}/{name}", name


def _drop_postgres_database(server_url: str, name: str) -> None:
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A migrated, empty database for the whole session (SQLite file or a fresh PostgreSQL database)."""
    from store.engine import migrate

    server_url = os.environ.get("ONESTOP_TEST_DATABASE_URL", "")
    if server_url.startswith("postgresql"):
        url, name = _fresh_postgres_database(server_url)
        migrate(url)
        yield url
        _drop_postgres_database(server_url, name)
    else:
        path: Path = tmp_path_factory.mktemp("db") / "onestop.db"
        url = f"sqlite:///{path.as_posix()}"
        migrate(url)
        yield url


@pytest.fixture
def own_database_url(tmp_path: Path) -> Iterator[str]:
    """A migrated database only this test writes (tampering with it, or counting in it, disturbs no one)."""
    from store.engine import get_engine, migrate

    server_url = os.environ.get("ONESTOP_TEST_DATABASE_URL", "")
    if not server_url.startswith("postgresql"):
        url = f"sqlite:///{(tmp_path / 'own.db').as_posix()}"
        migrate(url)
        yield url
        return
    url, name = _fresh_postgres_database(server_url)
    try:
        migrate(url)
        yield url
    finally:
        get_engine(url).dispose()
        _drop_postgres_database(server_url, name)


@pytest.fixture
def postgres(request: pytest.FixtureRequest) -> str:
    """``own_database_url`` on PostgreSQL. On SQLite the test is skipped: what it checks is the server's
    alone (its module says what), and no database is made for it."""
    if not os.environ.get("ONESTOP_TEST_DATABASE_URL", "").startswith("postgresql"):
        pytest.skip("PostgreSQL's alone (the module says what); this run is on SQLite")
    url: str = request.getfixturevalue("own_database_url")
    return url


@pytest.fixture
def unmigrated_database_url(tmp_path: Path) -> Iterator[str]:
    """An empty database of this test's own, with no schema yet: a migration test takes it from an
    older revision to the head."""
    server_url = os.environ.get("ONESTOP_TEST_DATABASE_URL", "")
    if server_url.startswith("postgresql"):
        url, name = _fresh_postgres_database(server_url)
        yield url
        from store.engine import get_engine

        get_engine(url).dispose()
        _drop_postgres_database(server_url, name)
    else:
        yield f"sqlite:///{(tmp_path / 'unmigrated.db').as_posix()}"


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory, database_url: str) -> Iterator[Stack]:
    """Every process of the system, started as `onestop up` starts them, shared by the session."""
    from tests.support.stack import Stack

    stack = Stack.configure(tmp_path_factory.mktemp("stack"), database_url)
    try:
        stack.start_all()
        yield stack
    finally:
        stack.stop_all()


@pytest.fixture
def healthy_stack(stack: Stack) -> Iterator[Stack]:
    """The shared stack with every process up and every registry knob at rest, before and after."""
    stack.at_rest()
    yield stack
    stack.reset_knobs()
