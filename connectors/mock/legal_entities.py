"""Legal entities of the businesses registry, seeded from the population: same seed, same entities.

Every entity is headed by a living adult of the seeded population who lives in its region,
and nobody heads two. Its BIN is valid (policies.iin.is_valid_bin): the registration year and
month, type 4 (resident legal entity), unit 0 (head office) or 1 (a branch, with its parent's
BIN), a serial and the check digit. A few are liquidated. The demo businesses of onestop.demo
are added with exactly their facts; demo citizens head no other entity.

Entities are drawn from their own random stream (seed + "businesses"), after the population:
adding them changed nobody's personal data.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from connectors.mock.regions import REGIONS
from connectors.mock.seed import REFERENCE_DATE, Population, SeedPerson, address_in, age
from onestop.demo import BUSINESSES, CITIZENS, FAMILIES, RELATIVES, DemoBusiness
from policies.iin import check_digit

__all__ = ["LEGAL_FORMS", "Businesses", "SeedEntity", "generate_entities"]

# Legal form: how the name is written in kk / ru / en, and the head's title.
LEGAL_FORMS: dict[str, dict[str, dict[str, str]]] = {
    "llp": {"name": {"kk": "«{}» ЖШС", "ru": "ТОО «{}»", "en": "{} LLP"},
            "head": {"kk": "Директор", "ru": "Директор", "en": "Director"}},
    "jsc": {"name": {"kk": "«{}» АҚ", "ru": "АО «{}»", "en": "{} JSC"},
            "head": {"kk": "Басқарма төрағасы", "ru": "Председатель правления",
                     "en": "Chairman of the Board"}},
    "state_institution": {"name": {"kk": "«{}» КММ", "ru": "КГУ «{}»", "en": "{} (state institution)"},
                          "head": {"kk": "Басшы", "ru": "Руководитель", "en": "Head"}},
}

# (activity code, words a name ends with, legal form, employees from-to). Codes are OKED.
_SECTORS: tuple[tuple[str, tuple[str, ...], str, tuple[int, int]], ...] = (
    ("41.20", ("Stroi", "Build", "Construction"), "llp", (5, 120)),
    ("49.41", ("Trans", "Logistic", "Cargo"), "llp", (3, 60)),
    ("01.11", ("Agro", "Dala", "Farm"), "llp", (4, 80)),
    ("46.90", ("Trade", "Commerce", "Import"), "llp", (2, 40)),
    ("47.11", ("Market", "Shop", "Store"), "llp", (3, 150)),
    ("86.21", ("Med", "Clinic", "Health"), "llp", (5, 90)),
    ("81.10", ("Service", "Facility", "Clean"), "llp", (3, 70)),
    ("62.01", ("Soft", "IT", "Digital"), "llp", (2, 50)),
    ("10.71", ("Nan", "Bakery", "Food"), "llp", (4, 60)),
    ("35.11", ("Energy", "Power"), "jsc", (100, 1500)),
    ("24.10", ("Metal", "Steel"), "jsc", (200, 3000)),
    ("64.19", ("Bank", "Finance"), "jsc", (50, 900)),
)
_NAME_STARTS = ("Altyn", "Nur", "Dala", "Kok", "Ak", "Bereke", "Sapa", "Zhuldyz", "Shanyrak",
                "Tulpar", "Baiterek", "Steppe", "Orda", "Kazyna", "Samal", "Astyk", "Arna", "Eurasia",
                "Saryarka", "Tau", "Kemel", "Alatau", "Ertis", "Zhaiyk", "Turan", "Ulan", "Birlik")
# Every region has schools, a polyclinic and an akimat: (activity code, name, employees).
_STATE_BODIES: tuple[tuple[str, str, tuple[int, int]], ...] = (
    ("85.31", "School-gymnasium No. {n}, {locality}", (40, 120)),
    ("85.31", "Secondary school No. {n}, {locality}", (30, 90)),
    ("86.21", "City polyclinic No. {n}, {locality}", (60, 250)),
    ("84.11", "Akimat of {locality}", (40, 200)),
)
_HEAD_AGES = (25, 68)


@dataclass(slots=True)
class SeedEntity:
    bin: str
    name: str  # the name proper; LEGAL_FORMS writes it in full
    legal_form: str
    region_code: str
    locality: str
    address_line: str
    activity_code: str
    registered_on: date
    employees: int
    head_iin: str
    head_since: date
    liquidated_on: date | None = None
    parent_bin: str | None = None  # for a branch: the head office

    @property
    def active(self) -> bool:
        return self.liquidated_on is None


class Businesses:
    """The seeded legal entities by BIN, by head, and the employers of each region."""

    def __init__(self, entities: Iterable[SeedEntity]) -> None:
        self.by_bin: dict[str, SeedEntity] = {}
        self.by_head: dict[str, list[SeedEntity]] = {}
        self.employers: dict[str, list[SeedEntity]] = {}
        for entity in entities:
            self.by_bin[entity.bin] = entity
            self.by_head.setdefault(entity.head_iin, []).append(entity)
            self.employers.setdefault(entity.region_code, []).append(entity)

    def __len__(self) -> int:
        return len(self.by_bin)

    def get(self, bin_: str) -> SeedEntity | None:
        return self.by_bin.get(bin_)

    def headed_by(self, iin: str) -> list[SeedEntity]:
        return self.by_head.get(iin, [])


def generate_entities(seed: int, population: Population) -> list[SeedEntity]:
    """About one entity for every 28 persons, plus each region's state bodies and the demo ones."""
    return _EntityGenerator(random.Random(f"{seed}:businesses"), population).all()


