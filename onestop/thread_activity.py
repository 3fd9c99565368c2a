"""The decorator of every activity that runs in the worker's thread pool (a plain `def`).

The Temporal SDK cancels such an activity, on a worker's shutdown or a cancelled workflow, by
raising CancelledError inside its thread at whatever bytecode it has reached. Landing between a
lock's acquire and the `with` that would release it, that leaves the lock held by a thread that
has moved on: in one measured run, the SQLite writers' lock (store/engine.py) stayed taken and
every unit of work of the process waited for ever (the CI run that timed out on a test's worker
shutdown). Our thread activities are short units of work, so they are never interrupted: one
that loops over many (a batch) calls `stop_if_asked()` between them instead, where a stop leaves
nothing half done.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from temporalio import activity
from temporalio.exceptions import ApplicationError, CancelledError

F = TypeVar("F", bound=Callable[..., Any])
WORKER_STOPS = "WorkerStops"


def thread_activity(name: str) -> Callable[[F], F]:
    """`activity.defn(name=...)` for a synchronous activity: cancelled by asking, never by interruption."""
    return activity.defn(name=name, no_thread_cancel_exception=True)


def stop_if_asked() -> None:
    """Between two units of work: end the attempt if the worker stops (as a failure, which Temporal
    retries at once on another worker, rather than after the heartbeat timeout) or the activity was
    cancelled. What is committed stays; the next attempt does the rest."""
    if activity.is_worker_shutdown():
        raise ApplicationError("the worker stops: the next attempt does the rest", type=WORKER_STOPS)
    if activity.is_cancelled():
        raise CancelledError("the activity stops between two units of work")


__all__ = ["stop_if_asked", "thread_activity"]
