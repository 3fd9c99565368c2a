"""The officers' side: inbox reads with 100,000 tasks in PostgreSQL, and how soon an officer's
decision reaches the citizen.

    python -m bench.workbench [--tasks 100000] [--reviews 30] [--reads 400] [--concurrency 10]
                              [--database-url postgresql+psycopg://postgres@127.0.0.1:5432/postgres]

1. Seeds the tasks (and the applications they belong to) straight into a fresh PostgreSQL
   database, spread over 3 agencies x 4 regions, open, claimed and closed, deadlines over 60 days.
2. GET /api/v1/tasks as tax.astana.officer (about 8,000 tasks in that queue), C at a time.
3. R real manual reviews (self-employed registration for an activity off the list): the officer
   claims and completes each; the time is from the complete request until the citizen's status
   page no longer shows the service waiting for an officer.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text

from bench.database import fresh_database
from bench.stats import percentile
from onestop.token import obtain_token_async
from tests.support.api import apply_for_review
from tests.support.citizens import citizen_of
from tests.support.stack import Stack

SEED_SQL = """
INSERT INTO applications (id, applicant_iin, submitted_by, submitted_via, language, status, workflow_started,
                          created_at, updated_at)
SELECT 'b' || lpad(g::text, 35, '0'), '000000000000', 'bench', 'portal', 'ru', 'in_progress', true, now(), now()
FROM generate_series(1, :applications) g;

INSERT INTO tasks (id, task_key, application_id, service_code, workflow_id, kind, title, agency, region, role,
                   status, assignee, payload, allowed_outcomes, reasons, deadline, escalated, version,
                   created_at, updated_at)
SELECT gen_random_uuid()::text, 'bench-' || g,
       'b' || lpad((1 + g % :applications)::text, 35, '0'),
       'self-employed-registration', 'bench-' || g, 'self-employed.manual-review',
       '{"kk": "Тексеру", "ru": "Проверка", "en": "Review"}'::json,
       (ARRAY['tax', 'social', 'labour'])[1 + g % 3],
       (ARRAY['astana', 'almaty', 'shymkent', 'karaganda'])[1 + (g / 3) % 4],
       'officer',
       (ARRAY['open', 'open', 'claimed', 'completed', 'completed', 'cancelled'])[1 + g % 6],
       CASE WHEN g % 6 = 2 THEN 'tax.astana.officer' END,
       json_build_object('registries', json_build_object('population', json_build_object('n', g))),
       '["approve", "refuse"]'::json, '[]'::json,
       current_date + (g % 60) - 20, g % 11 = 0, 1, now(), now()