class _EntityGenerator:
    def __init__(self, rng: random.Random, population: Population) -> None:
        self.rng = rng
        self.population = population
        demo = {c.iin for c in CITIZENS} | {r.iin for r in RELATIVES}
        for spouse, children in FAMILIES.values():
            demo.update(children)
            if spouse:
                demo.add(spouse)
        self.candidates: dict[str, list[SeedPerson]] = {code: [] for code in REGIONS}
        for person in population.persons.values():
            if (person.iin not in demo and not person.deceased
                    and _HEAD_AGES[0] <= age(person.birth_date) <= _HEAD_AGES[1]):
                self.candidates[person.address.region_code].append(person)
        self.taken_bins = {b.bin for b in BUSINESSES}
        self.names: set[str] = {b.name for b in BUSINESSES}

    def all(self) -> list[SeedEntity]:
        entities = [self.demo(b) for b in BUSINESSES]
        for code, region in REGIONS.items():
            for activity, pattern, size in _STATE_BODIES:
                locality = region.centre
                name = pattern.format(n=self.rng.randint(1, 60), locality=locality)
                entity = self.entity(name, "state_institution", code, locality, activity, size,
                                     date(1996, 1, 1))
                if entity is not None:
                    entities.append(entity)
        weights = [max(1, len(self.candidates[c])) for c in REGIONS]
        for _ in range(len(self.population) // 28):
            code = self.rng.choices(list(REGIONS), weights)[0]
            activity, words, form, size = self.rng.choice(_SECTORS)
            name = f"{self.rng.choice(_NAME_STARTS)} {self.rng.choice(words)}"
            if name in self.names:
                name = f"{name} {REGIONS[code].centre}"
            if name in self.names:
                continue
            region = REGIONS[code]
            locality = region.centre if not region.towns or self.rng.random() < 0.7 \
                else self.rng.choice(region.towns)
            entity = self.entity(name, form, code, locality, activity, size, date(1995, 1, 1))
            if entity is None:
                continue
            entities.append(entity)
            if form == "jsc" and self.rng.random() < 0.5:
                other = self.rng.choice([c for c in REGIONS if c != code])
                branch = self.entity(f"{name} {REGIONS[other].centre} branch", form, other,
                                     REGIONS[other].centre, activity, (20, 200),
                                     entity.registered_on, parent=entity)
                if branch is not None:
                    entities.append(branch)
        return entities

    def entity(self, name: str, form: str, region_code: str, locality: str, activity: str,
               size: tuple[int, int], earliest: date, parent: SeedEntity | None = None) -> SeedEntity | None:
        """A new entity headed by a free candidate of the region; None when the region has none left."""
        rng = self.rng
        pool = self.candidates[region_code]
        if not pool:
            return None
        head = pool.pop(rng.randrange(len(pool)))
        registered = earliest + timedelta(days=rng.randint(0, (REFERENCE_DATE - earliest).days - 60))
        adult = head.birth_date + timedelta(days=21 * 365)
        start = max(registered, adult)
        head_since = start + timedelta(days=rng.randint(0, max(0, (REFERENCE_DATE - start).days - 30)))
        liquidated = None
        if parent is None and form != "state_institution" and rng.random() < 0.06:
            liquidated = head_since + timedelta(days=rng.randint(30, max(31, (REFERENCE_DATE - head_since).days)))
            liquidated = min(liquidated, REFERENCE_DATE - timedelta(days=1))
        self.names.add(name)
        return SeedEntity(
            bin=self.bin(registered, branch=parent is not None), name=name, legal_form=form,
            region_code=region_code, locality=locality,
            address_line=address_in(rng, REGIONS[region_code], locality).line,
            activity_code=activity, registered_on=registered, employees=rng.randint(*size),
            head_iin=head.iin, head_since=head_since, liquidated_on=liquidated,
            parent_bin=parent.bin if parent else None)

    def bin(self, registered: date, *, branch: bool) -> str:
        prefix = f"{registered:%y%m}4{1 if branch else 0}"
        while True:
            first_eleven = f"{prefix}{self.rng.randrange(100_000):05d}"
            digit = check_digit(first_eleven)
            if digit is not None and f"{first_eleven}{digit}" not in self.taken_bins:
                number = f"{first_eleven}{digit}"
                self.taken_bins.add(number)
                return number

    def demo(self, b: DemoBusiness) -> SeedEntity:
        registered = date.fromisoformat(b.registered_on)
        head_iin, head_since = b.head_iin, registered
        if head_iin is None:
            pool = self.candidates[b.region_code]
            head = pool.pop(self.rng.randrange(len(pool)))
            head_iin = head.iin
            start = max(registered, head.birth_date + timedelta(days=21 * 365))
            head_since = start + timedelta(days=self.rng.randint(0, max(0, (REFERENCE_DATE - start).days - 30)))
        return SeedEntity(
            bin=b.bin, name=b.name, legal_form=b.legal_form, region_code=b.region_code,
            locality=b.locality,
            address_line=address_in(self.rng, REGIONS[b.region_code], b.locality).line,
            activity_code=b.activity_code, registered_on=registered, employees=b.employees,
            head_iin=head_iin, head_since=head_since)
