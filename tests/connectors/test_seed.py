"""The seeded population: deterministic, valid IINs, consistent families, the demo persons exact."""

from __future__ import annotations

import time
from collections import Counter
from datetime import date

import pytest

from connectors.mock.legal_entities import generate_entities
from connectors.mock.regions import REGIONS
from connectors.mock.seed import REFERENCE_DATE, Population, SeedPerson, age, generate_population
from onestop.demo import BUSINESSES, CITIZENS, FAMILIES
from onestop.settings import Settings
from policies.iin import is_valid_bin, is_valid_iin

SEED = 20261122
COUNT = Settings(_env_file=None).seed_persons


@pytest.fixture(scope="module")
def people() -> list[SeedPerson]:
    return generate_population(SEED, COUNT)


def _facts(p: SeedPerson) -> tuple[object, ...]:
    return (p.iin, p.last_name, p.first_name, p.middle_name, p.birth_date, p.address.line,
            p.phone, p.email, p.spouse, tuple(p.children), p.deceased, p.active_entrepreneur)


def test_same_seed_same_people_other_seed_other_people(people: list[SeedPerson]) -> None:
    again = generate_population(SEED, COUNT)
    assert [_facts(p) for p in again] == [_facts(p) for p in people]
    other = generate_population(SEED + 1, COUNT)
    assert {p.iin for p in other} != {p.iin for p in people}


def test_generation_is_fast() -> None:
    started = time.perf_counter()
    generate_population(7, COUNT)
    assert time.perf_counter() - started < 1.0


def test_at_least_count_persons_with_unique_valid_iins(people: list[SeedPerson]) -> None:
    assert COUNT >= 10_000
    assert len(people) >= COUNT
    iins = [p.iin for p in people]
    assert len(set(iins)) == len(iins)
    assert all(is_valid_iin(i) for i in iins)


def test_iin_encodes_birth_date_century_and_sex(people: list[SeedPerson]) -> None:
    for p in people:
        assert p.iin[:6] == p.birth_date.strftime("%y%m%d"), p.iin
        digit = int(p.iin[6])
        century = {1: 1800, 2: 1800, 3: 1900, 4: 1900, 5: 2000, 6: 2000}[digit]
        assert century <= p.birth_date.year < century + 100
        assert p.sex == ("M" if digit % 2 else "F")


def test_family_links_are_consistent(people: list[SeedPerson]) -> None:
    population = Population(people)
    spouses = [p for p in people if p.spouse]
    assert len(spouses) > len(people) // 5
    for p in spouses:
        partner = population.get(p.spouse or "")
        assert partner is not None and partner.spouse == p.iin
    parents_of = population.parents
    with_children = [p for p in people if p.children]
    assert with_children
    for parent in with_children:
        for child_iin in parent.children:
            child = population.get(child_iin)
            assert child is not None
            assert parent.iin in parents_of[child_iin]
            assert child.birth_date > parent.birth_date


def test_the_mix_looks_like_a_country(people: list[SeedPerson]) -> None:
    n = len(people)
    deceased = [p for p in people if p.deceased]
    assert 0.004 * n < len(deceased) < 0.02 * n
    assert all(p.death_date and p.death_date > p.birth_date for p in deceased)
    entrepreneurs = sum(p.active_entrepreneur for p in people)
    assert 0.03 * n < entrepreneurs < 0.08 * n
    assert sum(age(p.birth_date, date.today()) < 18 for p in people) > 0.05 * n
    rural = sum(not p.address.urban for p in people)
    assert 0.1 * n < rural < 0.5 * n
    assert set(Counter(p.address.region_code for p in people)) == set(REGIONS)
    assert 0.3 * n < sum(p.phone is not None for p in people) < 0.9 * n
    assert sum(p.email is not None for p in people) > 0.1 * n
    assert len(REGIONS) == 20 and all(set(r.name) == {"kk", "ru", "en"} for r in REGIONS.values())


