"""Callers of the tests: real tokens from the identity provider, and the portal's API."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import httpx

from onestop.token import obtain_token_async
from tests.support.stack import Stack

CODE = "self-employed-registration"
FINISHED = ("completed", "refused", "failed", "partially_completed", "withdrawn")


def form(**overrides: Any) -> dict[str, Any]:
    answers = {"activity_code": "tutoring", "regime": "self-employed", "expected_monthly_income": 250000,
               "phone": "+77011234567", "language": "en"}
    answers.update(overrides)
    return answers


def body(**overrides: Any) -> dict[str, Any]:
    return {"services": [CODE], "answers": {CODE: form(**overrides)}}


# The portal (uvicorn) closes a keep-alive connection idle for 5 s, and httpx keeps one for 5 s too: a
# request sent on it just as the server closes it fails with "Server disconnected without sending a
# response". A client that lets its idle connections go first never sends on one the server closed.
IDLE_CONNECTIONS = httpx.Limits(keepalive_expiry=2)


async def client_as(stack: Stack, path: str = "/api/v1", **who: str) -> httpx.AsyncClient:
    """A client of the portal's API with a real token: citizen=IIN, officer=login or client=id.

    A client's secret may be left out: in development the token helper takes the demo one.
    """
    token = await obtain_token_async(stack.settings, **who)
    return httpx.AsyncClient(base_url=f"{stack.portal_url}{path}", headers={"Authorization": f"Bearer {token}"},
                             timeout=30, limits=IDLE_CONNECTIONS)


async def signed_in(stack: Stack, officer: str) -> None:
    """The officer calls the portal once, as signing in does: the portal's officer directory now knows them."""
    async with await client_as(stack, officer=officer) as client:
        me = await client.get("/me")
        assert me.status_code == 200 and me.json()["subject"] == officer, me.text


async def api_client(stack: Stack, iin: str | None) -> httpx.AsyncClient:
    if iin:
        return await client_as(stack, citizen=iin)
    return httpx.AsyncClient(base_url=f"{stack.portal_url}/api/v1", timeout=30, limits=IDLE_CONNECTIONS)


async def submit(client: httpx.AsyncClient, payload: dict[str, Any] | None = None,
                 key: str | None = None) -> httpx.Response:
    return await client.post("/applications", json=payload or body(),
                              headers={"Idempotency-Key": key or str(uuid.uuid4())})


async def wait_finished(client: httpx.AsyncClient, application_id: str, timeout: float = 60) -> dict[str, Any]:
    """The application's view once it has ended; a citizen's client and an agency's both serve."""
    return await until(lambda: view(client, application_id), lambda v: v["status"] in FINISHED, timeout)


async def view(client: httpx.AsyncClient, application_id: str) -> dict[str, Any]:
    return (await client.get(f"/applications/{application_id}")).json()


async def until(read: Callable[[], Awaitable[Any]], check: Callable[[Any], Any], timeout: float = 30) -> Any:
    """Call `read` until `check` holds for what it gives, and give that."""
    limit = time.monotonic() + timeout
    value = None
    while time.monotonic() < limit:
        value = await read()
        if check(value):
            return value
        await asyncio.sleep(0.2)
    raise TimeoutError(f"not reached in {timeout}s; last seen: {value!r}")


# --- manual review: an activity off the list goes to a tax officer of the applicant's region ---

OTHER_ACTIVITY = {"activity_code": "other", "activity_description": "Repair of felt yurts",
                  "expected_monthly_income": 200000}


async def apply_for_review(citizen: httpx.AsyncClient) -> str:
    response = await submit(citizen, body(**OTHER_ACTIVITY))
    assert response.status_code == 202, response.text
    return str(response.json()["id"])


async def task_of(officer: httpx.AsyncClient, application_id: str, kind: str | None = None,
                  timeout: float = 30) -> dict[str, Any]:
    """The task the workflow opens for the application, as the queue's inbox shows it."""
    params: dict[str, Any] = {"limit": 200} | ({"kind": kind} if kind else {})

    async def found() -> list[dict[str, Any]]:
        page = (await officer.get("/tasks", params=params)).json()
        return [t for t in page["items"] if t["application_id"] == application_id]

    return (await until(found, bool, timeout))[0]
