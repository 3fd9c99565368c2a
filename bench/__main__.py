"""`make bench`: N applications through the portal's HTTP API, C at a time, against bare
Temporal workflows of the same shape, in one run on one machine. Prints figures, never fails
a build: see bench/README.md for what is measured and how to read it.

    python -m bench [--applications 200] [--concurrency 20] [--registry-latency-ms 20] [--workers 1]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import functools
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any, TypeVar

import uvloop

from bench import baseline, load, report
from bench.database import fresh_database, kind
from bench.memory import Sampled, combined
from bench.stats import Run
from onestop.heap import freeze_startup_heap
from onestop.scheduling import POLICIES
from onestop.token import obtain_token_async
from tests.support.citizens import take
from tests.support.processes import ROOT, stop, wait_http
from tests.support.stack import Stack

RESULTS = ROOT / "bench" / "results"
REGISTRIES = ("population", "businesses", "tax", "notifications")
T = TypeVar("T")
ONLY_ITSELF = frozenset({"bench"})  # the load generator, without the system it started


async def _at_most(concurrency: int, jobs: list[Callable[[], Awaitable[T]]]) -> list[T]:
    gate = asyncio.Semaphore(concurrency)

    async def gated(job: Callable[[], Awaitable[T]]) -> T:
        async with gate:
            return await job()

    return list(await asyncio.gather(*(gated(j) for j in jobs)))


def _start_baseline_workers(stack: Stack, queue: str, workers: int,
                            started: dict[str, subprocess.Popen]) -> None:
    for n in range(workers):
        log = open(stack.log(f"baseline-{n + 1}"), "ab")
        started[f"baseline-{n + 1}"] = subprocess.Popen(
            [sys.executable, "-m", "bench.baseline", "--address", stack.settings.temporal_address,
             "--task-queue", queue], cwd=ROOT, env=stack.env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True)  # Ctrl-C in the terminal reaches us only: we stop them in order


@contextlib.contextmanager
def _bare_at_full_speed(stack: Stack, baseline_workers: dict[str, subprocess.Popen]) -> Iterator[None]:
    """The bare side runs under the kernel's default scheduling, whatever onestop's worker and
    Temporal server ask for (onestop/scheduling.py), and they ask for it again afterwards.

    Bare no-op workflows are a ping-pong of wake-ups between worker and server; as batch tasks they
    wait for each other's time slices and their ceiling fell by about a fifth (6.3 a second against
    7.4-10.7). The ceiling is what Temporal alone can do here: measured at its best, the ratio errs
    against onestop."""
    pids = [stack.processes["temporal"].pid, *(p.pid for p in baseline_workers.values())]
    configured = getattr(os, POLICIES[stack.settings.background_scheduling])
    _schedule(pids, os.SCHED_OTHER)
    try:
        yield
    finally:
        _schedule(pids, configured)


def _schedule(pids: list[int], policy: int) -> None:
    for pid in pids:
        for thread in os.listdir(f"/proc/{pid}/task") if os.path.isdir(f"/proc/{pid}/task") else ():
            with contextlib.suppress(OSError):  # a thread that just ended
                os.sched_setscheduler(int(thread), policy, os.sched_param(0))


@dataclass
class Round:
    app: Run
    base: Run
    app_sample: Sampled
    base_sample: Sampled


@dataclass
class Measured:
    rounds: list[Round]
    probes: dict[str, list[float]]
    paced: tuple[Run, Run] | None  # (onestop, bare) at the same fixed arrival rate

    @property
    def pairs(self) -> list[tuple[Run, Run]]:
        """(onestop, bare) of each round, in order."""
        return [(r.app, r.base) for r in self.rounds]

    @property
    def app(self) -> Run:  # every round's items as one
        return Run.merged([r.app for r in self.rounds])

    @property
    def base(self) -> Run:
        return Run.merged([r.base for r in self.rounds])

    @property
    def app_sample(self) -> Sampled:
        return combined([r.app_sample for r in self.rounds])

    @property
    def base_sample(self) -> Sampled:
        return combined([r.base_sample for r in self.rounds])


def _keep_logs(logs: Path) -> Path:
    """The processes' logs (WARNING and up) outlive the temp dir: where to look when items failed."""
    kept = RESULTS / f"{time.strftime('%Y%m%d-%H%M%S')}-logs"
    if logs.is_dir():
        shutil.copytree(logs, kept)
    return kept


def _profile_path(name: str) -> Path:
    return RESULTS / f"profile-{name}.json"


