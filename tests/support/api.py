"""A citizen of the tests: a real token from the identity provider, and the portal's API."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

from onestop.token import obtain_token_async
from tests.support.stack import Stack

CODE = "self-employed-registration"


def form(**overrides: Any) -> dict[str, Any]:
    answers = {"activity_code": "tutoring", "regime": "self-employed", "expected_monthly_income": 250000,
               "phone": "+77011234567", "language": "en"}
    answers.update(overrides)
    return answers


def body(**overrides: Any) -> dict[str, Any]:
    return {"services": [CODE], "answers": {CODE: form(**overrides)}}


async def token_for(stack: Stack, iin: str) -> str:
    return await obtain_token_async(stack.settings, citizen=iin)


async def api_client(stack: Stack, iin: str | None) -> httpx.AsyncClient:
    headers = {"Authorization": f"Bearer {await token_for(stack, iin)}"} if iin else {}
    return httpx.AsyncClient(base_url=f"{stack.portal_url}/api/v1", headers=headers, timeout=30)


async def submit(client: httpx.AsyncClient, payload: dict[str, Any] | None = None,
                 key: str | None = None) -> httpx.Response:
    return await client.post("/applications", json=payload or body(),
                              headers={"Idempotency-Key": key or str(uuid.uuid4())})


async def wait_finished(client: httpx.AsyncClient, application_id: str, timeout: float = 60) -> dict[str, Any]:
    import asyncio
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        view = (await client.get(f"/applications/{application_id}")).json()
        if view["status"] in ("completed", "refused", "failed", "partially_completed"):
            return view
        await asyncio.sleep(0.2)
    raise TimeoutError(f"application not finished after {timeout}s: {view['status']}")
