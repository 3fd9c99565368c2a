"""The employer's page of the labour exchange: a business's vacancies and the form to publish one.

The person acts for a business they head, checked in the businesses registry on every request, as the
API's `Onestop-Acting-For` is (portal.auth.acting_for); the form is the vacancy's own schema and hints,
and a refusal of the checks (a wage under the minimum) lands next to its field.
"""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from sqlmodel import col, select

from connectors.businesses import Business
from portal.applications import service as applications
from portal.applications.submission import today_in_kazakhstan
from portal.auth import OptionalPrincipal, Principal
from portal.auth.acting_for import Applicant
from portal.database import in_transaction
from portal.pages.forms import answers_from, form_fields, place_errors
from portal.pages.rendering import csrf_valid, page_language, render, told
from portal.pages.routes import _login_redirect, acting_applicant
from portal.problems import Conflict, Problem, ValidationFailed
from services.vacancy import CODE, SPEC
from store.models import Application, ServiceRequest

router = APIRouter(include_in_schema=False)

WORDS = {
    "vacancies": {"kk": "Бос орындар", "ru": "Вакансии", "en": "Vacancies"},
    "no_vacancies": {"kk": "Әзірге бос орын жоқ.", "ru": "Вакансий пока нет.", "en": "No vacancies yet."},
    "position": {"kk": "Лауазым", "ru": "Должность", "en": "Position"},
    "publish": {"kk": "Жариялау", "ru": "Опубликовать", "en": "Publish"},
}


def _vacancies_of(session: Any, business_id: str) -> list[dict[str, Any]]:
    rows = session.exec(
        select(ServiceRequest).join(Application, col(Application.id) == col(ServiceRequest.application_id))
        .where(col(Application.applicant_iin) == business_id, col(ServiceRequest.service_code) == CODE)
        .order_by(col(Application.created_at).desc())).all()
    return [{"application_id": r.application_id, "title": r.answers.get("title", ""), "status": r.status}
            for r in rows]


async def _page(request: Request, principal: Principal, business: Business, values: dict[str, str], *,
                errors: list[dict[str, str]] | None = None, status_code: int = 200) -> Response:
    language = page_language(request)
    fields = form_fields(SPEC.form_schema(today_in_kazakhstan()), language, values, {}, SPEC.hints)
    loose = place_errors(fields, errors or [], f"answers.{CODE}", language, SPEC.error_texts) if errors else []
    vacancies = await in_transaction(request, lambda s: _vacancies_of(s, business.id), read_only=True)
    return render(request, "labour_employer.html", principal=principal, status_code=status_code, words=WORDS,
                  business=business, spec=SPEC, fields=fields, vacancies=vacancies, loose_errors=loose,
                  has_errors=bool(errors), idempotency_key=str(uuid.uuid4()))


async def _acting(request: Request, principal: Principal | None,
                  business_id: str) -> tuple[Principal, Business] | Response:
    """The person and the business they head now, or the page that says why not (login, 403, 503)."""
    if principal is None:
        return _login_redirect(request)
    applicant = await acting_applicant(request, principal, business_id)
    if isinstance(applicant, Response):
        return applicant
    assert applicant.business is not None
    return principal, applicant.business


@router.get("/labour/employer/{business_id}")
async def employer_page(business_id: str, request: Request, principal: OptionalPrincipal) -> Response:
    acting = await _acting(request, principal, business_id)
    return acting if isinstance(acting, Response) else await _page(request, *acting, {})


@router.post("/labour/employer/{business_id}")
async def publish(business_id: str, request: Request, principal: OptionalPrincipal) -> Response:
    acting = await _acting(request, principal, business_id)
    if isinstance(acting, Response):
        return acting
    posted = await request.form()
    schema = SPEC.form_schema(today_in_kazakhstan())
    values = {name: str(posted.get(name) or "") for name in schema.get("properties", {})}
    key = posted.get("idempotency_key")
    if not csrf_valid(request, posted.get("csrf")) or not isinstance(key, str) or not key:
        return await _page(request, *acting, values, status_code=403,
                           errors=[{"field": "", "message": "the form expired: send it again"}])
    body = {"services": [CODE], "answers": {CODE: answers_from(schema, posted)}}
    try:
        await applications.submit_application(request, Applicant(*acting), key, body)
    except ValidationFailed as exc:
        return await _page(request, *acting, values, status_code=422,
                           errors=exc.errors or [{"field": exc.field or "", "message": told(request, exc)}])
    except (Conflict, Problem) as exc:
        return await _page(request, *acting, values, status_code=exc.status,
                           errors=[{"field": exc.field or "", "message": told(request, exc)}])
    return RedirectResponse(f"/labour/employer/{business_id}", status_code=303)

