"""What a citizen does about an application, each on a page of its own: answer a question, withdraw, appeal.

Each page posts a plain form (CSRF token, no script) to the same service functions as the API
(portal.tasks.service.answer / withdraw, portal.appeals.service.file) and goes back to the
application's status page. A second click of the same form finds the action done and goes there
too: the API refuses the repeat (nothing is done twice) and the page reads that refusal as done.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError
from starlette.datastructures import FormData

from portal.appeals import service as appeals
from portal.appeals.schemas import AppealCreate
from portal.applications import service as applications
from portal.applications.schemas import ApplicationView
from portal.auth import OptionalPrincipal, Principal
from portal.auth.acting_for import Applicant
from portal.auth.csrf import csrf_valid
from portal.database import in_transaction
from portal.pages.officer_texts import ACTION_ERRORS
from portal.pages.rendering import page_language, render
from portal.pages.routes import ACTING_FOR, _login_redirect, _not_found, acting_applicant
from portal.pages.texts import text
from portal.problems import Conflict, NotFound, Problem
from portal.tasks import service as tasks
from portal.tasks.schemas import AnswerBody, WithdrawBody
from services.catalogue import get_service
from services.spec import DecisionPart
from store.appeals import DECIDED_STATUSES, OPEN_APPEAL_STATUSES

router = APIRouter(include_in_schema=False)


async def _view(request: Request, applicant: Applicant, application_id: str) -> ApplicationView | None:
    public_url = request.app.state.settings.portal_public_url.rstrip("/")
    return await in_transaction(request, lambda s: applications.owned_application_view(
        s, application_id, applicant.id, public_url), read_only=True)


async def _own(request: Request, principal: Principal | None,
               application_id: str) -> tuple[Applicant, ApplicationView] | Response:
    """The applicant and their application: the person's own, or (with ?for=) a business's they head; or the
    login, 403 or 404 page."""
    if principal is None:
        return _login_redirect(request)
    if principal.kind != "citizen":
        return _not_found(request, principal)
    applicant = await acting_applicant(request, principal, request.query_params.get(ACTING_FOR))
    if isinstance(applicant, Response):
        return applicant
    view = await _view(request, applicant, application_id)
    if view is None:
        return _not_found(request, principal)
    return applicant, view


async def _posted(request: Request, principal: Principal | None,
                  application_id: str) -> tuple[Applicant, ApplicationView, FormData] | Response:
    """The applicant, their application and the form they posted; or the login, 403 or 404 page."""
    gate = await _own(request, principal, application_id)
    if isinstance(gate, Response):
        return gate
    return gate[0], gate[1], await request.form()


def _question(view: ApplicationView) -> str | None:
    """The officer's question still waiting for this applicant's answer, if one is."""
    if not any(s.status == "awaiting_applicant" for s in view.services):
        return None
    asked = [e for e in view.timeline if e.kind == "info.requested"]
    return str(asked[-1].detail.get("question", "")) if asked else ""


def _appealable(view: ApplicationView) -> list[dict[str, Any]]:
    """The decisions the applicant may appeal, each a choice of the form: a decided service, or, for a granted
    service whose decision has parts, each refused part of it (the appeals API's own rule decides which)."""
    open_appeals = {a.service_code for a in view.appeals if a.status in OPEN_APPEAL_STATUSES}
    choices = []
    for s in view.services:
        spec = get_service(s.code)
        if s.status not in DECIDED_STATUSES or s.code in open_appeals or spec is None:
            continue
        parts: list[DecisionPart | None] = list(spec.decision_parts) if s.status == "completed" else []
        for part in parts or [None]:
            try:
                appeals.appealed_part(spec, s.status, s.decision, part.key if part else None)
            except Problem:
                continue
            choices.append({"value": f"{s.code}:{part.key}" if part else s.code, "code": s.code, "title": s.title,
                            "part_title": part.title if part else None,
                            "status": "refused" if part else s.status})
    return choices


def _page(request: Request, template: str, applicant: Applicant, view: ApplicationView, *, status_code: int = 200,
          errors: dict[str, str] | None = None, notice: str | None = None, **context: Any) -> Response:
    language = page_language(request)
    return render(request, template, principal=applicant.principal, status_code=status_code, view=view,
                  acting_for=applicant.business.id if applicant.business else None,
                  errors={k: text(ACTION_ERRORS, v, language) for k, v in (errors or {}).items()},
                  notice=text(ACTION_ERRORS, notice, language) if notice else None, **context)


def _status_page(application_id: str, applicant: Applicant | None = None) -> RedirectResponse:
    acting = f"?{ACTING_FOR}={applicant.business.id}" if applicant is not None and applicant.business else ""
    return RedirectResponse(f"/applications/{application_id}{acting}", status_code=303)


def _first_error(error: ValidationError, field: str) -> str:
    kinds = [e["type"] for e in error.errors() if e["loc"] and e["loc"][0] == field]
    return f"{field}_too_long" if "string_too_long" in kinds else f"{field}_missing"


# --- answer an officer's question ---------------------------------------------------------------

@router.get("/applications/{application_id}/answer")
async def answer_form(application_id: str, request: Request, principal: OptionalPrincipal) -> Response:
    gate = await _own(request, principal, application_id)
    if isinstance(gate, Response):
        return gate
    applicant, view = gate
    return _page(request, "citizen_answer.html", applicant, view, question=_question(view), typed="")


@router.post("/applications/{application_id}/answer")
async def answer(application_id: str, request: Request, principal: OptionalPrincipal) -> Response:
    gate = await _posted(request, principal, application_id)
    if isinstance(gate, Response):
        return gate
    applicant, view, posted = gate
    typed = str(posted.get("answer") or "").strip()

    def again(**why: Any) -> Response:
        return _page(request, "citizen_answer.html", applicant, view, question=_question(view), typed=typed, **why)

    if not csrf_valid(request, posted.get("csrf")):
        return again(notice="form_expired", status_code=403)
    try:
        body = AnswerBody(text=typed)
    except ValidationError as error:
        return again(errors={"answer": _first_error(error, "text").replace("text", "answer")}, status_code=422)
    try:
        await tasks.answer(request, applicant, application_id, body)
    except Conflict:
        # Nothing waits for an answer: either it was just given (a second click), or nothing was asked.
        if any(e.kind == "info.answered" for e in view.timeline) and _question(view) is None:
            return _status_page(application_id, applicant)
        return again(notice="nothing_to_answer", status_code=409)
    except NotFound:
        return _not_found(request, applicant.principal)
    return _status_page(application_id, applicant)


# --- withdraw an undecided application ------------------------------------------------------------

@router.get("/applications/{application_id}/withdraw")
async def withdraw_form(application_id: str, request: Request, principal: OptionalPrincipal) -> Response:
    gate = await _own(request, principal, application_id)
    if isinstance(gate, Response):
        return gate
    applicant, view = gate
    return _page(request, "citizen_withdraw.html", applicant, view, typed="",
                 finished=view.status in applications.FINISHED)


@router.post("/applications/{application_id}/withdraw")
async def withdraw(application_id: str, request: Request, principal: OptionalPrincipal) -> Response:
    gate = await _posted(request, principal, application_id)
    if isinstance(gate, Response):
        return gate
    applicant, view, posted = gate
    typed = str(posted.get("reason") or "").strip()

    def again(**why: Any) -> Response:
        return _page(request, "citizen_withdraw.html", applicant, view, typed=typed,
                     finished=view.status in applications.FINISHED, **why)

    if not csrf_valid(request, posted.get("csrf")):
        return again(notice="form_expired", status_code=403)
    if view.status == "withdrawn":  # a second click: the first one did it
        return _status_page(application_id, applicant)
    try:
        body = WithdrawBody(reason=typed or None)
    except ValidationError as error:
        return again(errors={"reason": _first_error(error, "reason")}, status_code=422)
    try:
        await tasks.withdraw(request, applicant, application_id, body.reason)
    except Conflict as refused:
        fresh = await _view(request, applicant, application_id)
        if fresh is not None and fresh.status == "withdrawn":
            return _status_page(application_id, applicant)
        return again(notice=refused.slug if refused.slug in ACTION_ERRORS else "refused", status_code=409)
    return _status_page(application_id, applicant)


# --- appeal a decided service ---------------------------------------------------------------------

@router.get("/applications/{application_id}/appeal")
async def appeal_form(application_id: str, request: Request, principal: OptionalPrincipal) -> Response:
    gate = await _own(request, principal, application_id)
    if isinstance(gate, Response):
        return gate
    applicant, view = gate
    services = _appealable(view)
    offered = [c["value"] for c in services]
    asked = request.query_params.get("choice") or ""  # the status page's link to one refused part
    chosen = asked if asked in offered else offered[0] if len(offered) == 1 else ""
    return _page(request, "citizen_appeal.html", applicant, view, services=services, typed="", late_reason="",
                 chosen=chosen)


# The appeal API's refusals, by the field they name, as the page words them.
_APPEAL_FIELDS = {"grounds": "grounds", "service_code": "service", "part": "service", "late_reason": "late_reason"}


@router.post("/applications/{application_id}/appeal")
async def appeal(application_id: str, request: Request, principal: OptionalPrincipal) -> Response:
    gate = await _posted(request, principal, application_id)
    if isinstance(gate, Response):
        return gate
    applicant, view, posted = gate
    citizen = applicant.principal
    typed, chosen = str(posted.get("grounds") or ""), str(posted.get("service") or "")
    # Past the three months (APPK Art. 92) the appeal is still accepted, with the reason it is late.
    late_reason = str(posted.get("late_reason") or "")

    def again(**why: Any) -> Response:
        return _page(request, "citizen_appeal.html", applicant, view, services=_appealable(view), typed=typed,
                     late_reason=late_reason, chosen=chosen, **why)

    if not csrf_valid(request, posted.get("csrf")):
        return again(notice="form_expired", status_code=403)
    if not chosen:
        return again(errors={"service": "service_missing"}, status_code=422)
    code, _, part = chosen.partition(":")  # "service" or "service:part" (a refused part of a granted decision)
    try:
        await appeals.file(request, applicant, application_id, AppealCreate(
            service_code=code, part=part or None, grounds=typed, late_reason=late_reason.strip() or None))
    except Problem as refused:
        if refused.slug == "appeal-already-open":  # a second click, or filed from elsewhere meanwhile: it is open
            fresh = await _view(request, applicant, application_id)
            if fresh is not None and any(a.service_code == code and a.status in OPEN_APPEAL_STATUSES
                                         for a in fresh.appeals):
                return _status_page(application_id, applicant)
        if isinstance(refused, NotFound):
            return _not_found(request, citizen)
        field = _APPEAL_FIELDS.get(refused.field or "")
        slug = refused.slug if refused.slug in ACTION_ERRORS else "refused"
        if field:
            return again(errors={field: slug}, status_code=refused.status)
        return again(notice=slug, status_code=refused.status)
    return _status_page(application_id, applicant)


__all__ = ["router"]
