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
from sqlmodel import Session

from portal.applications.submission import KAZAKHSTAN
from portal.database import in_transaction
from portal.workflows_gateway import WorkflowsGateway
from store import repository
from store.types import utcnow

log = logging.getLogger("onestop.portal.sweeper")

GRACE = timedelta(seconds=30)


async def start_lost_applications(engine: Engine, workflows: WorkflowsGateway) -> int:
    def pending(session: Session) -> list[tuple[str, str, str, list[tuple[str, dict[str, Any]]], str, date,
                                                 dict[str, str] | None]]:
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
    # A read: it must not take the write lock every submit waits for.
    for application_id, iin, language, services, via, submitted_on, contact in await in_transaction(
            engine, pending, read_only=True):
        await workflows.start_application(application_id, iin, language, services, submitted_on,
                                          submitted_via=via, contact=contact)

        def mark(session: Session, marked: str = application_id) -> None:
            repository.mark_workflow_started(session, marked)

        await in_transaction(engine, mark)
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