def _start_sampled(stack: Stack, name: str, command: str) -> None:
    """`onestop <command>` under bench.sampler; its samples are written when it stops."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    log = open(stack.log(name), "ab")
    stack.processes[name] = subprocess.Popen(
        [sys.executable, "-m", "bench.sampler", str(_profile_path(command)), command], cwd=ROOT, env=stack.env,
        stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def _print_profile(command: str) -> None:
    path = _profile_path(command)
    if not path.exists():
        print(f"no profile of the {command} was written")
        return
    found = json.loads(path.read_text())
    ticks = max(1, found["ticks"])
    print(f"\nwhere the {command}'s busy threads were, over {ticks} samples every "
          f"{found['every_seconds'] * 1000:.0f} ms of the whole run (1.00 = one thread busy all the time):")
    for title, key, top in (("innermost onestop frame", "ours", 25), ("innermost library", "libraries", 15)):
        print(f"  by {title}:")
        for where, count in found[key][:top]:
            print(f"    {count / ticks:5.2f}  {where}")


def start_processes(stack: Stack, args: argparse.Namespace, queue: str,
                    baseline_workers: dict[str, subprocess.Popen]) -> None:
    """The whole system, the registries' latency knob set, and the baseline's worker processes
    (into baseline_workers as each starts, so an interrupted start still stops them)."""
    for name in ("temporal", "registries", "idp"):
        stack.start(name)
    for n in range(args.workers):
        if args.profile == "worker" and n == 0:
            _start_sampled(stack, "worker-1", "worker")
        else:
            stack.start(f"worker-{n + 1}", "worker")
    if args.profile == "portal":
        _start_sampled(stack, "portal", "portal")
        wait_http(f"{stack.portal_url}/healthz", 60, stack.processes["portal"])
    else:
        stack.start("portal")
    for registry in REGISTRIES:
        stack.knobs(registry, latency_ms=args.registry_latency_ms)
    _start_baseline_workers(stack, queue, args.workers, baseline_workers)


def _polling(args: argparse.Namespace) -> dict[str, Any]:
    """How the load's citizens watch their status page."""
    return {"poll_seconds": args.poll_ms / 1000, "long_poll": args.long_poll}


async def _one_round(stack: Stack, baseline_workers: dict[str, subprocess.Popen], queue: str,
                     args: argparse.Namespace, tokens: list[str], probe_token: str,
                     probes: dict[str, list[float]], title: str) -> Round:
    """Bare Temporal, then onestop, N of each; the portal's probe times are added to `probes`."""
    print(f"  {title}: measuring bare Temporal", flush=True)
    with Sampled({**{k: p.pid for k, p in baseline_workers.items()}, "temporal": stack.processes["temporal"].pid,
                  "bench": os.getpid()}, alone=ONLY_ITSELF) as base_sample, \
            _bare_at_full_speed(stack, baseline_workers):
        base = await load.bare_workflows(stack.settings.temporal_address, queue, args.applications, args.concurrency)
    print(f"  {title}: measuring onestop", flush=True)
    prober = asyncio.create_task(load.probe(stack.portal_url, probe_token))
    # The load generator shares the machine: its CPU is part of the picture.
    with Sampled({**{name: p.pid for name, p in stack.processes.items()}, "bench": os.getpid()},
                 alone=ONLY_ITSELF) as app_sample:
        app = await load.applications(stack.portal_url, tokens, args.concurrency, **_polling(args))
    prober.cancel()
    for name, times in (await prober).items():
        probes.setdefault(name, []).extend(times)
    return Round(app, base, app_sample, base_sample)


async def measure(stack: Stack, baseline_workers: dict[str, subprocess.Popen], queue: str,
                  args: argparse.Namespace) -> Measured:
    settings = stack.settings
    # Not measured: logins, and a warm-up of both sides (imports, connections, sandbox caches).
    citizens = take(args.applications * args.rounds + args.paced + args.warmup + 1)
    tokens = await _at_most(args.concurrency, [
        functools.partial(obtain_token_async, settings, citizen=iin) for iin in citizens])
    print(f"  {len(tokens)} citizens logged in; warming up", flush=True)
    poll = _polling(args)
    await load.applications(stack.portal_url, tokens[:args.warmup], args.concurrency, **poll)
    await load.bare_workflows(settings.temporal_address, queue, args.warmup, args.concurrency)
    # The load generator's clocks must not stop for its own garbage collector: with the seeded
    # population and the tokens on its heap, a full collection took 650 ms, and every request
    # in flight was timed through it (measured with gc.callbacks).
    freeze_startup_heap()

    # Rounds of bare Temporal then onestop: each ratio compares two runs minutes apart, so a
    # machine that slows down for a while (other tenants, the store growing) skews one round,
    # not the verdict. Bare goes first in each round: the dev server's store then grows under
    # the application run, so the ratio errs against onestop, never for it.
    rounds: list[Round] = []
    probes: dict[str, list[float]] = {}
    measured_tokens = tokens[args.warmup:-1]
    for n in range(args.rounds):
        mine = measured_tokens[n * args.applications:(n + 1) * args.applications]
        rounds.append(await _one_round(stack, baseline_workers, queue, args, mine, tokens[-1], probes,
                                       f"round {n + 1} of {args.rounds}"))

    paced = None
    if args.paced:
        rate = args.rate
        mine = measured_tokens[args.rounds * args.applications:]
        print(f"  paced: {args.paced} of each, {rate:g} a second (open loop)", flush=True)
        with _bare_at_full_speed(stack, baseline_workers):
            paced_base = await load.bare_workflows(settings.temporal_address, queue, args.paced, args.concurrency,
                                                   rate=rate)
        paced_app = await load.applications(stack.portal_url, mine, args.concurrency, rate=rate, **poll)
        paced = (paced_app, paced_base)
    return Measured(rounds, probes, paced)


