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

from policies.labour.matching import (Match, MatchingRules, PartName, SeekerProfile, VacancyFacts, WorkPeriod,
                                      ceiling_outside, rank_vacancies)
from services.job_seeker import CODE as JOB_SEEKER
from services.labour_exchange import occupations
from store import vacancies as vacancy_store
from store.models import Application, ServiceRequest
from store.vacancies import SearchFilters


def latest_profile(session: Session, iin: str) -> dict[str, Any] | None:
    row = session.exec(
        select(ServiceRequest).join(Application, col(Application.id) == col(ServiceRequest.application_id))
        .where(col(Application.applicant_iin) == iin, col(ServiceRequest.service_code) == JOB_SEEKER,
               col(ServiceRequest.status) == "completed")
        .order_by(col(ServiceRequest.completed_at).desc())).first()
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


Tier = tuple[set[str] | None, list[str] | None, dict[PartName, Decimal]]


def _tiers(seeker: SeekerProfile, rules: MatchingRules) -> list[Tier]:
    """Ever wider sets of vacancies to score: (ISCO code prefixes, regions, the most each filtered part
    scores outside its filter), the last one every open vacancy.

    Occupation: a desired code scores 1; outside them the part is at most the minor-group score; outside
    the minor groups (3 digits) of the desired and last occupations at most the sub-major-group score;
    outside their sub-major groups (2 digits) 0. Region: outside the person's regions at most the
    relocation score when they would move, else 0.
    """
    references = [*seeker.desired_occupations, *[w.occupation_code for w in seeker.work_history[:1]]]
    occupation_levels: list[tuple[set[str], Decimal]] = []
    if seeker.desired_occupations:
        occupation_levels.append((set(seeker.desired_occupations), rules.minor_group))
    if references:
        occupation_levels += [({c[:3] for c in references}, rules.sub_major_group),
                              ({c[:2] for c in references}, Decimal(0))]
    outside_regions = rules.relocation if seeker.willing_to_relocate else Decimal(0)
    tiers: list[Tier] = []
    for codes, occupation_cap in occupation_levels:
        if seeker.regions:
            tiers.append((codes, list(seeker.regions), {"occupation": occupation_cap, "region": outside_regions}))
    if occupation_levels:
        codes, occupation_cap = occupation_levels[-1]
        tiers.append((codes, None, {"occupation": occupation_cap}))
    elif seeker.regions:
        tiers.append((None, list(seeker.regions), {"region": outside_regions}))
    tiers.append((None, None, {}))
    return tiers


def matches(session: Session, profile: dict[str, Any], on: date, limit: int) -> list[tuple[dict[str, Any], Match]]:
    """The open vacancies best first for this profile, each with the reasons of its score.

    Only the likely vacancies are scored: those of the person's occupations and regions, read by
    index. When the last one shown scores above what any vacancy left out could reach
    (`ceiling_outside`), the ranking is exactly the one over every open vacancy; else a wider set is
    scored (`_tiers`), up to all of them.
    """
    seeker, connection = seeker_profile(profile), session.connection()
    rules, titles = MatchingRules.on_date(on), occupations(on)
    ranked: list[Match] = []
    for prefixes, regions, caps in _tiers(seeker, rules):
        rows = vacancy_store.open_for_matching(connection, on, occupation_prefixes=prefixes, regions=regions)
        ranked = rank_vacancies(seeker, [_facts(r) for r in rows], on, limit=limit, titles=titles)
        if len(ranked) >= limit and ranked[-1].score > ceiling_outside(rules, caps):
            break
    shown = vacancy_store.vacancies_by_id(connection, [m.vacancy_id for m in ranked])
    return [(shown[m.vacancy_id], m) for m in ranked]
