"""Peak resident memory and CPU time of named processes, each with its children.

Sampled from a background thread every 100 ms, so the load's own event loop is not what
decides when a peak is seen. Children count because `onestop temporal` and friends may run
their real work in a child process.
"""

from __future__ import annotations

import threading
import time

import psutil


def _family(pid: int, alone: bool) -> list[psutil.Process]:
    process = psutil.Process(pid)
    return [process] if alone else [process, *process.children(recursive=True)]


def _families(pids: dict[str, int], alone: frozenset[str]) -> dict[str, list[psutil.Process]]:
    found = {}
    for name, pid in pids.items():
        try:
            found[name] = _family(pid, name in alone)
        except psutil.Error:
            found[name] = []
    return found


def _rss(family: list[psutil.Process]) -> int:
    total = 0
    for process in family:
        try:
            total += process.memory_info().rss
        except psutil.Error:
            pass
    return total


def _cpu(pid: int, alone: bool) -> float:
    try:
        return sum(t.user + t.system for t in (p.cpu_times() for p in _family(pid, alone)))
    except psutil.Error:
        return 0.0


FAMILIES_EVERY_SECONDS = 2.0


class Sampled:
    """`with Sampled({"portal": pid, ...}) as s:` ... then s.peak (bytes) and s.cpu_seconds.

    Names in `alone` count without their children (the bench itself: its children are the system)."""

    def __init__(self, pids: dict[str, int], every: float = 0.1, alone: frozenset[str] = frozenset()) -> None:
        self.pids = pids
        self.alone = alone
        self.every = every
        self.peak: dict[str, int] = {name: 0 for name in pids}
        self.cpu_seconds: dict[str, float] = {}
        self._cpu_start: dict[str, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="bench-sampler", daemon=True)

    def _run(self) -> None:
        # Finding a process's children reads every process of the machine (~20 ms a round for
        # seven families, measured): done every 100 ms, this thread held the load generator's
        # GIL a fifth of the time and its event loop, which times every request, waited.
        # The families are looked up again every couple of seconds; their memory every 100 ms.
        families: dict[str, list[psutil.Process]] = {}
        looked_up = float("-inf")
        while not self._stop.is_set():
            if time.monotonic() - looked_up > FAMILIES_EVERY_SECONDS:
                families, looked_up = _families(self.pids, self.alone), time.monotonic()
            for name, family in families.items():
                self.peak[name] = max(self.peak[name], _rss(family))
            self._stop.wait(self.every)

    def __enter__(self) -> Sampled:
        self._cpu_start = {name: _cpu(pid, name in self.alone) for name, pid in self.pids.items()}
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.cpu_seconds = {name: _cpu(pid, name in self.alone) - self._cpu_start[name]
                            for name, pid in self.pids.items()}


def combined(samples: list[Sampled]) -> Sampled:
    """Several rounds as one: the highest peak of each process, and its CPU time summed."""
    whole = Sampled({})
    for sample in samples:
        for name, peak in sample.peak.items():
            whole.peak[name] = max(whole.peak.get(name, 0), peak)
        for name, seconds in sample.cpu_seconds.items():
            whole.cpu_seconds[name] = whole.cpu_seconds.get(name, 0.0) + seconds
    return whole
