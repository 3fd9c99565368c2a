"""A job seeker's offered vacancies are ranked once and kept (store/job_matches.py): a look reads the kept
list, the vacancies closed since left out; a list of another registration, of an earlier day, or a full
one with too few still open is ranked afresh. On both databases."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import update

from onestop.vacancy_seed import seed_vacancies
from policies.labour.matching import MatchPart
from portal.applications.submission import today_in_kazakhstan
from store import job_matches
from store.engine import get_engine, read_scope, session_scope
from store.vacancies import Vacancy

PROFILE: dict[str, Any] = {"seeker_id": "900101300001", "desired_occupations": ["2512"], "skills": ["Python", "SQL"],
           "regions": ["astana"], "willing_to_relocate": True, "salary_expectation": 400000,
           "work_history": [{"occupation_code": "2511", "months": 30}]}
IIN = "900101300001"


@pytest.fixture
def seeded(own_database_url: str) -> str:
    seed_vacancies(get_engine(own_database_url), 400, today_in_kazakhstan(), seed=21)
    return own_database_url


def _rank(url: str, key: str = "registration-1", on_day: int = 0) -> list[job_matches.Match]:
    with session_scope(get_engine(url)) as session:
        return job_matches.rank_and_keep(session.connection(), IIN, key, PROFILE,
                                         today_in_kazakhstan() + timedelta(days=on_day))


def _kept(url: str, key: str = "registration-1", limit: int = 20) -> list | None:
    with read_scope(get_engine(url)) as session:
        return job_matches.kept_matches(session.connection(), IIN, key, today_in_kazakhstan(), limit)


def test_a_look_reads_the_ranking_that_was_kept(seeded: str) -> None:
    ranked = _rank(seeded)
    assert len(ranked) == job_matches.KEPT
    with read_scope(get_engine(seeded)) as session:
        fresh = job_matches.rank_open_vacancies(session.connection(), job_matches.seeker_profile(PROFILE),
                                                today_in_kazakhstan(), 20)
    kept = _kept(seeded)
    assert kept is not None
    assert [k.vacancy["vacancy_id"] for k in kept] == [m.vacancy_id for m in fresh]
    assert [k.score for k in kept] == [float(m.score) for m in fresh]
    # The parts as the API shows them, every reason in three languages, as the policy gave them.
    assert [[MatchPart.model_validate(p) for p in json.loads(k.parts)] for k in kept] == [m.parts for m in fresh]


def test_a_vacancy_closed_since_the_ranking_drops_out_and_the_rest_keep_their_order(seeded: str) -> None:
    ranked = _rank(seeded)
    best, second = ranked[0].vacancy_id, ranked[1].vacancy_id
    with session_scope(get_engine(seeded)) as session:
        session.connection().execute(update(Vacancy.__table__).where(Vacancy.__table__.c.id == best)  # type: ignore[attr-defined]
                                     .values(expires_on=today_in_kazakhstan() - timedelta(days=1)))
    kept = _kept(seeded)
    assert kept is not None
    assert best not in [k.vacancy["vacancy_id"] for k in kept]
    assert kept[0].vacancy["vacancy_id"] == second and len(kept) == 20


def test_another_registration_an_earlier_day_or_too_few_still_open_ranks_afresh(seeded: str) -> None:
    _rank(seeded, key="registration-1")
    assert _kept(seeded, key="registration-2") is None  # registered again: the new profile is ranked
    _rank(seeded, on_day=-1)
    assert _kept(seeded) is None  # ranked yesterday
    ranked = _rank(seeded)
    closed = [m.vacancy_id for m in ranked[:job_matches.KEPT - 10]]
    with session_scope(get_engine(seeded)) as session:
        session.connection().execute(update(Vacancy.__table__).where(Vacancy.__table__.c.id.in_(closed))  # type: ignore[attr-defined]
                                     .values(status="archived"))
    assert _kept(seeded, limit=10) is not None  # ten still open of a full list: enough for ten
    assert _kept(seeded, limit=20) is None  # a full list with fewer open than asked: vacancies past it may rank


def test_the_night_refreshes_the_lists_of_earlier_days_only(seeded: str) -> None:
    from store.models import Application, ServiceRequest  # a completed registration to rank from

    on = today_in_kazakhstan()
    with session_scope(get_engine(seeded)) as session:
        session.add(Application(id="registration-1", applicant_iin=IIN, submitted_by=IIN, submitted_via="portal",
                                language="ru", status="completed"))
        session.flush()
        session.add(ServiceRequest(application_id="registration-1", service_code="job-seeker-registration",
                                   status="completed", decision={"profile": PROFILE, "decided_on": on.isoformat()}))
    _rank(seeded, on_day=-1)
    with read_scope(get_engine(seeded)) as session:
        assert job_matches.stale_lists(session.connection(), on, 10) == [IIN]
    from temporalio.testing import ActivityEnvironment

    from store.vacancy_activities import RefreshOffersInput, VacancyActivities

    done = ActivityEnvironment().run(VacancyActivities(get_engine(seeded)).refresh_offers, RefreshOffersInput(on=on))
    assert done.refreshed == 1
    with read_scope(get_engine(seeded)) as session:
        assert job_matches.stale_lists(session.connection(), on, 10) == []
    assert _kept(seeded) is not None


def test_the_night_forgets_the_list_of_a_lapsed_registration(seeded: str) -> None:
    from temporalio.testing import ActivityEnvironment

    from store.models import Application, ServiceRequest
    from store.vacancy_activities import RefreshOffersInput, VacancyActivities

    on = today_in_kazakhstan()
    long_ago = on - timedelta(days=3 * 366)  # decided three years ago: lapsed by any term in force
    with session_scope(get_engine(seeded)) as session:
        session.add(Application(id="registration-1", applicant_iin=IIN, submitted_by=IIN, submitted_via="portal",
                                language="ru", status="completed"))
        session.flush()
        session.add(ServiceRequest(application_id="registration-1", service_code="job-seeker-registration",
                                   status="completed",
                                   decision={"profile": PROFILE, "decided_on": long_ago.isoformat()}))
    _rank(seeded, on_day=-1)
    done = ActivityEnvironment().run(VacancyActivities(get_engine(seeded)).refresh_offers, RefreshOffersInput(on=on))
    assert done.refreshed == 1
    with read_scope(get_engine(seeded)) as session:
        assert job_matches.stale_lists(session.connection(), on, 10) == []  # not ranked again, forgotten
    assert _kept(seeded) is None


def test_the_night_takes_the_lists_a_shard_at_a_time(seeded: str) -> None:
    """Each shard (the IIN's last serial digit) refreshes only its own lists, and the shards together all."""
    from temporalio.testing import ActivityEnvironment

    from store.vacancy_activities import RefreshOffersInput, VacancyActivities

    on = today_in_kazakhstan()
    seekers = [f"9001013000{serial}{check}" for serial, check in (("3", "1"), ("7", "2"), ("7", "5"))]
    for iin in seekers:
        with session_scope(get_engine(seeded)) as session:
            job_matches.rank_and_keep(session.connection(), iin, f"registration-{iin}", PROFILE,
                                      on - timedelta(days=1))
    with read_scope(get_engine(seeded)) as session:
        connection = session.connection()
        assert job_matches.stale_lists(connection, on, 10, shard=3) == [seekers[0]]
        assert job_matches.stale_lists(connection, on, 10, shard=7) == seekers[1:]
        assert job_matches.stale_lists(connection, on, 10, shard=0) == []
        assert job_matches.stale_lists(connection, on, 10) == seekers
    refresh = VacancyActivities(get_engine(seeded)).refresh_offers
    # No registration stands behind these lists: the night forgets them, a shard at a time.
    assert ActivityEnvironment().run(refresh, RefreshOffersInput(on=on, shard=7)).refreshed == 2
    with read_scope(get_engine(seeded)) as session:
        assert job_matches.stale_lists(session.connection(), on, 10) == [seekers[0]]
    assert ActivityEnvironment().run(refresh, RefreshOffersInput(on=on, shard=3)).refreshed == 1
    with read_scope(get_engine(seeded)) as session:
        assert job_matches.stale_lists(session.connection(), on, 10) == []
