"""Officers and applicants work a manual review through the portal's API, with real tokens."""

from __future__ import annotations

import asyncio

import httpx

from tests.support.api import client_as, signed_in, until
from tests.support.citizens import citizen_of
from tests.support.stack import Stack
from tests.tasks.conftest import OFFICER, REGION, Review

PROBLEM = "application/problem+json"
OFFICER2, SUPERVISOR = "tax.astana.officer2", "tax.astana.supervisor"


async def test_two_officers_claiming_at_once_one_wins_the_other_gets_409(healthy_stack: Stack, review: Review) -> None:
    first, task = review.officer, review.task
    async with await client_as(healthy_stack, officer=OFFICER2) as second:
        assert task["status"] == "open" and task["agency"] == "tax" and task["region"] == "astana"

        one, two = await asyncio.gather(first.post(f"/tasks/{task['id']}/claim"),
                                        second.post(f"/tasks/{task['id']}/claim"))
        assert sorted([one.status_code, two.status_code]) == [200, 409], (one.text, two.text)
        winner, loser = (OFFICER, two) if one.status_code == 200 else (OFFICER2, one)
        assert loser.headers["content-type"].startswith(PROBLEM)
        assert loser.json()["type"].endswith("/task-claimed-by-other")

        detail = (await first.get(f"/tasks/{task['id']}")).json()
        assert detail["assignee"] == winner and detail["status"] == "claimed"
        claims = [h for h in detail["history"] if h["action"] == "task.claimed"]
        assert len(claims) == 1 and claims[0]["actor"] == winner and claims[0]["before"]["status"] == "open"
        mine = (await (first if winner == OFFICER else second).get("/tasks", params={"mine": "true"})).json()
        assert task["id"] in [t["id"] for t in mine["items"]]


async def test_outside_the_queue_is_404_and_citizens_get_403(healthy_stack: Stack, review: Review) -> None:
    citizen, officer, task = review.citizen, review.officer, review.task
    async with await client_as(healthy_stack, officer="tax.almaty.officer") as other_region, \
            await client_as(healthy_stack, officer="social.astana.officer") as other_agency:
        for outsider in (other_region, other_agency):
            assert (await outsider.get(f"/tasks/{task['id']}")).status_code == 404
            refused = await outsider.post(f"/tasks/{task['id']}/claim")
            assert refused.status_code == 404 and refused.headers["content-type"].startswith(PROBLEM)
            listed = (await outsider.get("/tasks", params={"limit": 200})).json()
            assert task["id"] not in [t["id"] for t in listed["items"]]
        assert (await officer.get("/tasks/no-such-task")).status_code == 404
        assert (await citizen.get("/tasks")).status_code == 403
        assert (await citizen.get(f"/tasks/{task['id']}")).status_code == 403
        assert (await officer.get(f"/tasks/{task['id']}")).json()["status"] == "open"  # nothing changed


async def test_outcome_not_allowed_is_422_and_a_closed_task_is_409(review: Review) -> None:
    citizen, officer, application_id, task = review.citizen, review.officer, review.application_id, review.task
    detail = (await officer.get(f"/tasks/{task['id']}")).json()
    assert detail["allowed_outcomes"] == ["approve", "refuse"]
    assert "activity_not_permitted" in [r["code"] for r in detail["reason_codes"]]
    assert detail["payload"]["answers"]["activity_code"] == "other"
    assert detail["payload"]["registries"]["population"]["address"]["region_code"] == "astana"
    assert detail["application"]["service_status"] == "awaiting_officer"

    bad = await officer.post(f"/tasks/{task['id']}/complete", json={"outcome": "maybe"})
    assert bad.status_code == 422 and bad.json()["type"].endswith("/outcome-not-allowed")
    assert bad.json()["field"] == "outcome"
    unknown_reason = await officer.post(f"/tasks/{task['id']}/complete",
                                        json={"outcome": "refuse", "reasons": ["because"]})
    assert unknown_reason.status_code == 422 and unknown_reason.json()["field"] == "reasons"
    assert (await officer.get(f"/tasks/{task['id']}")).json()["status"] == "open"

    done = await officer.post(f"/tasks/{task['id']}/complete", json={
        "outcome": "refuse", "comment": "yurt repair is a trade, not on the list",
        "reasons": ["activity_not_permitted", {"code": "description_insufficient", "comment": "no details"}]})
    assert done.status_code == 200, done.text
    assert done.json()["status"] == "completed"
    again = await officer.post(f"/tasks/{task['id']}/complete", json={"outcome": "approve"})
    assert again.status_code == 409 and again.json()["type"].endswith("/task-closed")

    view = await until(lambda: citizen.get(f"/applications/{application_id}"),
                       lambda r: r.json()["status"] == "refused")
    decision = view.json()["services"][0]["decision"]
    assert decision["decided_by"] == OFFICER
    assert [r["code"] for r in decision["reasons"]] == ["activity_not_permitted", "description_insufficient"]


