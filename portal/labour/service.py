"""Vacancies and job-seeker profiles as the services decided them, and the matches between them.

A published vacancy is a row of store/vacancies.py (searched there, by index and full text); a job
seeker's profile is the decision of their latest completed `job-seeker-registration`, in the read
model (service_requests.decision), while that registration is active (store.labour.Registration).
Matching and its reasons are policies/labour/matching.py.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import ValidationError
from sqlmodel import Session

from policies.labour.matching import VacancyFacts
from portal.database import in_transaction
from services.job_seeker import REGISTERED_UNTIL, REGISTRATION_LAPSED, registration_term
from store import job_matches
from store import labour as labour_store
from store import vacancies as vacancy_store
from store.vacancies import SearchFilters

# The offered vacancies as a look shows them: each vacancy, its score, its parts (JSON text).
Offered = list[job_matches.Kept]


def latest_profile(session: Session, iin: str) -> dict[str, Any] | None:
    registration = labour_store.latest_registration(session, iin)
    return registration.profile if registration else None


def active_profile(session: Session, iin: str, on: date) -> dict[str, Any] | None:
    """The profile of the person's registration if it is active on the date: a lapsed one is no job seeker's."""
    registration = labour_store.latest_registration(session, iin)
    return registration.profile if registration and registration.active_on(on) else None


def term_notice(registration: labour_store.Registration | None, on: date) -> tuple[dict[str, str] | None, bool]:
    """What a job seeker's page says of their registration: until when it is active, or that it has lapsed
    (registering again renews it either way); and whether it has lapsed. (None, False): never registered."""
    if registration is None:
        return None, False
    active = registration.active_on(on)
    return registration_term(REGISTERED_UNTIL if active else REGISTRATION_LAPSED, registration.active_until), not active


def open_vacancies(session: Session, on: date, filters: SearchFilters, *, limit: int,
                   offset: int) -> tuple[list[dict[str, Any]], int, bool]:
    """A page of the vacancies open on the date, newest first, filtered; the total and whether it is exact."""
    return vacancy_store.search(session.connection(), on, filters, limit=limit, offset=offset)


seeker_profile = job_matches.seeker_profile


def vacancy_facts(vacancy: dict[str, Any]) -> VacancyFacts | None:
    """A vacancy as the API shows it (store.vacancies.public), as matching reads it."""
    try:
        return VacancyFacts(vacancy_id=vacancy["vacancy_id"], occupation_code=vacancy["occupation_code"],
                            required_skills=vacancy.get("required_skills", []), region=vacancy["region"],
                            salary_min=vacancy["salary_min"], salary_max=vacancy.get("salary_max"),
                            required_experience_months=vacancy.get("required_experience_months", 0),
                            published_on=vacancy["published_on"], expires_on=vacancy.get("expires_on"))
    except (KeyError, ValidationError):
        return None


async def matches(request_or_engine: Any, iin: str, on: date,
                  limit: int) -> tuple[labour_store.Registration | None, Offered]:
    """The person's latest registration and, while it is active, their offered vacancies best first, each
    with the reasons of its score: the kept list (store/job_matches.py) read in the same unit of work;
    ranked afresh and kept when it is not today's."""
    def read(session: Session) -> tuple[labour_store.Registration | None, Offered | None]:
        registration = labour_store.latest_registration(session, iin)
        if registration is None or not registration.active_on(on):
            return registration, []
        return registration, job_matches.kept_matches(session.connection(), iin, registration.application_id, on,
                                                      limit)

    registration, kept = await in_transaction(request_or_engine, read, read_only=True)
    if registration is None or kept is not None:
        return registration, kept or []

    def rank(session: Session) -> Offered:
        connection = session.connection()
        ranked = job_matches.rank_and_keep(connection, iin, registration.application_id, registration.profile,
                                           on)[:limit]
        return job_matches.kept_of(ranked, vacancy_store.vacancies_by_id(connection, [m.vacancy_id for m in ranked]))

    return registration, await in_transaction(request_or_engine, rank)
