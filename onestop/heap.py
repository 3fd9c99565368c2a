"""What a process holds from start-up to exit, out of the garbage collector's way (gc.freeze).

A full (generation 2) collection walks every object the collector tracks. After start-up a
worker or a portal holds hundreds of thousands of them (SQLAlchemy, pydantic, temporalio, the
catalogue and the policies) for its whole life. Measured under `make bench` load: full
collections stopped the worker for 100-200 ms every ten seconds or so, holding SQLite's write
lock when one struck inside a write, and stopped the portal for up to 200 ms with every
request in flight. Frozen, that start-up heap is no longer walked; what the process makes
afterwards is collected as before.
"""

from __future__ import annotations

import gc


def freeze_startup_heap() -> None:
    """Call once the process has imported and built what it serves with."""
    gc.collect()  # start-up's own garbage goes first, or it would be frozen for good
    gc.freeze()
