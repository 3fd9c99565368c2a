"""What the seeded persons earn, receive and own: deterministic per (seed, IIN), consistent in a
family and with the businesses registry, the demo households exact, the mix like a country."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from connectors.mock.legal_entities import Businesses, generate_entities
from connectors.mock.livelihood import Livelihood, month_range
from connectors.mock.seed import REFERENCE_DATE, Population, age, generate_population
from onestop.demo import HOUSEHOLDS, JOBS
from onestop.settings import Settings
from policies.iban import is_valid_kz_iban

SEED = 20261122
COUNT = Settings(_env_file=None).seed_persons


@pytest.fixture(scope="module")
def world() -> tuple[Population, Businesses, Livelihood]:
    people = Population(generate_population(SEED, COUNT))
    businesses = Businesses(generate_entities(SEED, people))
    return people, businesses, Livelihood(SEED, people, businesses)


def _facts(livelihood: Livelihood, people: Population, iin: str) -> tuple[object, ...]:
    person = people.get(iin)
    assert person is not None
    return (livelihood.means(person), livelihood.contracts(person), livelihood.benefits(person),
            livelihood.property(person), livelihood.iban(person))


def test_same_seed_and_iin_same_facts_in_any_order(world: tuple[Population, Businesses, Livelihood]) -> None:
    people, businesses, livelihood = world
    iins = list(people.persons)[::97]
    again = Livelihood(SEED, people, businesses)
    assert [_facts(again, people, i) for i in reversed(iins)] == [
        _facts(livelihood, people, i) for i in reversed(iins)]
    other = Livelihood(SEED + 1, people, businesses)
    assert [_facts(other, people, i) for i in iins] != [_facts(livelihood, people, i) for i in iins]


def test_contracts_are_with_real_employers_of_the_region(world: tuple[Population, Businesses, Livelihood]) -> None:
    people, businesses, livelihood = world
    demo = {j.iin for j in JOBS}
    contracts = 0
    for person in people.persons.values():
        for contract in livelihood.contracts(person):
            contracts += 1
            employer = businesses.get(contract.employer_bin)
            assert employer is not None and employer.registered_on <= contract.start
            assert contract.end is None or contract.start < contract.end
            assert age(person.birth_date, contract.start) >= 17
            if person.iin not in demo:
                assert employer.region_code == person.address.region_code
            if contract.end is None:
                assert employer.active
            if person.deceased:
                assert contract.end is not None and person.death_date is not None
                assert contract.end <= person.death_date
        own = livelihood.contracts(person)
        assert len({c.contract_id for c in own}) == len(own)
    assert contracts > len(people) // 2
    # The head of an entity works there as its head.
    for entity in list(businesses.by_bin.values())[:50]:
        head = people.get(entity.head_iin)
        assert head is not None
        assert any(c.employer_bin == entity.bin for c in livelihood.contracts(head)), entity.bin


def test_a_household_shares_its_means_and_its_homes(world: tuple[Population, Businesses, Livelihood]) -> None:
    people, _, livelihood = world
    couples = [p for p in people.persons.values() if p.spouse and p.iin < p.spouse][:400]
    assert couples
    for person in couples:
        spouse = people.get(person.spouse or "")
        assert spouse is not None
        assert livelihood.means(person) == livelihood.means(spouse)
        homes, cars = livelihood.property(person)
        spouse_homes, spouse_cars = livelihood.property(spouse)
        assert homes == spouse_homes
        assert all(set(h.owners) == {person.iin, spouse.iin} for h in homes)
        assert not {c.plate for c in cars} & {c.plate for c in spouse_cars}
    means = Counter(livelihood.means(p) for p in people.persons.values())
    assert all(means[m] > len(people) // 20 for m in ("poor", "modest", "middle", "well_off"))


def test_benefits_follow_the_facts(world: tuple[Population, Businesses, Livelihood]) -> None:
    people, _, livelihood = world
    kinds: Counter[str] = Counter()
    for person in people.persons.values():
        assert is_valid_kz_iban(livelihood.iban(person))
        for benefit in livelihood.benefits(person):
            kinds[benefit.kind] += 1
            if benefit.kind == "age_pension":
                assert age(person.birth_date, benefit.first_month) >= 61
            if benefit.kind == "unemployment_benefit":
                ended = [c.end for c in livelihood.contracts(person)]
                assert ended and None not in ended
                assert benefit.first_month > max(e for e in ended if e)
                assert benefit.last_month is not None
                assert 1 <= len(month_range(benefit.first_month, benefit.last_month)) <= 6
            if person.death_date is not None and benefit.last_month is not None:
                assert benefit.first_month <= benefit.last_month
    assert {"age_pension", "childcare_benefit", "unemployment_benefit", "disability_benefit"} <= set(kinds)
    large = sum(1 for p in people.persons.values() if livelihood.large_family_allowance(p, REFERENCE_DATE))
    assert large > 0


def test_the_demo_households_hold_exactly_their_facts(world: tuple[Population, Businesses, Livelihood]) -> None:
    people, _, livelihood = world
    for household in HOUSEHOLDS:
        head = people.get(household.head_iin)
        assert head is not None
        members = [head.iin, *([head.spouse] if head.spouse else []), *head.children]
        jobs = sorted((j.iin, j.employer_bin, j.monthly_wage) for j in JOBS if j.iin in members)
        drawn = sorted((c.iin, c.employer_bin, c.monthly_wage)
                       for m in members for c in livelihood.contracts(people.get(m)))  # type: ignore[arg-type]
        assert drawn == jobs
        homes, _ = livelihood.property(head)
        cars = [v for m in members for v in livelihood.property(people.get(m))[1]]  # type: ignore[arg-type]
        assert sum(h.kind != "land_plot" for h in homes) == household.homes
        assert sum(h.kind == "land_plot" for h in homes) == household.land_plots
        assert len(cars) == household.vehicles
        benefits = [(m, b.kind) for m in members for b in livelihood.benefits(people.get(m))]  # type: ignore[arg-type]
        assert benefits == [(b.iin, b.kind) for b in household.benefits]
        assert all(livelihood.large_family_allowance(people.get(m), date(2026, 1, 1)) == 0  # type: ignore[arg-type]
                   for m in members)
        assert {livelihood.means(people.get(m)) for m in members} == {household.means}  # type: ignore[arg-type]
