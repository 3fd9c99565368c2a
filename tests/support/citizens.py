"""Seeded persons who can register as self-employed, handed out once each per test session.

A person registers with the tax authority once; tests that complete a registration each
need someone new, drawn from the same deterministic population the mock registries serve.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import date
from functools import lru_cache

from connectors.mock.seed import SeedPerson, generate_population
from onestop import demo
from onestop.settings import Settings

_DEMO = {c.iin for c in demo.CITIZENS} | {s for s, _ in demo.FAMILIES.values() if s}


def _adult(birth: date, on: date) -> bool:
    return (on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))) >= 18


@lru_cache
def _eligible() -> tuple[SeedPerson, ...]:
    settings = Settings()
    today = date.today()
    return tuple(p for p in generate_population(settings.seed, settings.seed_persons)
                 if _adult(p.birth_date, today) and not p.deceased and not p.active_entrepreneur
                 and p.iin not in _DEMO and (p.phone or p.email))


@lru_cache
def _pool() -> Iterator[str]:
    return iter([p.iin for p in _eligible()])


@lru_cache
def _pool_of(region: str) -> Iterator[str]:
    # From the end: next_citizen hands out from the start, so nobody is handed out twice.
    return iter([p.iin for p in reversed(_eligible()) if p.address.region_code == region])


def next_citizen() -> str:
    return next(_pool())


def citizen_of(region: str) -> str:
    """Someone living in `region`, where the demo officers of that region's queues work."""
    return next(_pool_of(region))


def take(n: int) -> list[str]:
    return list(itertools.islice(_pool(), n))
