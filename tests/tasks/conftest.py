"""The workbench through HTTP on the running stack: citizens of Astana, Astana's tax officers."""

from __future__ import annotations

import asyncio
import time
import uuid
from datetime import date
from functools import lru_cache
from typing import Any, Iterator

import httpx

from connectors.mock.seed import generate_population
from onestop import demo
from onestop.settings import Settings
from onestop.token import obtain_token_async
from tests.support.api import CODE
from tests.support.stack import Stack

REGION = "astana"
_DEMO = {c.iin for c in demo.CITIZENS} | {s for s, _ in demo.FAMILIES.values() if s}


@lru_cache
def _astana_people() -> Iterator[str]:
    # From the end of the population: tests/support/citizens hands out from the start, so a
    # person never gets two registrations from two folders of tests.
    settings = Settings()
    today = date.today()
    people = [p for p in reversed(generate_population(settings.seed, settings.seed_persons))
              if p.address.region_code == REGION and not p.deceased and not p.active_entrepreneur
              and p.iin not in _DEMO and (p.phone or p.email)
              and (today.year - p.birth_date.year) >= 19]
    return iter([p.iin for p in people])


def astana_citizen() -> str:
    return next(_astana_people())


def other_activity_body() -> dict[str, Any]:
    return {"services": [CODE], "answers": {CODE: {
        "activity_code": "other", "activity_description": "Repair of felt yurts", "regime": "self-employed",
        "expected_monthly_income": 200000, "phone": "+77011234567", "language": "en"}}}


async def client_for(stack: Stack, *, citizen: str | None = None, officer: str | None = None) -> httpx.AsyncClient:
    token = await obtain_token_async(stack.settings, citizen=citizen, officer=officer)
    return httpx.AsyncClient(base_url=f"{stack.portal_url}/api/v1", timeout=30,
                             headers={"Authorization": f"Bearer {token}"})


async def apply_for_review(citizen: httpx.AsyncClient) -> str:
    response = await citizen.post("/applications", json=other_activity_body(),
                                  headers={"Idempotency-Key": str(uuid.uuid4())})
    assert response.status_code == 202, response.text
    return str(response.json()["id"])


async def task_of(officer: httpx.AsyncClient, application_id: str, timeout: float = 30) -> dict[str, Any]:
    """The task the workflow opens for the application, as the queue's inbox shows it."""
    limit = time.monotonic() + timeout
    while time.monotonic() < limit:
        page = (await officer.get("/tasks", params={"limit": 200})).json()
        found = [t for t in page["items"] if t["application_id"] == application_id]
        if found:
            return found[0]
        await asyncio.sleep(0.2)
    raise TimeoutError("no task appeared in the queue")


async def until(read: Any, check: Any, timeout: float = 30) -> Any:
    limit = time.monotonic() + timeout
    value = None
    while time.monotonic() < limit:
        value = await read()
        if check(value):
            return value
        await asyncio.sleep(0.2)
    raise TimeoutError(f"not reached in {timeout}s; last seen: {value!r}")
