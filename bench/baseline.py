"""The ceiling: bare Temporal workflows shaped like one application, with no-op activities.

A parent runs its local activities around one child; the child runs the same sequence of
regular (A) and local (L) activities as a self-employed registration on its happy path,
doing nothing. Whatever an application costs above this is ours: HTTP, tokens, registries,
the database, signing, the pydantic payloads.

The shapes are counted from workflows/application.py and workflows/self_employed.py:

    parent: set status in_progress (L), event received (L), child, set status (L), event finished (L)
    child:  status in_progress (L)
            population.get_person (A), policy capacity (L), step (L)
            businesses.get_status (A), step (L)
            policy eligibility (L), step (L)
            tax.register_taxpayer (A), step (L)
            businesses.notify_registration (A), step (L)
            policy payments (L), step (L)
            documents.issue_certificate (A), event issued (L), status completed (L), event decision (L)
            notifications.send (A), step (L)

That is 6 regular activities, 18 local activities (4 + 14) and 1 child workflow. The order
matters, not only the counts: local activities in a row share one workflow task, and each
regular activity costs a new one.

Runs as worker processes, like onestop's own worker: python -m bench.baseline --address HOST:PORT --task-queue Q
"""

from __future__ import annotations

import argparse
import asyncio
import signal
from datetime import timedelta

from temporalio import activity, workflow
from temporalio.client import Client
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.worker import Worker

from onestop.heap import freeze_startup_heap

PARENT_BEFORE = "LL"
CHILD = "L" + "ALL" + "AL" + "LL" + "AL" + "AL" + "LL" + "ALLL" + "AL"
PARENT_AFTER = "LL"
WORKFLOW = "BenchBareApplication"
TIMEOUT = timedelta(seconds=30)


def counts() -> dict[str, int]:
    """Regular and local activities and child workflows of one bare application."""
    shape = PARENT_BEFORE + CHILD + PARENT_AFTER
    return {"activities": shape.count("A"), "local_activities": shape.count("L"), "child_workflows": 1}


@activity.defn(name="bench.noop")
async def noop(step: int) -> int:
    return step


async def _run(shape: str) -> None:
    for step, kind in enumerate(shape):
        if kind == "A":
            await workflow.execute_activity(noop, step, start_to_close_timeout=TIMEOUT)
        else:
            await workflow.execute_local_activity(noop, step, start_to_close_timeout=TIMEOUT)


@workflow.defn(name="BenchBareService")
class BareServiceWorkflow:
    @workflow.run
    async def run(self, application_id: str) -> str:
        await _run(CHILD)
        return application_id


@workflow.defn(name=WORKFLOW)
class BareApplicationWorkflow:
    @workflow.run
    async def run(self, application_id: str) -> str:
        await _run(PARENT_BEFORE)
        await workflow.execute_child_workflow(BareServiceWorkflow.run, application_id,
                                              id=f"{workflow.info().workflow_id}-service")
        await _run(PARENT_AFTER)
        return application_id


async def serve(address: str, task_queue: str) -> None:
    # The same converter as onestop's client, so payload handling is not what differs.
    client = await Client.connect(address, data_converter=pydantic_data_converter)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    async with Worker(client, task_queue=task_queue, workflows=[BareApplicationWorkflow, BareServiceWorkflow],
                      activities=[noop]):
        freeze_startup_heap()  # as onestop's worker does: the ratio compares the work, not GC settings
        await stop.wait()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m bench.baseline")
    parser.add_argument("--address", required=True)
    parser.add_argument("--task-queue", required=True)
    args = parser.parse_args()
    asyncio.run(serve(args.address, args.task_queue))
