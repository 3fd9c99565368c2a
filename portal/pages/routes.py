"""The citizen's pages: catalogue, the application form, my applications, status, verification.

Every rule comes from the same functions the API uses (portal.applications.service,
submission, views); these handlers only turn them into HTML and form posts.
"""

from __future__ import annotations

import uuid
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from connectors.errors import RegistryRefusal, RegistryUnavailable
from connectors.population import fetch_person
from documents.verification import NOT_FOUND, verify_document
from portal.api.profile import PROFILE_PURPOSE
from portal.applications import service as applications
from portal.applications.prefill import prefill_for, prefill_from_application
from portal.applications.submission import today_in_kazakhstan
from portal.auth import OptionalPrincipal, Principal
from portal.auth.acting_for import Applicant, current_applicant
from portal.database import in_transaction
from portal.pages import decision_view
from portal.pages.forms import answers_from, form_fields, place_errors
from portal.pages.rendering import csrf_valid, page_language, render, told
from portal.pages.texts import PAYMENT_PARTS, text
from portal.problems import Conflict, Forbidden, Problem, ValidationFailed
from services.catalogue import CATALOGUE, get_service
from services.spec import ServiceSpec

router = APIRouter(include_in_schema=False)

STYLESHEET = Path(__file__).parent / "static" / "pages.css"
REFRESH_SECONDS = 2


@router.get("/assets/pages.css")
async def stylesheet() -> Response:
    return Response(STYLESHEET.read_bytes(), media_type="text/css",
                    headers={"Cache-Control": "public, max-age=3600"})


def _login_redirect(request: Request) -> RedirectResponse:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    language = page_language(request)
    return RedirectResponse(f"/login?next={quote(target, safe='')}&lang={language}", status_code=303)


def _not_found(request: Request, principal: Principal | None) -> Response:
    return render(request, "message.html", principal=principal, status_code=404, heading_key="not_found",
                  message_key="not_found_text")


# A page of an application filed for a business carries the business: /applications/{id}?for=<BIN or IIN>.
ACTING_FOR = "for"


async def acting_applicant(request: Request, principal: Principal, business_id: str | None) -> Applicant | Response:
    """Whose application a page is about: the person's own, or a business's they head (the businesses registry
    asked, as for the API's Onestop-Acting-For); else the page that says why not (403, 422, 503)."""
    if not business_id:
        return Applicant(principal)
    try:
        return await current_applicant(request, principal, business_id)
    except Problem as refused:
        # Told as the API tells it, in the page's language: not heading the business, a malformed ?for=, or
        # the businesses registry down (then with its Retry-After, not as "forbidden").
        said = refused.body(page_language(request))
        page = render(request, "message.html", principal=principal, status_code=refused.status,
                      heading=said["title"], message=said["detail"])
        page.headers.update(refused.headers)
        return page


def _citizen_service(code: str) -> ServiceSpec | None:
    spec = get_service(code)
    return spec if spec is not None and "citizen" in spec.audience else None


@router.get("/")
async def home(request: Request, principal: OptionalPrincipal) -> Response:
    services = [spec for spec in CATALOGUE.values() if "citizen" in spec.audience]
    return render(request, "home.html", principal=principal, services=services)


async def _prefill(request: Request, iin: str, spec: ServiceSpec) -> dict[str, str] | None:
    """What the population registry already knows; None when it does not answer (the form still works)."""
    try:
        person = await fetch_person(request.app.state.registries, iin, PROFILE_PURPOSE)
    except (RegistryRefusal, RegistryUnavailable):
        return None
    return prefill_for(spec, person)


def _form_page(request: Request, principal: Principal, spec: ServiceSpec, values: dict[str, str], *,
               prefill: dict[str, str] | None, errors: list[dict[str, str]] | None = None,
               notice_key: str | None = None, status_code: int = 200) -> Response:
    language = page_language(request)
    schema = spec.form_schema(today_in_kazakhstan())
    fields = form_fields(schema, language, values, prefill, spec.hints)
    loose = place_errors(fields, errors or [], f"answers.{spec.code}", language, spec.error_texts) if errors else []
    return render(request, "apply.html", principal=principal, status_code=status_code, spec=spec, fields=fields,
                  loose_errors=loose, has_errors=bool(errors), notice_key=notice_key,
                  prefill_failed=prefill is None and not errors and notice_key is None,
                  prefilled_any=bool(prefill), idempotency_key=str(uuid.uuid4()))


def _applicant_form(request: Request, principal: Principal | None,
                    code: str) -> tuple[Principal, ServiceSpec] | Response:
    """The citizen and the service they may apply for here, or the page that says why not."""
    if principal is None:
        return _login_redirect(request)
    spec = _citizen_service(code)
    if spec is None:
        return _not_found(request, principal)
    try:
        applications.require_citizen(principal)
    except Forbidden:
        return render(request, "message.html", principal=principal, status_code=403, heading_key="forbidden",
                      message_key="citizens_only")
    return principal, spec


