"""The labour exchange at scale: matches and search over 100,000 vacancies, and bulk publication.

    python -m bench.labour [--vacancies 100000] [--concurrency 20] [--requests 400] [--bulk 10000]
                           [--portal-processes 2]
                           [--database-url postgresql+psycopg://postgres@127.0.0.1:5432/postgres]

1. A fresh database (PostgreSQL by default), seeded with --vacancies published vacancies
   (onestop/vacancy_seed.py) and one job-seeker profile per measuring client (the completed
   registration's decision, written straight in: half willing to relocate, one or two desired
   occupations, a last job), then VACUUM ANALYZE. Each seeker's offered vacancies are ranked and
   kept as the registration's step `offer_vacancies` does it (store/job_matches.py), one at a
   time: the time of one ranking is printed.
2. The portal (--portal-processes, two by default: one a core, as deploy/compose.yaml runs two on a
   host), identity provider and mock registries (no Temporal: nothing here starts a workflow).
   Each measuring client is a keep-alive connection sending one GET after another (bench/raw_http.py:
   httpx's own CPU per request would be taken from the portal on these 2 cores), on uvloop.
   The floor first, under the same load generator: GET /healthz (no work) and an authenticated
   read of a small list (GET /api/v1/me/tasks), C at a time.
3. GET /api/v1/jobseekers/me/matches, C clients at a time, each as its own job seeker: the kept
   list read, the vacancies closed since left out.
4. GET /api/v1/vacancies with words (Russian, Kazakh, English; forms of a Russian word) and
   filters, C at a time, pages 1-5.
5. POST /api/v1/vacancies/bulk: --bulk vacancies in requests of 1,000, two at a time, by the head
   of one business; the rate counts until a search by the business finds them all.

Goals (issue 14): matches p95 <= 100 ms and search p95 <= 100 ms at 20 concurrent; bulk >= 100 a second.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import uvloop
from sqlalchemy import text

from bench.database import fresh_database
from bench.raw_http import RawClient
from bench.stats import percentile
from onestop.heap import freeze_startup_heap
from onestop.token import obtain_token_async
from onestop.vacancy_seed import seed_vacancies, vacancy_forms
from portal.applications.submission import today_in_kazakhstan
from services.job_seeker import CODE as JOB_SEEKER
from services.labour_exchange import occupations
from store import repository
from store.engine import get_engine, session_scope
from store.job_matches import KEPT, rank_and_keep
from tests.labour.people import employer
from tests.support.citizens import next_citizen
from tests.support.stack import Stack

WORDS = ["бухгалтер", "бухгалтера", "повар", "поваров", "продавец", "электрик", "есепші", "аспазшы",
         "developer", "nurse", "водитель категории", "старший бухгалтер", "график", "мұғалімі", "lawyer"]
REGIONS = ["astana", "almaty", "shymkent", "karaganda", None, None]
FORM_FIELDS = ("title", "description", "occupation_code", "region", "settlement", "salary_min", "salary_max",
               "schedule", "required_experience_months", "required_skills")


def seed_seekers(database_url: str, count: int) -> list[tuple[str, str, dict[str, Any]]]:
    """``count`` job seekers with a completed registration: (IIN, the registration's id, the profile)."""
    rng, on = random.Random(5), today_in_kazakhstan()
    codes = sorted(occupations(on))
    iins, seekers = [next_citizen() for _ in range(count)], []
    with session_scope(get_engine(database_url)) as session:
        for n, iin in enumerate(iins):
            profile = {"seeker_id": iin, "desired_occupations": rng.sample(codes, k=rng.choice((1, 2))),
                       "skills": rng.sample(["Python", "SQL", "1С", "Excel", "Продажи", "Сварка", "WMS"], k=2),
                       "regions": [rng.choice(["astana", "almaty", "shymkent", "karaganda"])],
                       "willing_to_relocate": n % 2 == 0, "salary_expectation": rng.choice((250000, 400000, 600000)),
                       "work_history": [{"occupation_code": rng.choice(codes), "months": 24}]}
            application, _ = repository.create_application(
                session, owner=iin, idempotency_key=str(uuid.uuid4()), request_hash="bench", applicant_iin=iin,
                submitted_via="portal", language="ru", services=[(JOB_SEEKER, {}, None)])
            session.connection().execute(text(
                "UPDATE service_requests SET status = 'completed', decision = :d, completed_at = now() "
                "WHERE application_id = :a"), {"d": _json({"outcome": "approved", "profile": profile}),
                                               "a": application.id})
            session.connection().execute(text("UPDATE applications SET workflow_started = true, status = "
                                              "'completed' WHERE id = :a"), {"a": application.id})
            seekers.append((iin, application.id, profile))
    return seekers


def offer_vacancies(database_url: str, seekers: list[tuple[str, str, dict[str, Any]]]) -> list[float]:
    """Each seeker's offered vacancies ranked and kept, as the registration's step `offer_vacancies` and the
    night's refresh do it (store/job_matches.py): the seconds each ranking took."""
    on, took = today_in_kazakhstan(), []
    for iin, key, profile in seekers:
        started = time.perf_counter()
        with session_scope(get_engine(database_url)) as session:
            rank_and_keep(session.connection(), iin, key, profile, on)
        took.append(time.perf_counter() - started)
    return took


def _json(value: Any) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)


