"""What must survive: a worker killed mid-application, a Temporal restart, flaky registries."""

from __future__ import annotations

import asyncio
import time

import httpx

from tests.support.api import api_client, submit, wait_finished
from tests.support.citizens import next_citizen
from tests.support.stack import Stack

REGISTRIES = ("population", "businesses", "tax", "notifications")


async def _wait_step(client: httpx.AsyncClient, application_id: str, step: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        view = (await client.get(f"/applications/{application_id}")).json()
        steps = {s["code"]: s["status"] for service in view["services"] for s in service["steps"]}
        if steps.get(step) == "completed":
            return
        await asyncio.sleep(0.05)
    raise TimeoutError(f"step {step} not completed after {timeout}s")


async def test_worker_killed_mid_registration_completes_with_one_tax_registration(healthy_stack: Stack) -> None:
    iin = next_citizen()
    healthy_stack.knobs("tax", latency_ms=2500)
    async with await api_client(healthy_stack, iin) as client:
        application_id = (await submit(client)).json()["id"]
        await _wait_step(client, application_id, "check_eligibility")
        await asyncio.sleep(0.5)  # the tax registration is now in flight on the worker
        healthy_stack.kill("worker")
        healthy_stack.knobs("tax", latency_ms=0)
        await asyncio.sleep(3)  # the registry finishes the orphaned request meanwhile
        healthy_stack.start("worker")
        view = await wait_finished(client, application_id, timeout=60)
    assert view["status"] == "completed"
    assert len(healthy_stack.tax_registrations(iin)) == 1


async def test_temporal_restarted_on_its_store_loses_nothing(healthy_stack: Stack) -> None:
    citizens = [next_citizen() for _ in range(3)]
    healthy_stack.knobs("tax", latency_ms=1500)
    clients = [await api_client(healthy_stack, iin) for iin in citizens]
    try:
        ids = [(await submit(c)).json()["id"] for c in clients]
        await _wait_step(clients[-1], ids[-1], "check_eligibility")
        healthy_stack.stop("temporal")
        healthy_stack.knobs("tax", latency_ms=0)
        healthy_stack.start("temporal")
        views = [await wait_finished(c, i, timeout=90) for c, i in zip(clients, ids, strict=True)]
    finally:
        for c in clients:
            await c.aclose()
    assert [v["status"] for v in views] == ["completed"] * 3
    assert all(len(healthy_stack.tax_registrations(iin)) == 1 for iin in citizens)


async def test_registries_failing_half_the_time_still_complete_every_application(healthy_stack: Stack) -> None:
    citizens = [next_citizen() for _ in range(4)]
    for registry in REGISTRIES:
        healthy_stack.knobs(registry, error_rate=0.5)
    clients = [await api_client(healthy_stack, iin) for iin in citizens]
    try:
        ids = [(await submit(c)).json()["id"] for c in clients]
        # Retries back off exponentially to a minute (workflows/retries.py): about one run in a
        # dozen has a call fail 8 times in a row and wait ~50 s. 240 s covers 11 failures in a row.
        views = [await wait_finished(c, i, timeout=240) for c, i in zip(clients, ids, strict=True)]
    finally:
        for c in clients:
            await c.aclose()
        healthy_stack.reset_knobs()  # our own audit reads below must not fail half the time
    assert [v["status"] for v in views] == ["completed"] * 4
    assert all(len(healthy_stack.tax_registrations(iin)) == 1 for iin in citizens)
