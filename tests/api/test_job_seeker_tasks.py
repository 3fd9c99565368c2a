"""The career centre's two steps of a job-seeker registration (issue 14), through the whole stack with real tokens.

Step 5: a person who asks for unemployed status but whom the rules exclude is not refused at once: a
career-centre officer of their region gets a task due in 3 working days, with the policy's reasons and the
registries' facts, and grants the standing status or refuses it with a reason of the kind's catalogue (the
registration stands either way). Step 6: once registered, the officer sets the individual employment plan
(dated actions and a note); the citizen reads it on the application, and is told.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx

from policies.working_days import add_working_days
from services import job_seeker
from store import repository
from store.engine import get_engine, read_scope
from tests.labour.people import career_centre_officer, in_work, out_of_work, with_a_career_centre
from tests.support.api import client_as, submit, task_of, until, view, wait_finished
from tests.support.stack import Stack

PROBLEM = "application/problem+json"
CODE = job_seeker.CODE


def today() -> date:
    return datetime.now(ZoneInfo("Asia/Almaty")).date()


def seeker_form(phone: str) -> dict[str, Any]:
    return {"services": [CODE], "answers": {CODE: {
        "desired_occupations": ["2512"], "skills": ["Python", "SQL"], "regions": ["astana"],
        "salary_expectation": 450000, "request_unemployed_status": True, "phone": phone, "language": "en"}}}


def new_phone() -> str:
    return f"+7701{random.randrange(10**7):07d}"


def seeker_service(application: dict[str, Any]) -> dict[str, Any]:
    return next(s for s in application["services"] if s["code"] == CODE)


def standing(stack: Stack, iin: str) -> Any:
    with read_scope(get_engine(stack.settings.database_url)) as session:
        return repository.standing_status(session, iin, job_seeker.UNEMPLOYED_STATUS, today())


async def registered(citizen: httpx.AsyncClient, phone: str) -> str:
    accepted = await submit(citizen, seeker_form(phone))
    assert accepted.status_code == 202, accepted.text
    return str(accepted.json()["id"])


async def review_task(officer: httpx.AsyncClient, application_id: str) -> dict[str, Any]:
    summary = await task_of(officer, application_id, kind=job_seeker.STATUS_REVIEW_KIND)
    detail = await officer.get(f"/tasks/{summary['id']}")
    assert detail.status_code == 200, detail.text
    return dict(detail.json())


async def test_a_status_the_rules_exclude_goes_to_the_career_centre_and_the_officer_grants_it(
        healthy_stack: Stack) -> None:
    iin = with_a_career_centre(in_work)  # the contracts registry says he works: the rules exclude him
    async with await client_as(healthy_stack, citizen=iin) as citizen, \
            await client_as(healthy_stack, officer=career_centre_officer(iin)) as officer:
        application_id = await registered(citizen, new_phone())
        task = await review_task(officer, application_id)
        assert task["deadline"] == add_working_days(today(), job_seeker.STATUS_REVIEW_WORKING_DAYS).isoformat() == \
            add_working_days(today(), 3).isoformat()
        assert task["allowed_outcomes"] == ["approve", "refuse"]
        assert {r["code"] for r in task["reason_codes"]} == set(job_seeker.STATUS_REVIEW_REASONS)
        assert all(set(r["text"]) == {"kk", "ru", "en"} for r in task["reason_codes"])
        assert set(task["title"]) == {"kk", "ru", "en"}
        # What the officer decides on: the policy's reasons and the registries' facts.
        grounds = task["payload"]["grounds"]
        assert "unemployed_excluded_active_employment_contract" in [g["code"] for g in grounds]
        assert set(grounds[0]["text"]) == {"kk", "ru", "en"}
        assert task["payload"]["registries"]["contracts"]["employment_contracts"]  # BIN -> since
        waiting = await view(citizen, application_id)
        assert seeker_service(waiting)["status"] == "awaiting_officer" and standing(healthy_stack, iin) is None

        decided = await officer.post(f"/tasks/{task['id']}/complete", json={
            "outcome": "approve", "reasons": [{"code": "registry_out_of_date",
                                                "comment": "The contract ended last week; the employer's "
                                                           "notice is on file."}]})
        assert decided.status_code == 200, decided.text
        done = await wait_finished(citizen, application_id)

    assert done["status"] == "completed"
    service = seeker_service(done)
    assert service["status"] == "decided"  # registered; the employment plan is still to come
    status = service["decision"]["unemployed_status"]
    assert status["outcome"] == "granted" and status["decided_by"] == career_centre_officer(iin)
    assert [r["code"] for r in status["reasons"]] == ["registry_out_of_date"]
    found = standing(healthy_stack, iin)
    assert found is not None and found.application_id == application_id
    assert found.valid_until.isoformat() == status["valid_until"]


async def test_the_officer_refuses_the_status_with_a_reason_and_the_registration_stands(healthy_stack: Stack) -> None:
    iin = with_a_career_centre(in_work)
    async with await client_as(healthy_stack, citizen=iin) as citizen, \
            await client_as(healthy_stack, officer=career_centre_officer(iin)) as officer:
        application_id = await registered(citizen, new_phone())
        task = await review_task(officer, application_id)
        # A reason outside the kind's catalogue is refused, and nothing is decided.
        unknown = await officer.post(f"/tasks/{task['id']}/complete",
                                     json={"outcome": "refuse", "reasons": ["no_such_reason"]})
        assert unknown.status_code == 422 and unknown.json()["field"] == "reasons"
        # A plan is no result of this kind.
        planned = await officer.post(f"/tasks/{task['id']}/complete", json={
            "outcome": "refuse", "reasons": ["employed"],
            "result": {"items": [{"action": "training", "due_on": today().isoformat()}]}})
        assert planned.status_code == 422 and planned.json()["field"] == "result"
        refused = await officer.post(f"/tasks/{task['id']}/complete",
                                     json={"outcome": "refuse", "reasons": ["employed"]})
        assert refused.status_code == 200, refused.text
        done = await wait_finished(citizen, application_id)
        plan_task = await task_of(officer, application_id, kind=job_seeker.PLAN_KIND)

    service = seeker_service(done)
    assert done["status"] == "completed" and service["status"] == "decided"
    assert service["decision"]["outcome"] == "approved"  # a job seeker all the same
    status = service["decision"]["unemployed_status"]
    assert status["outcome"] == "refused" and status["decided_by"] == career_centre_officer(iin)
    reason = next(r for r in status["reasons"] if r["code"] == "employed")
    assert reason["text"] == job_seeker.STATUS_REVIEW_REASONS["employed"]
    assert "employed" in status["decisive"]
    assert standing(healthy_stack, iin) is None
    assert plan_task["status"] == "open"  # the plan follows a refused status too


async def test_the_officer_sets_the_plan_and_the_citizen_reads_it_and_is_told(healthy_stack: Stack) -> None:
    iin, phone = with_a_career_centre(out_of_work), new_phone()
    async with await client_as(healthy_stack, citizen=iin) as citizen, \
            await client_as(healthy_stack, officer=career_centre_officer(iin)) as officer:
        application_id = await registered(citizen, phone)
        registered_view = await wait_finished(citizen, application_id)
        service = seeker_service(registered_view)
        assert service["status"] == "decided"
        assert service["decision"]["unemployed_status"]["outcome"] == "granted"  # not held up by the plan
        assert service["decision"]["employment_plan"] == {"status": "pending"}

        summary = await task_of(officer, application_id, kind=job_seeker.PLAN_KIND)
        task = (await officer.get(f"/tasks/{summary['id']}")).json()
        assert task["allowed_outcomes"] == [job_seeker.PLAN_OUTCOME] and task["reason_codes"] == []
        assert task["result_schema"]["properties"]["items"]["type"] == "array"
        assert task["payload"]["answers"]["desired_occupations"] == ["2512"]
        assert task["deadline"] >= today().isoformat()

        plan: dict[str, Any] = {
            "items": [{"action": "consultation", "due_on": (today() + timedelta(days=3)).isoformat()},
                      {"action": "vacancy_referral", "due_on": (today() + timedelta(days=10)).isoformat(),
                       "detail": "  Backend   developer vacancies in Astana "},
                      {"action": "training", "due_on": (today() + timedelta(days=60)).isoformat(),
                       "detail": "Cloud engineering course"}],
            "note": "Bring your diploma to the consultation."}
        accepted = await officer.post(f"/tasks/{summary['id']}/complete",
                                      json={"outcome": job_seeker.PLAN_OUTCOME, "result": plan})
        assert accepted.status_code == 200, accepted.text
        done = await until(lambda: view(citizen, application_id),
                           lambda v: seeker_service(v)["status"] == "completed")
        after = (await officer.get(f"/tasks/{summary['id']}")).json()

    set_plan = seeker_service(done)["decision"]["employment_plan"]
    assert set_plan["status"] == "set" and set_plan["set_by"] == career_centre_officer(iin)
    assert [(i["action"], i["due_on"]) for i in set_plan["items"]] == [(i["action"], i["due_on"])
                                                                       for i in plan["items"]]
    assert set_plan["items"][1]["detail"] == "Backend developer vacancies in Astana"
    assert set_plan["items"][2]["title"] == job_seeker.PLAN_ACTIONS["training"]
    assert set_plan["note"] == plan["note"]
    assert after["status"] == "completed" and after["result"]["items"][0]["action"] == "consultation"
    # The citizen is told, in their language.
    notices = await until(lambda: _outbox(healthy_stack, phone),
                          lambda messages: any(m["subject"] == job_seeker.PLAN_NOTICE["en"][0] for m in messages))
    told = next(m for m in notices if m["subject"] == job_seeker.PLAN_NOTICE["en"][0])
    assert application_id[:8] in told["body"] and plan["items"][0]["due_on"] in told["body"]


async def _outbox(stack: Stack, phone: str) -> list[dict[str, Any]]:
    return stack.outbox(phone)


async def test_a_bad_plan_is_refused_naming_the_field_and_nothing_is_stored(healthy_stack: Stack) -> None:
    iin = with_a_career_centre(out_of_work)
    async with await client_as(healthy_stack, citizen=iin) as citizen, \
            await client_as(healthy_stack, officer=career_centre_officer(iin)) as officer:
        application_id = await registered(citizen, new_phone())
        await wait_finished(citizen, application_id)
        task = await task_of(officer, application_id, kind=job_seeker.PLAN_KIND)
        url, due = f"/tasks/{task['id']}/complete", (today() + timedelta(days=5)).isoformat()

        async def refused(result: Any, field: str, code: str | None = None) -> None:
            body = {"outcome": job_seeker.PLAN_OUTCOME} | ({} if result is None else {"result": result})
            answer = await officer.post(url, json=body)
            assert answer.status_code == 422, answer.text
            assert answer.headers["content-type"].startswith(PROBLEM)
            assert answer.json()["field"] == field, answer.json()
            if code:
                assert answer.json()["errors"][0]["code"] == code

        await refused(None, "result")
        await refused({"items": []}, "result.items", "too_short")
        await refused({"items": [{"action": "tea_party", "due_on": due}]}, "result.items[0].action", "literal_error")
        await refused({"items": [{"action": "training", "due_on": due},
                                 {"action": "training", "due_on": (today() - timedelta(days=1)).isoformat()}]},
                      "result.items[1].due_on", "plan_due_in_past")
        await refused({"items": [{"action": "training", "due_on": (today() + timedelta(days=400)).isoformat()}]},
                      "result.items[0].due_on", "plan_due_too_far")
        await refused({"items": [{"action": "training", "due_on": "next week"}]}, "result.items[0].due_on")
        await refused({"items": [{"action": "training", "due_on": due}], "note": "x" * 2001}, "result.note",
                      "string_too_long")
        await refused({"items": [{"action": "training", "due_on": due, "cost": 5}]}, "result.items[0].cost",
                      "extra_forbidden")
        # In Russian too, the field named.
        russian = await officer.post(url, json={"outcome": job_seeker.PLAN_OUTCOME, "result": {"items": []}},
                                     headers={"Accept-Language": "ru"})
        assert russian.status_code == 422 and russian.json()["field"] == "result.items"

        still = (await officer.get(f"/tasks/{task['id']}")).json()
        current = await view(citizen, application_id)

    assert still["status"] == "open" and still["result"] is None and still["outcome"] is None
    assert [e["action"] for e in still["history"]] == ["task.opened"]
    service = seeker_service(current)
    assert service["status"] == "decided" and service["decision"]["employment_plan"] == {"status": "pending"}
