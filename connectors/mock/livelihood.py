"""What the seeded persons earn, receive and own: the data behind the contracts (e-employment
record), pension and social-insurance contributions, social payments and property registries.

The same seed and IIN always give the same answer, and a family is consistent:
- each household (a person and their spouse) has one level of means, drawn from the seed and
  the smaller IIN of the couple: poor, modest, middle or well-off. It shapes every adult
  member's wage, benefits and what they own;
- employers are legal entities of the businesses registry in the person's region, registered
  before the contract starts; the head of an entity works there as its head;
- contributions are what the contracts (and an entrepreneur's own declared income) pay, month
  by month; an unemployment benefit follows a contract that ended;
- spouses own their home together; a couple's cars are registered to one of them;
- the demo households of onestop.demo hold exactly their published contracts, homes, cars
  and benefits, and nothing drawn at random.

Rates and amounts here are synthetic: the registries report facts, the policies judge them.
A contract pays a month when it covers the 15th of that month; a wage stays what the contract
says for its whole length.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from connectors.mock.legal_entities import Businesses, SeedEntity
from connectors.mock.regions import REGIONS
from connectors.mock.seed import REFERENCE_DATE, Population, SeedPerson, address_in, age, full_time_studies
from onestop.demo import HOUSEHOLDS, JOBS, DemoHousehold
from policies.iban import kz_iban

__all__ = ["MEANS", "PENSION_AGE", "Livelihood", "SeedBenefit", "SeedContract", "SeedHome",
           "SeedVehicle", "month_range", "months_between"]

MEANS = ("poor", "modest", "middle", "well_off")
_MEANS_WEIGHTS = (14, 22, 44, 20)
# Pension age by sex (women's is 61 until 2028 under the Social Code; men's 63).
PENSION_AGE = {"M": 63, "F": 61}
_WAGES = {"poor": (40_000, 110_000), "modest": (100_000, 220_000),
          "middle": (200_000, 550_000), "well_off": (550_000, 2_000_000)}
_EMPLOYED = {"poor": 0.55, "modest": 0.75, "middle": 0.85, "well_off": 0.92}
_PENSIONS = {"poor": (75_000, 95_000), "modest": (90_000, 130_000),
             "middle": (120_000, 190_000), "well_off": (170_000, 280_000)}
_CHILDCARE = {"poor": 28_000, "modest": 40_000, "middle": 70_000, "well_off": 150_000}
_DISABILITY = {1: 98_000, 2: 79_000, 3: 54_000}
_DISABLED_CHILD = 79_000
# Large-family allowance by number of children under 18 (4, 5, 6, 7 and more).
_LARGE_FAMILY = {4: 69_330, 5: 86_660, 6: 103_990, 7: 121_320}
_UNEMPLOYMENT_REPLACEMENT = 0.45
_HOMES = {"poor": ((0, 45), (1, 55)), "modest": ((0, 15), (1, 85)),
          "middle": ((1, 75), (2, 25)), "well_off": ((1, 40), (2, 40), (3, 20))}
_VEHICLES = {"poor": ((0, 93), (1, 7)), "modest": ((0, 65), (1, 35)),
             "middle": ((0, 25), (1, 60), (2, 15)), "well_off": ((1, 50), (2, 35), (3, 15))}
_CARS = {"poor": (("Lada", "Granta"), ("Daewoo", "Nexia"), ("Lada", "Niva")),
         "modest": (("Chevrolet", "Cobalt"), ("Hyundai", "Accent"), ("Kia", "Rio"), ("Lada", "Vesta")),
         "middle": (("Toyota", "Camry"), ("Hyundai", "Tucson"), ("Kia", "Sportage"),
                    ("Volkswagen", "Polo"), ("Haval", "Jolion")),
         "well_off": (("Toyota", "Land Cruiser"), ("Lexus", "RX"), ("Mercedes-Benz", "E-Class"),
                      ("BMW", "X5"), ("Toyota", "Camry"))}
_POSITIONS = {"41.20": ("Bricklayer", "Site engineer", "Foreman", "Crane operator"),
              "49.41": ("Truck driver", "Dispatcher", "Mechanic"),
              "01.11": ("Tractor driver", "Agronomist", "Farm worker"),
              "46.90": ("Sales manager", "Accountant", "Storekeeper"),
              "47.11": ("Cashier", "Shop assistant", "Store manager"),
              "86.21": ("Nurse", "Doctor", "Registrar"),
              "81.10": ("Cleaner", "Caretaker", "Technician"),
              "62.01": ("Software developer", "Systems administrator", "Project manager"),
              "10.71": ("Baker", "Packer", "Technologist"),
              "35.11": ("Electrician", "Power engineer", "Operator"),
              "24.10": ("Steelworker", "Metallurgist", "Fitter"),
              "64.19": ("Loan officer", "Teller", "Analyst"),
              "85.31": ("Teacher", "Teacher's assistant", "Cleaner"),
              "84.11": ("Chief specialist", "Leading specialist", "Driver"),
              "27.11": ("Assembler", "Electrical engineer", "Loader")}
_BANKS = ("601", "722", "965", "998", "856", "914", "949")  # bank codes an IBAN starts with


@dataclass(frozen=True, slots=True)
class SeedContract:
    contract_id: str
    iin: str
    employer_bin: str
    position: str
    start: date
    end: date | None
    monthly_wage: int
    # Later wages, from a date each (the registry's events: an income change).
    wage_changes: tuple[tuple[date, int], ...] = ()

    def pays_in(self, month: date) -> bool:
        mid = month.replace(day=15)
        return self.start <= mid and (self.end is None or self.end >= mid)

    def wage_in(self, month: date) -> int:
        """The wage for this month: the last change in force on its 15th."""
        wage = self.monthly_wage
        for since, changed in self.wage_changes:
            if since <= month.replace(day=15):
                wage = changed
        return wage


@dataclass(frozen=True, slots=True)
class SeedBenefit:
    kind: str
    first_month: date
    last_month: date | None  # None: still paid
    monthly_amount: int
    details: dict[str, Any] = field(default_factory=dict)

    def paid_in(self, month: date) -> bool:
        return self.first_month <= month and (self.last_month is None or month <= self.last_month)


@dataclass(frozen=True, slots=True)
class SeedHome:
    cadastral_number: str
    kind: str  # "apartment", "house", "land_plot"
    address_line: str
    area_m2: int
    acquired_on: date
    owners: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SeedVehicle:
    plate: str
    make: str
    model: str
    year: int
    registered_on: date
    owner_iin: str


def years_after(day: date, years: int) -> date:
    """The anniversary; 29 February's is 1 March in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return date(day.year + years, 3, 1)


