"""Fixtures for the read-model tests: an engine on the session database, and fresh people."""

from __future__ import annotations

import itertools
import random

import pytest
from sqlalchemy import Engine

from policies.iin import complete
from store.engine import get_engine

_serials = itertools.count(random.randrange(1000, 8000))


@pytest.fixture(scope="session")
def engine(database_url: str) -> Engine:
    return get_engine(database_url)


@pytest.fixture
def iin() -> str:
    """A valid IIN no other test uses, so tests sharing the session database stay apart."""
    while True:
        number = complete(f"8507153{next(_serials) % 10000:04d}")
        if number is not None:
            return number
