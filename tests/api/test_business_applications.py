"""A business's application answered and withdrawn by its head, over HTTP with real tokens.

    a head publishes a vacancy the checks flag -> the moderator asks a question -> the head answers for the
    business (Onestop-Acting-For) -> withdraws it, and it ends withdrawn, the moderator's task cancelled
    without the header, or for a business one does not head -> 404 / 403, and nothing changes

Employers are few in the seeded registry and each test takes its own: the stranger here heads nothing.
"""

from __future__ import annotations

import uuid
from typing import Any

import httpx

from services import vacancy as vacancy_service
from tests.api.test_vacancy_bulk import form
from tests.labour.people import employer, out_of_work
from tests.support.api import client_as, until
from tests.support.stack import Stack

ACTING_FOR = "Onestop-Acting-For"
MODERATOR = "labour.astana.officer"  # the vacancy is in Astana: its moderation queue


async def flagged_and_asked(head: httpx.AsyncClient, business: str,
                            moderator: httpx.AsyncClient) -> tuple[str, dict[str, Any]]:
    """A vacancy the checks flag, published for the business; its moderator asks the business a question."""
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
    asked = await moderator.post(f"/tasks/{task['id']}/request-info",
                                 json={"question": "Why does the vacancy name an age and a sex?"})
    assert asked.status_code == 200, asked.text
    return application_id, task


async def test_a_head_answers_and_withdraws_the_business_application_and_no_one_else_can(
        healthy_stack: Stack) -> None:
    head_iin, business = employer()
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
