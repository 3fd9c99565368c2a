"""Background work yields the CPU to the processes that answer people, on a shared machine.

The worker and the Temporal dev server are busy whenever applications flow: a closed loop of
twenty citizens kept them at ~0.9 and ~0.7 of a core on a 2-core machine. Under Linux's
default policy a portal that wakes up for a request waits for whichever of them runs to use
its time slice, at every wake-up of a request (event loop, database thread, loop again):
tens of milliseconds of a submit's time went there (bench/README.md, 2026-12-01).

`ONESTOP_BACKGROUND_SCHEDULING` chooses the policy the background processes ask for:
- `batch` (default): SCHED_BATCH. The kernel treats them as CPU-bound: they do not preempt a
  task that wakes up, while they keep their full share of the CPU (nothing starves them).
- `idle`: SCHED_IDLE. They run only when nothing else wants the CPU: the lowest latency for the
  portal, but anything busy on the machine (a build, a test suite) stalls the workflows.
- `normal`: the kernel's default; on machines where the worker has its own CPUs (Kubernetes
  with CPU requests, deploy/) the choice changes nothing anyway.

The policy is per thread: the threads and processes started afterwards inherit it, so a
process asks before it starts any (and the Temporal server inherits it across exec).
Elsewhere than Linux nothing changes.
"""

from __future__ import annotations

import logging
import os

log = logging.getLogger("onestop.scheduling")

POLICIES = {"batch": "SCHED_BATCH", "idle": "SCHED_IDLE", "normal": "SCHED_OTHER"}


def run_as_background(policy: str) -> bool:
    """Ask the kernel to schedule this thread, and all it starts from now on, as `policy`;
    True when it did. Best effort: False where the policy does not exist or is refused."""
    number = getattr(os, POLICIES[policy], None)
    if number is None or not hasattr(os, "sched_setscheduler"):
        return False
    try:
        os.sched_setscheduler(0, number, os.sched_param(0))
    except OSError as error:  # a container's seccomp profile may refuse it: run as before
        log.info("background scheduling %s not available here (%s)", policy, error)
        return False
    return True


__all__ = ["POLICIES", "run_as_background"]
