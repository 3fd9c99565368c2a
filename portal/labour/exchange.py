"""Between job seekers and employers: candidates for a vacancy, applications, answers and offers.

Who may see what:
- a candidate list names no one: a job seeker who agreed to be found appears under a pseudonym made
  for that vacancy alone (two vacancies' lists cannot be joined), with the profile's wishes, skills
  and months per occupation, never the employer names or dates of the e-employment record;
- once the person applies to the vacancy, its employer sees the application with their IIN;
- an offer carries the suitable-offer decision (policies/labour/suitable_offer.py) made when it is
  made, so the person sees before answering whether refusing it is held against them.

Ranking is policies/labour/matching.py's ``rank_candidates``; nothing here scores.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlmodel import Session, col, select

from connectors.population import Person
from policies.decision import Decision
from policies.labour.matching import rank_candidates
from policies.labour.suitable_offer import JobOffer, SeekerSituation, suitable_offer
from portal.labour import service
from services.job_seeker import REGISTERED
from services.labour_exchange import occupations
from services.regions import KNOWN_REGIONS
from services.vacancy import CODE as VACANCY
from store import audit
from store import labour as store
from store.models import ServiceRequest
from store.types import utcnow


class ExchangeRefusal(Exception):
    """A request the exchange refuses: ``kind`` picks the HTTP answer, ``field`` what was wrong."""

    def __init__(self, kind: str, detail: str, *, field: str | None = None, slug: str | None = None) -> None:
        super().__init__(detail)
        self.kind, self.detail, self.field, self.slug = kind, detail, field, slug


@dataclass(frozen=True)
class Candidate:
    candidate_id: str
    applied: bool
    seeker_iin: str | None
    profile: dict[str, Any]
    match: Any


def published_vacancy(session: Session, vacancy_id: str) -> dict[str, Any] | None:
    row = session.exec(select(ServiceRequest.decision).where(
        col(ServiceRequest.application_id) == vacancy_id, col(ServiceRequest.service_code) == VACANCY,
        col(ServiceRequest.status).in_(REGISTERED))).first()
    return dict(row["vacancy"]) if row and row.get("vacancy") else None


def open_vacancy(session: Session, vacancy_id: str, on: date) -> dict[str, Any]:
    vacancy = published_vacancy(session, vacancy_id)
    if vacancy is None or not (vacancy["published_on"] <= on.isoformat() <= vacancy["expires_on"]):
        raise ExchangeRefusal("not_found", "no open vacancy has this id", slug="vacancy-not-found")
    return vacancy


def own_vacancy(session: Session, vacancy_id: str, employer_id: str) -> dict[str, Any]:
    """The business's vacancy; another business's is as unknown as one that does not exist."""
    vacancy = published_vacancy(session, vacancy_id)
    if vacancy is None or vacancy.get("employer_id") != employer_id:
        raise ExchangeRefusal("not_found", "the business you act for has no vacancy with this id",
                              slug="vacancy-not-found")
    return vacancy


def public_profile(profile: dict[str, Any]) -> dict[str, Any]:
    """What an employer may read before the person applies: wishes and skills, months per occupation."""
    return {"desired_occupations": profile.get("desired_occupations", []), "skills": profile.get("skills", []),
            "regions": profile.get("regions", []), "willing_to_relocate": bool(profile.get("willing_to_relocate")),
            "salary_expectation": profile.get("salary_expectation"),
            "experience": [{"occupation_code": job.get("occupation_code"), "months": job.get("months", 0)}
                           for job in profile.get("work_history", [])]}


def candidates(session: Session, vacancy: dict[str, Any], on: date, limit: int,
               pseudonym: Any) -> list[Candidate]:
    """Active job seekers who agreed to be found or applied, best first; only applicants are named. A lapsed
    registration is no candidate until renewed (its application stays in the vacancy's applications)."""
    facts = service.vacancy_facts(vacancy)
    if facts is None:
        return []
    applied = {a.seeker_iin for a in store.applications_to_vacancy(session, vacancy["vacancy_id"])}
    profiles = {iin: r.profile for iin, r in
                store.active_registrations(session, store.visible_seekers(session) | applied, on).items()}
    by_alias = {pseudonym(iin): (iin, p) for iin, p in profiles.items()}
    seekers = [service.seeker_profile({**p, "seeker_id": alias}) for alias, (_, p) in by_alias.items()]
    ranked = rank_candidates(facts, seekers, on, limit=limit, titles=occupations(on))
    found = []
    for match in ranked:
        iin, profile = by_alias[match.seeker_id]
        named = iin in applied
        found.append(Candidate(candidate_id=match.seeker_id, applied=named, seeker_iin=iin if named else None,
                               profile=public_profile(profile), match=match))
    return found


def apply(session: Session, vacancy_id: str, iin: str, note: str | None, on: date) -> store.VacancyApplication:
    vacancy = open_vacancy(session, vacancy_id, on)
    if service.active_profile(session, iin, on) is None:
        raise ExchangeRefusal("not_found", "register on the labour exchange first (service job-seeker-registration)",
                              slug="job-seeker-not-registered")
    if store.application_to(session, vacancy_id, iin) is not None:
        raise ExchangeRefusal("conflict", "you have already applied to this vacancy", field="vacancy_id",
                              slug="already-applied")
    row = store.VacancyApplication(vacancy_id=vacancy_id, employer_id=vacancy["employer_id"], seeker_iin=iin,
                                   status="applied", note=note)
    session.add(row)
    session.flush()
    return row


def situation(profile: dict[str, Any], person: Person) -> SeekerSituation:
    history = profile.get("work_history") or []
    last = history[0] if history else {}
    willing = bool(profile.get("willing_to_relocate"))
    return SeekerSituation(
        desired_occupations=profile.get("desired_occupations", []), last_occupation=last.get("occupation_code"),
        last_monthly_wage=Decimal(last["monthly_wage"]) if last.get("monthly_wage") else None,
        region=person.address.region_code, settlement=person.address.locality.casefold(),
        willing_to_relocate=willing, relocation_regions=sorted(KNOWN_REGIONS) if willing else [])


def suitability(vacancy: dict[str, Any], profile: dict[str, Any], person: Person, pay: Decimal, on: date) -> Decision:
    offer = JobOffer(occupation_code=vacancy["occupation_code"], region=vacancy["region"],
                     settlement=str(vacancy["settlement"]).casefold(), monthly_pay=pay)
    return suitable_offer(situation(profile, person), offer, on, titles=occupations(on))


def answerable(session: Session, application_id: str, employer_id: str) -> store.VacancyApplication:
    row = session.get(store.VacancyApplication, application_id)
    if row is None or row.employer_id != employer_id:
        raise ExchangeRefusal("not_found", "the business you act for has no application with this id",
                              slug="vacancy-application-not-found")
    if row.status not in store.ANSWERABLE:
        raise ExchangeRefusal("conflict", f"the application is already {row.status}", field="answer",
                              slug="already-answered")
    return row


def answer(session: Session, row: store.VacancyApplication, status: str, message: str | None,
           offer: dict[str, Any] | None, decision: Decision | None, *, by: str) -> store.VacancyApplication:
    """The employer's answer, given by the person ``by`` (an IIN) for the business: the trail names both."""
    row.status, row.answer_message, row.updated_at = status, message, utcnow()
    if offer is not None and decision is not None:
        row.offer = offer
        row.suitability = decision.model_dump(mode="json")
        row.suitable = decision.is_eligible
    session.add(row)
    session.flush()
    audit.append(session, actor=by, actor_role="citizen", action="vacancy_application.answered",
                 object_type="vacancy_application", object_id=row.id,
                 after={"acting_for": row.employer_id, "vacancy_id": row.vacancy_id, "status": status,
                        "suitable": row.suitable})
    return row


def reply(session: Session, application_id: str, iin: str, reply_: str, on: date) -> store.VacancyApplication:
    row = session.get(store.VacancyApplication, application_id)
    if row is None or row.seeker_iin != iin:
        raise ExchangeRefusal("not_found", "you have no application with this id", slug="vacancy-application-not-found")
    if reply_ == "withdraw":
        if row.status not in store.ANSWERABLE:
            raise ExchangeRefusal("conflict", f"the application is already {row.status}", field="reply",
                                  slug="already-answered")
        row.status = "withdrawn"
    else:
        if row.status != "offered":
            raise ExchangeRefusal("conflict", f"there is no offer to answer: the application is {row.status}",
                                  field="reply", slug="no-offer")
        row.status = store.SEEKER_REPLIES[reply_]
        if row.status == "refused":
            row.refused_on = on  # recorded whatever the offer; only a suitable one counts against the person
    row.updated_at = utcnow()
    session.add(row)
    session.flush()
    # A refused suitable offer weighs on the person's targeted social assistance: the trail keeps who said it.
    audit.append(session, actor=iin, actor_role="citizen", action="vacancy_application.replied",
                 object_type="vacancy_application", object_id=row.id,
                 after={"reply": reply_, "status": row.status, "suitable": row.suitable})
    return row


def view(row: store.VacancyApplication, vacancy: dict[str, Any] | None, *, for_employer: bool) -> dict[str, Any]:
    shown: dict[str, Any] = {
        "id": row.id, "vacancy_id": row.vacancy_id, "status": row.status, "note": row.note,
        "answer_message": row.answer_message, "offer": row.offer, "suitable": row.suitable,
        "suitability": row.suitability, "refused_on": row.refused_on.isoformat() if row.refused_on else None,
        "created_at": row.created_at.isoformat(), "updated_at": row.updated_at.isoformat(),
        "vacancy": ({k: vacancy.get(k) for k in ("title", "occupation_code", "region", "settlement", "salary_min",
                                                  "salary_max", "employer_name", "expires_on")} if vacancy else None),
    }
    if for_employer:
        shown["seeker_iin"] = row.seeker_iin
    return shown
