"""Quotas per caller over HTTP: a portal of the running stack started with low quotas refuses a
citizen's and a client's application past theirs, new work while officer tasks wait, and a long
poll past the ones held at once, each with 429, problem+json and Retry-After; nothing is stored."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator
from datetime import timedelta

import httpx
import pytest

from store import quotas
from store.engine import get_engine, session_scope
from store.types import utcnow
from tests.support.api import OTHER_ACTIVITY, body, client_as, submit, until, view
from tests.support.citizens import next_citizen
from tests.support.processes import free_port
from tests.support.stack import Stack

PROBLEM = "application/problem+json"
WINDOW = 600
CLIENT = "akimat-astana"


def _started_by_client(stack: Stack) -> int:
    with session_scope(get_engine(stack.database_url)) as session:
        return quotas.applications_since(session.connection(), CLIENT, utcnow() - timedelta(seconds=WINDOW))[0]


@pytest.fixture(scope="module")
def strict(stack: Stack) -> Iterator[Stack]:
    """A second portal on the same stack with low quotas (the client's: two more than it started already)."""
    strict = Stack(state_dir=stack.state_dir, database_url=stack.database_url, env={
        **stack.env, "ONESTOP_PORTAL_PORT": str(free_port()), "ONESTOP_QUOTA_WINDOW_SECONDS": str(WINDOW),
        "ONESTOP_QUOTA_APPLICATIONS_PER_CITIZEN": "2", "ONESTOP_QUOTA_OPEN_TASKS_PER_CITIZEN": "1",
        "ONESTOP_QUOTA_LONG_POLLS_PER_CALLER": "1",
        "ONESTOP_QUOTA_APPLICATIONS_PER_CLIENT": str(_started_by_client(stack) + 2)})
    strict.start("portal")
    try:
        yield strict
    finally:
        strict.stop_all()


def _too_many(response: httpx.Response, most: int) -> int:
    assert response.status_code == 429, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    assert response.json()["type"].endswith("/too-many-requests")
    retry_after = int(response.headers["Retry-After"])
    assert 1 <= retry_after <= most
    return retry_after


async def test_a_citizen_past_their_applications_gets_429(healthy_stack: Stack, strict: Stack) -> None:
    async with await client_as(strict, citizen=next_citizen()) as citizen:
        first_key = str(uuid.uuid4())
        first = await submit(citizen, key=first_key)
        assert first.status_code == 202, first.text
        assert (await submit(citizen)).status_code == 202
        refused = await submit(citizen)
        _too_many(refused, WINDOW)
        assert refused.json()["field"] == "Idempotency-Key"
        assert (await citizen.get("/applications")).json()["total"] == 2  # nothing stored
        repeat = await submit(citizen, key=first_key)  # a repeat is not a new application
        assert repeat.status_code == 202 and repeat.json()["id"] == first.json()["id"]
    async with await client_as(strict, citizen=next_citizen()) as someone_else:
        assert (await submit(someone_else)).status_code == 202


async def test_a_client_past_its_applications_gets_429(healthy_stack: Stack, strict: Stack) -> None:
    async with await client_as(strict, "/api/v1/agency", client=CLIENT) as akimat:
        async def start() -> httpx.Response:
            return await akimat.post("/applications", headers={"Idempotency-Key": str(uuid.uuid4())}, json={
                "applicant_iin": next_citizen(), "services": [body()["services"][0]],
                "answers": body()["answers"], "legal_basis": "Employment roadmap, order of the akimat No. 17"})

        assert (await start()).status_code == 202
        assert (await start()).status_code == 202
        before = _started_by_client(strict)
        _too_many(await start(), WINDOW)
        assert _started_by_client(strict) == before


async def test_open_officer_work_and_long_polls_are_bounded(healthy_stack: Stack, strict: Stack) -> None:
    async with await client_as(strict, citizen=next_citizen()) as citizen:
        waiting = await submit(citizen, body(**OTHER_ACTIVITY))  # goes to a tax officer for review
        assert waiting.status_code == 202, waiting.text
        application_id = waiting.json()["id"]
        await until(lambda: view(citizen, application_id),
                    lambda v: v["services"][0]["status"] == "awaiting_officer", 60)
        refused = await submit(citizen)
        assert _too_many(refused, 3600) == 3600
        assert (await citizen.get("/applications")).json()["total"] == 1

        held = asyncio.create_task(citizen.get(f"/applications/{application_id}", params={"wait": 4}))
        await asyncio.sleep(1.5)
        second = await citizen.get(f"/applications/{application_id}", params={"wait": 4})
        _too_many(second, 60)
        assert second.json()["field"] == "wait"
        assert (await citizen.get(f"/applications/{application_id}")).status_code == 200  # no wait: no quota
        assert (await held).status_code == 200
        again = await citizen.get(f"/applications/{application_id}", params={"wait": 0.5})
        assert again.status_code == 200  # the held one answered: its place is free again
