"""A refused unemployed status is appealed as a refusal is, through HTTP with real tokens (issue 14).

    employed person registers asking for unemployed status -> the career centre refuses it, sets the plan
    -> appeal (no part named: the registration's one part) -> a labour supervisor of their region overturns
    -> the registration is decided again on appeal: the status granted, standing (the support API says so)
    a granted status, a status never asked for, an unknown part -> 4xx problem naming why, nothing stored
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date, timedelta
from typing import Any

import httpx
import pytest

from policies.labour.unemployment import add_months
from policies.parameters import value as parameter
from services import job_seeker
from tests.api.test_labour_api import SEEKER, service
from tests.appeals.test_appeals_api import appeal_rows, refused, view_until
from tests.labour.people import career_centre_officer, in_work, out_of_work
from tests.support.api import client_as, submit, task_of, until, view
from tests.support.stack import Stack

JOB_SEEKER = "job-seeker-registration"
SUPERVISOR = "labour.almaty.supervisor"  # the labour agency's supervisor of Almaty: their appeals


@pytest.fixture
async def supervisor(healthy_stack: Stack) -> AsyncIterator[httpx.AsyncClient]:
    async with await client_as(healthy_stack, officer=SUPERVISOR) as client:
        yield client


async def registered_and_planned(stack: Stack, iin: str, client: httpx.AsyncClient, **answers: Any) -> dict[str, Any]:
    """Registered, and completed: the career centre refuses a status the rules exclude, and sets the plan."""
    accepted = await submit(client, {"services": [JOB_SEEKER], "answers": {JOB_SEEKER: {**SEEKER, **answers}}})
    assert accepted.status_code == 202, accepted.text
    application_id = accepted.json()["id"]
    async with await client_as(stack, officer=career_centre_officer(iin)) as officer:
        first = await until(lambda: view(client, application_id),
                            lambda v: v["services"][0]["status"] in ("awaiting_officer", "decided"), timeout=60)
        if first["services"][0]["status"] == "awaiting_officer":
            review = await task_of(officer, application_id, kind=job_seeker.STATUS_REVIEW_KIND)
            refused = await officer.post(f"/tasks/{review['id']}/complete",
                                         json={"outcome": "refuse", "reasons": ["employed"]})
            assert refused.status_code == 200, refused.text
        plan = await task_of(officer, application_id, kind=job_seeker.PLAN_KIND, timeout=60)
        due = (date.today() + timedelta(days=5)).isoformat()
        set_plan = await officer.post(f"/tasks/{plan['id']}/complete", json={
            "outcome": job_seeker.PLAN_OUTCOME, "result": {"items": [{"action": "consultation", "due_on": due}]}})
        assert set_plan.status_code == 200, set_plan.text
    done = await until(lambda: view(client, application_id), lambda v: v["services"][0]["status"] == "completed",
                       timeout=60)
    assert done["status"] == "completed", done
    return dict(done)


async def _statuses(client: httpx.AsyncClient) -> list[str]:
    support = await client.get("/jobseekers/me/support")
    assert support.status_code == 200, support.text
    return list(support.json()["statuses"])


async def test_a_refused_status_appealed_and_overturned_is_granted_standing(
        healthy_stack: Stack, supervisor: httpx.AsyncClient) -> None:
    iin = in_work("almaty")
    async with await client_as(healthy_stack, citizen=iin) as citizen:
        first = await registered_and_planned(healthy_stack, iin, citizen)
        registration = service(first, JOB_SEEKER)
        assert registration["decision"]["unemployed_status"]["outcome"] == "refused"
        assert await _statuses(citizen) == ["job_seeker"]

        filed = await citizen.post(f"/applications/{first['id']}/appeals",
                                   json={"service_code": JOB_SEEKER, "grounds": "My contract ended last week."})
        assert filed.status_code == 202, filed.text
        appeal = filed.json()
        assert appeal["part"] == "unemployed_status" and appeal["status"] == "filed"

        task = await task_of(supervisor, first["id"], "appeal.review", timeout=60)
        assert (task["agency"], task["region"], task["role"]) == ("labour", "almaty", "supervisor")
        detail = (await supervisor.get(f"/tasks/{task['id']}")).json()
        assert detail["payload"]["part"] == "unemployed_status"
        assert detail["payload"]["first_decision"]["unemployed_status"]["outcome"] == "refused"
        # Four-eyes over the career-centre officer who refused the status.
        assert detail["payload"]["first_decided_by"] == career_centre_officer(iin)
        assert (await supervisor.post(f"/tasks/{task['id']}/claim")).status_code == 200
        done = await supervisor.post(f"/tasks/{task['id']}/complete",
                                     json={"outcome": "overturned", "reasons": ["registry_data_outdated"]})
        assert done.status_code == 200, done.text

        final = await view_until(citizen, first["id"], lambda v: v["appeals"][0]["outcome"] == "overturned"
                                 and v["services"][0]["status"] == "completed"
                                 and v["services"][0]["decision"].get("overturned_by_appeal"))
        decision = service(final, JOB_SEEKER)["decision"]
        assert decision["overturned_by_appeal"] == appeal["id"]
        # The plan the career centre set after the first decision stands.
        assert decision["employment_plan"] == registration["decision"]["employment_plan"]
        assert decision["employment_plan"]["status"] == "set"
        status = decision["unemployed_status"]
        decided_on = date.fromisoformat(decision["decided_on"])
        months = int(parameter("labour.job_seeker.unemployed_status_months", decided_on))
        assert status["outcome"] == "granted"
        assert status["valid_until"] == add_months(decided_on, months).isoformat()
        assert final["appeals"][0]["part"] == "unemployed_status"
        # The standing status stands: what the benefit and the support measures read.
        assert await _statuses(citizen) == ["job_seeker", "unemployed"]
        listed = (await citizen.get(f"/applications/{first['id']}/appeals")).json()["items"]
        assert [(a["id"], a["part"], a["outcome"]) for a in listed] == [(appeal["id"], "unemployed_status",
                                                                        "overturned")]


async def test_a_granted_or_unasked_status_cannot_be_appealed_and_nothing_is_stored(healthy_stack: Stack) -> None:
    granted_iin, unasked_iin = out_of_work("almaty"), in_work("almaty")
    async with await client_as(healthy_stack, citizen=granted_iin) as granted_one, \
            await client_as(healthy_stack, citizen=unasked_iin) as unasked_one:
        granted = await registered_and_planned(healthy_stack, granted_iin, granted_one)
        assert service(granted, JOB_SEEKER)["decision"]["unemployed_status"]["outcome"] == "granted"
        unasked = await registered_and_planned(healthy_stack, unasked_iin, unasked_one, request_unemployed_status=False)
        assert service(unasked, JOB_SEEKER)["decision"]["unemployed_status"]["outcome"] == "not_requested"

        url = f"/applications/{granted['id']}/appeals"
        answer = await granted_one.post(url, json={"service_code": JOB_SEEKER, "grounds": "Wrong."},
                                        headers={"Accept-Language": "en"})
        refused(answer, 409, "appeal-part-not-refused", "part")
        assert answer.json()["detail"] == "Unemployed status was granted: there is no refusal to appeal."
        named = await granted_one.post(url, json={"service_code": JOB_SEEKER, "part": "unemployed_status",
                                                  "grounds": "Wrong."}, headers={"Accept-Language": "ru"})
        refused(named, 409, "appeal-part-not-refused", "part")
        assert named.json()["detail"].startswith("Статус безработного присвоен")
        refused(await granted_one.post(url, json={"service_code": JOB_SEEKER, "part": "profile", "grounds": "Wrong."}),
                422, "appeal-unknown-part", "part")

        answer = await unasked_one.post(f"/applications/{unasked['id']}/appeals",
                                        json={"service_code": JOB_SEEKER, "grounds": "I want it."},
                                        headers={"Accept-Language": "en"})
        refused(answer, 409, "appeal-part-not-refused", "part")
        assert "not asked for" in answer.json()["detail"] and "register again" in answer.json()["detail"]

        for client, application in ((granted_one, granted), (unasked_one, unasked)):
            after = (await client.get(f"/applications/{application['id']}")).json()
            assert after["services"][0]["status"] == "completed" and after["appeals"] == []
            assert appeal_rows(healthy_stack, application["id"]) == []
