"""The daily archiving of expired vacancies, run by a Temporal schedule.

Search and matching already leave an expired vacancy out by its date; archiving moves it out of
the published rows, so the open set the indexes walk stays the size of what is open. Then every job
seeker's offered vacancies are ranked afresh over the day's open set (store/job_matches.py), a batch
at a time in each shard of job seekers, the shards at once, so a look at one's matches reads a list
ranked that day. The schedule (one per cluster, made by every worker at start-up; a second create is
refused) starts this workflow every day just after midnight in Kazakhstan. A missed run is caught up
by the next: the day archives everything that expired before it.
"""

from __future__ import annotations

import asyncio
from datetime import date, timedelta, timezone

from pydantic import BaseModel
from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from store.job_matches import SHARDS
    from store.vacancy_activities import (
        ArchiveVacanciesInput,
        ArchiveVacanciesResult,
        RefreshOffersInput,
        RefreshOffersResult,
        VacancyActivities,
    )
    from workflows.retries import BATCH_HEARTBEAT, BATCH_STEP, LOCAL_STEP

ARCHIVE_WORKFLOW = "VacancyArchive"
ARCHIVE_SCHEDULE_ID = "vacancy-archive-daily"
ARCHIVE_HOUR = 0
ARCHIVE_MINUTE = 10
ARCHIVE_TIME_ZONE = "Asia/Almaty"
# Kazakhstan keeps one offset all year (UTC+5 since 2024-03-01); the workflow reads its day from this.
KAZAKHSTAN_OFFSET = timezone(timedelta(hours=5))


class ArchiveInput(BaseModel):
    on: date | None = None  # None: the workflow's own day in Kazakhstan


@workflow.defn(name=ARCHIVE_WORKFLOW)
class VacancyArchiveWorkflow:
    @workflow.run
    async def run(self, input: ArchiveInput) -> ArchiveVacanciesResult:
        on = input.on or workflow.now().astimezone(KAZAKHSTAN_OFFSET).date()
        result: ArchiveVacanciesResult = await workflow.execute_activity_method(
            VacancyActivities.archive_expired, ArchiveVacanciesInput(on=on), **LOCAL_STEP)
        workflow.logger.info("archived %d vacancies expired before %s", result.archived, on)
        if workflow.patched("archive-then-refresh-offers"):
            if workflow.patched("refresh-offers-by-shard"):
                # Ranking is CPU-bound (0.2-0.5 s a list): one loop after another is ~10 hours for 120,000
                # job seekers on one core; the shards' loops run at once, on every worker polling the queue.
                # Batches of 50: ten at once on one worker share its GIL, and each must end inside its 15
                # minutes (50 lists at 0.7 s, ten at once: about 6); 120,000 seekers stay ~2,400 activities,
                # well inside a workflow's history.
                refreshed = await asyncio.gather(*(_refresh(on, shard, batch=50, until_none_left=True)
                                                   for shard in range(SHARDS)))
                result.offers_refreshed += sum(refreshed)
            else:
                result.offers_refreshed += await _refresh(on, None)
        return result


async def _refresh(on: date, shard: int | None, batch: int = 100, until_none_left: bool = False) -> int:
    """Batches of the lists ranked before the day, until a batch comes back short (`until_none_left`:
    empty; an attempt retried after a timeout comes back short with lists still left behind it)."""
    step, refreshed = RefreshOffersInput(on=on, shard=shard, batch=batch), 0
    while True:
        done: RefreshOffersResult = await workflow.execute_activity_method(
            VacancyActivities.refresh_offers, step, heartbeat_timeout=BATCH_HEARTBEAT, **BATCH_STEP)
        refreshed += done.refreshed
        if done.refreshed == 0 or (done.refreshed < step.batch and not until_none_left):
            return refreshed
