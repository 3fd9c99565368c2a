"""Vacancies and job-seeker profiles as the services decided them, and the matches between them.

A published vacancy is the decision of a completed `vacancy-publication`; a job seeker's profile is
the decision of their latest completed `job-seeker-registration`. Both live in the read model
(service_requests.decision), so an appeal's rerun or a moderator's approval publishes with no second
copy to keep in step. Matching and its reasons are policies/labour/matching.py.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import ValidationError
from sqlmodel import Session, col, select

from policies.labour.matching import Match, SeekerProfile, VacancyFacts, WorkPeriod, rank_vacancies
from services.job_seeker import CODE as JOB_SEEKER
from services.labour_exchange import occupations
from services.vacancy import CODE as VACANCY
from store.models import Application, ServiceRequest


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


def published_vacancies(session: Session) -> list[dict[str, Any]]:
    rows = session.exec(select(ServiceRequest.decision).where(
        col(ServiceRequest.service_code) == VACANCY, col(ServiceRequest.status) == "completed")).all()
    return [dict(d["vacancy"]) for d in rows if d and d.get("vacancy")]


def open_vacancies(session: Session, on: date, *, region: str | None = None, occupation_code: str | None = None,
                   text: str | None = None) -> list[dict[str, Any]]:
    """The vacancies open on the date (published, not expired), newest first, filtered."""
    found = []
    needle = (text or "").casefold().strip()
    for vacancy in published_vacancies(session):
        if not (vacancy["published_on"] <= on.isoformat() <= vacancy["expires_on"]):
            continue
        if region and vacancy["region"] != region:
            continue
        if occupation_code and vacancy["occupation_code"] != occupation_code:
            continue
        if needle and needle not in f"{vacancy['title']}\n{vacancy.get('description', '')}".casefold():
            continue
        found.append(vacancy)
    found.sort(key=lambda v: (v["published_on"], v["vacancy_id"]), reverse=True)
    return found


def seeker_profile(profile: dict[str, Any]) -> SeekerProfile:
    history = [WorkPeriod(occupation_code=job["occupation_code"], months=job["months"])
               for job in profile.get("work_history", []) if job.get("occupation_code")]
    return SeekerProfile(seeker_id=profile["seeker_id"], desired_occupations=profile.get("desired_occupations", []),
                         skills=profile.get("skills", []), regions=profile.get("regions", []),
                         willing_to_relocate=bool(profile.get("willing_to_relocate")),
                         salary_expectation=profile.get("salary_expectation"), work_history=history)


def vacancy_facts(vacancy: dict[str, Any]) -> VacancyFacts | None:
    try:
        return VacancyFacts(vacancy_id=vacancy["vacancy_id"], occupation_code=vacancy["occupation_code"],
                            required_skills=vacancy.get("required_skills", []), region=vacancy["region"],
                            salary_min=vacancy["salary_min"], salary_max=vacancy.get("salary_max"),
                            required_experience_months=vacancy.get("required_experience_months", 0),
                            published_on=vacancy["published_on"], expires_on=vacancy.get("expires_on"))
    except (KeyError, ValidationError):
        return None  # a decision stored by an older form: not matched rather than failing the whole list


def matches(session: Session, profile: dict[str, Any], on: date, limit: int) -> list[tuple[dict[str, Any], Match]]:
    """The open vacancies best first for this profile, each with the reasons of its score."""
    vacancies = {v["vacancy_id"]: v for v in published_vacancies(session)}
    facts = [f for f in (vacancy_facts(v) for v in vacancies.values()) if f is not None]
    ranked = rank_vacancies(seeker_profile(profile), facts, on, limit=limit, titles=occupations(on))
    return [(vacancies[m.vacancy_id], m) for m in ranked]
