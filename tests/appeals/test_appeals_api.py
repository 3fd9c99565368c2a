"""Appeals through HTTP on the running stack: a citizen appeals, a supervisor of the deciding agency reviews.

    refused minor -> appeal -> supervisor overturns -> the service decides again -> certificate
    officer refuses a manual review -> appeal -> that officer may not review (four-eyes) -> upheld
    bad filings (undecided, past the term, empty or too long grounds, unknown service, someone else's,
    a second appeal while one is open) -> 4xx problem+json naming the field, nothing stored
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date, timedelta
from typing import Any

import httpx
import pytest
from sqlmodel import col, select

from portal.applications.submission import today_in_kazakhstan
from store.engine import get_engine, session_scope
from store.models import ServiceRequest
from store.workbench import Appeal, AuditEvent
from tests.support.api import (
    CODE,
    OTHER_ACTIVITY,
    api_client,
    body,
    client_as,
    submit,
    task_of,
    until,
    view,
    wait_finished,
)
from tests.support.citizens import citizen_of, next_citizen
from tests.support.stack import Stack

PROBLEM = "application/problem+json"
MINOR = "100505500009"  # Astana, refused automatically: under age
ENTREPRENEUR = "900101400013"  # refused automatically: already an entrepreneur
SUPERVISOR, OFFICER = "tax.astana.supervisor", "tax.astana.officer"


@pytest.fixture
async def supervisor(healthy_stack: Stack) -> AsyncIterator[httpx.AsyncClient]:
    async with await client_as(healthy_stack, officer=SUPERVISOR) as client:
        yield client


@pytest.fixture
async def officer(healthy_stack: Stack) -> AsyncIterator[httpx.AsyncClient]:
    async with await client_as(healthy_stack, officer=OFFICER) as client:
        yield client


async def view_until(client: httpx.AsyncClient, application_id: str, check: Any) -> dict[str, Any]:
    return await until(lambda: view(client, application_id), check, timeout=60)


def appeal_rows(stack: Stack, application_id: str) -> list[Appeal]:
    with session_scope(get_engine(stack.settings.database_url)) as session:
        return list(session.exec(select(Appeal).where(Appeal.application_id == application_id)).all())


def decided_days_ago(stack: Stack, application_id: str, days: int) -> None:
    with session_scope(get_engine(stack.settings.database_url)) as session:
        row = session.exec(select(ServiceRequest).where(ServiceRequest.application_id == application_id)).one()
        decided_at = row.completed_at
        assert decided_at is not None
        row.completed_at = decided_at - timedelta(days=days)
        session.add(row)


def refused(response: httpx.Response, status: int, slug: str, field: str) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    problem = response.json()
    assert problem["type"].endswith(slug), problem
    assert problem["field"] == field


async def test_overturned_appeal_decides_the_service_again(healthy_stack: Stack,
                                                           supervisor: httpx.AsyncClient) -> None:
    async with await api_client(healthy_stack, MINOR) as citizen:
        accepted = (await submit(citizen)).json()
        first = await wait_finished(citizen, accepted["id"])
        assert first["status"] == "refused"
        assert not first["documents"]

        filed = await citizen.post(f"/applications/{accepted['id']}/appeals",
                                   json={"service_code": CODE, "grounds": "My guardian consents to the activity."})
        assert filed.status_code == 202, filed.text
        appeal = filed.json()
        assert appeal["status"] == "filed" and appeal["outcome"] is None
        assert filed.headers["Location"] == appeal["url"]

        # One appeal at a time: a second one while the first is open is refused and stores nothing.
        again = await citizen.post(f"/applications/{accepted['id']}/appeals",
                                   json={"service_code": CODE, "grounds": "Again."})
        refused(again, 409, "appeal-already-open", "service_code")

        task = await task_of(supervisor, accepted["id"], "appeal.review")
        assert task["role"] == "supervisor" and task["agency"] == "tax" and task["region"] == "astana"
        view = await view_until(citizen, accepted["id"],
                                lambda v: v["appeals"] and v["appeals"][0]["status"] == "under_review")
        assert view["services"][0]["status"] == "under_appeal"
        assert view["appeals"][0]["status"] == "under_review"
        assert view["appeals"][0]["deadline"] == task["deadline"]
        assert {"appeal.filed", "task.opened"} <= {e["kind"] for e in view["timeline"]}

        assert (await supervisor.post(f"/tasks/{task['id']}/claim")).status_code == 200
        done = await supervisor.post(f"/tasks/{task['id']}/complete",
                                     json={"outcome": "overturned", "reasons": ["grounds_confirmed"]})
        assert done.status_code == 200, done.text

        final = await view_until(citizen, accepted["id"], lambda v: v["status"] == "completed")
        service = final["services"][0]
        assert service["status"] == "completed"
        assert service["decision"]["outcome"] == "approved"
        assert service["decision"]["overturned_by_appeal"] == appeal["id"]
        assert [d["kind"] for d in final["documents"]] == ["self-employed-registration-certificate"]
        assert final["appeals"][0]["outcome"] == "overturned"
        kinds = [e["kind"] for e in final["timeline"]]
        assert kinds.count("decision") == 2  # the refusal, then the approval on appeal
        assert "appeal.overturned" in kinds
        listed = (await citizen.get(f"/applications/{accepted['id']}/appeals")).json()["items"]
        assert [(a["id"], a["status"]) for a in listed] == [(appeal["id"], "overturned")]
    assert len(healthy_stack.tax_registrations(MINOR)) == 1


async def test_first_decider_cannot_review_and_upheld_keeps_the_decision(
        healthy_stack: Stack, supervisor: httpx.AsyncClient, officer: httpx.AsyncClient) -> None:
    iin = citizen_of("astana")
    async with await api_client(healthy_stack, iin) as citizen:
        accepted = (await submit(citizen, body(**OTHER_ACTIVITY))).json()
        review = await task_of(officer, accepted["id"], "self-employed.manual-review")

        # Undecided: nothing to appeal yet.
        early = await citizen.post(f"/applications/{accepted['id']}/appeals",
                                   json={"service_code": CODE, "grounds": "Too slow."})
        refused(early, 409, "service-not-decided", "service_code")
        assert appeal_rows(healthy_stack, accepted["id"]) == []

        await officer.post(f"/tasks/{review['id']}/claim")
        decided = await officer.post(f"/tasks/{review['id']}/complete",
                                     json={"outcome": "refuse", "reasons": ["activity_not_permitted"]})
        assert decided.status_code == 200, decided.text
        first = await wait_finished(citizen, accepted["id"])
        assert first["status"] == "refused"
        assert first["services"][0]["decision"]["decided_by"] == OFFICER

        filed = await citizen.post(f"/applications/{accepted['id']}/appeals",
                                   json={"service_code": CODE, "grounds": "Yurt repair is a craft on the list."})
        assert filed.status_code == 202, filed.text
        task = await task_of(supervisor, accepted["id"], "appeal.review")

        # Four-eyes: the officer who refused may not take the review (nor decide it).
        for action, payload in (("claim", None), ("complete", {"outcome": "overturned"})):
            refusal = await officer.post(f"/tasks/{task['id']}/{action}", json=payload)
            assert refusal.status_code == 403, refusal.text
            assert refusal.json()["type"].endswith("four-eyes")
        # ... nor be given it: the supervisor's list leaves them out, and the workflow refuses them.
        assignees = (await supervisor.get(f"/tasks/{task['id']}/assignees")).json()["items"]
        assert SUPERVISOR in [a["login"] for a in assignees] and OFFICER not in [a["login"] for a in assignees]
        given = await supervisor.post(f"/tasks/{task['id']}/reassign", json={"to": OFFICER})
        assert given.status_code == 403, given.text
        assert given.json()["type"].endswith("four-eyes")

        await supervisor.post(f"/tasks/{task['id']}/claim")
        done = await supervisor.post(f"/tasks/{task['id']}/complete",
                                     json={"outcome": "upheld", "reasons": ["decision_lawful"],
                                           "comment": "As listed."})
        assert done.status_code == 200, done.text
        final = await view_until(citizen, accepted["id"],
                            lambda v: v["appeals"][0]["outcome"] == "upheld" and v["status"] == "refused")
        service = final["services"][0]
        assert service["status"] == "refused"
        assert service["decision"]["decided_by"] == OFFICER  # the first decision stands as it was
        assert not final["documents"]
        assert "appeal.upheld" in [e["kind"] for e in final["timeline"]]
    rows = appeal_rows(healthy_stack, accepted["id"])
    assert [(r.status, r.reviewer, r.first_decided_by) for r in rows] == [("upheld", SUPERVISOR, OFFICER)]
    with session_scope(get_engine(healthy_stack.settings.database_url)) as session:
        actions = [e.action for e in session.exec(select(AuditEvent).where(AuditEvent.object_id == rows[0].id)
                                                   .order_by(col(AuditEvent.seq)))]
    assert actions[:1] == ["appeal.filed"] and "appeal.upheld" in actions


async def test_bad_filings_are_refused_and_store_nothing(healthy_stack: Stack) -> None:
    async with await api_client(healthy_stack, ENTREPRENEUR) as citizen:
        accepted = (await submit(citizen)).json()
        assert (await wait_finished(citizen, accepted["id"]))["status"] == "refused"
        url = f"/applications/{accepted['id']}/appeals"

        empty = await citizen.post(url, json={"service_code": CODE, "grounds": "   "})
        refused(empty, 422, "appeal-grounds-empty", "grounds")
        assert empty.json()["detail"] == "Шағымның негіздерін жазыңыз."  # no Accept-Language: Kazakh
        in_russian = await citizen.post(url, json={"service_code": CODE, "grounds": "   "},
                                        headers={"Accept-Language": "ru-RU,ru;q=0.9"})
        assert in_russian.json()["detail"] == "Укажите основания жалобы."
        refused(await citizen.post(url, json={"service_code": CODE, "grounds": "x" * 4001}),
                422, "appeal-grounds-too-long", "grounds")
        refused(await citizen.post(url, json={"service_code": "tsa", "grounds": "Wrong."}),
                422, "appeal-unknown-service", "service_code")
        missing = await citizen.post(url, json={"service_code": CODE})
        assert missing.status_code == 422 and missing.json()["field"] == "grounds"

        # Decided 95 days ago: past the three months, a late appeal must say why it is late.
        decided_days_ago(healthy_stack, accepted["id"], 95)
        late = await citizen.post(url, json={"service_code": CODE, "grounds": "Late."},
                                  headers={"Accept-Language": "ru"})
        refused(late, 422, "appeal-late-reason-missing", "late_reason")
        assert "причину пропуска срока" in late.json()["detail"]
        refused(await citizen.post(url, json={"service_code": CODE, "grounds": "Late.", "late_reason": "  "}),
                422, "appeal-late-reason-missing", "late_reason")

        view = (await citizen.get(f"/applications/{accepted['id']}")).json()
        assert view["services"][0]["status"] == "refused" and view["appeals"] == []
        assert (await citizen.get(url)).json() == {"items": []}
    assert appeal_rows(healthy_stack, accepted["id"]) == []

    # Someone else's application is as absent as one that never was.
    async with await api_client(healthy_stack, next_citizen()) as stranger:
        refused_other = await stranger.post(url, json={"service_code": CODE, "grounds": "Not mine."})
        assert refused_other.status_code == 404
        assert (await stranger.get(url)).status_code == 404


async def test_an_appeal_on_day_95_is_accepted_late_and_the_reviewer_decides_on_the_term(
        healthy_stack: Stack) -> None:
    async with await api_client(healthy_stack, ENTREPRENEUR) as citizen, \
            await client_as(healthy_stack, officer="tax.almaty.supervisor") as supervisor:  # his region's
        accepted = (await submit(citizen)).json()
        assert (await wait_finished(citizen, accepted["id"]))["status"] == "refused"
        url = f"/applications/{accepted['id']}/appeals"
        decided_days_ago(healthy_stack, accepted["id"], 95)

        filed = await citizen.post(url, json={"service_code": CODE, "grounds": "I have closed my business.",
                                              "late_reason": "I was in hospital from August to October."})
        assert filed.status_code == 202, filed.text
        appeal = filed.json()
        # three months (a Sunday's end moves to the Monday) are 92-94 days: day 95 is late
        assert appeal["late"] is True and appeal["days_late"] >= 1
        last_day = date.fromisoformat(appeal["term_last_day"])
        assert (today_in_kazakhstan() - last_day).days == appeal["days_late"]
        assert appeal["late_reason"] == "I was in hospital from August to October."
        listed = (await citizen.get(url)).json()["items"]
        assert [(a["id"], a["late"], a["days_late"], a["term_last_day"]) for a in listed] == [
            (appeal["id"], True, appeal["days_late"], appeal["term_last_day"])]

        task = await task_of(supervisor, accepted["id"], "appeal.review")
        detail = (await supervisor.get(f"/tasks/{task['id']}")).json()
        assert detail["payload"]["late"]["late_reason"] == "I was in hospital from August to October."
        assert detail["payload"]["late"]["days_late"] == appeal["days_late"]
        assert {"term_restored", "term_not_restored"} <= {r["code"] for r in detail["reason_codes"]}
        assert (await supervisor.post(f"/tasks/{task['id']}/claim")).status_code == 200
        done = await supervisor.post(f"/tasks/{task['id']}/complete", json={
            "outcome": "upheld", "reasons": ["term_restored", "decision_lawful"], "comment": "Restored; still active."})
        assert done.status_code == 200, done.text
        final = await view_until(citizen, accepted["id"], lambda v: v["appeals"][0]["outcome"] == "upheld")
        upheld = next(e for e in final["timeline"] if e["kind"] == "appeal.upheld")
        assert [r["code"] for r in upheld["detail"]["reasons"]] == ["term_restored", "decision_lawful"]
        assert "appeal.late" in [e["kind"] for e in final["timeline"]]


async def test_an_appeal_within_three_months_is_in_time(healthy_stack: Stack) -> None:
    async with await api_client(healthy_stack, ENTREPRENEUR) as citizen:
        accepted = (await submit(citizen)).json()
        assert (await wait_finished(citizen, accepted["id"]))["status"] == "refused"
        decided_days_ago(healthy_stack, accepted["id"], 80)  # 30 days was the old, wrong term
        filed = await citizen.post(f"/applications/{accepted['id']}/appeals",
                                   json={"service_code": CODE, "grounds": "Wrong.", "late_reason": "Not late."})
        assert filed.status_code == 202, filed.text
        assert (filed.json()["late"], filed.json()["late_reason"]) == (False, None)
