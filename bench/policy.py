"""`python -m bench.policy`: how fast the TSA rules decide, and how long a what-if over 100,000 takes.

    python -m bench.policy [--decisions 50000] [--households 100000] [--date 2026-02-10]
                           [--set tsa.poverty_line.sm_share=0.6] [--cpu N]

Pure CPU, no server: the process pins itself to one core (``--cpu``, default the last one) so
"per second on one core" means that. Each figure is given twice: per wall second, and per
CPU second of this process. On a shared machine the wall figure moves with the neighbours'
load; the CPU figure is what the code costs. Goals (issue 13): at least 5,000 decisions per
second, the policy decision (``assess``) without the kk/ru/en explanation; ``simulate`` over
100,000 households in at most 60 s. The explained decision (``decide``) is printed beside it.
"""

from __future__ import annotations

import argparse
import os
import resource
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from connectors.mock.regions import REGIONS
from policies.tsa import assess, decide
from policies.tsa_whatif import parse_change, simulate, synthetic_population

T = TypeVar("T")
GOAL_DECISIONS_PER_SECOND = 5000
GOAL_SIMULATE_SECONDS = 60.0


@dataclass
class Timed:
    wall: float
    cpu: float


def _timed(work: Callable[[], T]) -> tuple[T, Timed]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    return result, Timed(time.perf_counter() - wall, time.process_time() - cpu)


def _pin(cpu: int | None) -> str:
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity)"
    chosen = cpu if cpu is not None else max(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {chosen})
    return f"pinned to CPU {chosen}"


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.policy", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--decisions", type=int, default=50000)
    parser.add_argument("--households", type=int, default=100000)
    parser.add_argument("--date", type=date.fromisoformat, default=date(2026, 2, 10))
    parser.add_argument("--set", default="tsa.poverty_line.sm_share=0.6")
    parser.add_argument("--cpu", type=int, help="the core to pin to (default: the last one allowed)")
    args = parser.parse_args(argv)

    pinned = _pin(args.cpu)
    print(f"bench.policy: {pinned}; load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}; "
          f"{os.cpu_count()} CPUs")

    # A mix of families (sizes 1-8, every region, eligible and refused) decided in turn.
    sample = [h.case for h in synthetic_population(2000, args.date, list(REGIONS), seed=11)]
    for case in sample:  # warm the parameter cache: a running service has it warm
        assess(case, args.date)

    def assess_all() -> None:
        for k in range(args.decisions):
            assess(sample[k % len(sample)], args.date)

    explained = max(1, args.decisions // 10)

    def decide_all() -> None:
        for k in range(explained):
            decide(sample[k % len(sample)], args.date)

    _, fast = _timed(assess_all)
    _, slow = _timed(decide_all)
    per_wall, per_cpu = args.decisions / fast.wall, args.decisions / max(fast.cpu, 1e-9)
    print(f"policy decision (assess), {args.decisions} decisions: {per_wall:,.0f}/s wall, "
          f"{per_cpu:,.0f}/s CPU  goal ≥ {GOAL_DECISIONS_PER_SECOND:,}/s: "
          f"{_verdict(per_wall >= GOAL_DECISIONS_PER_SECOND)}")
    print(f"explained decision (decide: kk/ru/en reasons, references, trace), {explained}: "
          f"{explained / slow.wall:,.0f}/s wall, {explained / max(slow.cpu, 1e-9):,.0f}/s CPU")

    # As `onestop policy simulate` runs it: households are generated as they are decided, so
    # memory stays flat whatever N; the time includes building them.
    change = parse_change(args.set, args.date)
    population = synthetic_population(args.households, args.date, list(REGIONS))
    result, run = _timed(lambda: simulate(population, [change], on=args.date))
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"simulate {args.set} over {args.households:,} synthetic households (built as they are decided): "
          f"{run.wall:.1f} s wall, {run.cpu:.1f} s CPU  goal ≤ {GOAL_SIMULATE_SECONDS:.0f} s: "
          f"{_verdict(run.wall <= GOAL_SIMULATE_SECONDS)}")
    print(f"  gain {result.gain:,}, lose {result.lose:,}, unchanged {result.same:,}; monthly budget "
          f"{result.budget_before:,} -> {result.budget_after:,} ₸ ({result.budget_difference:+,}); "
          f"peak RSS {peak_mib:,.0f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