async def test_request_for_information_round_trip(healthy_stack: Stack, review: Review) -> None:
    citizen, officer, application_id, task = review.citizen, review.officer, review.application_id, review.task
    async with await client_as(healthy_stack, citizen=citizen_of(REGION)) as stranger, \
            await client_as(healthy_stack, officer=OFFICER2) as colleague:
        nothing_asked = await citizen.post(f"/applications/{application_id}/answers", json={"text": "hello"})
        assert nothing_asked.status_code == 409
        assert (await officer.post(f"/tasks/{task['id']}/claim")).status_code == 200
        asked = await officer.post(f"/tasks/{task['id']}/request-info",
                                   json={"question": "Do you also sell yurts, or only repair them?"})
        assert asked.status_code == 200 and asked.json()["status"] == "awaiting_applicant"
        assert (await colleague.post(f"/tasks/{task['id']}/claim")).status_code == 409

        view = (await citizen.get(f"/applications/{application_id}")).json()
        assert view["services"][0]["status"] == "awaiting_applicant"
        question = [e for e in view["timeline"] if e["kind"] == "info.requested"]
        assert question and question[0]["detail"]["question"].startswith("Do you also sell")

        assert (await stranger.post(f"/applications/{application_id}/answers",
                                    json={"text": "not mine"})).status_code == 404
        answered = await citizen.post(f"/applications/{application_id}/answers",
                                      json={"text": "Only repair.", "answers": {"sells": False}})
        assert answered.status_code == 202, answered.text
        assert answered.json() == {"task_id": task["id"], "status": "claimed"}

        detail = (await officer.get(f"/tasks/{task['id']}")).json()
        assert detail["status"] == "claimed" and detail["assignee"] == OFFICER  # back to the one who asked
        assert detail["info_request"]["answer"]["text"] == "Only repair."
        assert detail["application"]["service_status"] == "awaiting_officer"
        assert (await colleague.post(f"/tasks/{task['id']}/complete",
                                     json={"outcome": "approve"})).status_code == 409

        approved = await officer.post(f"/tasks/{task['id']}/complete",
                                      json={"outcome": "approve", "reasons": ["activity_allowed_by_analogy"]})
        assert approved.status_code == 200, approved.text
        final = await until(lambda: citizen.get(f"/applications/{application_id}"),
                            lambda r: r.json()["status"] in ("completed", "refused", "failed"), timeout=60)
        assert final.json()["status"] == "completed"
        assert final.json()["documents"]


async def test_withdrawal_cancels_the_open_task(healthy_stack: Stack, review: Review) -> None:
    citizen, officer, application_id, task = review.citizen, review.officer, review.application_id, review.task
    async with await client_as(healthy_stack, citizen=citizen_of(REGION)) as stranger:
        assert (await stranger.post(f"/applications/{application_id}/withdraw")).status_code == 404

        withdrawn = await citizen.post(f"/applications/{application_id}/withdraw", json={"reason": "changed my mind"})
        assert withdrawn.status_code == 202, withdrawn.text
        assert withdrawn.json()["services"] == ["self-employed-registration"]

        cancelled = await until(lambda: officer.get(f"/tasks/{task['id']}"),
                                lambda r: r.json()["status"] == "cancelled")
        assert [h["action"] for h in cancelled.json()["history"]][-1] == "task.cancelled"
        view = await until(lambda: citizen.get(f"/applications/{application_id}"),
                           lambda r: r.json()["status"] == "withdrawn")
        assert view.json()["services"][0]["status"] == "withdrawn"
        assert (await officer.post(f"/tasks/{task['id']}/claim")).status_code == 409
        assert (await citizen.post(f"/applications/{application_id}/withdraw")).status_code == 409


async def test_only_a_supervisor_reassigns(healthy_stack: Stack, review: Review) -> None:
    citizen, officer, application_id, task = review.citizen, review.officer, review.application_id, review.task
    await signed_in(healthy_stack, OFFICER2)  # one can only give a task to an officer the portal has seen
    async with await client_as(healthy_stack, officer=SUPERVISOR) as supervisor:
        refused = await officer.post(f"/tasks/{task['id']}/reassign", json={"to": OFFICER2})
        assert refused.status_code == 403 and refused.json()["type"].endswith("/supervisor-only")
        moved = await supervisor.post(f"/tasks/{task['id']}/reassign", json={"to": OFFICER2})
        assert moved.status_code == 200 and moved.json()["assignee"] == OFFICER2
        assert (await officer.post(f"/tasks/{task['id']}/claim")).status_code == 409
        page = (await supervisor.get("/tasks", params={"status": "claimed", "limit": 200})).json()
        assert task["id"] in [t["id"] for t in page["items"]]
        deadlines = [t["deadline"] for t in page["items"]]
        assert deadlines == sorted(deadlines)
        # withdraw to leave nothing open behind
        assert (await citizen.post(f"/applications/{application_id}/withdraw")).status_code == 202


