"""The employer's answer to an application, shared by the API and the pages: an offer reads the person's
settlement from the population registry and carries the suitable-offer decision made then."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from fastapi import Request

from connectors.base import Purpose
from connectors.errors import RegistryRefusal, RegistryUnavailable
from connectors.population import Person, fetch_person
from portal.applications.submission import today_in_kazakhstan
from portal.database import in_transaction
from portal.labour import exchange, service
from portal.problems import Conflict, NotFound, Unavailable, ValidationFailed
from store import labour as store


def problem_of(refusal: exchange.ExchangeRefusal) -> Exception:
    kind = {"not_found": NotFound, "conflict": Conflict, "invalid": ValidationFailed}[refusal.kind]
    return kind(refusal.detail, field=refusal.field, slug=refusal.slug)


async def seeker_person(request: Request, iin: str, application_id: str) -> Person:
    purpose = Purpose(application_id=application_id, service_code="suitable-offer")
    try:
        return await fetch_person(request.app.state.registries, iin, purpose)
    except RegistryRefusal as exc:
        raise Conflict("the job seeker is not in the population registry", field="answer") from exc
    except RegistryUnavailable as exc:
        raise Unavailable("the population registry does not answer; try again shortly",
                          slug="registry-unavailable", headers={"Retry-After": "30"}) from exc


async def give_answer(request: Request, by: str, employer_id: str, application_id: str, answer: str,
                      message: str | None, monthly_pay: Decimal | None) -> dict[str, Any]:
    """Invite, offer or reject, by the person ``by`` (an IIN) for the business; refusals of the exchange come
    back as problems (404, 409)."""
    on, status = today_in_kazakhstan(), store.EMPLOYER_ANSWERS[answer]
    offer, decision = None, None
    try:
        if status == "offered":
            def facts(session: Any) -> tuple[str, dict[str, Any], dict[str, Any] | None]:
                row = exchange.answerable(session, application_id, employer_id)
                vacancy = exchange.published_vacancy(session, row.vacancy_id) or {}
                return row.seeker_iin, vacancy, service.latest_profile(session, row.seeker_iin)

            iin, vacancy, profile = await in_transaction(request, facts, read_only=True)
            pay = monthly_pay if monthly_pay is not None else Decimal(str(vacancy["salary_min"]))
            person = await seeker_person(request, iin, application_id)
            decision = exchange.suitability(vacancy, profile or {}, person, pay, on)
            offer = {"monthly_pay": str(pay), "offered_on": on.isoformat()}

        def work(session: Any) -> dict[str, Any]:
            row = exchange.answerable(session, application_id, employer_id)  # again: it may have changed meanwhile
            row = exchange.answer(session, row, status, message, offer, decision, by=by)
            return exchange.view(row, exchange.published_vacancy(session, row.vacancy_id), for_employer=True)

        return await in_transaction(request, work)
    except exchange.ExchangeRefusal as refusal:
        raise problem_of(refusal) from refusal
