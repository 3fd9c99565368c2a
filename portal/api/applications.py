"""POST/GET /applications: submit one application for several services, and follow it."""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Header, Query, Request, Response
from pydantic import ValidationError

from onestop.logs import application_id_var
from portal.applications import submission
from portal.applications.schemas import Accepted, ApplicationCreate, ApplicationPage, ApplicationView
from portal.applications.views import application_summary, application_view
from portal.auth import CurrentPrincipal
from portal.database import in_transaction, reading
from portal.errors import field_path
from portal.problems import Conflict, Forbidden, NotFound, ValidationFailed
from portal.tasks import service as task_service
from portal.tasks.schemas import AnswerAccepted, AnswerBody, WithdrawAccepted, WithdrawBody
from store import repository
from store.repository import IdempotencyConflict

log = logging.getLogger("onestop.portal")

router = APIRouter(prefix="/applications", tags=["applications"])

FINISHED = frozenset({"completed", "refused", "failed", "partially_completed", "withdrawn"})

_BODY = {"requestBody": {"required": True, "content": {"application/json": {
    "schema": ApplicationCreate.model_json_schema(ref_template="#/components/schemas/{model}")}}}}


@router.post("", status_code=202, response_model=Accepted, openapi_extra=_BODY,
             summary="Apply for one or several services",
             responses={400: {"description": "malformed body or missing Idempotency-Key"},
                        409: {"description": "Idempotency-Key reused with another body"},
                        413: {"description": "body too large"}, 422: {"description": "form errors"}})
async def submit(request: Request, response: Response, principal: CurrentPrincipal,
                 idempotency_key: Annotated[str | None, Header(alias="Idempotency-Key")] = None) -> Accepted:
    if principal.kind != "citizen" or not principal.iin:
        raise Forbidden("only a citizen applies for themselves here")
    key = submission.idempotency_key(idempotency_key)
    body = submission.parse_json_body(request.headers.get("content-type"), await request.body())
    try:
        create = ApplicationCreate.model_validate(body)
    except ValidationError as exc:
        errors = [{"field": field_path(e["loc"]) or "body", "message": e["msg"]} for e in exc.errors()]
        raise ValidationFailed(errors[0]["message"], field=errors[0]["field"], errors=errors) from exc
    on = submission.today_in_kazakhstan()
    orders = submission.validated_orders(create.services, create.answers, on, audience="citizen")
    language = create.language or next((a.get("language") for _, a, _ in orders if a.get("language")), None) or "kk"
    digest = submission.request_hash(body)

    def store(session):  # type: ignore[no-untyped-def]
        return repository.create_application(
            session, owner=principal.subject, idempotency_key=key, request_hash=digest,
            applicant_iin=principal.iin, submitted_via="portal", language=language, services=orders)

    try:
        application, created = await in_transaction(request, store)
    except IdempotencyConflict as exc:
        raise Conflict("this Idempotency-Key was used for a different application", field="Idempotency-Key",
                       slug="idempotency-key-reused") from exc
    application_id_var.set(application.id)
    if created or not application.workflow_started:
        await request.app.state.workflows.start_application(
            application.id, application.applicant_iin, application.language,
            [(code, answers) for code, answers, _ in orders], application.created_at.astimezone(
                submission.KAZAKHSTAN).date())
        if created:
            log.info("application submitted for %s", ",".join(create.services))
    url = f"/api/v1/applications/{application.id}"
    response.headers["Location"] = url
    return Accepted(id=application.id, status=application.status, status_url=url)


@router.get("", response_model=ApplicationPage, summary="My applications, newest first")
async def list_mine(request: Request, principal: CurrentPrincipal,
                    limit: Annotated[int, Query(ge=1, le=100)] = 20,
                    offset: Annotated[int, Query(ge=0)] = 0) -> ApplicationPage:
    if not principal.iin:
        return ApplicationPage(items=[], total=0, limit=limit, offset=offset)

    def load(session):  # type: ignore[no-untyped-def]
        rows, total = repository.list_applications(session, principal.iin, limit, offset)
        return [application_summary(a, [r.service_code for r in repository.service_requests(session, a.id)])
                for a in rows], total

    items, total = await reading(request, load)
    return ApplicationPage(items=items, total=total, limit=limit, offset=offset)


@router.get("/{application_id}", response_model=ApplicationView,
            summary="Status per service, every step with its time, decision, documents")
async def get_one(application_id: str, request: Request, principal: CurrentPrincipal,
                  wait: Annotated[float, Query(ge=0, le=30, description=(
                      "Seconds to hold the answer until the application is finished (long poll), "
                      "instead of polling"))] = 0) -> ApplicationView:
    public_url = request.app.state.settings.portal_public_url

    def load(session):  # type: ignore[no-untyped-def]
        application = repository.get_application(session, application_id)
        if application is None or application.applicant_iin != principal.iin:
            return None  # someone else's is as absent as one that never was
        return application_view(application, repository.service_requests(session, application_id),
                                repository.timeline(session, application_id),
                                repository.documents_of(session, application_id), public_url)

    view = await reading(request, load)
    if view is None:
        raise NotFound("no such application")
    if wait and view.status not in FINISHED:
        await request.app.state.workflows.wait_finished(application_id, wait)
        view = await reading(request, load)
    return view


@router.post("/{application_id}/answers", status_code=202, response_model=AnswerAccepted,
             summary="Answer an officer's request for information; the task goes back to that officer",
             responses={404: {"description": "no such application of yours"},
                        409: {"description": "no question waits for an answer"}})
async def answer_question(application_id: str, body: AnswerBody, request: Request,
                          principal: CurrentPrincipal) -> AnswerAccepted:
    return await task_service.answer(request, principal, application_id, body)


@router.post("/{application_id}/withdraw", status_code=202, response_model=WithdrawAccepted,
             summary="Withdraw the application while a service is undecided; its open tasks are cancelled",
             responses={404: {"description": "no such application of yours"},
                        409: {"description": "every service is decided already"}})
async def withdraw(application_id: str, request: Request, principal: CurrentPrincipal,
                   body: WithdrawBody | None = None) -> WithdrawAccepted:
    result = await task_service.withdraw(request, principal, application_id, body.reason if body else None)
    return WithdrawAccepted(application_id=application_id, services=result.services,
                            status_url=f"/api/v1/applications/{application_id}")
