"""Seeded persons the labour exchange's tests need, found in the mock registries' own data.

Drawn through tests.support.citizens (each handed out once a session): someone out of work whose
last contract ended with enough social contributions before it, and someone in work now.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from functools import lru_cache

from connectors.mock.legal_entities import Businesses, generate_entities
from connectors.mock.livelihood import Livelihood, months_between
from connectors.mock.seed import Population, generate_population
from onestop import demo
from onestop.settings import Settings
from tests.support.citizens import next_citizen


@lru_cache
def livelihood() -> Livelihood:
    settings = Settings()
    people = Population(generate_population(settings.seed, settings.seed_persons))
    return Livelihood(settings.seed, people, Businesses(generate_entities(settings.seed, people)))


def _out_of_work_with_contributions(iin: str) -> bool:
    world = livelihood()
    person = world.population.get(iin)
    if person is None or world.pension_month(person) <= date.today():
        return False
    contracts = world.contracts(person)
    if not contracts or any(c.end is None for c in contracts):
        return False
    last = max(c.end for c in contracts if c.end)
    loss = last.replace(day=1)
    window = [m for c in contracts for m in months_between(c.start, c.end or c.start) if m < loss]
    return len(set(m for m in window if (loss.year - m.year) * 12 + loss.month - m.month <= 24)) >= 8


def _in_work(iin: str) -> bool:
    world = livelihood()
    person = world.population.get(iin)
    return person is not None and any(c.end is None for c in world.contracts(person))


def _first(check: object, tries: int = 5000) -> str:
    for _ in range(tries):
        iin = next_citizen()
        if check(iin):  # type: ignore[operator]
            return iin
    raise LookupError("no such person in the seeded population")


def _in_region(iin: str, region: str | None) -> bool:
    person = livelihood().population.get(iin)
    return region is None or (person is not None and person.address.region_code == region)


def out_of_work(region: str | None = None) -> str:
    """Someone whose last contract ended, with at least eight months of contributions in the 24 before;
    registered in ``region`` when one is given (its supervisors review their appeals)."""
    return _first(lambda iin: _in_region(iin, region) and _out_of_work_with_contributions(iin))


def in_work(region: str | None = None) -> str:
    """Someone with a contract in force (they may look for work, never be unemployed); in ``region`` if given."""
    return _first(lambda iin: _in_region(iin, region) and _in_work(iin))


@lru_cache
def _employers() -> Iterator[tuple[str, str]]:
    world = livelihood()
    demo_bins = {b.bin for b in demo.BUSINESSES}
    found = []
    for entity in world.businesses.by_bin.values():
        head = world.population.get(entity.head_iin)
        if (entity.active and entity.parent_bin is None and entity.legal_form == "llp"
                and entity.region_code == "astana" and entity.bin not in demo_bins
                and head is not None and not head.deceased and entity.head_since <= date.today()):
            found.append((entity.head_iin, entity.bin))
    return iter(sorted(found, reverse=True))


def employer() -> tuple[str, str]:
    """(head's IIN, BIN) of an active LLP in Astana that no other test acts for: its lists are its own."""
    return next(_employers())
