"""The labour exchange through the whole stack, with real tokens: job seeker, benefit, employer, matches."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

import httpx

from tests.labour.people import career_centre_officer, employer, in_work, out_of_work, with_a_career_centre
from tests.support.api import client_as, submit, task_of, until, view, wait_finished
from tests.support.stack import Stack

PROBLEM = "application/problem+json"
SEEKER = {"desired_occupations": ["2512"], "skills": ["Python", "SQL", "Docker"], "regions": ["astana"],
          "willing_to_relocate": False, "salary_expectation": 500000, "request_unemployed_status": True,
          "language": "en"}


def vacancy(**overrides: Any) -> dict[str, Any]:
    form = {"title": "Backend developer", "description": "Services of a construction company.",
            "occupation_code": "2512", "region": "astana", "settlement": "Astana", "salary_min": 520000,
            "salary_max": 800000, "schedule": "full_time", "required_experience_months": 0,
            "required_skills": ["Python", "SQL"], "expires_on": (date.today() + timedelta(days=60)).isoformat()}
    form.update(overrides)
    return {"services": ["vacancy-publication"], "answers": {"vacancy-publication": form}}


def service(application: dict[str, Any], code: str) -> dict[str, Any]:
    return next(s for s in application["services"] if s["code"] == code)


def acting(business: str) -> dict[str, str]:
    return {"Onestop-Acting-For": business}


async def publish(head: httpx.AsyncClient, business: str, payload: dict[str, Any]) -> httpx.Response:
    return await head.post("/applications", json=payload,
                           headers={**acting(business), "Idempotency-Key": str(uuid.uuid4())})


async def test_an_employer_publishes_and_a_registered_job_seeker_sees_it_ranked_with_reasons(
        healthy_stack: Stack) -> None:
    head_iin, business = employer()
    async with await client_as(healthy_stack, citizen=head_iin) as head:
        accepted = await publish(head, business, vacancy())
        assert accepted.status_code == 202, accepted.text
        application_id = accepted.json()["id"]
        done = await until(lambda: head.get(f"/applications/{application_id}", headers=acting(business)),
                           lambda r: r.json()["status"] in ("completed", "refused", "failed"), timeout=60)
        published = service(done.json(), "vacancy-publication")
        assert published["status"] == "completed", done.text
        assert published["decision"]["vacancy"]["employer_id"] == business
        # The business's application, not the head's own.
        assert application_id not in [a["id"] for a in (await head.get("/applications")).json()["items"]]
        listed = (await head.get("/applications", headers=acting(business))).json()["items"]
        assert [a["id"] for a in listed] == [application_id]

    async with httpx.AsyncClient(base_url=f"{healthy_stack.portal_url}/api/v1") as anyone:
        listed = (await anyone.get("/vacancies", params={"region": "astana", "q": "backend"})).json()
    assert application_id in [v["vacancy_id"] for v in listed["items"]]

    iin = out_of_work()
    async with await client_as(healthy_stack, citizen=iin) as seeker:
        before = await seeker.get("/jobseekers/me/matches")
        assert before.status_code == 404 and before.headers["content-type"].startswith(PROBLEM)

        accepted = await submit(seeker, {"services": ["job-seeker-registration"],
                                         "answers": {"job-seeker-registration": SEEKER}})
        assert accepted.status_code == 202, accepted.text
        registered = await wait_finished(seeker, accepted.json()["id"])
        assert registered["status"] == "completed"
        steps = {s["code"]: s["status"] for s in registered["services"][0]["steps"]}
        assert steps["offer_vacancies"] == "completed"  # ranked and kept while registering

        matches = (await seeker.get("/jobseekers/me/matches")).json()
        record = (await seeker.get("/me/employment-record")).json()
    # The profile's work history is the record's, never typed.
    assert record["iin"] == iin and record["contracts"]
    history = registered["services"][0]["decision"]["profile"]["work_history"]
    assert {job["contract_id"] for job in history} == {c["contract_id"] for c in record["contracts"]}
    first = matches["items"][0]
    assert first["vacancy"]["vacancy_id"] == application_id  # the occupation, skills, region and pay all fit
    parts = {p["name"]: p for p in first["parts"]}
    assert set(parts) == {"occupation", "skills", "region", "salary", "experience"}
    assert all(p["score"] == "1.00" for p in parts.values()) and first["score"] == 100.0
    assert all(set(p["reason"]["text"]) == {"kk", "ru", "en"} for p in parts.values())


async def test_the_benefit_in_the_same_application_waits_for_the_unemployed_status(healthy_stack: Stack) -> None:
    iin = out_of_work()
    async with await client_as(healthy_stack, citizen=iin) as client:
        order = {"services": ["unemployment-benefit", "job-seeker-registration"],
                 "answers": {"unemployment-benefit": {"iban": "KZ686010000000123456", "language": "en"},
                             "job-seeker-registration": SEEKER}}
        accepted = await submit(client, order)
        assert accepted.status_code == 202, accepted.text
        done = await wait_finished(client, accepted.json()["id"])

    assert done["status"] == "completed"
    seeker, benefit = service(done, "job-seeker-registration"), service(done, "unemployment-benefit")
    assert seeker["decision"]["unemployed_status"]["outcome"] == "granted"
    assert benefit["status"] == "decided"  # granted, and paying on monthly
    # Named first, started once the status stood (the registration itself completes with its employment plan).
    registered_at = next(e["at"] for e in done["timeline"]
                         if e["service_code"] == "job-seeker-registration" and e["kind"] == "decision")
    assert benefit["started_at"] >= registered_at
    assert int(benefit["decision"]["amount"]) > 0
    assert benefit["decision"]["payments"][0]["starts_on"] == seeker["decision"]["decided_on"]


async def test_an_employed_person_s_benefit_is_refused_naming_the_missing_status(healthy_stack: Stack) -> None:
    iin = with_a_career_centre(in_work)
    async with await client_as(healthy_stack, citizen=iin) as employed, \
            await client_as(healthy_stack, officer=career_centre_officer(iin)) as officer:
        order = {"services": ["job-seeker-registration", "unemployment-benefit"],
                 "answers": {"unemployment-benefit": {"iban": "KZ686010000000123456", "language": "en"},
                             "job-seeker-registration": SEEKER}}
        application_id = (await submit(employed, order)).json()["id"]
        # The rules exclude him: the career centre reviews, and refuses; the benefit waits for it meanwhile.
        task = await task_of(officer, application_id, kind="labour.unemployed_status")
        waiting = await view(employed, application_id)
        assert service(waiting, "unemployment-benefit")["status"] == "pending"
        refused = await officer.post(f"/tasks/{task['id']}/complete", json={"outcome": "refuse",
                                                                            "reasons": ["employed"]})
        assert refused.status_code == 200, refused.text
        done = await wait_finished(employed, application_id)
    seeker, benefit = service(done, "job-seeker-registration"), service(done, "unemployment-benefit")
    assert seeker["status"] == "decided"  # registered; its employment plan to come
    assert seeker["decision"]["unemployed_status"]["outcome"] == "refused"
    assert benefit["status"] == "refused"
    assert benefit["decision"]["reasons"][0]["code"] == "dependency_unmet"


async def test_a_vacancy_below_the_minimum_wage_is_refused_naming_the_field_and_nothing_is_stored(
        healthy_stack: Stack) -> None:
    head_iin, business = employer()
    async with await client_as(healthy_stack, citizen=head_iin) as head:
        refused = await publish(head, business, vacancy(salary_min=50000, salary_max=None))
        assert refused.status_code == 422, refused.text
        assert refused.headers["content-type"].startswith(PROBLEM)
        problem = refused.json()
        assert problem["field"] == "answers.vacancy-publication.salary_min"
        assert problem["errors"][0]["code"] == "salary_below_minimum_wage"
        assert "85,000" in problem["errors"][0]["message"]

        past = await publish(head, business, vacancy(expires_on="2020-01-01"))
        assert past.status_code == 422 and past.json()["field"] == "answers.vacancy-publication.expires_on"
        unknown = await publish(head, business, vacancy(occupation_code="9999"))
        assert unknown.status_code == 422
        assert unknown.json()["field"] == "answers.vacancy-publication.occupation_code"
        assert (await head.get("/applications", headers=acting(business))).json()["total"] == 0

        # For himself he is no employer; for a business he does not head he may not act.
        assert (await submit(head, vacancy())).status_code == 422
        _, other = employer()
        not_his = await publish(head, other, vacancy())
        assert not_his.status_code == 403 and not_his.json()["field"] == "Onestop-Acting-For"