def refused_for_to(response: httpx.Response) -> None:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    assert response.json()["type"].endswith("/assignee-not-in-queue")
    assert response.json()["field"] == "to"


async def test_reassign_refuses_a_login_that_is_no_officer_of_the_queue(healthy_stack: Stack, review: Review) -> None:
    citizen, officer, application_id, task = review.citizen, review.officer, review.application_id, review.task
    for outsider in ("tax.almaty.officer", "social.astana.officer"):
        await signed_in(healthy_stack, outsider)  # known to the portal, but of another region or agency
    async with await client_as(healthy_stack, officer=SUPERVISOR) as supervisor:
        for login in ("tax.astana.offcer2", "tax.almaty.officer", "social.astana.officer"):
            refused_for_to(await supervisor.post(f"/tasks/{task['id']}/reassign", json={"to": login}))
        # the existing refusals come first: a non-supervisor is told so, outside the queue it is 404
        not_mine = await officer.post(f"/tasks/{task['id']}/reassign", json={"to": "tax.astana.offcer2"})
        assert not_mine.status_code == 403 and not_mine.json()["type"].endswith("/supervisor-only")
        async with await client_as(healthy_stack, officer="tax.almaty.supervisor") as other_supervisor:
            outside = await other_supervisor.post(f"/tasks/{task['id']}/reassign", json={"to": "tax.almaty.officer"})
            assert outside.status_code == 404 and outside.headers["content-type"].startswith(PROBLEM)

        detail = (await supervisor.get(f"/tasks/{task['id']}")).json()
        assert detail["status"] == "open" and detail["assignee"] is None
        assert "task.reassigned" not in [h["action"] for h in detail["history"]]
        assert (await citizen.post(f"/applications/{application_id}/withdraw")).status_code == 202


async def test_a_supervisor_picks_from_the_queue_s_officers_and_the_task_reaches_that_officer(
        healthy_stack: Stack, review: Review) -> None:
    citizen, officer, application_id, task = review.citizen, review.officer, review.application_id, review.task
    for login in (OFFICER2, "tax.almaty.officer", "social.astana.officer"):
        await signed_in(healthy_stack, login)
    async with await client_as(healthy_stack, officer=SUPERVISOR) as supervisor, \
            await client_as(healthy_stack, officer=OFFICER2) as colleague, \
            await client_as(healthy_stack, officer="tax.almaty.supervisor") as other_supervisor:
        listed = await supervisor.get(f"/tasks/{task['id']}/assignees")
        assert listed.status_code == 200, listed.text
        by_login = {a["login"]: a for a in listed.json()["items"]}
        assert {OFFICER, OFFICER2, SUPERVISOR} <= set(by_login)
        assert not {"tax.almaty.officer", "social.astana.officer"} & set(by_login)
        assert by_login[OFFICER2] == {"login": OFFICER2, "name": "Yerzhan Tokayev", "roles": ["officer"]}
        assert by_login[SUPERVISOR]["roles"] == ["supervisor"]

        not_supervisor = await officer.get(f"/tasks/{task['id']}/assignees")
        assert not_supervisor.status_code == 403 and not_supervisor.json()["type"].endswith("/supervisor-only")
        assert (await other_supervisor.get(f"/tasks/{task['id']}/assignees")).status_code == 404
        assert (await supervisor.get("/tasks/no-such-task/assignees")).status_code == 404

        before = (await colleague.get("/tasks", params={"mine": "true", "limit": 200})).json()
        assert task["id"] not in [t["id"] for t in before["items"]]
        moved = await supervisor.post(f"/tasks/{task['id']}/reassign", json={"to": OFFICER2})
        assert moved.status_code == 200, moved.text
        assert moved.json()["assignee"] == OFFICER2 and moved.json()["status"] == "claimed"
        mine = (await colleague.get("/tasks", params={"mine": "true", "limit": 200})).json()
        assert task["id"] in [t["id"] for t in mine["items"]]
        history = (await colleague.get(f"/tasks/{task['id']}")).json()["history"]
        assert [(h["action"], h["actor"]) for h in history][-1] == ("task.reassigned", SUPERVISOR)
        assert (await citizen.post(f"/applications/{application_id}/withdraw")).status_code == 202
