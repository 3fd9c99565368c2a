"""Record histories of the manual-review branch for the replay test:
`python -m tests.workflows.record_review_histories [version]`.

One registration for an activity off the list, worked through every task update (claim, request
for information, answer, approval); one withdrawn while waiting for the officer. Keep old files:
the replay test proves every recorded version still replays on today's code.
"""

from __future__ import annotations

import asyncio
import tempfile
import uuid
from datetime import date
from pathlib import Path

from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.testing import WorkflowEnvironment

from onestop.temporal_server import test_server_path
from onestop.worker import build_worker
from store import repository
from store import tasks as task_store
from store.engine import get_engine, migrate, session_scope
from tests.support.citizens import next_citizen
from tests.support.stack import Stack
from workflows.application import WithdrawInput, WithdrawResult
from workflows.human_tasks import (AnswerInfoInput, ClaimTaskInput, CompleteTaskInput, OfficerReason,
                                   RequestInfoInput, TaskState)
from workflows.inputs import (APPLICATION_WORKFLOW, ApplicationInput, ApplicationOutcome, ServiceOrder,
                              application_workflow_id, service_workflow_id)

HERE = Path(__file__).parent / "histories"
CODE = "self-employed-registration"
ON = date(2026, 11, 23)


async def _task(database_url: str, application_id: str) -> tuple[str, str, str]:
    for _ in range(300):
        with session_scope(get_engine(database_url)) as session:
            found = task_store.open_tasks_of(session, application_id)
        if found:
            return found[0].id, found[0].agency, found[0].region
        await asyncio.sleep(0.1)
    raise TimeoutError("no task opened")


async def record(version: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        database_url = f"sqlite:///{tmp}/onestop.db"
        migrate(database_url)
        stack = Stack.configure(Path(tmp), database_url)
        stack.start("registries")
        try:
            env = await WorkflowEnvironment.start_time_skipping(
                test_server_existing_path=str(test_server_path()), data_converter=pydantic_data_converter)
            async with build_worker(env.client, stack.settings, task_queue="record") as worker, worker:
                for case in ("review-approved", "review-withdrawn"):
                    iin = next_citizen()
                    form = {"activity_code": "other", "activity_description": "Repair of felt yurts",
                            "regime": "self-employed", "expected_monthly_income": "200000.00",
                            "phone": "+77011112233", "language": "ru", "activity_address": None, "email": None}
                    with session_scope(get_engine(database_url)) as session:
                        application, _ = repository.create_application(
                            session, owner=iin, idempotency_key=str(uuid.uuid4()), request_hash="h",
                            applicant_iin=iin, submitted_via="portal", language="ru", services=[(CODE, form, ON)])
                    handle = await env.client.start_workflow(
                        APPLICATION_WORKFLOW,
                        ApplicationInput(application_id=application.id, applicant_iin=iin, language="ru",
                                         services=[ServiceOrder(code=CODE, answers=form)], submitted_on=ON),
                        id=application_workflow_id(application.id), task_queue="record",
                        result_type=ApplicationOutcome)
                    child = env.client.get_workflow_handle(service_workflow_id(application.id, CODE))
                    task_id, agency, region = await _task(database_url, application.id)
                    act = {"task_id": task_id, "officer": "recorder", "roles": ["officer"], "agency": agency,
                           "region": region}
                    if case == "review-approved":
                        await child.execute_update("claim_task", ClaimTaskInput(**act), result_type=TaskState)
                        await child.execute_update("request_info", RequestInfoInput(**act, question="Sell too?"),
                                                   result_type=TaskState)
                        await child.execute_update("answer_info", AnswerInfoInput(text="No."), result_type=TaskState)
                        await child.execute_update("complete_task", CompleteTaskInput(
                            **act, outcome="approve", reasons=[OfficerReason(code="activity_allowed_by_analogy")]),
                            result_type=TaskState)
                    else:
                        await handle.execute_update("withdraw", WithdrawInput(), result_type=WithdrawResult)
                    await handle.result()
                    for name, h in (("application", handle), ("self-employed", child)):
                        history = await h.fetch_history()
                        path = HERE / f"{version}-{case}-{name}.json"
                        path.write_text(history.to_json())
                        print("wrote", path)
            await env.shutdown()
        finally:
            stack.stop_all()


if __name__ == "__main__":
    import sys

    asyncio.run(record(sys.argv[1] if len(sys.argv) > 1 else "v2"))
