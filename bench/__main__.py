"""`make bench`: N applications through the portal's HTTP API, C at a time, against a bare
Temporal baseline of the same shape, in one run on one machine.

    python -m bench [--applications 200] [--concurrency 20] [--registry-latency-ms 20] [--workers 1]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path

import httpx
from temporalio.client import Client
from temporalio.contrib.pydantic import pydantic_data_converter

from bench.memory import PeakRss
from bench.stats import ms, percentile, table
from onestop.token import obtain_token_async
from store.engine import migrate
from tests.support.api import body
from tests.support.citizens import take
from tests.support.processes import ROOT
from tests.support.stack import Stack

RESULTS = ROOT / "bench" / "results"
REGISTRIES = ("population", "businesses", "tax", "notifications")


@dataclass
class Run:
    name: str
    count: int
    wall_seconds: float = 0.0
    submit: list[float] = field(default_factory=list)
    to_done: list[float] = field(default_factory=list)
    failed: int = 0

    @property
    def per_second(self) -> float:
        return (self.count - self.failed) / self.wall_seconds if self.wall_seconds else 0.0


async def run_applications(stack: Stack, tokens: list[str], concurrency: int, poll: float = 0.025) -> Run:
    run = Run("onestop (HTTP API, registries, DB, signing)", len(tokens))
    gate = asyncio.Semaphore(concurrency)
    limits = httpx.Limits(max_connections=concurrency * 2, max_keepalive_connections=concurrency * 2)
    async with httpx.AsyncClient(base_url=f"{stack.portal_url}/api/v1", timeout=60, limits=limits) as client:

        async def one(token: str) -> None:
            async with gate:
                headers = {"Authorization": f"Bearer {token}"}
                started = time.perf_counter()
                response = await client.post("/applications", json=body(),
                                             headers={**headers, "Idempotency-Key": str(uuid.uuid4())})
                run.submit.append(time.perf_counter() - started)
                if response.status_code != 202:
                    run.failed += 1
                    return
                url = f"/applications/{response.json()['id']}"
            while True:  # the citizen's view: poll the status page until the certificate is there
                view = (await client.get(url, headers=headers)).json()
                if view["status"] in ("completed", "refused", "failed"):
                    run.to_done.append(time.perf_counter() - started)
                    run.failed += view["status"] != "completed" or not view["documents"]
                    return
                await asyncio.sleep(poll)

        started = time.perf_counter()
        await asyncio.gather(*(one(t) for t in tokens))
        run.wall_seconds = time.perf_counter() - started
    return run


async def run_baseline(address: str, task_queue: str, count: int, concurrency: int) -> Run:
    run = Run("bare Temporal (same activity count, no-op)", count)
    client = await Client.connect(address, data_converter=pydantic_data_converter)
    gate = asyncio.Semaphore(concurrency)

    async def one(n: int) -> None:
        async with gate:
            started = time.perf_counter()
            handle = await client.start_workflow("BenchBareApplication", f"b{n}", id=f"bench-{uuid.uuid4()}",
                                                 task_queue=task_queue)
            run.submit.append(time.perf_counter() - started)
            await handle.result()
            run.to_done.append(time.perf_counter() - started)

    started = time.perf_counter()
    await asyncio.gather(*(one(n) for n in range(count)))
    run.wall_seconds = time.perf_counter() - started
    return run


def describe(run: Run) -> dict[str, float | int | str]:
    return {"name": run.name, "count": run.count, "failed": run.failed, "wall_seconds": round(run.wall_seconds, 2),
            "per_second": round(run.per_second, 2),
            "submit_p50_ms": round(percentile(run.submit, 50) * 1000, 1),
            "submit_p95_ms": round(percentile(run.submit, 95) * 1000, 1),
            "submit_p99_ms": round(percentile(run.submit, 99) * 1000, 1),
            "done_p50_ms": round(percentile(run.to_done, 50) * 1000, 1),
            "done_p95_ms": round(percentile(run.to_done, 95) * 1000, 1)}


async def main(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="onestop-bench-") as tmp:
        state = Path(tmp)
        database_url = args.database_url or f"sqlite:///{(state / 'onestop.db').as_posix()}"
        migrate(database_url)
        stack = Stack.configure(state, database_url, log_level="WARNING")
        baseline_worker: subprocess.Popen | None = None
        try:
            stack.start("temporal")
            stack.start("registries")
            stack.start("idp")
            for n in range(args.workers):
                stack.start(f"worker-{n + 1}", "worker")
            stack.start("portal")
            for registry in REGISTRIES:
                stack.knobs(registry, latency_ms=args.registry_latency_ms)
            settings = stack.settings
            print(f"onestop bench: {args.applications} applications, {args.concurrency} at a time, "
                  f"registries at {args.registry_latency_ms} ms, {args.workers} worker(s), "
                  f"database {database_url.split(':')[0]}", flush=True)
            citizens = take(args.applications + args.warmup)
            tokens = await asyncio.gather(*(obtain_token_async(settings, citizen=iin) for iin in citizens))
            await run_applications(stack, list(tokens[:args.warmup]), args.concurrency)  # warm-up, not counted
            pids = {"worker": stack.processes["worker-1"].pid, "portal": stack.processes["portal"].pid}
            with PeakRss(pids) as memory:
                app = await run_applications(stack, list(tokens[args.warmup:]), args.concurrency)

            queue = f"bench-baseline-{uuid.uuid4().hex[:8]}"
            baseline_worker = subprocess.Popen(
                [sys.executable, "-m", "bench.baseline", "--address", settings.temporal_address,
                 "--task-queue", queue], cwd=ROOT, env=stack.env, start_new_session=True)
            await run_baseline(settings.temporal_address, queue, args.warmup, args.concurrency)
            base = await run_baseline(settings.temporal_address, queue, args.applications, args.concurrency)
        finally:
            if baseline_worker is not None:
                baseline_worker.terminate()
                baseline_worker.wait(10)
            stack.stop_all()

    ratio = app.per_second / base.per_second if base.per_second else 0.0
    rows = [
        ("completed per second", f"{app.per_second:.1f}", f"{base.per_second:.1f}"),
        ("submit p50 / p95 / p99", " / ".join(ms(percentile(app.submit, p)) for p in (50, 95, 99)),
         " / ".join(ms(percentile(base.submit, p)) for p in (50, 95, 99))),
        ("submit to done p50 / p95", " / ".join(ms(percentile(app.to_done, p)) for p in (50, 95)),
         " / ".join(ms(percentile(base.to_done, p)) for p in (50, 95))),
        ("failed", str(app.failed), str(base.failed)),
        ("peak RSS worker / portal", f"{memory.peak['worker'] / 2**20:.0f} / {memory.peak['portal'] / 2**20:.0f} MiB",
         "-"),
    ]
    print()
    print(table(rows, ("", "onestop", "bare Temporal")))
    submit_p95 = percentile(app.submit, 95)
    done_p95 = percentile(app.to_done, 95)
    goals = [
        (f"throughput ratio {ratio:.2f} >= 0.6", ratio >= 0.6),
        (f"POST /applications p95 {ms(submit_p95)} <= 50 ms at {args.concurrency} concurrent", submit_p95 <= 0.050),
        (f"submit to certificate p95 {ms(done_p95)} <= 2 s at {args.registry_latency_ms} ms registry latency",
         done_p95 <= 2.0),
    ]
    print()
    for text, met in goals:
        print(f"{'PASS' if met else 'MISS'}  {text}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps({"args": vars(args), "onestop": describe(app), "baseline": describe(base),
                               "ratio": round(ratio, 3),
                               "peak_rss_mib": {k: round(v / 2**20, 1) for k, v in memory.peak.items()},
                               "goals": {t: m for t, m in goals}}, indent=2))
    print(f"\nfigures written to {out.relative_to(ROOT)}")
    return 0


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--applications", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--registry-latency-ms", type=int, default=20)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--database-url", default="", help="default: a SQLite file in a temp dir")
    return parser.parse_args(argv)


if __name__ == "__main__":
    try:
        sys.exit(asyncio.run(main(parse())))
    except KeyboardInterrupt:
        sys.exit(130)
