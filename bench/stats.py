"""What one run measured, its percentiles, and a side-by-side table."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100) of a sample; NaN for an empty one."""
    ordered = sorted(values)
    if not ordered:
        return math.nan
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def ms(seconds: float) -> str:
    return "-" if math.isnan(seconds) else f"{seconds * 1000:.0f} ms"


@dataclass
class Run:
    """One series of N starts, C at a time: per item, time to accepted and time to finished."""

    name: str
    count: int
    wall_seconds: float = 0.0  # first submit to last completion
    submit: list[float] = field(default_factory=list)
    # The portal's own share of each submit, from its Server-Timing header: the rest of `submit`
    # is the queue in front of the portal's event loop, the network and the load generator.
    submit_in_portal: list[float] = field(default_factory=list)
    to_done: list[float] = field(default_factory=list)
    failed: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)  # final status (or error) of each item
    retries: Counter[str] = field(default_factory=Counter)  # requests repeated once after a dropped connection

    @property
    def per_second(self) -> float:
        return (self.count - self.failed) / self.wall_seconds if self.wall_seconds else 0.0

    @classmethod
    def merged(cls, runs: Sequence[Run]) -> Run:
        """Several rounds as one: every item's times, and the completed ones over the summed wall time."""
        whole = cls(runs[0].name, sum(r.count for r in runs), sum(r.wall_seconds for r in runs))
        for run in runs:
            whole.submit += run.submit
            whole.submit_in_portal += run.submit_in_portal
            whole.to_done += run.to_done
            whole.failed += run.failed
            whole.outcomes.update(run.outcomes)
            whole.retries.update(run.retries)
        return whole

    def p(self, series: str, q: float) -> float:
        return percentile(getattr(self, series), q)

    def figures(self) -> dict[str, Any]:
        def rounded(series: str, q: float) -> float | None:
            value = self.p(series, q)
            return None if math.isnan(value) else round(value * 1000, 1)

        return {"name": self.name, "count": self.count, "failed": self.failed,
                "wall_seconds": round(self.wall_seconds, 2), "per_second": round(self.per_second, 2),
                "submit_p50_ms": rounded("submit", 50), "submit_p95_ms": rounded("submit", 95),
                "submit_p99_ms": rounded("submit", 99),
                "submit_in_portal_p50_ms": rounded("submit_in_portal", 50),
                "submit_in_portal_p95_ms": rounded("submit_in_portal", 95),
                "submit_in_portal_p99_ms": rounded("submit_in_portal", 99), "done_p50_ms": rounded("to_done", 50),
                "done_p95_ms": rounded("to_done", 95), "done_p99_ms": rounded("to_done", 99),
                "outcomes": dict(self.outcomes), "retries": dict(self.retries)}


def table(rows: Sequence[Sequence[str]], headers: Sequence[str]) -> str:
    widths = [max(len(str(r[i])) for r in [headers, *rows]) for i in range(len(headers))]

    def line(row: Sequence[str]) -> str:
        return "  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=False)).rstrip()

    return "\n".join([line(headers), line(["-" * w for w in widths]), *(line(r) for r in rows)])
