"""Fixtures for the audit tests: the session engine, a database of one's own, fresh people."""

from __future__ import annotations

import itertools
import os
import random
import uuid
from pathlib import Path
from typing import Iterator

import pytest
from sqlalchemy import Engine, create_engine, text

from policies.iin import complete
from store import repository
from store.engine import get_engine, migrate, session_scope

_serials = itertools.count(random.randrange(1000, 8000))


@pytest.fixture(scope="session")
def engine(database_url: str) -> Engine:
    return get_engine(database_url)


@pytest.fixture
def iin() -> str:
    """A valid IIN no other test uses, so tests sharing the session database stay apart."""
    while True:
        number = complete(f"9001014{next(_serials) % 10000:04d}")
        if number is not None:
            return number


@pytest.fixture
def own_database_url(tmp_path: Path) -> Iterator[str]:
    """A migrated database only this test writes: tampering with it breaks no one else's chain."""
    server_url = os.environ.get("ONESTOP_TEST_DATABASE_URL", "")
    if not server_url.startswith("postgresql"):
        url = f"sqlite:///{(tmp_path / 'audit.db').as_posix()}"
        migrate(url)
        yield url
        return
    name = f"onestop_audit_{uuid.uuid4().hex[:10]}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        url = f"{server_url.rpartition('/')[0]}/{name}"
        migrate(url)
        yield url
        get_engine(url).dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


def new_application(engine: Engine, iin: str, services: tuple[str, ...] = ("self-employed-registration",)) -> str:
    with session_scope(engine) as session:
        application, _ = repository.create_application(
            session, owner=iin, idempotency_key=str(uuid.uuid4()), request_hash="h", applicant_iin=iin,
            submitted_via="portal", language="en", services=[(code, {}, None) for code in services])
        return application.id
