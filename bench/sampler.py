"""A small sampling profiler (py-spy is not installed): where a process's threads spend time.

    python -m bench.sampler OUT.json onestop worker

runs `python -m onestop worker` in this process, and every few ms looks at the stack of every
Python thread (an event loop running in C, as uvloop does, looks busy even when idle) (the
worker's activities and workflow activations run in thread pools, which cProfile would not see).
A sample that sits in a known idle wait is dropped; the others count for the innermost frame of
our own code and for the innermost library module. On exit, the counts go to OUT.json.
"""

from __future__ import annotations

import atexit
import json
import runpy
import signal
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from types import FrameType

ROOT = str(Path(__file__).resolve().parents[1])
EVERY_SECONDS = 0.005
# Leaf functions of a thread that waits for work, not one that works.
IDLE = {("threading.py", "wait"), ("selectors.py", "select"), ("thread.py", "_worker"),
        ("queue.py", "get"), ("threading.py", "_wait_for_tstate_lock")}


def _where(frame: FrameType) -> tuple[str, str] | None:
    leaf = frame
    if (Path(leaf.f_code.co_filename).name, leaf.f_code.co_name) in IDLE:
        return None
    ours, library = "", ""
    while frame is not None:
        name = frame.f_code.co_filename
        if not library and "site-packages" in name:
            library = name.split("site-packages/", 1)[1].split("/", 1)[0]
        if not ours and name.startswith(ROOT) and "site-packages" not in name:
            ours = f"{name[len(ROOT) + 1:]}:{frame.f_code.co_name}"
        frame = frame.f_back  # type: ignore[assignment]
    leaf_name = f"{Path(leaf.f_code.co_filename).name}:{leaf.f_code.co_name}"
    return ours or "(no onestop frame)", library or f"(stdlib) {leaf_name}"


def main(out: Path, argv: list[str]) -> None:
    ours: Counter[str] = Counter()
    libraries: Counter[str] = Counter()
    samples = [0]
    mine: set[int] = set()  # the sampler's own threads

    def _sample() -> None:
        mine.add(threading.get_ident())
        while True:
            for ident, frame in sys._current_frames().items():
                if ident in mine:
                    continue
                found = _where(frame)
                if found:
                    ours[found[0]] += 1
                    libraries[found[1]] += 1
            samples[0] += 1
            time.sleep(EVERY_SECONDS)

    def _write() -> None:
        out.write_text(json.dumps({"ticks": samples[0], "every_seconds": EVERY_SECONDS,
                                   "ours": ours.most_common(60), "libraries": libraries.most_common(30)},
                                  indent=1))

    def _keep_writing() -> None:  # a process killed hard still leaves its last few seconds' counts
        mine.add(threading.get_ident())
        while True:
            time.sleep(5)
            _write()

    atexit.register(_write)
    # uvicorn re-raises the SIGTERM it caught once it has shut down: end through atexit then.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
    threading.Thread(target=_sample, name="bench-sampler", daemon=True).start()
    threading.Thread(target=_keep_writing, name="bench-sampler-writer", daemon=True).start()
    sys.argv = ["onestop", *argv]
    runpy.run_module("onestop", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2:])
