"""The night's refresh of offered vacancies, by one worker process and by several.

    python -m bench.night_refresh [--vacancies 2000] [--seekers 300] [--workers 1 2]
                                  [--database-url postgresql+psycopg://postgres@127.0.0.1:5432/postgres]

1. A fresh database (PostgreSQL by default) with --vacancies published vacancies and --seekers job seekers
   with a completed registration (bench.labour's seeding), each seeker's list ranked and kept, then
   marked as ranked the day before: every list is due.
2. A Temporal dev server and, for each count in --workers, that many worker processes: the daily
   VacancyArchive workflow runs for today, its shards' batches spread over the workers
   (workflows/vacancy_archive.py), and is timed from start to result. The lists are marked due again
   before the next count.

The one-at-a-time figure printed first is the ranking itself, with nothing else running.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path

from sqlalchemy import text
from temporalio.client import Client
from temporalio.contrib.pydantic import pydantic_data_converter

from bench.database import fresh_database
from bench.labour import offer_vacancies, seed_seekers
from bench.stats import percentile
from onestop.vacancy_seed import seed_vacancies
from portal.applications.submission import today_in_kazakhstan
from store.engine import get_engine, session_scope
from store.vacancy_activities import ArchiveVacanciesResult
from tests.support.stack import Stack
from workflows.vacancy_archive import ARCHIVE_WORKFLOW, ArchiveInput


def mark_due(database_url: str) -> None:
    """Every kept list as if ranked yesterday: the night ranks them all again."""
    with session_scope(get_engine(database_url)) as session:
        session.connection().execute(text("UPDATE job_match_lists SET ranked_on = :day"),
                                     {"day": today_in_kazakhstan() - timedelta(days=1)})


async def night(stack: Stack) -> tuple[float, ArchiveVacanciesResult]:
    settings = stack.settings
    client = await Client.connect(settings.temporal_address, data_converter=pydantic_data_converter)
    started = time.perf_counter()
    result = await client.execute_workflow(
        ARCHIVE_WORKFLOW, ArchiveInput(on=today_in_kazakhstan()), id=f"bench-night-{uuid.uuid4()}",
        task_queue=settings.temporal_task_queue, result_type=ArchiveVacanciesResult)
    return time.perf_counter() - started, result


async def main(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="onestop-night-") as tmp, \
            fresh_database(args.database_url, Path(tmp)) as database_url:
        seed_vacancies(get_engine(database_url), args.vacancies, today_in_kazakhstan())
        seekers = seed_seekers(database_url, args.seekers)
        took = offer_vacancies(database_url, seekers)
        print(f"{args.seekers} job seekers over {args.vacancies} vacancies; one ranking alone: p50 "
              f"{percentile(took, 50) * 1000:.0f} ms, p95 {percentile(took, 95) * 1000:.0f} ms; "
              f"one after another: {sum(took):.1f} s", flush=True)
        stack = Stack.configure(Path(tmp), database_url, log_level="WARNING", vacancy_archive_schedule=False)
        try:
            stack.start("temporal")
            stack.start("registries")
            running = 0
            for workers in args.workers:
                while running < workers:
                    running += 1
                    stack.start(f"worker-{running}")
                await asyncio.sleep(3)  # the workers' pollers reach the server
                mark_due(database_url)
                seconds, result = await night(stack)
                print(f"{workers} worker process(es): {result.offers_refreshed} lists ranked again in "
                      f"{seconds:.1f} s, {result.offers_refreshed / seconds:.1f} a second", flush=True)
        finally:
            stack.stop_all()
    return 0


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.night_refresh", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--vacancies", type=int, default=2_000)
    parser.add_argument("--seekers", type=int, default=300)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--database-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
    return parser.parse_args(argv)


if __name__ == "__main__":
    sys.exit(asyncio.run(main(parse())))
