"""The daily archiving of expired vacancies: the workflow archives what expired before its day (on
both test servers), and the worker's schedule runs it every day at 00:10 in Kazakhstan (dev server:
the time-skipping server has no schedules)."""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import select
from temporalio.client import ScheduleActionExecutionStartWorkflow, ScheduleCalendarSpec, ScheduleHandle
from temporalio.testing import WorkflowEnvironment

from onestop.schedules import ensure_schedules
from onestop.settings import Settings
from portal.applications.submission import KAZAKHSTAN, today_in_kazakhstan
from store.engine import get_engine, read_scope
from store.vacancies import Vacancy
from store.vacancy_activities import ArchiveVacanciesResult
from tests.labour.vacancy_rows import employer_id, insert, vacancy
from workflows.vacancy_archive import ARCHIVE_SCHEDULE_ID, ARCHIVE_WORKFLOW, ArchiveInput

_V = Vacancy.__table__  # type: ignore[attr-defined]


def _statuses(database_url: str, ids: list[str]) -> list[str]:
    with read_scope(get_engine(database_url)) as session:
        rows = session.connection().execute(select(_V.c.id, _V.c.status).where(_V.c.id.in_(ids))).all()
        found: dict[str, str] = {row[0]: row[1] for row in rows}
    return [found[i] for i in ids]


def _rows(database_url: str) -> list[str]:
    today, employer = today_in_kazakhstan(), employer_id()
    return insert(database_url,
                  vacancy(employer, published_on=(today - timedelta(days=60)).isoformat(),
                          expires_on=(today - timedelta(days=1)).isoformat()),
                  vacancy(employer, expires_on=today.isoformat()),  # its last day: still open
                  vacancy(employer))


async def test_the_workflow_archives_what_expired_before_its_day(workflow_env: WorkflowEnvironment, task_queue: str,
                                                                 worker_settings: Settings) -> None:
    ids = _rows(worker_settings.database_url)
    result = await workflow_env.client.execute_workflow(
        ARCHIVE_WORKFLOW, ArchiveInput(on=today_in_kazakhstan()), id=f"vacancy-archive-{uuid.uuid4()}",
        task_queue=task_queue, result_type=ArchiveVacanciesResult)
    assert result.archived >= 1  # this test's expired row, and any other test's
    assert _statuses(worker_settings.database_url, ids) == ["archived", "published", "published"]
    again = await workflow_env.client.execute_workflow(
        ARCHIVE_WORKFLOW, ArchiveInput(on=today_in_kazakhstan()), id=f"vacancy-archive-{uuid.uuid4()}",
        task_queue=task_queue, result_type=ArchiveVacanciesResult)
    assert again.archived == 0


async def test_the_schedule_runs_it_daily_in_kazakhstan(workflow_env: WorkflowEnvironment, task_queue: str,
                                                        worker_settings: Settings) -> None:
    if workflow_env.supports_time_skipping:
        pytest.skip("the time-skipping test server has no schedules")
    ids = _rows(worker_settings.database_url)
    await ensure_schedules(workflow_env.client, worker_settings, task_queue)
    handle = workflow_env.client.get_schedule_handle(ARCHIVE_SCHEDULE_ID)
    try:
        await ensure_schedules(workflow_env.client, worker_settings, task_queue)  # every worker asks: one stays
        described = await handle.describe()
        [calendar] = described.schedule.spec.calendars
        assert isinstance(calendar, ScheduleCalendarSpec)
        assert described.schedule.spec.time_zone_name == "Asia/Almaty"
        # The next runs: one a day, each at 00:10 in Kazakhstan (19:10 UTC the day before).
        upcoming = described.info.next_action_times[:3]
        assert len(upcoming) == 3
        assert {(t.astimezone(KAZAKHSTAN).hour, t.astimezone(KAZAKHSTAN).minute) for t in upcoming} == {(0, 10)}
        assert [b - a for a, b in zip(upcoming, upcoming[1:], strict=False)] == [timedelta(days=1)] * 2

        await handle.trigger()  # today's run now, rather than at 00:10
        started = await _started_run(handle)
        # To its end, refresh included: this test's worker stops when it ends.
        await asyncio.wait_for(workflow_env.client.get_workflow_handle(started).result(), timeout=60)
        assert _statuses(worker_settings.database_url, ids) == ["archived", "published", "published"]
    finally:
        await handle.delete()


