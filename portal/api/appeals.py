"""POST/GET /applications/{id}/appeals: the applicant appeals a decided service and follows the review; the head
of a business appeals its application with `Onestop-Acting-For`, as they filed it."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from portal import quotas
from portal.appeals import service
from portal.appeals.schemas import AppealCreate, AppealList, AppealView
from portal.auth.acting_for import ACTING_FOR_REFUSALS, CurrentApplicant
from portal.openapi import LOCATION

router = APIRouter(prefix="/applications", tags=["appeals"])


@router.post("/{application_id}/appeals", status_code=202, response_model=AppealView,
             summary="Appeal the decision on one service of my application; a supervisor reviews it",
             responses={202: {"headers": LOCATION},
                        403: {"description": "not a citizen: only the applicant appeals (or the head of the business "
                                              "that applied, acting for it)"},
                        404: {"description": "no such application of yours"},
                        409: {"description": "the service is not decided, or an appeal is under review already"},
                        422: {"description": "grounds empty or too long, unknown service, or the term has passed"},
                        429: {"description": "past the caller's quota of open officer tasks"},
                        503: {"description": "the review could not be started (or, acting for a business, the "
                                              "businesses registry does not answer); nothing was kept"}})
async def file_appeal(application_id: str, body: AppealCreate, request: Request, response: Response,
                      applicant: CurrentApplicant) -> AppealView:
    principal = applicant.principal
    await quotas.check_new_application(request, principal, principal.subject, counts_as_application=False)
    view = await service.file(request, applicant, application_id, body)
    response.headers["Location"] = view.url
    return view


@router.get("/{application_id}/appeals", response_model=AppealList, responses=ACTING_FOR_REFUSALS,
            summary="The appeals of my application, each with its status, outcome and the deadline of its step")
async def list_appeals(application_id: str, request: Request, applicant: CurrentApplicant) -> AppealList:
    return AppealList(items=await service.list_for(request, applicant, application_id))


@router.get("/{application_id}/appeals/{appeal_id}", response_model=AppealView, responses=ACTING_FOR_REFUSALS,
            summary="One appeal of mine")
async def get_appeal(application_id: str, appeal_id: str, request: Request,
                     applicant: CurrentApplicant) -> AppealView:
    return await service.one(request, applicant, application_id, appeal_id)
