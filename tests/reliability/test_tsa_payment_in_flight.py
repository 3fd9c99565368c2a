"""A worker killed while a TSA payment is in flight: the month is paid exactly once.

The running stack (Temporal dev server, worker process, portal, mock registries) with real tokens:
the Utemisovs apply, Serik consents, the commission approves; the payments gateway is slowed by its
reply knob: it makes a payment, then holds its answer, and the worker is killed (SIGKILL, as a machine
dies) in between. The gateway has paid; onestop has not heard of it. The activity, retried by the
next worker after its timeout, sends the same idempotency key and gets the first payment back.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter

from temporalio.api.enums.v1 import PendingActivityState

from onestop.temporal_client import connect
from services.tsa import CODE
from tests.support.api import client_as, signed_in, submit, task_of, until, view
from tests.support.stack import Stack
from workflows.inputs import service_workflow_id

ZHANAR, SERIK = "880412400711", "850930300439"
COMMISSION_OFFICER = "social.turkistan.officer"


def service(application: dict) -> dict:
    return next(s for s in application["services"] if s["code"] == CODE)


def timeline_keys(application: dict) -> set[str]:
    return {e["detail"]["idempotency_key"] for e in application["timeline"] if e["kind"] == "payment"}


async def pay_in_flight(stack: Stack, workflow_id: str, timeout: float = 60) -> None:
    """Until the worker has a `payments.pay` activity started and not finished."""
    client = await connect(stack.settings)
    handle = client.get_workflow_handle(workflow_id)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        described = await handle.describe()
        pending = described.raw_description.pending_activities
        if any(a.activity_type.name == "payments.pay" and a.state == PendingActivityState.PENDING_ACTIVITY_STATE_STARTED
               for a in pending):
            return
        await asyncio.sleep(0.05)
    raise TimeoutError("no payment in flight")


async def test_worker_killed_with_a_payment_in_flight_pays_the_month_exactly_once(healthy_stack: Stack) -> None:
    stack = healthy_stack
    try:
        async with await client_as(stack, citizen=ZHANAR) as zhanar, \
                await client_as(stack, citizen=SERIK) as serik:
            accepted = await submit(zhanar, {"services": [CODE], "answers": {CODE: {"iban": "KZ456010000000000001"}}})
            assert accepted.status_code == 202, accepted.text
            application_id = accepted.json()["id"]
            found = await until(lambda: serik.get("/me/tasks"),
                                lambda r: [t for t in r.json()["items"] if t["application_id"] == application_id])
            task = next(t for t in found.json()["items"] if t["application_id"] == application_id)
            assert (await serik.post(f"/me/tasks/{task['id']}/answer", json={"outcome": "agree"})).status_code == 200

            stack.knobs("payments", reply_latency_ms=4000)  # each payment is made, then answered 4 s later
            await signed_in(stack, COMMISSION_OFFICER)
            async with await client_as(stack, officer=COMMISSION_OFFICER) as officer:
                review = await task_of(officer, application_id, kind="tsa.commission")
                assert (await officer.post(f"/tasks/{review['id']}/claim")).status_code == 200
                done = await officer.post(f"/tasks/{review['id']}/complete", json={
                    "outcome": "approve", "reasons": ["composition_confirmed", "living_conditions_confirmed"]})
                assert done.status_code == 200, done.text

            await pay_in_flight(stack, service_workflow_id(application_id, CODE))
            # The gateway has made the payment and holds its answer: the worker dies before it hears of it.

            async def unheard() -> set[str]:
                paid = await asyncio.to_thread(stack.payments, ZHANAR)
                return ({p["idempotency_key"] for p in paid if p["application_id"] == application_id}
                        - timeline_keys(await view(zhanar, application_id)))

            await until(unheard, bool, timeout=15)
            stack.kill("worker")
            stack.knobs("payments", reply_latency_ms=0)
            (in_flight,) = await unheard()
            stack.start("worker")

            paid_view = await until(lambda: view(zhanar, application_id),
                                    lambda v: service(v)["status"] == "completed", timeout=120)
            months = service(paid_view)["decision"]["months"]
            assert in_flight.startswith(f"tsa/{application_id}/")
            made = [p for p in stack.payments(ZHANAR) if p["application_id"] == application_id]
            keys = Counter(p["idempotency_key"] for p in made)
            # Every month and its child package once; the payment in flight when the worker died among them.
            assert keys[in_flight] == 1
            assert {f"tsa/{application_id}/{m}" for m in months} <= set(keys)
            assert set(keys.values()) == {1}
            timeline = [e for e in paid_view["timeline"] if e["kind"] == "payment"]
            assert Counter(e["detail"]["idempotency_key"] for e in timeline) == keys
    finally:
        stack.knobs("payments", reply_latency_ms=0)
        if "worker" not in stack.processes:
            stack.start("worker")