async def _started_run(handle: ScheduleHandle) -> str:
    """The workflow id of the run the schedule started last."""
    for _ in range(300):
        actions = (await handle.describe()).info.recent_actions
        if actions and isinstance(actions[-1].action, ScheduleActionExecutionStartWorkflow):
            return actions[-1].action.workflow_id
        await asyncio.sleep(0.1)
    raise TimeoutError("the schedule started no run")


async def test_after_archiving_the_night_ranks_again_the_offered_vacancies_of_earlier_days(
        workflow_env: WorkflowEnvironment, task_queue: str, worker_settings: Settings) -> None:
    from store import job_matches
    from store.engine import session_scope
    from store.models import Application, ServiceRequest

    url, today = worker_settings.database_url, today_in_kazakhstan()
    employer, rare = employer_id(), "6111"  # an occupation no other test publishes: these rank first
    expired, open_one = insert(url, vacancy(employer, occupation_code=rare, expires_on=(today - timedelta(days=1))
                                            .isoformat()), vacancy(employer, occupation_code=rare))
    iin = f"9{uuid.uuid4().int % 10**11:011d}"
    profile = {"seeker_id": iin, "desired_occupations": [rare], "skills": ["Python"], "regions": ["astana"]}
    registration = str(uuid.uuid4())
    with session_scope(get_engine(url)) as session:
        session.add(Application(id=registration, applicant_iin=iin, submitted_by=iin, submitted_via="portal",
                                status="completed"))
        session.flush()
        session.add(ServiceRequest(application_id=registration, service_code="job-seeker-registration",
                                   status="completed", decision={"profile": profile,
                                                                       "decided_on": today.isoformat()}))
        session.flush()
        # Ranked yesterday, when the expired vacancy was still open.
        yesterday = job_matches.rank_and_keep(session.connection(), iin, registration, profile,
                                              today - timedelta(days=1))
    assert {expired, open_one} <= {m.vacancy_id for m in yesterday[:4]}

    result = await workflow_env.client.execute_workflow(
        ARCHIVE_WORKFLOW, ArchiveInput(on=today), id=f"vacancy-archive-{uuid.uuid4()}",
        task_queue=task_queue, result_type=ArchiveVacanciesResult)
    assert result.offers_refreshed >= 1  # this test's list, and any other test's of an earlier day
    with read_scope(get_engine(url)) as session:
        kept = job_matches.kept_matches(session.connection(), iin, registration, today, 100)
    assert kept is not None  # ranked today
    ids = [k.vacancy["vacancy_id"] for k in kept]
    assert open_one in ids[:3] and expired not in ids


async def test_the_night_refreshes_every_shard_of_job_seekers_at_once(
        workflow_env: WorkflowEnvironment, task_queue: str, worker_settings: Settings) -> None:
    import json

    from store import job_matches
    from store.engine import session_scope

    url, today = worker_settings.database_url, today_in_kazakhstan()
    # Three lists of earlier days in three shards (the IIN's 11th digit), no registration behind them.
    seekers = [f"8{uuid.uuid4().int % 10**9:09d}{shard}0" for shard in (1, 4, 9)]
    for iin in seekers:
        with session_scope(get_engine(url)) as session:
            job_matches.rank_and_keep(session.connection(), iin, str(uuid.uuid4()), {"seeker_id": iin},
                                      today - timedelta(days=1))
    handle = await workflow_env.client.start_workflow(
        ARCHIVE_WORKFLOW, ArchiveInput(on=today), id=f"vacancy-archive-{uuid.uuid4()}", task_queue=task_queue,
        result_type=ArchiveVacanciesResult)
    result = await handle.result()
    assert result.offers_refreshed >= len(seekers)
    with read_scope(get_engine(url)) as session:
        stale = set(job_matches.stale_lists(session.connection(), today, 10_000))
    assert stale.isdisjoint(seekers)  # forgotten: no registration stands behind them

    # Every shard had its own loop, all scheduled before the first batch came back.
    history = await handle.fetch_history()
    shards: list[int | None] = []
    before_any_came_back: int | None = None
    for event in history.events:
        if event.HasField("activity_task_scheduled_event_attributes"):
            scheduled = event.activity_task_scheduled_event_attributes
            if scheduled.activity_type.name == "store.refresh_offers":
                shards.append(json.loads(scheduled.input.payloads[0].data)["shard"])
        elif event.HasField("activity_task_completed_event_attributes") and shards and before_any_came_back is None:
            before_any_came_back = len(shards)
    assert before_any_came_back == job_matches.SHARDS
    first = shards[:job_matches.SHARDS]  # one each: none of them None (everyone's), none twice
    assert None not in first and sorted(s for s in first if s is not None) == list(range(job_matches.SHARDS))
