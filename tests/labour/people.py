"""Seeded persons the labour exchange's tests need, found in the mock registries' own data.

Drawn through tests.support.citizens (each handed out once a session): someone out of work whose
last contract ended with enough social contributions before it, and someone in work now; for the support
measures, a recent college or university graduate and someone paid a disability benefit, both out of work.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import lru_cache

from connectors.mock.legal_entities import Businesses, generate_entities
from connectors.mock.livelihood import Livelihood, months_between
from connectors.mock.seed import Population, diplomas, generate_population, is_full_time_student
from onestop import demo
from onestop.settings import Settings
from policies.labour.unemployment import add_months
from services.regions import registered_region
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


# The regions whose career centre has a demo officer (onestop/demo.py): a person's tasks go to their region.
LABOUR_REGIONS = frozenset(o.region_code for o in demo.OFFICERS if o.agency == "labour" and "officer" in o.roles)


def region_of(iin: str) -> str:
    """The region whose officers take the person's manual work."""
    person = livelihood().population.get(iin)
    assert person is not None
    return registered_region(person.address.region_code)


def with_a_career_centre(draw: Callable[[], str]) -> str:
    """A person as `draw` draws them, from a region whose career centre has an officer to take their tasks."""
    for _ in range(500):
        iin = draw()
        if region_of(iin) in LABOUR_REGIONS:
            return iin
    raise LookupError("no such person in a region with a career-centre officer")


def career_centre_officer(iin: str) -> str:
    """The login of the career-centre officer of the person's region."""
    return f"labour.{region_of(iin)}.officer"


# The seeded registry's LLPs: Almaty's (35) and Astana's (22). A test that meets Astana's moderator or
# supervisor asks for Astana's; the others take Almaty's while they last. Each test takes its own.
_EMPLOYER_REGIONS = ("almaty", "astana")
_taken: set[str] = set()


@lru_cache
def _employers() -> tuple[tuple[str, str, str], ...]:
    """(region, head's IIN, BIN), in the order they are handed out."""
    world = livelihood()
    demo_bins = {b.bin for b in demo.BUSINESSES}
    found: dict[str, list[tuple[str, str]]] = {region: [] for region in _EMPLOYER_REGIONS}
    for entity in world.businesses.by_bin.values():
        head = world.population.get(entity.head_iin)
        if (entity.active and entity.parent_bin is None and entity.legal_form == "llp"
                and entity.region_code in found and entity.bin not in demo_bins
                and head is not None and not head.deceased and entity.head_since <= date.today()):
            found[entity.region_code].append((entity.head_iin, entity.bin))
    return tuple((region, *e) for region in _EMPLOYER_REGIONS for e in sorted(found[region], reverse=True))


def employer(region: str | None = None) -> tuple[str, str]:
    """(head's IIN, BIN) of an active LLP, of ``region`` if given, that no other test acts for: its lists are
    its own."""
    for where, head, bin_ in _employers():
        if bin_ not in _taken and region in (None, where):
            _taken.add(bin_)
            return head, bin_
    raise LookupError(f"no LLP left for a test{f' in {region}' if region else ''}")


def _may_be_unemployed(iin: str) -> bool:
    """Alive, under pension age, no contract in force, no business, not studying full time."""
    world = livelihood()
    person = world.population.get(iin)
    today = date.today()
    return (person is not None and not person.deceased and not person.active_entrepreneur
            and world.pension_month(person) > today and not is_full_time_student(world.seed, person, today)
            and not any(c.end is None for c in world.contracts(person))
            and not world.businesses.headed_by(iin))


def _recent_graduate(iin: str) -> bool:
    world = livelihood()
    person = world.population.get(iin)
    today = date.today()
    if person is None or not _may_be_unemployed(iin) or person.birth_date > add_months(today, -18 * 12):
        return False
    since = add_months(today, -30)  # well inside the three-year window
    return any(d.level in ("tvet", "higher") and d.graduated_on >= since for d in diplomas(world.seed, person, today))


def _paid_a_disability_benefit(iin: str) -> bool:
    world = livelihood()
    person = world.population.get(iin)
    month = add_months(date.today().replace(day=1), -1)
    return (person is not None and _may_be_unemployed(iin)
            and any(b.kind == "disability_benefit" and b.paid_in(month) for b in world.benefits(person)))


def recent_graduate() -> str:
    """An adult out of work who left a college or university less than two and a half years ago."""
    return _first(_recent_graduate)


def with_disability() -> str:
    """Someone out of work, under pension age, paid a disability benefit last month."""
    return _first(_paid_a_disability_benefit, tries=20000)

