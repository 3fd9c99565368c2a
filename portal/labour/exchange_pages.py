"""The exchange's pages between people: the guidance test (public), a job seeker's applications and
offers, an employer's candidates and answers. Forms post with the session's CSRF token and work without
JavaScript; each acts through the same functions as the API (portal/labour/exchange.py, answers.py)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from policies.labour.guidance import InvalidAnswers, questionnaire, score_guidance
from portal.applications.submission import today_in_kazakhstan
from portal.auth import OptionalPrincipal, Principal
from portal.database import in_transaction
from portal.labour import answers, exchange, service
from portal.labour.employer_pages import _acting
from portal.labour.exchange_words import APPLICATIONS, CANDIDATES, GUIDANCE, STATUSES
from portal.pages.rendering import csrf_valid, page_language, render
from portal.problems import Problem
from store import labour as store

router = APIRouter(include_in_schema=False)
SHOWN = 20


def _login(request: Request) -> Response:
    target = quote(request.url.path, safe="")
    return RedirectResponse(f"/login?next={target}&lang={page_language(request)}", status_code=303)


def _back(request: Request, path: str) -> Response:
    return RedirectResponse(f"{path}?lang={page_language(request)}", status_code=303)


# ---------------------------------------------------------------- the guidance test


def _guidance(request: Request, principal: Principal | None, given: dict[str, int], *, result: Any = None,
              problems: dict[str, str] | None = None, status_code: int = 200) -> Response:
    form = questionnaire(today_in_kazakhstan())
    return render(request, "labour_guidance.html", principal=principal, status_code=status_code, words=GUIDANCE,
                  form=form, given=given, result=result, problems=problems or {})


@router.get("/labour/guidance")
async def guidance_page(request: Request, principal: OptionalPrincipal) -> Response:
    return _guidance(request, principal, {})


@router.post("/labour/guidance")
async def guidance_result(request: Request, principal: OptionalPrincipal) -> Response:
    posted = await request.form()
    given: dict[str, Any] = {}
    for key, raw in posted.items():
        if key.startswith("q") and isinstance(raw, str):
            given[key] = int(raw) if raw.strip().isdigit() else raw
    if not csrf_valid(request, posted.get("csrf")):
        return _guidance(request, principal, given, status_code=403, problems={"": in_lang(APPLICATIONS["expired"],
                                                                                         request)})
    try:
        result = score_guidance(given, today_in_kazakhstan())
    except InvalidAnswers as exc:
        language = page_language(request)
        problems = {p.field.removeprefix("answers."): p.text[language] for p in exc.problems}
        return _guidance(request, principal, given, problems=problems, status_code=422)
    return _guidance(request, principal, given, result=result)


def in_lang(text: dict[str, str], request: Request) -> str:
    return text[page_language(request)]


# ---------------------------------------------------------------- the job seeker


@router.get("/labour/applications")
async def my_applications(request: Request, principal: OptionalPrincipal) -> Response:
    if principal is None or principal.iin is None:
        return _login(request)
    iin, on = principal.iin, today_in_kazakhstan()

    def load(session: Any) -> tuple[list[dict[str, Any]], Any]:
        return ([exchange.view(r, exchange.published_vacancy(session, r.vacancy_id), for_employer=False)
                 for r in store.applications_of_seeker(session, iin)], store.latest_registration(session, iin))

    items, registration = await in_transaction(request, load, read_only=True)
    term, lapsed = service.term_notice(registration, on)
    return render(request, "labour_applications.html", principal=principal, words=APPLICATIONS,
                  statuses=STATUSES, items=items, term=term, lapsed=lapsed)


@router.post("/labour/vacancies/{vacancy_id}/apply")
async def apply(vacancy_id: str, request: Request, principal: OptionalPrincipal) -> Response:
    if principal is None or principal.iin is None:
        return _login(request)
    posted = await request.form()
    if not csrf_valid(request, posted.get("csrf")):
        return render(request, "message.html", principal=principal, status_code=403, heading_key="forbidden",
                      message_key="forbidden")
    iin, on = principal.iin, today_in_kazakhstan()
    try:
        await in_transaction(request, lambda s: exchange.apply(s, vacancy_id, iin, None, on))
    except exchange.ExchangeRefusal as refusal:
        if refusal.kind != "conflict":  # applied already: the list shows it
            return render(request, "message.html", principal=principal, status_code=404, heading_key="not_found",
                          message_key="not_found_text")
    return _back(request, "/labour/applications")


@router.post("/labour/applications/{application_id}/reply")
async def reply(application_id: str, request: Request, principal: OptionalPrincipal) -> Response:
    if principal is None or principal.iin is None:
        return _login(request)
    posted = await request.form()
    chosen = posted.get("reply")
    if not csrf_valid(request, posted.get("csrf")) or chosen not in ("accept", "refuse", "withdraw"):
        return render(request, "message.html", principal=principal, status_code=403, heading_key="forbidden",
                      message_key="forbidden")
    iin, on = principal.iin, today_in_kazakhstan()
    try:
        await in_transaction(request, lambda s: exchange.reply(s, application_id, iin, str(chosen), on))
    except exchange.ExchangeRefusal:
        pass  # answered meanwhile, or not theirs: the list shows what stands
    return _back(request, "/labour/applications")


# ---------------------------------------------------------------- the employer


@router.get("/labour/employer/{business_id}/vacancies/{vacancy_id}")
async def candidates_page(business_id: str, vacancy_id: str, request: Request,
                          principal: OptionalPrincipal) -> Response:
    acting = await _acting(request, principal, business_id)
    if isinstance(acting, Response):
        return acting
    person, business = acting
    on, pseudonyms = today_in_kazakhstan(), request.app.state.pseudonyms

    def load(session: Any) -> tuple[dict[str, Any], list[Any], list[dict[str, Any]]]:
        vacancy = exchange.own_vacancy(session, vacancy_id, business.id)
        found = exchange.candidates(session, vacancy, on, SHOWN, lambda iin: pseudonyms.of(f"{vacancy_id}:{iin}"))
        applied = [exchange.view(r, vacancy, for_employer=True)
                   for r in store.applications_to_vacancy(session, vacancy_id)]
        return vacancy, found, applied

    try:
        vacancy, found, applied = await in_transaction(request, load, read_only=True)
    except exchange.ExchangeRefusal:
        return render(request, "message.html", principal=person, status_code=404, heading_key="not_found",
                      message_key="not_found_text")
    return render(request, "labour_candidates.html", principal=person, words=CANDIDATES, statuses=STATUSES,
                  business=business, vacancy=vacancy, candidates=found, applications=applied)


@router.post("/labour/employer/{business_id}/answers/{application_id}")
async def answer(business_id: str, application_id: str, request: Request, principal: OptionalPrincipal) -> Response:
    acting = await _acting(request, principal, business_id)
    if isinstance(acting, Response):
        return acting
    person, business = acting
    posted = await request.form()
    chosen, vacancy_id = posted.get("answer"), str(posted.get("vacancy_id") or "")
    if not csrf_valid(request, posted.get("csrf")) or chosen not in store.EMPLOYER_ANSWERS:
        return render(request, "message.html", principal=person, status_code=403, heading_key="forbidden",
                      message_key="forbidden")
    pay: Decimal | None
    try:
        raw = str(posted.get("monthly_pay") or "").replace(" ", "")
        pay = Decimal(raw) if raw else None
    except InvalidOperation:
        pay = None
    message = str(posted.get("message") or "").strip()[:2000] or None
    try:
        await answers.give_answer(request, person.subject, business.id, application_id, str(chosen), message, pay)
    except Problem:
        pass  # answered meanwhile: the page shows what stands
    return _back(request, f"/labour/employer/{business_id}/vacancies/{quote(vacancy_id, safe='')}")
