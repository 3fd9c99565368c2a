"""POST/GET /applications: submit one application for several services, and follow it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Query, Request, Response
from sqlmodel import Session

from portal import quotas
from portal.applications import service, submission
from portal.applications.schemas import (
    Accepted,
    ApplicationCreate,
    ApplicationPage,
    ApplicationView,
)
from portal.auth.acting_for import ACTING_FOR_REFUSALS, CurrentApplicant
from portal.database import in_transaction
from portal.limits import MAX_OFFSET
from portal.openapi import LOCATION
from portal.problems import NotFound
from portal.tasks import service as task_service
from portal.tasks.schemas import (
    AnswerAccepted,
    AnswerBody,
    WithdrawAccepted,
    WithdrawBody,
)

router = APIRouter(prefix="/applications", tags=["applications"])

_BODY = {"requestBody": {"required": True, "content": {"application/json": {
    "schema": ApplicationCreate.model_json_schema(ref_template="#/components/schemas/{model}")}}}}


@router.post("", status_code=202, response_model=Accepted, openapi_extra=_BODY,
             summary="Apply for one or several services",
             responses={202: {"headers": LOCATION},
                        400: {"description": "malformed body or missing Idempotency-Key"},
                        409: {"description": "Idempotency-Key reused with another body"},
                        403: {"description": "not a citizen, or acting for a business one does not head"},
                        413: {"description": "body too large"}, 422: {"description": "form errors"},
                        429: {"description": "past the caller's quota of applications or of open officer tasks"},
                        503: {"description": "the businesses registry does not answer (acting for a business)"}})
async def submit(request: Request, response: Response, applicant: CurrentApplicant,
                 idempotency_key: Annotated[str | None, Header(alias="Idempotency-Key")] = None) -> Accepted:
    service.require_citizen(applicant.principal)
    key = submission.idempotency_key(idempotency_key)
    body = submission.parse_json_body(request.headers.get("content-type"), await request.body())
    await quotas.check_new_application(request, applicant.principal, applicant.principal.subject, key)
    application, _ = await service.submit_application(request, applicant, key, body)
    url = f"/api/v1/applications/{application.id}"
    response.headers["Location"] = url
    return Accepted(id=application.id, status=application.status, status_url=url)


@router.get("", response_model=ApplicationPage, summary="My applications, newest first")
async def list_mine(request: Request, applicant: CurrentApplicant,
                    limit: Annotated[int, Query(ge=1, le=100)] = 20,
                    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0) -> ApplicationPage:
    service.require_citizen(applicant.principal)  # officers work from /tasks, agencies from /agency/applications
    items, total = await in_transaction(request, lambda s: service.my_applications(s, applicant.id, limit, offset),
                                        read_only=True)
    return ApplicationPage(items=items, total=total, limit=limit, offset=offset)


@router.get("/{application_id}", response_model=ApplicationView,
            summary="Status per service, every step with its time, decision, documents",
            responses={429: {"description": "more long polls (?wait=) held at once than the caller's quota"}})
async def get_one(application_id: str, request: Request, applicant: CurrentApplicant,
                  wait: Annotated[float, Query(ge=0, le=30, description=(
                      "Seconds to hold the answer until the application is finished (long poll), "
                      "instead of polling"))] = 0) -> ApplicationView:
    public_url = request.app.state.settings.portal_public_url

    def load(session: Session) -> ApplicationView | None:
        return service.owned_application_view(session, application_id, applicant.id, public_url)

    if wait:
        status = await in_transaction(
            request, lambda s: service.owned_application_status(s, application_id, applicant.id), read_only=True)
        if status is None:
            raise NotFound("no such application")
        if status not in service.FINISHED:
            async with request.app.state.long_polls.held(request.app.state.settings, applicant.principal.subject):
                await request.app.state.workflows.wait_finished(application_id, wait)
    view = await in_transaction(request, load, read_only=True)
    if view is None:
        raise NotFound("no such application")
    return view


# A business's head answers and withdraws its applications with Onestop-Acting-For, as they filed them.


@router.post("/{application_id}/answers", status_code=202, response_model=AnswerAccepted,
             summary="Answer an officer's request for information; the task goes back to that officer",
             responses={404: {"description": "no such application of yours (or of the business you act for)"},
                        409: {"description": "no question waits for an answer"}, **ACTING_FOR_REFUSALS})
async def answer_question(application_id: str, body: AnswerBody, request: Request,
                          applicant: CurrentApplicant) -> AnswerAccepted:
    return await task_service.answer(request, applicant, application_id, body)


@router.post("/{application_id}/withdraw", status_code=202, response_model=WithdrawAccepted,
             summary="Withdraw the application while a service is undecided; its open tasks are cancelled",
             responses={404: {"description": "no such application of yours (or of the business you act for)"},
                        409: {"description": "every service is decided already"}, **ACTING_FOR_REFUSALS})
async def withdraw(application_id: str, request: Request, applicant: CurrentApplicant,
                   body: WithdrawBody | None = None) -> WithdrawAccepted:
    result = await task_service.withdraw(request, applicant, application_id, body.reason if body else None)
    return WithdrawAccepted(application_id=application_id, services=result.services,
                            status_url=f"/api/v1/applications/{application_id}")
