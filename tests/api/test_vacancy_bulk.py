"""`POST /api/v1/vacancies/bulk` over HTTP with real tokens: a business's head publishes many vacancies
at once; the flagged ones wait for a moderator as single publications do; a bad item, too many items
or a business one does not head is refused naming the field, and nothing is stored."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import httpx
from sqlalchemy import func, select

from portal.applications.submission import today_in_kazakhstan
from services import vacancy as vacancy_service
from store import tasks as task_store
from store.engine import get_engine, read_scope
from store.vacancies import Vacancy
from tests.labour.people import employer
from tests.support.api import client_as, until
from tests.support.stack import Stack

PROBLEM = "application/problem+json"


def form(i: int, **overrides: Any) -> dict[str, Any]:
    item = {"title": f"Оператор склада {i}", "description": "Приёмка и отгрузка товара.", "occupation_code": "4321",
            "region": "astana", "settlement": "Astana", "salary_min": 250000 + i, "salary_max": 400000,
            "schedule": "shift", "required_experience_months": 6, "required_skills": ["1С", "WMS"],
            "expires_on": (today_in_kazakhstan() + timedelta(days=45)).isoformat()}
    item.update(overrides)
    return item


def _stored(stack: Stack, business: str) -> int:
    table = Vacancy.__table__  # type: ignore[attr-defined]
    with read_scope(get_engine(stack.database_url)) as session:
        return int(session.connection().execute(
            select(func.count()).select_from(table).where(table.c.employer_id == business)).scalar_one())


async def _bulk(head: httpx.AsyncClient, business: str, body: Any, key: str | None = None) -> httpx.Response:
    return await head.post("/vacancies/bulk", json=body, headers={
        "Onestop-Acting-For": business, "Idempotency-Key": key or str(uuid.uuid4())})


async def test_a_head_publishes_many_at_once_and_the_flagged_one_waits_for_a_moderator(healthy_stack: Stack) -> None:
    head_iin, business = employer()
    items = [form(i) for i in range(5)]
    items[3] = form(3, description="Только мужчины до 35 лет.")
    key = str(uuid.uuid4())
    async with await client_as(healthy_stack, citizen=head_iin) as head:
        response = await _bulk(head, business, {"vacancies": items, "language": "ru"}, key)
        assert response.status_code == 202, response.text
        result = response.json()
        assert [p["index"] for p in result["published"]] == [0, 1, 2, 4]
        [moderated] = result["in_moderation"]
        assert moderated["index"] == 3 and moderated["flagged"] == {"age": ["до 35 лет"], "sex": ["Только мужчин"]}

        # Published at once: searchable, with the business as employer.
        async with httpx.AsyncClient(base_url=f"{healthy_stack.portal_url}/api/v1") as anyone:
            found = (await anyone.get("/vacancies", params={"employer_id": business, "q": "оператор",
                                                             "limit": 100})).json()
        assert {v["vacancy_id"] for v in found["items"]} == {p["vacancy_id"] for p in result["published"]}
        assert all(v["employer_name"]["en"].endswith("LLP") for v in found["items"])

        # The flagged one is a vacancy-publication of its own, in a moderator's queue.
        application_id = moderated["application_id"]
        application = await until(lambda: head.get(f"/applications/{application_id}",
                                                   headers={"Onestop-Acting-For": business}),
                                  lambda r: r.status_code == 200 and r.json()["services"][0]["status"]
                                  == "awaiting_officer", timeout=60)
        assert application.json()["services"][0]["code"] == vacancy_service.CODE
        with read_scope(get_engine(healthy_stack.database_url)) as session:
            [task] = task_store.open_tasks_of(session, application_id)
        assert task.kind == vacancy_service.MODERATION_KIND

        # The same request again stores nothing twice.
        again = await _bulk(head, business, {"vacancies": items, "language": "ru"}, key)
        assert again.status_code == 202 and again.json() == result
    assert _stored(healthy_stack, business) == 4


async def test_a_bad_item_is_422_naming_its_index_and_field_and_nothing_is_stored(healthy_stack: Stack) -> None:
    head_iin, business = employer()
    items = [form(i) for i in range(4)]
    items[2] = form(2, salary_min=1000)
    items[3] = form(3, occupation_code="0000")
    async with await client_as(healthy_stack, citizen=head_iin) as head:
        response = await _bulk(head, business, {"vacancies": items})
        past = await _bulk(head, business, {"vacancies": [form(0, expires_on="2020-01-01")]})
        missing = await _bulk(head, business, {"vacancies": [{k: v for k, v in form(0).items() if k != "region"}]})
    assert response.status_code == 422 and response.headers["content-type"].startswith(PROBLEM)
    assert response.json()["field"] == "vacancies[2].salary_min"
    assert [e["field"] for e in response.json()["errors"]] == ["vacancies[2].salary_min",
                                                               "vacancies[3].occupation_code"]
    assert past.status_code == 422 and past.json()["field"] == "vacancies[0].expires_on"
    assert missing.status_code == 422 and missing.json()["field"] == "vacancies[0].region"
    assert _stored(healthy_stack, business) == 0


async def test_more_than_a_thousand_is_413_naming_the_field(healthy_stack: Stack) -> None:
    head_iin, business = employer()
    async with await client_as(healthy_stack, citizen=head_iin) as head:
        response = await _bulk(head, business, {"vacancies": [form(i) for i in range(1001)]})
        empty = await _bulk(head, business, {"vacancies": []})
        shape = await _bulk(head, business, [form(0)])
    assert response.status_code == 413 and response.headers["content-type"].startswith(PROBLEM)
    assert response.json()["field"] == "vacancies"
    assert empty.status_code == 422 and empty.json()["field"] == "vacancies"
    assert shape.status_code == 422 and shape.json()["field"] == "vacancies"
    assert _stored(healthy_stack, business) == 0


async def test_only_for_a_business_one_heads(healthy_stack: Stack) -> None:
    head_iin, business = employer()
    _, someone_elses = employer()
    async with await client_as(healthy_stack, citizen=head_iin) as head:
        not_mine = await _bulk(head, someone_elses, {"vacancies": [form(0)]})
        no_header = await head.post("/vacancies/bulk", json={"vacancies": [form(0)]},
                                    headers={"Idempotency-Key": str(uuid.uuid4())})
        no_key = await head.post("/vacancies/bulk", json={"vacancies": [form(0)]},
                                 headers={"Onestop-Acting-For": business})
    assert not_mine.status_code == 403 and not_mine.json()["field"] == "Onestop-Acting-For"
    assert no_header.status_code == 403 and no_header.json()["field"] == "Onestop-Acting-For"
    assert no_key.status_code == 400 and no_key.json()["field"] == "Idempotency-Key"
    assert _stored(healthy_stack, someone_elses) == 0 and _stored(healthy_stack, business) == 0
