"""Peak resident memory and CPU time of named processes, each with its children.

Sampled from a background thread every 100 ms, so the load's own event loop is not what
decides when a peak is seen. Children count because `onestop temporal` and friends may run
their real work in a child process.
"""

from __future__ import annotations

import threading

import psutil


def _family(pid: int, alone: bool) -> list[psutil.Process]:
    process = psutil.Process(pid)
    return [process] if alone else [process, *process.children(recursive=True)]


def _rss(pid: int, alone: bool) -> int:
    try:
        return sum(p.memory_info().rss for p in _family(pid, alone))
    except psutil.Error:
        return 0


def _cpu(pid: int, alone: bool) -> float:
    try:
        return sum(t.user + t.system for t in (p.cpu_times() for p in _family(pid, alone)))
    except psutil.Error:
        return 0.0


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
        while not self._stop.is_set():
            for name, pid in self.pids.items():
                self.peak[name] = max(self.peak[name], _rss(pid, name in self.alone))
            self._stop.wait(self.every)

    def __enter__(self) -> "Sampled":
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
