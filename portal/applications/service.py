"""What the API routes and the web pages both do with applications: submit, list, show.

The routes only translate HTTP (headers, JSON, status codes); the pages only translate HTML
forms. Both call these functions, so a rule lives in one place whichever door it came in by.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import Request
from pydantic import ValidationError
from sqlmodel import Session

from onestop.logs import application_id_var
from portal.applications import submission
from portal.applications.schemas import (
    ApplicationCreate,
    ApplicationSummary,
    ApplicationView,
)
from portal.applications.views import application_summary, application_view
from portal.auth import Principal
from portal.auth.acting_for import Applicant
from portal.database import in_transaction
from portal.errors import field_errors
from portal.problems import Conflict, Forbidden, ValidationFailed
from store import appeals as appeal_store
from store import audit, repository
from store.models import Application
from store.repository import IdempotencyConflict

log = logging.getLogger("onestop.portal")

# An application in one of these will not change by itself any more.
FINISHED = frozenset({"completed", "refused", "failed", "partially_completed", "withdrawn"})


def require_citizen(principal: Principal) -> None:
    """Citizens apply for themselves here; agencies have their own door (portal/agency)."""
    if principal.kind != "citizen" or not principal.iin:
        raise Forbidden("only a citizen applies for themselves here")


async def submit_application(request: Request, applicant: Applicant, key: str,
                             body: Any) -> tuple[Application, bool]:
    """Validate every form, store once per Idempotency-Key, start the workflow: (application, created).

    Raises ValidationFailed (each error naming its field), Conflict (key reused with another
    body) or Forbidden (not a citizen). Nothing is stored or started unless all is valid.
    """
    principal = applicant.principal
    require_citizen(principal)
    try:
        create = ApplicationCreate.model_validate(body)
    except ValidationError as exc:
        errors = field_errors(exc.errors(), whole="body")
        raise ValidationFailed(errors[0]["message"], field=errors[0]["field"], errors=errors) from exc
    on = submission.today_in_kazakhstan()
    orders = submission.validated_orders(create.services, create.answers, on, audience=applicant.audience)
    exclusive = await submission.admitted(request.app.state.registries, applicant.id or "", orders)
    language = create.language or next((a.get("language") for _, a, _ in orders if a.get("language")), None) or "kk"
    contact = create.contact.model_dump(exclude_none=True) if create.contact else None
    digest = submission.request_hash(body)
    iin = applicant.id
    assert iin is not None  # a citizen, or the business they head

    def store(session: Session) -> tuple[Application, bool]:
        stored, created = repository.create_application(
            session, owner=principal.subject, idempotency_key=key, request_hash=digest,
            applicant_iin=iin, submitted_via="portal", language=language, services=orders, contact=contact)
        if created:
            submission.claim_persons(session, stored.id, exclusive)
        if created and applicant.business is not None:
            # The subject stays the person: the trail names them and the business they acted for.
            audit.append(session, actor=principal.subject, actor_role="citizen", action="application.submitted",
                         object_type="application", object_id=stored.id,
                         after={"acting_for": applicant.business.id, "business_kind": applicant.business.kind,
                                "services": [code for code, _, _ in orders]})
        return stored, created

    try:
        application, created = await in_transaction(request, store)
    except IdempotencyConflict as exc:
        raise Conflict("this Idempotency-Key was used for a different application", field="Idempotency-Key",
                       slug="idempotency-key-reused") from exc
    application_id_var.set(application.id)
    if created or not application.workflow_started:
        # The stored row is the durable record (an outbox): the answer need not wait for Temporal.
        # A start lost with the process is made by the sweeper; a retry of the request starts it
        # now; the start itself is idempotent.
        request.app.state.workflows.start_soon(
            application.id, application.applicant_iin, application.language,
            [(code, answers) for code, answers, _ in orders],
            application.created_at.astimezone(submission.KAZAKHSTAN).date(), contact=application.contact)
        if created:
            log.info("application submitted for %s", ",".join(create.services))
    return application, created


def my_applications(session: Session, iin: str | None, limit: int,
                    offset: int) -> tuple[list[ApplicationSummary], int]:
    """The applicant's applications, newest first, and how many there are in all."""
    if not iin:
        return [], 0
    rows, total = repository.list_applications(session, iin, limit, offset)
    return [application_summary(a, [r.service_code for r in repository.service_requests(session, a.id)])
            for a in rows], total


def _owned(session: Session, application_id: str, iin: str | None) -> Application | None:
    application = repository.get_application(session, application_id)
    if application is None or iin is None or application.applicant_iin != iin:
        return None
    return application


def owned_application_status(session: Session, application_id: str, iin: str | None) -> str | None:
    """The application's status alone, or None when absent or someone else's: a long poll asks
    this before it waits, and builds the whole view once, when it answers."""
    application = _owned(session, application_id, iin)
    return application.status if application is not None else None


def owned_application_view(session: Session, application_id: str, iin: str | None,
                           public_url: str) -> ApplicationView | None:
    """The status view, or None when absent or someone else's: callers never tell which."""
    application = _owned(session, application_id, iin)
    if application is None:
        return None
    return application_view(application, repository.service_requests(session, application_id),
                            repository.timeline(session, application_id),
                            repository.documents_of(session, application_id), public_url,
                            appeals=appeal_store.with_deadlines(session, application_id))


__all__ = ["FINISHED", "my_applications", "owned_application_status", "owned_application_view", "require_citizen",
           "submit_application"]
