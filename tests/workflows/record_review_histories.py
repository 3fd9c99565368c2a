"""Record histories of the manual-review branch for the replay test:
`python -m tests.workflows.record_review_histories [version]`.

One registration for an activity off the list, worked through every task update (claim, request
for information, answer, approval); one withdrawn while waiting for the officer. Keep old files:
the replay test proves every recorded version still replays on today's code.
"""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path

from onestop.settings import Settings
from store import tasks as task_store
from tests.support.citizens import next_citizen
from tests.support.signing import SigningHandle
from tests.support.workflows import CODE, RECORD_QUEUE, eventually, recording, start_application, write_history
from workflows.application import WithdrawInput, WithdrawResult
from workflows.human_tasks import (
    AnswerInfoInput,
    ClaimTaskInput,
    CompleteTaskInput,
    OfficerReason,
    RequestInfoInput,
    TaskState,
)
from workflows.inputs import service_workflow_id

FORM = {"activity_code": "other", "activity_description": "Repair of felt yurts", "regime": "self-employed",
        "expected_monthly_income": "200000.00", "phone": "+77011112233", "language": "ru",
        "activity_address": None, "email": None}


async def record(version: str) -> None:
    async with recording() as (env, database_url):
        for case in ("review-approved", "review-withdrawn"):
            application_id, started = await start_application(
                env, database_url, RECORD_QUEUE, iin=next_citizen(), form=FORM, submitted_on=date(2026, 11, 23),
                language="ru")
            # Signed as the portal signs: the worker's key is in the recording's state dir.
            settings = Settings(state_dir=Path(database_url.removeprefix("sqlite:///")).parent)
            child = SigningHandle(env.client.get_workflow_handle(service_workflow_id(application_id, CODE)),
                                  settings)
            handle = SigningHandle(started, settings)
            task = (await eventually(database_url, lambda s: task_store.open_tasks_of(s, application_id)))[0]  # noqa: B023
            act = {"task_id": task.id, "officer": "recorder", "roles": ["officer"], "agency": task.agency,
                   "region": task.region}
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
            await write_history(handle, f"{version}-{case}-application")
            await write_history(child, f"{version}-{case}-self-employed")


if __name__ == "__main__":
    import sys

    asyncio.run(record(sys.argv[1] if len(sys.argv) > 1 else "v2"))
