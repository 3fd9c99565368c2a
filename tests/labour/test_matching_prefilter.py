"""Matching scores only the likely vacancies (store/job_matches.py reads them by occupation and
region); its ranking must be exactly the one over every open vacancy, scores and reasons alike,
whatever the profile: held against the whole set for many profiles, on both databases."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from sqlalchemy import select

from onestop.vacancy_seed import seed_vacancies
from policies.labour.matching import rank_vacancies
from portal.applications.submission import today_in_kazakhstan
from services.labour_exchange import occupations
from services.regions import KNOWN_REGIONS
from store import job_matches
from store.engine import get_engine, read_scope
from store.vacancies import _MATCH_COLUMNS


def _profiles(count: int) -> list[dict]:
    rng, on = random.Random(7), today_in_kazakhstan()
    codes, regions = sorted(occupations(on)), sorted(KNOWN_REGIONS)
    skills = ["Python", "SQL", "1С", "Excel", "Кулинария", "Сварка", "Продажи", "WMS"]
    profiles = []
    for n in range(count):
        profiles.append({
            "seeker_id": f"p{n}", "desired_occupations": rng.sample(codes, k=rng.choice((0, 1, 1, 2))),
            "skills": rng.sample(skills, k=rng.randint(0, 4)),
            "regions": rng.sample(regions, k=rng.choice((0, 1, 1, 2))),
            "willing_to_relocate": rng.random() < 0.4,
            "salary_expectation": rng.choice((None, 150000, 300000, 500000, 900000)),
            "work_history": [{"occupation_code": rng.choice(codes), "months": rng.choice((3, 12, 40))}
                             for _ in range(rng.choice((0, 1, 2)))]})
    return profiles


@pytest.fixture
def seeded(own_database_url: str) -> str:
    on = today_in_kazakhstan()
    seed_vacancies(get_engine(own_database_url), 1500, on, seed=11)
    # A few already expired, which neither way may rank.
    seed_vacancies(get_engine(own_database_url), 50, on - timedelta(days=200), seed=12)
    return own_database_url


@pytest.mark.parametrize(("limit", "profiles"), [(1, 15), (20, 30)])
def test_the_prefiltered_ranking_is_the_ranking_over_every_open_vacancy(seeded: str, limit: int,
                                                                       profiles: int) -> None:
    on, titles = today_in_kazakhstan(), occupations(today_in_kazakhstan())
    with read_scope(get_engine(seeded)) as session:
        every = [job_matches.facts_of(r) for r in session.connection().execute(select(*_MATCH_COLUMNS)).all()]
        assert sum(1 for v in every if not v.open_on(on)) >= 10
        for profile in _profiles(profiles):
            seeker = job_matches.seeker_profile(profile)
            expected = rank_vacancies(seeker, every, on, limit=limit, titles=titles)
            got = job_matches.rank_open_vacancies(session.connection(), seeker, on, limit)
            assert got == expected, profile["seeker_id"]
