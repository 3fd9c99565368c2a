"""The ceiling: bare Temporal workflows shaped like one application, with no-op activities.

One parent starts one child; the child runs as many regular activities and local activities
as a self-employed registration does (counted from workflows/self_employed.py and
workflows/application.py), in the same order of kinds, doing nothing. Whatever an application
costs above this is ours: HTTP, registries, the database, signing.

Run as a worker process: python -m bench.baseline --address HOST:PORT --task-queue Q
"""

from __future__ import annotations

import argparse
import asyncio
from datetime import timedelta

from temporalio import activity, workflow
from temporalio.client import Client
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.worker import Worker

# One self-employed registration: 6 registry/document activities, 18 local activities
# (4 in the parent: statuses and events; 14 in the child: statuses, policies, step events).
REGULAR_ACTIVITIES = 6
PARENT_LOCAL_ACTIVITIES = 4
CHILD_LOCAL_ACTIVITIES = 14


@activity.defn(name="bench.noop")
async def noop(step: int) -> int:
    return step


@workflow.defn(name="BenchBareService")
class BareServiceWorkflow:
    @workflow.run
    async def run(self, application_id: str) -> str:
        local = iter(range(CHILD_LOCAL_ACTIVITIES))
        for step in range(REGULAR_ACTIVITIES):
            await workflow.execute_activity(noop, step, start_to_close_timeout=timedelta(seconds=10))
            for _ in range(2):  # the step events around each registry call
                n = next(local, None)
                if n is not None:
                    await workflow.execute_local_activity(noop, n, start_to_close_timeout=timedelta(seconds=10))
        for n in local:
            await workflow.execute_local_activity(noop, n, start_to_close_timeout=timedelta(seconds=10))
        return application_id


@workflow.defn(name="BenchBareApplication")
class BareApplicationWorkflow:
    @workflow.run
    async def run(self, application_id: str) -> str:
        for n in range(PARENT_LOCAL_ACTIVITIES // 2):
            await workflow.execute_local_activity(noop, n, start_to_close_timeout=timedelta(seconds=10))
        await workflow.execute_child_workflow(BareServiceWorkflow.run, application_id,
                                              id=f"{workflow.info().workflow_id}-service")
        for n in range(PARENT_LOCAL_ACTIVITIES // 2):
            await workflow.execute_local_activity(noop, n, start_to_close_timeout=timedelta(seconds=10))
        return application_id


async def serve(address: str, task_queue: str) -> None:
    client = await Client.connect(address, data_converter=pydantic_data_converter)
    worker = Worker(client, task_queue=task_queue, workflows=[BareApplicationWorkflow, BareServiceWorkflow],
                    activities=[noop])
    await worker.run()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--address", required=True)
    parser.add_argument("--task-queue", required=True)
    args = parser.parse_args()
    try:
        asyncio.run(serve(args.address, args.task_queue))
    except KeyboardInterrupt:
        pass
