"""Start the applications whose start was lost: stored, but the portal died before starting.

The submit path stores first and starts second, so a crash in between leaves a row with
workflow_started false. This loop finds such rows and starts them; a start is idempotent
(the workflow id is the application id), so two portals sweeping at once do no harm.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import date, timedelta
from typing import Any

from sqlalchemy.engine import Engine
from starlette.concurrency import run_in_threadpool

from portal.applications.submission import KAZAKHSTAN
from portal.workflows_gateway import WorkflowsGateway
from store import repository
from store.engine import read_scope, session_scope
from store.types import utcnow

log = logging.getLogger("onestop.portal.sweeper")

GRACE = timedelta(seconds=30)


async def start_lost_applications(engine: Engine, workflows: WorkflowsGateway) -> int:
    def pending() -> list[tuple[str, str, str, list[tuple[str, dict[str, Any]]], str, date, dict[str, str] | None]]:
        with read_scope(engine) as session:  # a read: it must not take the write lock every submit waits for
            found = []
            for application_id in repository.applications_not_started(session, utcnow() - GRACE):
                application = repository.get_application(session, application_id)
                if application is None:
                    continue
                services = [(r.service_code, r.answers) for r in repository.service_requests(session, application_id)]
                found.append((application.id, application.applicant_iin, application.language, services,
                               application.submitted_via,
                               application.created_at.astimezone(KAZAKHSTAN).date(), application.contact))
            return found

    started = 0
    # An agency's application restarts with its submitted_via, so the agency still hears of it.
    for application_id, iin, language, services, via, submitted_on, contact in await run_in_threadpool(pending):
        await workflows.start_application(application_id, iin, language, services, submitted_on,
                                          submitted_via=via, contact=contact)

        def mark(application_id: str = application_id) -> None:
            with session_scope(engine) as session:
                repository.mark_workflow_started(session, application_id)

        await run_in_threadpool(mark)
        started += 1
    if started:
        log.warning("started %d application(s) whose start had been lost", started)
    return started


async def sweep_forever(engine: Engine, workflows: WorkflowsGateway, every: float = 15.0) -> None:
    while True:
        await asyncio.sleep(every)
        try:
            await start_lost_applications(engine, workflows)
        except Exception:  # Temporal or the database away: try again next round
            log.exception("sweep failed")
