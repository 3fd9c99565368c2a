"""The Temporal schedules of the cluster, made by every worker at start-up (Temporal keeps one of each).

    vacancy-archive-daily   VacancyArchive at 00:10 Asia/Almaty (workflows/vacancy_archive.py)
"""

from __future__ import annotations

import logging
from datetime import timedelta

from temporalio.client import (
    Client,
    Schedule,
    ScheduleActionStartWorkflow,
    ScheduleAlreadyRunningError,
    ScheduleCalendarSpec,
    ScheduleOverlapPolicy,
    SchedulePolicy,
    ScheduleRange,
    ScheduleSpec,
)

from onestop.settings import Settings
from workflows.vacancy_archive import (
    ARCHIVE_HOUR,
    ARCHIVE_MINUTE,
    ARCHIVE_SCHEDULE_ID,
    ARCHIVE_TIME_ZONE,
    ARCHIVE_WORKFLOW,
    ArchiveInput,
)

log = logging.getLogger("onestop.worker")
_DAY = timedelta(days=1)


def archive_schedule(task_queue: str) -> Schedule:
    return Schedule(
        action=ScheduleActionStartWorkflow(ARCHIVE_WORKFLOW, ArchiveInput(), id=ARCHIVE_SCHEDULE_ID,
                                           task_queue=task_queue),
        spec=ScheduleSpec(calendars=[ScheduleCalendarSpec(hour=[ScheduleRange(ARCHIVE_HOUR)],
                                                          minute=[ScheduleRange(ARCHIVE_MINUTE)])],
                          time_zone_name=ARCHIVE_TIME_ZONE),
        # A day missed while the cluster was down is run once when it is back: the next day's run
        # would archive the same rows anyway.
        policy=SchedulePolicy(overlap=ScheduleOverlapPolicy.SKIP, catchup_window=_DAY),
    )


async def ensure_schedules(client: Client, settings: Settings, task_queue: str | None = None) -> None:
    if not settings.vacancy_archive_schedule:
        return
    try:
        await client.create_schedule(ARCHIVE_SCHEDULE_ID, archive_schedule(task_queue or settings.temporal_task_queue))
        log.info("schedule %s created", ARCHIVE_SCHEDULE_ID)
    except ScheduleAlreadyRunningError:
        pass

__all__ = ["archive_schedule", "ensure_schedules"]
