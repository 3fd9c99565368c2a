"""Start the applications whose start was lost: stored, but the portal died before starting.

The submit path stores first and starts second, so a crash in between leaves a row with
workflow_started false. This loop finds such rows and starts them; a start is idempotent
(the workflow id is the application id), so two portals sweeping at once do no harm.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import date, timedelta
from typing import Any, NamedTuple

from fastapi import Request
from sqlalchemy.engine import Engine
from sqlmodel import Session

from portal.applications.submission import KAZAKHSTAN
from portal.database import in_transaction
from portal.workflows_gateway import WorkflowsGateway
from store import repository
from store.types import utcnow

log = logging.getLogger("onestop.portal.sweeper")

GRACE = timedelta(seconds=30)


class _Start(NamedTuple):
    """What starting a stored application takes: its row and its services' answers."""

    application_id: str
    applicant_iin: str
    language: str
    services: list[tuple[str, dict[str, Any]]]
    submitted_via: str
    submitted_on: date
    contact: dict[str, str] | None


def _start_of(session: Session, application_id: str) -> _Start | None:
    application = repository.get_application(session, application_id)
    if application is None:
        return None
    return _Start(application.id, application.applicant_iin, application.language,
                  [(r.service_code, r.answers) for r in repository.service_requests(session, application_id)],
                  application.submitted_via, application.created_at.astimezone(KAZAKHSTAN).date(),
                  application.contact)


async def _start(workflows: WorkflowsGateway, start: _Start) -> None:
    # An agency's application restarts with its submitted_via, so the agency still hears of it.
    await workflows.start_application(start.application_id, start.applicant_iin, start.language, start.services,
                                      start.submitted_on, submitted_via=start.submitted_via, contact=start.contact)


async def start_stored(source: Request | Engine, workflows: WorkflowsGateway, application_id: str) -> bool:
    """Start one stored application now (idempotent: a start under way or done is left as it is); False when
    there is no such application. ``source``: an engine, or the request whose unit of work reads it."""
    start = await in_transaction(source, lambda s: _start_of(s, application_id), read_only=True)
    if start is None:
        return False
    await _start(workflows, start)
    return True


async def start_lost_applications(engine: Engine, workflows: WorkflowsGateway) -> int:
    def pending(session: Session) -> list[_Start]:
        found = (_start_of(session, application_id)
                 for application_id in repository.applications_not_started(session, utcnow() - GRACE))
        return [start for start in found if start is not None]

    started = 0
    # A read: it must not take the write lock every submit waits for.
    for start in await in_transaction(engine, pending, read_only=True):
        await _start(workflows, start)

        def mark(session: Session, marked: str = start.application_id) -> None:
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
