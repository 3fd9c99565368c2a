"""Health probe for a worker, which serves no HTTP: is this host's worker polling Temporal?

    python worker_probe.py ready   exit 0 when a worker on this host polled the task queue lately
    python worker_probe.py live    the same, but exit 0 too when Temporal cannot be asked at all

Why asking Temporal: a wedged worker (stuck event loop, lost connection) stops polling, and
Temporal's task-queue description is the one place that sees it. Why `live` forgives an
unreachable Temporal: restarting every worker does not cure a server outage, it only adds
a thundering herd when the server comes back.

The worker's identity is Temporal's default, `<pid>@<hostname>`; in a pod or container the
hostname is the pod's or container's own, so the suffix names this replica.
"""

from __future__ import annotations

import asyncio
import os
import socket
import sys
import time
from collections.abc import Callable, Coroutine, Iterable
from datetime import timedelta
from typing import Any

# Long polls last about a minute, and Temporal refreshes a poller's last access time when a
# poll starts: two minutes without one means the worker is not polling.
MAX_POLL_AGE_SECONDS = 120.0


def polls_from_host(pollers: Iterable[tuple[str, float]], hostname: str, now: float,
                    max_age_seconds: float = MAX_POLL_AGE_SECONDS) -> bool:
    """Whether any (identity, last access epoch seconds) poller is this host's, and recent."""
    suffix = f"@{hostname}"
    return any(identity.endswith(suffix) and now - seen <= max_age_seconds for identity, seen in pollers)


async def _pollers() -> list[tuple[str, float]]:
    from temporalio.api.enums.v1 import TaskQueueType
    from temporalio.api.taskqueue.v1 import TaskQueue
    from temporalio.api.workflowservice.v1 import DescribeTaskQueueRequest

    from onestop.settings import Settings
    from onestop.temporal_client import connect

    settings = Settings()
    client = await asyncio.wait_for(connect(settings), timeout=5)
    found: list[tuple[str, float]] = []
    for kind in (TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW, TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY):
        response = await client.workflow_service.describe_task_queue(
            DescribeTaskQueueRequest(namespace=settings.temporal_namespace,
                                     task_queue=TaskQueue(name=settings.temporal_task_queue),
                                     task_queue_type=kind),
            timeout=timedelta(seconds=5),
        )
        found += [(p.identity, p.last_access_time.ToSeconds()) for p in response.pollers]
    return found


def main(argv: list[str], ask: Callable[[], Coroutine[Any, Any, list[tuple[str, float]]]] = _pollers) -> int:
    """`ask` is the test seam: the pollers of the task queue, or an exception when Temporal cannot say."""
    mode = argv[1] if len(argv) > 1 else "ready"
    if mode not in ("ready", "live"):
        print("usage: worker_probe.py ready|live", file=sys.stderr)
        return 2
    try:
        pollers = asyncio.run(ask())
    except Exception as error:  # Temporal unreachable or refusing: only readiness fails
        print(f"temporal not reachable: {type(error).__name__}", file=sys.stderr)
        return 0 if mode == "live" else 1
    if polls_from_host(pollers, socket.gethostname(), time.time()):
        return 0
    print("this host's worker is not polling its task queue", file=sys.stderr)
    return 1


if __name__ == "__main__":
    code = main(sys.argv)
    sys.stdout.flush()
    sys.stderr.flush()
    # Skips interpreter finalization: after a failed connect the Temporal core's threads can
    # abort it (SIGABRT, exit 134), which would turn a forgiving `live` into a failure.
    os._exit(code)
