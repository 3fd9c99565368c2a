"""A worker stopped while its thread activities write: none is interrupted half way (onestop/thread_activity.py).

The SDK would raise CancelledError inside each running thread at any bytecode. On SQLite that once left
the writers' lock held by a thread that had moved on, and the test's next unit of work waited for ever
(the CI run that timed out after tests/workflows/test_vacancy_archive.py's schedule test)."""

from __future__ import annotations

import asyncio
import threading
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import func, insert, select
from temporalio import activity
from temporalio.testing import WorkflowEnvironment

from connectors import registry_activities
from connectors.webhooks import WebhookActivities
from onestop.settings import Settings
from onestop.worker import build_worker, worker_activities
from portal.applications.submission import today_in_kazakhstan
from store.engine import get_engine, read_scope, session_scope
from store.job_matches import JobMatchList
from store.types import utcnow
from store.vacancy_activities import ArchiveVacanciesResult
from workflows.vacancy_archive import ARCHIVE_WORKFLOW, ArchiveInput

_L = JobMatchList.__table__  # type: ignore[attr-defined]


async def test_every_thread_activity_is_stopped_by_asking_never_by_interruption(worker_settings: Settings) -> None:
    registries = registry_activities(worker_settings)
    webhooks = WebhookActivities(get_engine(worker_settings.database_url), settings=worker_settings)
    try:
        definitions = [activity._Definition.must_from_callable(fn)  # the SDK's own reading of each decorator
                       for fn in worker_activities(worker_settings, registries, webhooks)]
    finally:
        webhooks.close()
        await registries.aclose()
    threaded = [d.name for d in definitions if not d.is_async]
    assert len(threaded) >= 30  # the store's, the policies', the documents' and the webhooks'
    assert [d.name for d in definitions if not d.is_async and not d.no_thread_cancel_exception] == []


def _stale_lists(url: str, iins: list[str]) -> int:
    with read_scope(get_engine(url)) as session:
        return session.connection().execute(
            select(func.count()).select_from(_L).where(_L.c.seeker_iin.in_(iins))).scalar_one()


def _writes_within(url: str, seconds: float) -> bool:
    """Whether a unit of work of this process commits within the time (on another thread: a wedged lock
    would hold this one for ever)."""
    committed = threading.Event()

    def write() -> None:
        with session_scope(get_engine(url)) as session:
            session.connection().execute(select(func.count()).select_from(_L))
        committed.set()

    threading.Thread(target=write, daemon=True).start()
    return committed.wait(seconds)


async def test_a_worker_stopped_in_the_nights_refresh_leaves_the_rest_to_the_next(
        workflow_env: WorkflowEnvironment, worker_settings: Settings) -> None:
    if workflow_env.supports_time_skipping:
        # There, after the first worker's stop, the run shows no pending activity nor workflow task and never
        # ends (not looked into).
        pytest.skip("a worker's stop is the dev server's (the server `make run` uses)")
    url, today = worker_settings.database_url, today_in_kazakhstan()
    # Lists of yesterday with no registration behind them: each is forgotten in a short unit of work, so
    # the shards' threads go through their units of work many times a second when the worker stops.
    iins = [f"7{uuid.uuid4().int % 10**9:09d}{n % 10}0" for n in range(600)]
    with session_scope(get_engine(url)) as session:
        session.connection().execute(insert(_L), [
            {"seeker_iin": iin, "profile_key": str(uuid.uuid4()), "ranked_on": today - timedelta(days=1),
             "ranked_at": utcnow(), "kept": 0} for iin in iins])
    queue = f"test-{uuid.uuid4()}"
    async with build_worker(workflow_env.client, worker_settings, task_queue=queue) as worker:
        async with worker:
            handle = await workflow_env.client.start_workflow(
                ARCHIVE_WORKFLOW, ArchiveInput(on=today), id=f"vacancy-archive-{uuid.uuid4()}", task_queue=queue,
                result_type=ArchiveVacanciesResult)
            while _stale_lists(url, iins) > len(iins) - 20:  # the refresh is under way
                await asyncio.sleep(0.01)
            stop = asyncio.create_task(worker.shutdown())
            done, _ = await asyncio.wait([stop], timeout=60)
            assert done, "the worker did not stop: an activity of its thread pool is stuck"
    assert _stale_lists(url, iins) > 0  # stopped half way: the lists left wait for the next worker
    assert await asyncio.to_thread(_writes_within, url, 30), "the stopped worker left the database locked"

    async with build_worker(workflow_env.client, worker_settings, task_queue=queue) as worker:
        async with worker:
            result = await asyncio.wait_for(handle.result(), timeout=120)
    assert result.offers_refreshed >= 1
    assert _stale_lists(url, iins) == 0