FROM generate_series(1, :tasks) g;
ANALYZE tasks;
"""


def seed(database_url: str, tasks: int) -> float:
    started = time.perf_counter()
    engine = create_engine(database_url)
    with engine.begin() as conn:
        for statement in filter(str.strip, SEED_SQL.split(";")):
            conn.execute(text(statement), {"tasks": tasks, "applications": max(1, tasks // 10)})
    engine.dispose()
    return time.perf_counter() - started


async def inbox_reads(portal: str, token: str, reads: int, concurrency: int) -> list[float]:
    gate = asyncio.Semaphore(concurrency)
    latencies: list[float] = []
    async with httpx.AsyncClient(base_url=f"{portal}/api/v1", timeout=30,
                                 headers={"Authorization": f"Bearer {token}"}) as client:
        async def one(n: int) -> None:
            async with gate:
                params: dict[str, int | str] = {"limit": 50, "offset": (n % 20) * 50}
                if n % 4 == 1:
                    params["overdue"] = "true"
                if n % 4 == 2:
                    params["mine"] = "true"
                started = time.perf_counter()
                response = await client.get("/tasks", params=params)
                latencies.append(time.perf_counter() - started)
                response.raise_for_status()
        await asyncio.gather(*(one(n) for n in range(reads)))
    return latencies


async def task_of(database_url: str, application_id: str, timeout: float = 60) -> str:
    """The review task the workflow opened (looked up directly: the queue holds thousands)."""
    engine = create_engine(database_url)
    try:
        limit = time.monotonic() + timeout
        while time.monotonic() < limit:
            with engine.connect() as conn:
                found = conn.execute(text("SELECT id FROM tasks WHERE application_id = :a"),
                                     {"a": application_id}).scalar()
            if found:
                return str(found)
            await asyncio.sleep(0.1)
    finally:
        engine.dispose()
    raise TimeoutError("no task opened for the review")


async def decisions_to_citizen(stack: Stack, reviews: int) -> list[float]:
    portal = f"{stack.portal_url}/api/v1"
    officer_token = await obtain_token_async(stack.settings, officer="tax.astana.officer")
    officer = httpx.AsyncClient(base_url=portal, timeout=30, headers={"Authorization": f"Bearer {officer_token}"})
    latencies: list[float] = []
    try:
        for _ in range(reviews):
            citizen_token = await obtain_token_async(stack.settings, citizen=citizen_of("astana"))
            async with httpx.AsyncClient(base_url=portal, timeout=30,
                                         headers={"Authorization": f"Bearer {citizen_token}"}) as citizen:
                application_id = await apply_for_review(citizen)
                task_id = await task_of(stack.database_url, application_id)
                (await officer.post(f"/tasks/{task_id}/claim", json={})).raise_for_status()
                started = time.perf_counter()
                (await officer.post(f"/tasks/{task_id}/complete",
                                    json={"outcome": "approve", "reasons": ["activity_allowed_by_analogy"]})
                 ).raise_for_status()
                while True:
                    view = (await citizen.get(f"/applications/{application_id}")).json()
                    if view["services"][0]["status"] != "awaiting_officer":
                        latencies.append(time.perf_counter() - started)
                        break
                    await asyncio.sleep(0.025)
    finally:
        await officer.aclose()
    return latencies


async def main(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="onestop-workbench-") as tmp, \
            fresh_database(args.database_url, Path(tmp)) as database_url:
        seconds = seed(database_url, args.tasks)
        print(f"seeded {args.tasks} tasks in {seconds:.1f} s into {database_url.split('@')[-1]}", flush=True)
        stack = Stack.configure(Path(tmp), database_url, log_level="WARNING")
        try:
            stack.start_all()
            token = await obtain_token_async(stack.settings, officer="tax.astana.officer")
            await inbox_reads(stack.portal_url, token, 40, args.concurrency)  # warm-up
            reads = await inbox_reads(stack.portal_url, token, args.reads, args.concurrency)
            decided = await decisions_to_citizen(stack, args.reviews)
        finally:
            stack.stop_all()
    p95_reads, p95_decided = percentile(reads, 95), percentile(decided, 95)
    print(f"GET /api/v1/tasks, {args.tasks} tasks, {args.concurrency} at a time: "
          f"p50 {percentile(reads, 50) * 1000:.0f} ms, p95 {p95_reads * 1000:.0f} ms, "
          f"p99 {percentile(reads, 99) * 1000:.0f} ms ({len(reads)} reads)")
    print(f"officer completes -> citizen sees it ({len(decided)} reviews): "
          f"p50 {percentile(decided, 50) * 1000:.0f} ms, p95 {p95_decided * 1000:.0f} ms")
    print(f"{'PASS' if p95_reads <= 0.050 else 'MISS'}  GET /api/v1/tasks p95 <= 50 ms with {args.tasks} tasks")
    print(f"{'PASS' if p95_decided <= 1.0 else 'MISS'}  officer complete -> visible to the citizen p95 <= 1 s")
    return 0


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.workbench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--reviews", type=int, default=30)
    parser.add_argument("--reads", type=int, default=400)
    parser.add_argument("--concurrency", type=int, default=10)
    parser.add_argument("--database-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
    return parser.parse_args(argv)


if __name__ == "__main__":
    sys.exit(asyncio.run(main(parse())))
