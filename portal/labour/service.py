"""Vacancies and job-seeker profiles as the services decided them, and the matches between them.

A published vacancy is a row of store/vacancies.py (searched there, by index and full text); a job
seeker's profile is the decision of their latest completed `job-seeker-registration`, in the read
model (service_requests.decision). Matching and its reasons are policies/labour/matching.py.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import ValidationError
from sqlmodel import Session, col, select

from policies.labour.matching import (
    Match,
    MatchingRules,
    PartName,
    SeekerProfile,
    VacancyFacts,
    WorkPeriod,
    ceiling_outside,
    rank_vacancies,
)
from portal.labour.match_bound import score_bound
from services.job_seeker import CODE as JOB_SEEKER
from services.job_seeker import REGISTERED
from services.labour_exchange import occupations
from store import vacancies as vacancy_store
from store.models import Application, ServiceRequest
from store.vacancies import SearchFilters


def latest_profile(session: Session, iin: str) -> dict[str, Any] | None:
    row = session.exec(
        select(ServiceRequest).join(Application, col(Application.id) == col(ServiceRequest.application_id))
        .where(col(Application.applicant_iin) == iin, col(ServiceRequest.service_code) == JOB_SEEKER,
               col(ServiceRequest.status).in_(REGISTERED))
        .order_by(col(ServiceRequest.started_at).desc())).first()
    if row is None or not row.decision:
        return None
    profile = row.decision.get("profile")
    return dict(profile) if profile else None


def open_vacancies(session: Session, on: date, filters: SearchFilters, *, limit: int,
                   offset: int) -> tuple[list[dict[str, Any]], int, bool]:
    """A page of the vacancies open on the date, newest first, filtered; the total and whether it is exact."""
    return vacancy_store.search(session.connection(), on, filters, limit=limit, offset=offset)


def seeker_profile(profile: dict[str, Any]) -> SeekerProfile:
    history = [WorkPeriod(occupation_code=job["occupation_code"], months=job["months"])
               for job in profile.get("work_history", []) if job.get("occupation_code")]
    return SeekerProfile(seeker_id=profile["seeker_id"], desired_occupations=profile.get("desired_occupations", []),
                         skills=profile.get("skills", []), regions=profile.get("regions", []),
                         willing_to_relocate=bool(profile.get("willing_to_relocate")),
                         salary_expectation=profile.get("salary_expectation"), work_history=history)


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


def _facts(row: Any) -> VacancyFacts:
    # Rows were checked when published: built without validation, as matching reads thousands per call.
    return VacancyFacts.model_construct(
        vacancy_id=row.id, occupation_code=row.occupation_code, required_skills=list(row.required_skills or []),
        region=row.region, salary_min=Decimal(row.salary_min),
        salary_max=None if row.salary_max is None else Decimal(row.salary_max),
        required_experience_months=row.required_experience_months, published_on=row.published_on,
        expires_on=row.expires_on)


def _best_of(connection: Any, on: date, seeker: SeekerProfile, bound: Any, limit: int,
             prefixes: set[str] | None, titles: dict[str, Any]) -> list[Match]:
    """The exact top ``limit`` of the open vacancies (in ``prefixes`` when given): scored in the order of
    their bound, highest first, until the bound of the next falls below the last one kept."""
    facts: list[VacancyFacts] = []
    page, offset = max(100, 5 * limit), 0
    while True:
        rows = vacancy_store.best_first(connection, on, bound, limit=page, offset=offset, occupation_prefixes=prefixes)
        facts += [_facts(r) for r in rows]
        ranked = rank_vacancies(seeker, facts, on, limit=limit, titles=titles)
        if len(rows) < page or (len(ranked) >= limit and Decimal(str(rows[-1].bound)) < ranked[-1].score):
            return ranked
        offset, page = offset + page, 2 * page


def matches(session: Session, profile: dict[str, Any], on: date, limit: int) -> list[tuple[dict[str, Any], Match]]:
    """The open vacancies best first for this profile, each with the reasons of its score.

    Only the likely vacancies are scored: the database orders them by an upper bound of their score
    (portal/labour/match_bound.py), first within the person's occupation groups (by index), and
    scoring stops where the bound falls below the last one kept. When that last one scores above
    what a vacancy outside the groups could reach (`ceiling_outside`), the ranking is exactly the
    one over every open vacancy; else all open vacancies are scanned the same way.
    """
    seeker, connection = seeker_profile(profile), session.connection()
    rules, titles = MatchingRules.on_date(on), occupations(on)
    bound = score_bound(seeker, rules, vacancy_store.vacancy_columns)
    references = [*seeker.desired_occupations, *[w.occupation_code for w in seeker.work_history[:1]]]
    groups = {code[:2] for code in references}
    ranked: list[Match] = []
    # First the person's ISCO sub-major groups (by index): outside them the occupation part is 0.
    passes: list[tuple[set[str] | None, dict[PartName, Decimal]]] = (
        [(groups, {"occupation": Decimal(0)})] if groups else [])
    for prefixes, caps in [*passes, (None, {})]:
        ranked = _best_of(connection, on, seeker, bound, limit, prefixes, titles)
        if len(ranked) >= limit and ranked[-1].score > ceiling_outside(rules, caps):
            break
    shown = vacancy_store.vacancies_by_id(connection, [m.vacancy_id for m in ranked])
    return [(shown[m.vacancy_id], m) for m in ranked]