async def load(portal: str, requests: int, concurrency: int, path: str, params: Any,
               tokens: list[str] | None = None) -> tuple[list[float], int]:
    """``requests`` GETs of ``path`` by ``concurrency`` clients, each on its own keep-alive connection, one
    request after another (a closed loop, as wrk runs); the latencies and how many were not 200."""
    latencies: list[float] = []
    failed, sent = 0, iter(range(requests))

    async def client() -> None:
        nonlocal failed
        connection = RawClient(portal)
        try:
            for n in sent:
                headers = {"Authorization": f"Bearer {tokens[n % len(tokens)]}"} if tokens else {}
                started = time.perf_counter()
                status, _ = await connection.get(path, params(n), headers)
                latencies.append(time.perf_counter() - started)
                failed += status != 200
        finally:
            await connection.close()

    await asyncio.gather(*(client() for _ in range(concurrency)))
    return latencies, failed


def search_params(n: int) -> dict[str, Any]:
    rng = random.Random(n)
    params: dict[str, Any] = {"q": rng.choice(WORDS), "offset": 20 * rng.randrange(0, 5)}
    region = rng.choice(REGIONS)
    if region:
        params["region"] = region
    if n % 5 == 0:
        params.pop("q")  # the newest, by filters only
    return params


async def bulk_publish(stack: Stack, count: int) -> tuple[float, int]:
    head_iin, business = employer()
    on = today_in_kazakhstan()
    forms = [{**{k: f[k] for k in FORM_FIELDS}, "expires_on": (on + timedelta(days=60)).isoformat()}
             for f in vacancy_forms(count, on, seed=99)]
    token = await obtain_token_async(stack.settings, citizen=head_iin)
    gate = asyncio.Semaphore(2)
    async with httpx.AsyncClient(base_url=f"{stack.portal_url}/api/v1", timeout=300,
                                 headers={"Authorization": f"Bearer {token}", "Onestop-Acting-For": business}) as head:
        async def one(start: int) -> None:
            async with gate:
                response = await head.post("/vacancies/bulk", json={"vacancies": forms[start:start + 1000]},
                                           headers={"Idempotency-Key": str(uuid.uuid4())})
                response.raise_for_status()

        started = time.perf_counter()
        await asyncio.gather(*(one(s) for s in range(0, count, 1000)))
        # Searchable: every page of the business's vacancies read back (a total is counted up to 1,000 only).
        found: set[str] = set()
        while True:
            page = (await head.get("/vacancies", params={"employer_id": business, "limit": 100,
                                                         "offset": len(found)})).json()["items"]
            found |= {v["vacancy_id"] for v in page}
            if len(page) < 100:
                break
        seconds = time.perf_counter() - started
    return seconds, len(found)


def _line(name: str, latencies: list[float], failed: int) -> str:
    return (f"{name}: p50 {percentile(latencies, 50) * 1000:.0f} ms, p95 {percentile(latencies, 95) * 1000:.0f} ms, "
            f"p99 {percentile(latencies, 99) * 1000:.0f} ms ({len(latencies)} requests, {failed} not 200)")


