"""A business's application answered and withdrawn by its head, over HTTP with real tokens.

    a head publishes a vacancy the checks flag -> the moderator asks a question -> the head answers for the
    business (Onestop-Acting-For) -> withdraws it, and it ends withdrawn, the moderator's task cancelled
    without the header, or for a business one does not head -> 404 / 403, and nothing changes
    the moderator refuses it -> the head appeals for the business -> the labour supervisor's review task

Employers are few in the seeded registry and each test takes its own: the stranger here heads nothing.
"""

from __future__ import annotations

import uuid
from typing import Any

import httpx

from services import vacancy as vacancy_service
from store.audit import trail
from store.engine import get_engine, read_scope
from tests.api.test_vacancy_bulk import form
from tests.labour.people import employer, livelihood, out_of_work
from tests.support.api import client_as, task_of, until
from tests.support.stack import Stack

ACTING_FOR = "Onestop-Acting-For"
MODERATOR = "labour.astana.officer"  # the business is in Astana (employer("astana")): its moderation queue
LABOUR_SUPERVISOR = "labour.astana.supervisor"  # and its appeals


async def flagged(head: httpx.AsyncClient, business: str,
                  moderator: httpx.AsyncClient) -> tuple[str, dict[str, Any]]:
    """A vacancy the checks flag, published for the business; its moderator claims the task."""
    accepted = await head.post("/applications", json={
        "services": [vacancy_service.CODE],
        "answers": {vacancy_service.CODE: form(0, description="Только мужчины до 35 лет.")}},
        headers={ACTING_FOR: business, "Idempotency-Key": str(uuid.uuid4())})
    assert accepted.status_code == 202, accepted.text
    application_id = accepted.json()["id"]
    tasks = await until(lambda: moderator.get("/tasks", params={"kind": vacancy_service.MODERATION_KIND}),
                        lambda r: any(t["application_id"] == application_id for t in r.json()["items"]), timeout=60)
    task = next(t for t in tasks.json()["items"] if t["application_id"] == application_id)
    assert (await moderator.post(f"/tasks/{task['id']}/claim")).status_code == 200
    return application_id, task


async def flagged_and_asked(head: httpx.AsyncClient, business: str,
                            moderator: httpx.AsyncClient) -> tuple[str, dict[str, Any]]:
    """A vacancy the checks flag, published for the business; its moderator asks the business a question."""
    application_id, task = await flagged(head, business, moderator)
    asked = await moderator.post(f"/tasks/{task['id']}/request-info",
                                 json={"question": "Why does the vacancy name an age and a sex?"})
    assert asked.status_code == 200, asked.text
    return application_id, task


async def flagged_and_refused(head: httpx.AsyncClient, business: str, moderator: httpx.AsyncClient) -> str:
    """A vacancy the checks flag, published for the business and refused by its moderator: the application's id,
    once it has ended refused."""
    application_id, task = await flagged(head, business, moderator)
    refused = await moderator.post(f"/tasks/{task['id']}/complete", json={
        "outcome": "refuse", "reasons": ["discriminatory_requirement"]})
    assert refused.status_code == 200, refused.text
    await until(lambda: head.get(f"/applications/{application_id}", headers={ACTING_FOR: business}),
                lambda r: r.json()["status"] == "refused", timeout=60)
    return application_id


