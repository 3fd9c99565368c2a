"""The vocational guidance test (public) and the support measures a job seeker may take part in.

Scoring and eligibility are policies/labour/guidance.py and support.py; this module only gathers the
facts: the person, family, disability, work record and diplomas from the registries
(services/support_facts.py), the exchange's statuses from the read model, an entrepreneur's from the
businesses registry. The courses listed with the measures come from the catalogue (services/courses.py).
A test answer out of range is 422 naming ``answers.qNN``.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, Field

from connectors.base import Purpose
from connectors.businesses import fetch_business_status
from connectors.errors import RegistryRefusal, RegistryUnavailable
from policies.labour.guidance import GuidanceResult, InvalidAnswers, Questionnaire, questionnaire, score_guidance
from policies.labour.support import CourseOffer, MeasureEligibility, SupportFacts, course_offers, support_measures
from portal.applications.submission import today_in_kazakhstan
from portal.auth import CurrentPrincipal
from portal.database import in_transaction
from portal.labour import service
from portal.problems import Forbidden, NotFound, Unavailable, ValidationFailed
from portal.rate_limits import PublicLimit
from services.courses import course_titles, relevant_courses
from services.job_seeker import UNEMPLOYED_STATUS
from services.support_facts import read_registry_facts
from services.support_facts import support_facts as facts_from_registries
from store import repository

router = APIRouter(tags=["labour exchange"])

SUPPORT_PURPOSE = Purpose(application_id="profile", service_code="support-measures")


class GuidanceAnswers(BaseModel):
    model_config = ConfigDict(extra="forbid")
    answers: dict[str, Any] = Field(description="question id (q01..q30) -> an answer on the questionnaire's scale",
                                    max_length=60)


class SupportList(BaseModel):
    decided_on: str
    statuses: list[str]
    eligible: list[MeasureEligibility]
    not_eligible: list[MeasureEligibility]
    courses: list[CourseOffer] = Field(description="courses for an occupation the person wants (else near them), "
                                                   "free and reachable first, each with why it is free or not")


COURSES_SHOWN = 20


# Public, like the vacancy search: the same budget per client address.
_LIMITED: dict[int | str, dict[str, Any]] = {
    429: {"description": "too many requests from this address; Retry-After says when"}}


@router.get("/guidance-test", response_model=Questionnaire, summary="The vocational guidance questionnaire (public)",
            responses=_LIMITED)
async def guidance_questionnaire(_limit: PublicLimit) -> Questionnaire:
    return questionnaire(today_in_kazakhstan())


def score(answers: dict[str, Any]) -> GuidanceResult:
    """The result, or 422 naming every bad answer (nothing is stored either way)."""
    try:
        return score_guidance(answers, today_in_kazakhstan())
    except InvalidAnswers as exc:
        errors = [{"field": p.field, "code": p.code, "message": p.text["en"]} for p in exc.problems]
        raise ValidationFailed(errors[0]["message"], field=errors[0]["field"], errors=errors) from exc


@router.post("/guidance-test", response_model=GuidanceResult,
             responses={422: {"description": "an answer missing, out of range or for no question, named"},
                        **_LIMITED},
             summary="Score the answers: the interest profile and recommended occupations with reasons (public)")
async def guidance_result(body: GuidanceAnswers, _limit: PublicLimit) -> GuidanceResult:
    return score(body.answers)


async def support_facts(request: Request, iin: str) -> tuple[SupportFacts, list[str]]:
    on = today_in_kazakhstan()
    registries = request.app.state.registries
    try:
        found = await read_registry_facts(registries, iin, SUPPORT_PURPOSE, on)
        business = await fetch_business_status(registries, iin, SUPPORT_PURPOSE)
    except RegistryRefusal as exc:
        raise NotFound("you are not in the population registry") from exc
    except RegistryUnavailable as exc:
        raise Unavailable("a registry does not answer; try again shortly", slug="registry-unavailable",
                          headers={"Retry-After": "30"}) from exc

    def load(session: Any) -> tuple[dict[str, Any] | None, bool]:
        return (service.active_profile(session, iin, on),
                repository.standing_status(session, iin, UNEMPLOYED_STATUS, on) is not None)

    profile, unemployed = await in_transaction(request, load, read_only=True)
    statuses = [s for s, held in (("job_seeker", profile is not None), ("unemployed", unemployed),
                                  ("entrepreneur", business.active_entrepreneur)) if held]
    facts = facts_from_registries(found, on, statuses,
                                  willing_to_relocate=bool(profile and profile.get("willing_to_relocate")),
                                  desired_occupations=(profile or {}).get("desired_occupations", []))
    return facts, statuses


@router.get("/jobseekers/me/support", response_model=SupportList,
            responses={403: {"description": "only a citizen takes part in support measures"},
                       404: {"description": "not in the population registry"}},
            summary="The state support measures open to me, and why; the others with what is missing")
async def my_support(request: Request, principal: CurrentPrincipal) -> SupportList:
    if principal.iin is None:
        raise Forbidden("only a citizen takes part in support measures", field="Authorization")
    return await support_list(request, principal.iin)


async def support_list(request: Request, iin: str) -> SupportList:
    """The measures for this person today, open ones first (the API's answer and the support page's)."""
    facts, statuses = await support_facts(request, iin)
    on = today_in_kazakhstan()
    measures = support_measures(facts, on)
    offers = course_offers(facts, relevant_courses(facts), course_titles(on), on=on)
    return SupportList(decided_on=on.isoformat(), statuses=statuses,
                       eligible=[m for m in measures if m.decision.is_eligible],
                       not_eligible=[m for m in measures if not m.decision.is_eligible],
                       courses=offers[:COURSES_SHOWN])
