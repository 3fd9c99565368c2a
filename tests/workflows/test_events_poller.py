"""The registries' events poller: a change in the registries reaches the running services it concerns,
and only those (workflows/events_poller.py), on a real Temporal server against the mock registries."""

from __future__ import annotations

import contextlib
import uuid
from datetime import date

import httpx
from temporalio.service import RPCError
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from connectors.base import RegistryClient
from connectors.events import fetch_events
from onestop.settings import Settings
from store import repository
from store.engine import get_engine, session_scope
from tests.support.citizens import citizen_of
from tests.support.event_sink import EventSink
from tests.support.stack import Stack
from workflows.events_poller import EVENTS_POLLER_WORKFLOW, PollerInput, PollerState
from workflows.inputs import service_workflow_id

CODE = "self-employed-registration"
ASTANA_BUILD = "090440003173"  # an active employer of the businesses registry (onestop/demo.py)


async def feed_end(settings: Settings) -> str:
    async with RegistryClient(settings) as client:
        page = await fetch_events(client)
        while page.events:
            page = await fetch_events(client, page.cursor)
        return page.cursor


def stored(settings: Settings, iin: str, status: str) -> str:
    with session_scope(get_engine(settings.database_url)) as session:
        application, _ = repository.create_application(
            session, owner=iin, idempotency_key=str(uuid.uuid4()), request_hash="h", applicant_iin=iin,
            submitted_via="portal", language="en", services=[(CODE, {}, date.today())])
        repository.move_service(session, application.id, CODE, status)
        return application.id


async def test_a_new_contract_reaches_the_running_service_of_that_person_and_no_other(
        workflow_env: WorkflowEnvironment, task_queue: str, worker_settings: Settings, registries: Stack) -> None:
    # Of two regions: never of one family (a family member's change concerns the family's services).
    paying, finished = citizen_of("almaty"), citizen_of("karaganda")
    running_id = stored(worker_settings, paying, "decided")  # long-running, still paying
    ended_id = stored(worker_settings, finished, "completed")
    sinks = f"sinks-{uuid.uuid4()}"
    async with Worker(workflow_env.client, task_queue=sinks, workflows=[EventSink]):
        running = await workflow_env.client.start_workflow(EventSink.run, id=service_workflow_id(running_id, CODE),
                                                           task_queue=sinks)
        ended = await workflow_env.client.start_workflow(EventSink.run, id=service_workflow_id(ended_id, CODE),
                                                         task_queue=sinks)
        cursor = await feed_end(worker_settings)  # this test's events only
        for iin in (paying, finished):
            httpx.post(f"{registries.registries_url}/_admin/events", headers=registries.admin_headers, json={
                "kind": "contract_started", "iin": iin, "employer_bin": ASTANA_BUILD, "position": "Engineer",
                "start_date": "2026-11-02", "monthly_wage": 300_000}).raise_for_status()

        state: PollerState = await workflow_env.client.execute_workflow(
            EVENTS_POLLER_WORKFLOW, PollerInput(cursor=cursor, interval_seconds=1, stop_after_empty_pages=1),
            id=f"poller-{uuid.uuid4()}", task_queue=task_queue, result_type=PollerState)

        told = await running.query(EventSink.received)
        assert [(e.kind, e.iin, e.on) for e in told] == [("contract_started", paying, date(2026, 11, 2))]
        assert await ended.query(EventSink.received) == []  # decided and ended: nothing to tell
        assert (state.events_read, state.signals_sent) == (2, 1) and state.cursor != cursor
        for handle in (running, ended):
            with contextlib.suppress(RPCError):  # already gone: nothing to stop
                await handle.terminate()
