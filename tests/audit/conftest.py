"""Fixtures for the audit tests: the session engine, a database of one's own, fresh people."""

from __future__ import annotations

import itertools
import random
import uuid

import pytest
from sqlalchemy import Engine

from policies.iin import complete
from store import repository
from store.engine import get_engine, session_scope

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


def new_application(engine: Engine, iin: str, services: tuple[str, ...] = ("self-employed-registration",)) -> str:
    with session_scope(engine) as session:
        application, _ = repository.create_application(
            session, owner=iin, idempotency_key=str(uuid.uuid4()), request_hash="h", applicant_iin=iin,
            submitted_via="portal", language="en", services=[(code, {}, None) for code in services])
        return application.id