def main(args: argparse.Namespace) -> int:
    load_before = os.getloadavg()[0]  # before our own processes: what else is using the machine
    server_url = args.database_url or os.environ.get("ONESTOP_DATABASE_URL", "")
    with tempfile.TemporaryDirectory(prefix="onestop-bench-") as tmp, \
            fresh_database(server_url, Path(tmp)) as database_url:
        # WARNING: an INFO line per activity would make the log writer part of what is measured.
        stack = Stack.configure(Path(tmp), database_url, log_level="WARNING", portal_processes=args.portal_processes)
        queue = f"bench-baseline-{uuid.uuid4().hex[:8]}"
        baseline_workers: dict[str, subprocess.Popen] = {}
        print(f"onestop bench: {args.applications} applications, {args.concurrency} at a time, registries at "
              f"{args.registry_latency_ms} ms, {args.workers} worker process(es) each side, "
              f"database {kind(database_url)}, status page "
              + ("long-polled" if args.long_poll else f"polled every {args.poll_ms} ms"), flush=True)
        try:  # processes are started and stopped outside the event loop: Ctrl-C anywhere stops them all
            start_processes(stack, args, queue, baseline_workers)
            # uvloop, as the portal serves with: the load generator's own event loop is part of
            # every latency it times.
            measured = uvloop.run(measure(stack, baseline_workers, queue, args))
        finally:
            for process in baseline_workers.values():
                stop(process)
            stack.stop_all()
            logs = _keep_logs(Path(tmp) / "logs")

    m = measured
    app, base, app_sample, base_sample = m.app, m.base, m.app_sample, m.base_sample
    found = report.goals(app, m.pairs, m.paced, args.concurrency, args.registry_latency_ms)
    print()
    print(report.render(app, base, app_sample, base_sample, found, load_before, m.probes, m.pairs, m.paced))
    out = report.write(RESULTS, vars(args), app, base, app_sample, base_sample, found, baseline.counts(),
                       load_before, m.probes, m.pairs, m.paced)
    print(f"\nfigures written to {out.relative_to(ROOT)}, the processes' logs to {logs.relative_to(ROOT)}")
    if args.profile:
        _print_profile(args.profile)
    return 0


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--applications", type=int, default=200, help="N, per side and round (default 200)")
    parser.add_argument("--rounds", type=int, default=3,
                        help="rounds of bare then onestop; the ratio is their median (default 3)")
    parser.add_argument("--paced", type=int, default=60,
                        help="then this many of each at --rate a second, open loop, for latency at a known load "
                             "(default 60; 0 skips)")
    parser.add_argument("--rate", type=float, default=2.0, help="arrivals a second of the paced phase (default 2)")
    parser.add_argument("--concurrency", type=int, default=20, help="C in flight at a time (default 20)")
    parser.add_argument("--registry-latency-ms", type=int, default=20,
                        help="added by every mock registry to every answer (default 20)")
    parser.add_argument("--workers", type=int, default=1, help="worker processes, each side (default 1)")
    parser.add_argument("--portal-processes", type=int, default=1,
                        help="processes serving the portal (default 1: the worker and Temporal take the cores)")
    parser.add_argument("--warmup", type=int, default=20, help="items per side before measuring (default 20)")
    parser.add_argument("--poll-ms", type=int, default=25, help="status page polling interval (default 25)")
    parser.add_argument("--long-poll", action="store_true",
                        help="hold GET /applications/{id}?wait= instead of polling")
    parser.add_argument("--database-url", default="",
                        help="a PostgreSQL server to create a fresh database on (default: ONESTOP_DATABASE_URL, "
                             "else a SQLite file in the run's temp dir)")
    parser.add_argument("--profile", choices=("worker", "portal"),
                        help="run that process (the first worker) under bench.sampler and print where it spent time")
    args = parser.parse_args(argv)
    if args.applications < 1 or args.concurrency < 1 or args.workers < 1:
        parser.error("--applications, --concurrency and --workers must be at least 1")
    return args


def _terminated(signum: int, frame: FrameType | None) -> None:
    """SIGTERM does what Ctrl-C does: inside the event loop, asyncio's own handler cancels the
    run cleanly; outside it, KeyboardInterrupt. Either way every process started is stopped."""
    handler = signal.getsignal(signal.SIGINT)
    if callable(handler):
        handler(signal.SIGINT, frame)


if __name__ == "__main__":
    arguments = parse()
    # A shell starting us in the background ignores SIGINT for us: take it back.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _terminated)
    try:
        sys.exit(main(arguments))
    except KeyboardInterrupt:
        print("\ninterrupted: every process started was stopped", file=sys.stderr)
        sys.exit(130)