@router.get("/apply/{code}")
async def apply_form(code: str, request: Request, principal: OptionalPrincipal) -> Response:
    gate = _applicant_form(request, principal, code)
    if isinstance(gate, Response):
        return gate
    citizen, spec = gate
    prefill = await _prefill(request, citizen.iin or "", spec)
    earlier = request.query_params.get("from")
    if earlier:  # applying again: the form as the ended application left it
        fields = spec.form_schema(today_in_kazakhstan()).get("properties", {})
        again = await in_transaction(
            request, lambda s: prefill_from_application(s, spec, earlier, citizen.iin or "", fields), read_only=True)
        prefill = {**prefill, **again} if prefill is not None else (again or None)
    # The notices come in the language the citizen reads the form in, unless they choose another.
    return _form_page(request, citizen, spec, {"language": page_language(request)}, prefill=prefill)


@router.post("/apply/{code}")
async def apply_submit(code: str, request: Request, principal: OptionalPrincipal) -> Response:
    gate = _applicant_form(request, principal, code)
    if isinstance(gate, Response):
        return gate
    citizen, spec = gate
    posted = await request.form()
    schema = spec.form_schema(today_in_kazakhstan())
    values = {name: str(posted.get(name) or "") for name in schema.get("properties", {})}
    # The form again with what was typed; prefill={} as the registry is not asked again (no "it does not answer").
    again = partial(_form_page, request, citizen, spec, values, prefill={})
    if not csrf_valid(request, posted.get("csrf")):
        return again(notice_key="form_expired", status_code=403)
    key = posted.get("idempotency_key")
    if not isinstance(key, str) or not key:
        return again(notice_key="form_expired", status_code=400)
    body: dict[str, Any] = {"services": [spec.code], "answers": {spec.code: answers_from(schema, posted)}}
    try:
        application, _ = await applications.submit_application(request, Applicant(citizen), key, body)
    except ValidationFailed as exc:
        return again(errors=exc.errors or [{"field": exc.field or "", "message": told(request, exc)}],
                     status_code=422)
    except Conflict:
        return again(notice_key="conflict", status_code=409)
    except Problem as exc:  # e.g. an idempotency key a browser could not have sent
        return again(errors=[{"field": exc.field or "", "message": told(request, exc)}], status_code=exc.status)
    return RedirectResponse(f"/applications/{application.id}", status_code=303)



@router.get("/applications")
async def my_applications(request: Request, principal: OptionalPrincipal) -> Response:
    if principal is None:
        return _login_redirect(request)
    items, total = await in_transaction(
        request, lambda s: applications.my_applications(s, principal.iin, 100, 0), read_only=True)
    return render(request, "applications.html", principal=principal, items=items, total=total,
                  service_title=lambda code: (CATALOGUE[code].title if code in CATALOGUE else {"en": code}))


@router.get("/applications/{application_id}")
async def application_status(application_id: str, request: Request, principal: OptionalPrincipal) -> Response:
    if principal is None:
        return _login_redirect(request)
    applicant = await acting_applicant(request, principal, request.query_params.get(ACTING_FOR))
    if isinstance(applicant, Response):
        return applicant
    public_url = request.app.state.settings.portal_public_url.rstrip("/")
    view = await in_transaction(request, lambda s: applications.owned_application_view(
        s, application_id, applicant.id, public_url), read_only=True)
    if view is None:
        return _not_found(request, principal)
    language = page_language(request)
    # A long-running service, decided, goes on (paying): its page keeps up with it too.
    finished = view.status in applications.FINISHED and all(s.status != "decided" for s in view.services)
    return render(request, "application.html", principal=principal, view=view, finished=finished,
                  acting_for=applicant.business.id if applicant.business else None,
                  refresh_seconds=None if finished else REFRESH_SECONDS, public_url=public_url,
                  part_text=lambda part: _capitalised(text(PAYMENT_PARTS, part, language)),
                  service_title=lambda code: (CATALOGUE[code].title if code in CATALOGUE else {"en": code}),
                  decision_parts=lambda code: (CATALOGUE[code].decision_parts if code in CATALOGUE else ()),
                  citation=decision_view.citation, decision_trace=decision_view.trace)


def _capitalised(words: str) -> str:
    # The policy's names are written for the middle of a sentence; here each starts a table row.
    return words[:1].upper() + words[1:]


@router.get("/verify/{document_id}")
async def verify(document_id: str, request: Request, principal: OptionalPrincipal) -> Response:
    signer = request.app.state.document_keys
    result = await in_transaction(request, lambda s: verify_document(s, signer, document_id), read_only=True)
    return render(request, "verify.html", principal=principal, result=result,
                  status_code=404 if result.reason == NOT_FOUND else 200)


__all__ = ["router"]