def test_demo_persons_have_exactly_their_facts(people: list[SeedPerson]) -> None:
    population = Population(people)
    for c in CITIZENS:
        p = population.get(c.iin)
        assert p is not None, c.last_name
        assert (p.last_name, p.first_name, p.birth_date.isoformat(), p.sex) == (
            c.last_name, c.first_name, c.birth_date, c.sex)
        assert (p.address.region_code, p.address.locality) == (c.region_code, c.locality)
        assert (p.deceased, p.active_entrepreneur, p.phone, p.email) == (
            c.deceased, c.active_entrepreneur, c.phone, c.email)
        assert (p.death_date is not None) == c.deceased
    village = population.get("900101300811")
    assert village is not None and village.address.urban is False
    assert "Shayan village" in village.address.line
    for head, (spouse, children) in FAMILIES.items():
        person = population.get(head)
        assert person is not None and person.spouse == spouse
        assert set(children) <= set(person.children)
        for child in children:
            assert head in population.parents[child]


def test_legal_entities_are_headed_by_living_adults_of_their_region(people: list[SeedPerson]) -> None:
    population = Population(people)
    entities = generate_entities(SEED, population)
    assert [(e.bin, e.head_iin) for e in generate_entities(SEED, population)] == [
        (e.bin, e.head_iin) for e in entities]
    assert len(entities) > len(people) // 40
    bins = [e.bin for e in entities]
    assert len(set(bins)) == len(bins) and all(is_valid_bin(b) for b in bins)
    heads = [e.head_iin for e in entities]
    assert len(set(heads)) == len(heads)  # nobody heads two
    by_bin = {e.bin: e for e in entities}
    for e in entities:
        assert e.bin[:4] == e.registered_on.strftime("%y%m")
        head = population.get(e.head_iin)
        assert head is not None and not head.deceased, e.bin
        assert age(head.birth_date, e.head_since) >= 18
        assert e.registered_on <= e.head_since <= REFERENCE_DATE
        assert e.liquidated_on is None or e.head_since < e.liquidated_on < REFERENCE_DATE
        if e.parent_bin is not None:
            assert e.bin[5] == "1" and by_bin[e.parent_bin].bin[5] == "0"
        else:
            assert e.bin[5] == "0"
        if e.bin not in {b.bin for b in BUSINESSES}:
            assert head.address.region_code == e.region_code
    assert sum(not e.active for e in entities) > 0
    assert {e.region_code for e in entities} == set(REGIONS)
    demo_heads = {c.iin for c in CITIZENS}
    for demo in BUSINESSES:
        e = by_bin[demo.bin]
        assert (e.name, e.legal_form, e.region_code, e.registered_on.isoformat()) == (
            demo.name, demo.legal_form, demo.region_code, demo.registered_on)
        assert demo.head_iin is None or e.head_iin == demo.head_iin
    # Demo citizens head only the demo businesses that name them.
    assert {e.head_iin for e in entities if e.head_iin in demo_heads} == {
        b.head_iin for b in BUSINESSES if b.head_iin}


def test_full_time_students_study_after_school_and_work_after(people: list[SeedPerson]) -> None:
    from connectors.mock.legal_entities import Businesses
    from connectors.mock.livelihood import Livelihood
    from connectors.mock.seed import full_time_studies, is_full_time_student

    population = Population(people)
    businesses = Businesses(generate_entities(SEED, population))
    livelihood = Livelihood(SEED, population, businesses)
    young = [p for p in people if 18 <= age(p.birth_date, REFERENCE_DATE) <= 21 and not p.deceased]
    students = [p for p in young if is_full_time_student(SEED, p, REFERENCE_DATE)]
    assert 0.25 * len(young) < len(students) < 0.6 * len(young)
    assert not any(is_full_time_student(SEED, p, REFERENCE_DATE) for p in people
                   if age(p.birth_date, REFERENCE_DATE) >= 30)
    for p in people[:3000]:
        studies = full_time_studies(SEED, p)
        if studies is not None and not businesses.headed_by(p.iin):  # a head may direct while studying
            assert all(c.start > studies[1] for c in livelihood.contracts(p)), p.iin
