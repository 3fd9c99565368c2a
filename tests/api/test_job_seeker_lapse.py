"""A job seeker's registration lapses (labour.job_seeker.registration_months from its decision) and
registering again renews it, through HTTP with real tokens and the labour exchange's own activity:

    registered, found by employers -> lapsed: no candidate, no TSA participation, no matches (404 naming
    the lapse), not a job seeker for the support measures -> registers again: all of them back
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import httpx
from sqlmodel import col, select

from policies.labour.unemployment import add_months
from policies.parameters import value as parameter
from portal.applications.submission import today_in_kazakhstan
from services.labour_participation import ParticipationInput
from store.engine import get_engine, session_scope
from store.labour_activities import LabourExchangeActivities
from store.models import Application, ServiceRequest
from tests.api.test_labour_api import acting
from tests.api.test_labour_exchange_api import _published, _registered
from tests.labour.people import employer, livelihood, out_of_work
from tests.support.api import client_as
from tests.support.stack import Stack

PROBLEM = "application/problem+json"
JOB_SEEKER = "job-seeker-registration"


def lapse(stack: Stack, iin: str) -> date:
    """Move the person's registrations back past their term, as if decided that long ago; the new decision day."""
    today = today_in_kazakhstan()
    months = int(parameter("labour.job_seeker.registration_months", today))
    decided = add_months(today, -months) - timedelta(days=1)  # its last day was yesterday
    with session_scope(get_engine(stack.settings.database_url)) as session:
        rows = session.exec(select(ServiceRequest).join(Application, col(Application.id) ==
                                                        col(ServiceRequest.application_id))
                            .where(col(Application.applicant_iin) == iin,
                                   col(ServiceRequest.service_code) == JOB_SEEKER)).all()
        assert rows
        for row in rows:
            row.decision = {**(row.decision or {}), "decided_on": decided.isoformat()}
            if row.completed_at is not None:  # decided, its plan still to come: not completed yet
                row.completed_at = row.completed_at - timedelta(days=(today - decided).days)
            session.add(row)
    return decided


def participates(stack: Stack, iin: str) -> bool:
    """What the TSA's participation check reads of the person (store.labour_participation)."""
    today = today_in_kazakhstan()
    found = LabourExchangeActivities(get_engine(stack.settings.database_url)).participation(
        ParticipationInput(iins=[iin], on=today, refusals_since=today))
    return found.of(iin).job_seeker


async def _candidates(head: httpx.AsyncClient, business: str, vacancy_id: str) -> set[str]:
    listed = await head.get(f"/vacancies/{vacancy_id}/candidates", headers=acting(business), params={"limit": 100})
    assert listed.status_code == 200, listed.text
    return {c["candidate_id"] for c in listed.json()["items"]}


async def _support(seeker: httpx.AsyncClient) -> list[str]:
    answer = await seeker.get("/jobseekers/me/support")
    assert answer.status_code == 200, answer.text
    return list(answer.json()["statuses"])


async def test_a_lapsed_registration_counts_for_nothing_until_renewed(healthy_stack: Stack) -> None:
    iin = out_of_work()
    person = livelihood().population.get(iin)
    assert person is not None
    head_iin, business = employer()
    async with await client_as(healthy_stack, citizen=head_iin) as head, \
            await client_as(healthy_stack, citizen=iin) as seeker:
        vacancy_id = await _published(head, business, region=person.address.region_code,
                                      settlement=person.address.locality, salary_min=3000000, salary_max=None)
        others = await _candidates(head, business, vacancy_id)
        await _registered(seeker)
        assert (await seeker.put("/jobseekers/me/visibility", json={"visible": True})).status_code == 200
        [candidate] = await _candidates(head, business, vacancy_id) - others
        assert participates(healthy_stack, iin)
        matches = await seeker.get("/jobseekers/me/matches")
        assert matches.status_code == 200, matches.text
        today = today_in_kazakhstan()
        months = int(parameter("labour.job_seeker.registration_months", today))
        assert matches.json()["registered_until"] == add_months(today, months).isoformat()

        decided = lapse(healthy_stack, iin)
        assert candidate not in await _candidates(head, business, vacancy_id)
        assert not participates(healthy_stack, iin)
        lapsed = await seeker.get("/jobseekers/me/matches", headers={"Accept-Language": "en"})
        assert lapsed.status_code == 404 and lapsed.headers["content-type"].startswith(PROBLEM)
        problem: dict[str, Any] = lapsed.json()
        assert problem["type"].endswith("job-seeker-registration-lapsed")
        last_day = add_months(decided, months).isoformat()
        assert last_day in problem["detail"] and "register again" in problem["detail"]
        assert "job_seeker" not in await _support(seeker)
        refused = await seeker.post(f"/vacancies/{vacancy_id}/applications", json={})
        assert refused.status_code == 404, refused.text  # a lapsed registration applies to nothing

        await _registered(seeker)  # registering again renews it
        assert candidate in await _candidates(head, business, vacancy_id)
        assert participates(healthy_stack, iin)
        renewed = await seeker.get("/jobseekers/me/matches")
        assert renewed.status_code == 200, renewed.text
        assert renewed.json()["registered_until"] == add_months(today, months).isoformat()
        assert "job_seeker" in await _support(seeker)
