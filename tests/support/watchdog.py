"""A stuck test ends the run, with every thread's stack printed, instead of a CI run that waits out its
own limit and shows nothing (a worker's stop once hung a run for its whole 90 minutes).

The processes the session started (registries, Temporal servers, a stack's portal and worker) are
killed first: left running, they would outlive the run and could hold its output open.
"""

from __future__ import annotations

import faulthandler
import os
import signal
import threading
from pathlib import Path

# No test takes this long, its fixtures' start included: the longest waits 240 s for registries that
# fail half the time.
STUCK_AFTER_SECONDS = 900


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        children = task / "children"
        if children.exists():
            found += [int(c) for c in children.read_text().split()]
    return found


def _descendants(pid: int) -> list[int]:
    every, todo = [], _children(pid)
    while todo:
        child = todo.pop()
        every.append(child)
        todo += _children(child)
    return every


def _stuck(stderr_fd: int, seconds: float) -> None:
    os.write(stderr_fd, f"\n\nA test has run for {seconds:.0f} s: stuck. Every thread's stack:\n".encode())
    faulthandler.dump_traceback(file=stderr_fd, all_threads=True)
    for pid in _descendants(os.getpid()):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    os._exit(3)


def arm(stderr_fd: int, seconds: float = STUCK_AFTER_SECONDS) -> threading.Timer:
    """Start the clock for one test; cancel the timer when it ends."""
    timer = threading.Timer(seconds, _stuck, args=(stderr_fd, seconds))
    timer.daemon = True
    timer.start()
    return timer