async def test_a_head_answers_and_withdraws_the_business_application_and_no_one_else_can(
        healthy_stack: Stack) -> None:
    head_iin, business = employer("astana")
    async with await client_as(healthy_stack, citizen=head_iin) as head, \
            await client_as(healthy_stack, citizen=out_of_work()) as stranger, \
            await client_as(healthy_stack, officer=MODERATOR) as moderator:
        application_id, task = await flagged_and_asked(head, business, moderator)
        answer = {"text": "A mistake of ours: any adult may apply."}

        # Filed under the business: the person alone has no such application, nor has anyone else.
        assert (await head.post(f"/applications/{application_id}/answers", json=answer)).status_code == 404
        assert (await stranger.post(f"/applications/{application_id}/answers", json=answer)).status_code == 404
        not_his = await stranger.post(f"/applications/{application_id}/answers", json=answer,
                                      headers={ACTING_FOR: business})
        assert not_his.status_code == 403 and not_his.json()["field"] == ACTING_FOR
        assert (await moderator.get(f"/tasks/{task['id']}")).json()["status"] == "awaiting_applicant"

        answered = await head.post(f"/applications/{application_id}/answers", json=answer,
                                   headers={ACTING_FOR: business})
        assert answered.status_code == 202, answered.text
        assert answered.json() == {"task_id": task["id"], "status": "claimed"}
        detail = (await moderator.get(f"/tasks/{task['id']}")).json()
        assert detail["status"] == "claimed" and detail["info_request"]["answer"]["text"] == answer["text"]
        view = (await head.get(f"/applications/{application_id}", headers={ACTING_FOR: business})).json()
        assert [e["kind"] for e in view["timeline"]].count("info.answered") == 1

        assert (await head.post(f"/applications/{application_id}/withdraw", json={})).status_code == 404
        withdrawn = await head.post(f"/applications/{application_id}/withdraw", json={"reason": "Filled."},
                                    headers={ACTING_FOR: business})
        assert withdrawn.status_code == 202, withdrawn.text
        assert withdrawn.json()["services"] == [vacancy_service.CODE]
        ended = await until(lambda: head.get(f"/applications/{application_id}", headers={ACTING_FOR: business}),
                            lambda r: r.json()["status"] == "withdrawn", timeout=60)
        assert ended.json()["services"][0]["status"] == "withdrawn"
        assert (await moderator.get(f"/tasks/{task['id']}")).json()["status"] == "cancelled"


async def test_a_head_appeals_the_refusal_of_the_business_application_and_no_one_else_can(
        healthy_stack: Stack) -> None:
    head_iin, business = employer("astana")
    async with await client_as(healthy_stack, citizen=head_iin) as head, \
            await client_as(healthy_stack, citizen=out_of_work()) as stranger, \
            await client_as(healthy_stack, officer=MODERATOR) as moderator, \
            await client_as(healthy_stack, officer=LABOUR_SUPERVISOR) as supervisor:
        application_id = await flagged_and_refused(head, business, moderator)
        # The refusal's notice went to the head: a BIN is nobody's in the population registry.
        head_person = livelihood().population.get(head_iin)
        assert head_person is not None and head_person.phone
        assert any(application_id[:8] in m["body"] for m in healthy_stack.outbox(head_person.phone))
        url, grounds = f"/applications/{application_id}/appeals", {
            "service_code": vacancy_service.CODE, "grounds": "The age was a typing mistake; the text is fixed."}

        # The business's application: not the person's alone, and no one else's.
        assert (await head.post(url, json=grounds)).status_code == 404
        not_his = await stranger.post(url, json=grounds, headers={ACTING_FOR: business})
        assert not_his.status_code == 403 and not_his.json()["field"] == ACTING_FOR
        assert (await head.get(url)).status_code == 404

        filed = await head.post(url, json=grounds, headers={ACTING_FOR: business})
        assert filed.status_code == 202, filed.text
        appeal = filed.json()
        assert appeal["status"] == "filed" and appeal["service_code"] == vacancy_service.CODE
        listed = (await head.get(url, headers={ACTING_FOR: business})).json()["items"]
        assert [a["id"] for a in listed] == [appeal["id"]]
        one = await head.get(f"{url}/{appeal['id']}", headers={ACTING_FOR: business})
        assert one.status_code == 200 and one.json()["id"] == appeal["id"]

        # The labour agency's supervisor reviews it, four eyes over the moderator who refused.
        review = await task_of(supervisor, application_id, "appeal.review", timeout=60)
        detail = (await supervisor.get(f"/tasks/{review['id']}")).json()
        assert detail["payload"]["first_decided_by"] == MODERATOR
        # The trail names the person and the business they appealed for.
        with read_scope(get_engine(healthy_stack.database_url)) as session:
            [row] = trail(session, agency=None, object_id=appeal["id"], action="appeal.filed")
        assert row.actor == head_iin and (row.after or {})["acting_for"] == business
