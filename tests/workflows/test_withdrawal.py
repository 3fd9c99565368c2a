"""A withdrawal that reaches the application before its service's workflow has started.

The worker starts only after the withdrawal has been sent, so the update is in the run's very
first activation: nothing has been started, nothing is decided, and the service must never start.
"""

from __future__ import annotations

import asyncio
import uuid
from datetime import date

import pytest
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.service import RPCError, RPCStatusCode
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Replayer

from onestop.settings import Settings
from onestop.worker import WORKFLOWS, build_worker
from store import repository
from store.engine import get_engine, session_scope
from tests.support.citizens import next_citizen
from tests.support.signing import SigningHandle
from tests.support.stack import Stack
from tests.support.workflows import CODE, start_application
from workflows.application import WithdrawInput, WithdrawResult
from workflows.inputs import ApplicationOutcome, ServiceOutcome, service_workflow_id

TUTORING = {"activity_code": "tutoring", "regime": "self-employed", "expected_monthly_income": "250000.00",
            "phone": "+77011112233", "language": "en", "activity_address": None, "email": None}


async def test_a_withdrawal_before_the_service_started_means_it_never_starts(
        skipping_env: WorkflowEnvironment, worker_settings: Settings, registries: Stack) -> None:
    iin = next_citizen()
    queue = f"test-{uuid.uuid4()}"
    application_id, handle = await start_application(skipping_env, worker_settings.database_url, queue, iin=iin,
                                                     form=TUTORING, submitted_on=date(2026, 11, 20), language="en")
    withdrawal = asyncio.ensure_future(SigningHandle(handle, worker_settings).execute_update(
        "withdraw", WithdrawInput(), result_type=WithdrawResult))
    await asyncio.sleep(1)  # the server holds the update until a worker takes the first workflow task
    async with build_worker(skipping_env.client, worker_settings, task_queue=queue) as worker, worker:
        result = await asyncio.wait_for(withdrawal, 60)
        outcome: ApplicationOutcome = await asyncio.wait_for(handle.result(), 60)
        history = await handle.fetch_history()
    # The patch is asked by the withdrawal, before the run: the run replays the same way.
    await Replayer(workflows=WORKFLOWS, data_converter=pydantic_data_converter).replay_workflow(history)

    assert result.services == [CODE]
    assert outcome.status == "withdrawn"
    assert outcome.services == [ServiceOutcome(service_code=CODE, status="withdrawn", reason_codes=["withdrawn"])]
    with pytest.raises(RPCError) as never:
        await skipping_env.client.get_workflow_handle(service_workflow_id(application_id, CODE)).describe()
    assert never.value.status == RPCStatusCode.NOT_FOUND
    with session_scope(get_engine(worker_settings.database_url)) as session:
        application = repository.get_application(session, application_id)
        request = repository.get_service_request(session, application_id, CODE)
        events = repository.timeline(session, application_id)
    assert application is not None and application.status == "withdrawn"
    assert request is not None and request.status == "withdrawn"
    withdrawn = [e for e in events if e.kind == "service.withdrawn"]
    assert len(withdrawn) == 1 and withdrawn[0].service_code == CODE and set(withdrawn[0].title) == {"kk", "ru", "en"}
    assert "application.withdrawal_requested" in {e.kind for e in events}
    assert registries.tax_registrations(iin) == []