def first_of(day: date) -> date:
    return day.replace(day=1)


def add_months(month: date, n: int) -> date:
    index = month.year * 12 + month.month - 1 + n
    return date(index // 12, index % 12 + 1, 1)


def months_between(first: date, last: date) -> Iterator[date]:
    month = first_of(first)
    while month <= last:
        yield month
        month = add_months(month, 1)


def month_range(first: date, last: date) -> list[date]:
    return list(months_between(first, last))


def _rng(seed: int, what: str, key: str) -> random.Random:
    return random.Random(f"{seed}:{what}:{key}")


def _pick(rng: random.Random, weighted: tuple[tuple[int, int], ...]) -> int:
    return rng.choices([v for v, _ in weighted], [w for _, w in weighted])[0]


def _between(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, max(0, (last - first).days)))


class Livelihood:
    """Per-person facts, computed on first use and kept: the population is read-only."""

    def __init__(self, seed: int, population: Population, businesses: Businesses) -> None:
        self.seed = seed
        self.population = population
        self.businesses = businesses
        self.demo_jobs: dict[str, list[SeedContract]] = {}
        for n, job in enumerate(JOBS):
            self.demo_jobs.setdefault(job.iin, []).append(SeedContract(
                self._contract_id(job.iin, n, demo=True), job.iin, job.employer_bin, job.position,
                date.fromisoformat(job.start), date.fromisoformat(job.end) if job.end else None,
                job.monthly_wage))
        self.demo_households: dict[str, DemoHousehold] = {}
        for household in HOUSEHOLDS:
            head = population.get(household.head_iin)
            self.demo_households[household.head_iin] = household
            if head is not None:
                for member in (head.spouse, *head.children):
                    if member:
                        self.demo_households[member] = household
        self._contracts: dict[str, list[SeedContract]] = {}
        self._benefits: dict[str, list[SeedBenefit]] = {}
        # What registry events changed: contracts added, ended, paid differently.
        self._added: dict[str, list[SeedContract]] = {}
        self._ended: dict[str, date] = {}
        self._wage_changes: dict[str, list[tuple[date, int]]] = {}

    # --- the household ----------------------------------------------------------------

    def household_key(self, person: SeedPerson) -> str:
        return min(person.iin, person.spouse) if person.spouse else person.iin

    def means(self, person: SeedPerson) -> str:
        household = self.demo_households.get(person.iin)
        if household is not None:
            return household.means
        rng = _rng(self.seed, "means", self.household_key(person))
        return rng.choices(MEANS, _MEANS_WEIGHTS)[0]

    def pension_month(self, person: SeedPerson) -> date:
        """The first month of an age pension: the one after the pension-age birthday."""
        birthday = years_after(person.birth_date, PENSION_AGE[person.sex])
        return add_months(first_of(birthday), 1)

    def iban(self, person: SeedPerson) -> str:
        rng = _rng(self.seed, "iban", person.iin)
        return kz_iban(rng.choice(_BANKS), f"{rng.randrange(10 ** 13):013d}")

    # --- e-employment record ------------------------------------------------------------

    def contracts(self, person: SeedPerson) -> list[SeedContract]:
        """The seeded contracts and those registry events started, with the events' ends, wage
        changes and a death applied."""
        drawn = self._contracts.get(person.iin)
        if drawn is None:
            drawn = self._contracts[person.iin] = self._draw_contracts(person)
        found = []
        for contract in [*drawn, *self._added.get(person.iin, ())]:
            end = self._ended.get(contract.contract_id, contract.end)
            if person.death_date is not None:
                if contract.start >= person.death_date:
                    continue
                end = min(end, person.death_date) if end else person.death_date
            changes = tuple(self._wage_changes.get(contract.contract_id, ()))
            if end != contract.end or changes:
                contract = replace(contract, end=end, wage_changes=contract.wage_changes + changes)
            found.append(contract)
        return found

    # --- changes the registry events make -------------------------------------------------

    def add_contract(self, contract: SeedContract) -> None:
        self._added.setdefault(contract.iin, []).append(contract)
        self._benefits.pop(contract.iin, None)

    def end_contract(self, contract: SeedContract, end: date) -> None:
        self._ended[contract.contract_id] = end
        self._benefits.pop(contract.iin, None)

    def change_wage(self, contract: SeedContract, since: date, wage: int) -> None:
        self._wage_changes.setdefault(contract.contract_id, []).append((since, wage))
        self._benefits.pop(contract.iin, None)

    def forget(self, *iins: str) -> None:
        """Work out these persons' benefits again (a death, a birth in the family)."""
        for iin in iins:
            self._benefits.pop(iin, None)

    def _contract_id(self, iin: str, n: int, demo: bool = False) -> str:
        digest = hashlib.sha256(f"{'demo' if demo else self.seed}:{iin}:{n}".encode()).hexdigest()
        return f"EC-{digest[:12]}"

    def _draw_contracts(self, person: SeedPerson) -> list[SeedContract]:
        if person.iin in self.demo_jobs:
            return list(self.demo_jobs[person.iin])
        if person.iin in self.demo_households:
            return []
        rng = _rng(self.seed, "contracts", person.iin)
        adult_on = years_after(person.birth_date, 18)
        if adult_on >= REFERENCE_DATE - timedelta(days=60):
            return []
        means = self.means(person)
        wages = _WAGES[means]
        drawn: list[tuple[SeedEntity, str, date, date | None, int]] = []
        headed = [e for e in self.businesses.headed_by(person.iin)]
        years = age(person.birth_date)
        retired = self.pension_month(person) <= REFERENCE_DATE
        if headed:
            for entity in headed:
                wage = round(rng.randint(*_WAGES["well_off" if means == "well_off" else "middle"]), -3)
                position = "Director" if entity.legal_form != "jsc" else "Chairman of the Board"
                drawn.append((entity, position, entity.head_since, entity.liquidated_on, wage))
        else:
            chance = _EMPLOYED[means] * (0.5 if years < 23 else 1.0) * (0.2 if retired else 1.0)
            chance *= 0.15 if person.active_entrepreneur else 1.0
            earliest = max(adult_on, date(2012, 1, 1))
            studies = full_time_studies(self.seed, person)
            if studies is not None:  # a full-time student takes a job once they graduate
                earliest = max(earliest, studies[1] + timedelta(days=1))
            if earliest >= REFERENCE_DATE - timedelta(days=60):
                return []
            if rng.random() < chance:
                start = _between(rng, earliest, REFERENCE_DATE - timedelta(days=20))
                employer = self._employer(rng, person, start, active=True)
                if employer is not None:
                    drawn.append((employer, self._position(rng, employer), start, None,
                                  round(rng.randint(*wages), -3)))
                    if rng.random() < 0.5 and (start - earliest).days > 400:
                        end = start - timedelta(days=rng.randint(1, 90))
                        begin = _between(rng, max(earliest, end - timedelta(days=6 * 365)),
                                         end - timedelta(days=180))
                        past = self._employer(rng, person, begin, until=end)
                        if past is not None:
                            drawn.append((past, self._position(rng, past), begin, end,
                                          int(round(rng.randint(*wages) * 0.75, -3))))
            elif years >= 20 and not retired and rng.random() < 0.5:
                # Out of work now: a contract that ended 1 to 36 months ago.
                end = REFERENCE_DATE - timedelta(days=rng.randint(30, 36 * 30))
                begin = end - timedelta(days=rng.randint(6 * 30, 8 * 365))
                begin = max(begin, earliest)
                past = self._employer(rng, person, begin, until=end) if begin < end else None
                if past is not None:
                    drawn.append((past, self._position(rng, past), begin, end,
                                  round(rng.randint(*wages), -3)))
        contracts = []
        # A death cuts these short in contracts(): the draw itself never depends on it, so
        # a death reported later leaves the rest of the record as it was.
        for n, (employer, position, start, ended, wage) in enumerate(sorted(drawn, key=lambda d: d[2])):
            contracts.append(SeedContract(self._contract_id(person.iin, n), person.iin, employer.bin,
                                          position, start, ended, max(wage, 1000)))
        return contracts

    def _employer(self, rng: random.Random, person: SeedPerson, start: date, *, active: bool = False,
                  until: date | None = None) -> SeedEntity | None:
        """An employer of the person's region that existed from `start` (and to `until`)."""
        pool = [e for e in self.businesses.employers.get(person.address.region_code, ())
                if e.registered_on <= start
                and (e.active if active else (e.liquidated_on is None or (until and e.liquidated_on >= until)))]
        if not pool:
            return None
        return rng.choices(pool, [e.employees for e in pool])[0]

    def _position(self, rng: random.Random, employer: SeedEntity) -> str:
        return rng.choice(_POSITIONS.get(employer.activity_code, ("Specialist", "Worker", "Manager")))

    def wage_income(self, person: SeedPerson, month: date) -> list[tuple[str, str, int]]:
        """(payer id, payer kind, income) for this month: each employer, and an entrepreneur's
        own declared income."""
        paid = [(c.employer_bin, "employer", c.wage_in(month)) for c in self.contracts(person)
                if c.pays_in(month)]
        if (person.active_entrepreneur and person.entrepreneur_since
                and first_of(person.entrepreneur_since) <= month and self._alive_in(person, month)):
            rng = _rng(self.seed, "declared", person.iin)
            paid.append((person.iin, "self", round(rng.randint(*_WAGES[self.means(person)]), -3)))
        return paid

    def _alive_in(self, person: SeedPerson, month: date) -> bool:
        return person.death_date is None or month <= first_of(person.death_date)

    # --- social payments ----------------------------------------------------------------

    def benefits(self, person: SeedPerson) -> list[SeedBenefit]:
        """Benefits paid for whole periods; the large-family allowance is worked out per month."""
        found = self._benefits.get(person.iin)
        if found is None:
            found = self._benefits[person.iin] = self._draw_benefits(person)
        return found

    def _draw_benefits(self, person: SeedPerson) -> list[SeedBenefit]:
        household = self.demo_households.get(person.iin)
        if household is not None:
            return [SeedBenefit(b.kind, date.fromisoformat(f"{b.first_month}-01"),
                                date.fromisoformat(f"{b.last_month}-01") if b.last_month else None,
                                b.monthly_amount,
                                {"disability_group": b.disability_group} if b.disability_group else {})
                    for b in household.benefits if b.iin == person.iin]
        rng = _rng(self.seed, "benefits", person.iin)
        means = self.means(person)
        death = first_of(person.death_date) if person.death_date else None
        found: list[SeedBenefit] = []
        pension_from = self.pension_month(person)
        pension = round(rng.randint(*_PENSIONS[means]), -2)
        if pension_from <= REFERENCE_DATE and (death is None or pension_from <= death):
            found.append(SeedBenefit("age_pension", pension_from, death, pension))
        if age(person.birth_date) >= 18 and rng.random() < 0.03:
            group = rng.choices((1, 2, 3), (1, 5, 4))[0]
            since = first_of(_between(rng, max(years_after(person.birth_date, 18),
                                               date(2008, 1, 1)), REFERENCE_DATE))
            if death is None or since <= death:
                found.append(SeedBenefit("disability_benefit", since, death, _DISABILITY[group],
                                         {"disability_group": group}))
        for child_iin in person.children:
            child = self.population.get(child_iin)
            if child is None or self._carer_of(child) != person.iin:
                continue
            if self.disabled_child(child):
                since = add_months(first_of(child.birth_date), 12)
                until = add_months(first_of(child.birth_date), 18 * 12 - 1)
                found.append(SeedBenefit("disabled_child_benefit", since, until, _DISABLED_CHILD,
                                         {"child_iin": child.iin}))
            since = add_months(first_of(child.birth_date), 1)
            found.append(SeedBenefit("childcare_benefit", since, add_months(since, 17),
                                     _CHILDCARE[means], {"child_iin": child.iin}))
        found.extend(self._unemployment(person))
        return found

    def disabled_child(self, child: SeedPerson) -> bool:
        return _rng(self.seed, "disabled-child", child.iin).random() < 0.015

    def _carer_of(self, child: SeedPerson) -> str | None:
        """Who child benefits are paid to: the mother, or the only parent."""
        parents = [p for p in (self.population.get(i) for i in self.population.parents.get(child.iin, []))
                   if p is not None]
        carers = [p for p in parents if p.sex == "F"] or parents
        return carers[0].iin if carers else None

    def _unemployment(self, person: SeedPerson) -> list[SeedBenefit]:
        contracts = self.contracts(person)
        if not contracts or any(c.end is None for c in contracts):
            return []
        last = max(contracts, key=lambda c: c.end or date.min)
        assert last.end is not None
        window = [add_months(first_of(last.end), -n) for n in range(24)]
        incomes = [sum(w for _, _, w in self.wage_income(person, m)) for m in window]
        paid_months = sum(1 for i in incomes if i)
        career = sum(1 for c in contracts for _ in months_between(c.start, c.end or c.start))
        if paid_months < 6 or (person.death_date and person.death_date <= last.end):
            return []
        coefficient = 0.7 if career < 12 else 0.75 if career < 24 else 0.85 if career < 36 else \
            0.9 if career < 48 else 0.95 if career < 60 else 1.0
        months = 1 if career < 12 else 2 if career < 24 else 3 if career < 36 else \
            4 if career < 48 else 5 if career < 60 else 6
        amount = round(sum(incomes) / 24 * _UNEMPLOYMENT_REPLACEMENT * coefficient)
        first = add_months(first_of(last.end), 1)
        return [SeedBenefit("unemployment_benefit", first, add_months(first, months - 1), amount,
                            {"months_of_contributions": career})]

    def large_family_allowance(self, person: SeedPerson, month: date) -> int:
        """The allowance paid to this parent for this month: four or more children under 18."""
        if self.demo_households.get(person.iin) is not None or not self._alive_in(person, month):
            return 0
        minors = [c for c in (self.population.get(i) for i in person.children)
                  if c is not None and self._carer_of(c) == person.iin
                  and first_of(c.birth_date) < month and age(c.birth_date, month) < 18]
        return _LARGE_FAMILY[min(len(minors), 7)] if len(minors) >= 4 else 0

    # --- property -----------------------------------------------------------------------

    def property(self, person: SeedPerson) -> tuple[list[SeedHome], list[SeedVehicle]]:
        """What the person owns: the household's homes (owned by both spouses) and the cars
        registered to them."""
        if age(person.birth_date) < 18:
            return [], []
        key = self.household_key(person)
        keyed = self.population.get(key) or person
        owners = tuple(sorted(i for i in (keyed.iin, keyed.spouse) if i))
        rng = _rng(self.seed, "property", key)
        household = self.demo_households.get(person.iin)
        means = self.means(person)
        if household is not None:
            homes_count, vehicles_count, plots = household.homes, household.vehicles, household.land_plots
        elif age(keyed.birth_date) < 25 and not keyed.spouse:
            homes_count, vehicles_count, plots = 0, 0, 0
        else:
            homes_count = _pick(rng, _HOMES[means])
            vehicles_count = _pick(rng, _VEHICLES[means])
            plots = int(rng.random() < (0.6 if not keyed.address.urban else 0.3 if means == "well_off" else 0.05))
        region = REGIONS[keyed.address.region_code]
        region_number = list(REGIONS).index(region.code) + 1
        since = max(years_after(keyed.birth_date, 20), date(1995, 1, 1))
        homes: list[SeedHome] = []
        for n in range(homes_count + plots):
            plot = n >= homes_count
            line = keyed.address.line if n == 0 else address_in(rng, region, rng.choice(
                (region.centre, *region.towns, *region.villages))).line
            urban = not plot and (keyed.address.urban if n == 0 else rng.random() < 0.7)
            kind = "land_plot" if plot else "apartment" if urban else "house"
            if kind != "apartment":
                line = line.split(", apt ")[0]
            area = rng.randint(600, 2500) if plot else rng.randint(35, 160) if urban else rng.randint(60, 220)
            number = f"{region_number:02d}-{rng.randint(100, 399)}-{rng.randint(0, 999):03d}-{rng.randint(0, 9999):04d}"
            homes.append(SeedHome(number, kind, line, area, _between(rng, since, REFERENCE_DATE), owners))
        vehicles: list[SeedVehicle] = []
        for n in range(vehicles_count):
            make, model = rng.choice(_CARS[means])
            owner = owners[0] if len(owners) == 1 or n % 2 == 0 else owners[1]
            year = rng.randint(2003 if means == "poor" else 2010, 2025)
            letters = "".join(rng.choice("ABCDEHKMOPTXY") for _ in range(3))
            vehicles.append(SeedVehicle(f"{rng.randint(1, 999):03d}{letters}{region_number:02d}", make,
                                        model, year, _between(rng, max(since, date(year, 1, 1)), REFERENCE_DATE),
                                        owner))
        return homes, [v for v in vehicles if v.owner_iin == person.iin]