async def main(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="onestop-labour-") as tmp, \
            fresh_database(args.database_url, Path(tmp)) as database_url:
        started = time.perf_counter()
        seed_vacancies(get_engine(database_url), args.vacancies, today_in_kazakhstan())
        seekers = seed_seekers(database_url, args.concurrency)
        iins = [iin for iin, _, _ in seekers]
        if database_url.startswith("postgresql"):
            # As autovacuum would soon: statistics, and the visibility map index-only scans need.
            with get_engine(database_url).connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                connection.execute(text("VACUUM ANALYZE vacancies"))
        print(f"seeded {args.vacancies} vacancies and {len(iins)} job seekers in "
              f"{time.perf_counter() - started:.1f} s ({database_url.split('@')[-1]})", flush=True)
        rankings = offer_vacancies(database_url, seekers)
        print(_line(f"ranking one profile's {KEPT} offered vacancies over {args.vacancies} (registration, nightly; "
                    "one at a time, no load)", rankings, 0), flush=True)
        # The portal as one host runs it (deploy/compose.yaml: two portals): a process a core.
        stack = Stack.configure(Path(tmp), database_url, log_level="WARNING", portal_processes=args.portal_processes,
                                quota_public_requests_per_address=10_000_000, vacancy_archive_schedule=False)
        try:
            for name in ("registries", "idp", "portal"):
                stack.start(name)
            tokens = [await obtain_token_async(stack.settings, citizen=iin) for iin in iins]
            freeze_startup_heap()  # the load generator's clocks must not stop for its own collector
            # The floor, in the same run: the portal answering for nothing, and an authenticated read of
            # one small row set, under the same load generator.
            await load(stack.portal_url, 40, args.concurrency, "/healthz", lambda n: {})
            floor = await load(stack.portal_url, args.requests, args.concurrency, "/healthz", lambda n: {})
            read = await load(stack.portal_url, args.requests, args.concurrency, "/api/v1/me/tasks",
                              lambda n: {}, tokens)
            await load(stack.portal_url, 40, args.concurrency, "/api/v1/jobseekers/me/matches", lambda n: {}, tokens)
            matches = await load(stack.portal_url, args.requests, args.concurrency, "/api/v1/jobseekers/me/matches",
                                 lambda n: {}, tokens)
            await load(stack.portal_url, 40, args.concurrency, "/api/v1/vacancies", search_params)
            search = await load(stack.portal_url, args.requests, args.concurrency, "/api/v1/vacancies",
                                search_params)
            seconds, found = await bulk_publish(stack, args.bulk)
        finally:
            stack.stop_all()
    print(_line(f"floor: GET /healthz, {args.concurrency} at a time", *floor))
    print(_line(f"floor: GET /api/v1/me/tasks (authenticated, none open), {args.concurrency} at a time", *read))
    print(_line(f"GET /api/v1/jobseekers/me/matches, {args.vacancies} vacancies, {args.concurrency} at a time",
                *matches))
    print(_line(f"GET /api/v1/vacancies (words and filters), {args.concurrency} at a time", *search))
    rate = args.bulk / seconds
    print(f"bulk: {args.bulk} vacancies in {seconds:.1f} s, {rate:.0f} a second; a search by the business finds "
          f"{found}")
    p95_matches, p95_search = percentile(matches[0], 95), percentile(search[0], 95)
    print(f"{'PASS' if p95_matches <= 0.100 and not matches[1] else 'MISS'}  matches p95 <= 100 ms")
    print(f"{'PASS' if p95_search <= 0.100 and not search[1] else 'MISS'}  search p95 <= 100 ms")
    print(f"{'PASS' if rate >= 100 and found == args.bulk else 'MISS'}  bulk >= 100 a second, all searchable")
    return 0


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.labour", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--vacancies", type=int, default=100_000)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--bulk", type=int, default=10_000)
    parser.add_argument("--portal-processes", type=int, default=2)
    parser.add_argument("--database-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
    return parser.parse_args(argv)


def run(args: argparse.Namespace) -> int:
    # uvloop, as the portal serves with, as the main bench does: the load generator's own event loop
    # is part of every latency it times.
    return uvloop.run(main(args))


if __name__ == "__main__":
    sys.exit(run(parse()))
