"""Job seekers and employers meeting on the exchange: candidates, applications, answers, offers.

An employer calls as a person acting for the business that published the vacancy
(`Onestop-Acting-For`, portal/auth/acting_for.py): without the header 403 naming it; for a vacancy
or application of another business 404, as for one that does not exist. A job seeker calls as
themselves. The rules of who sees what are portal/labour/exchange.py's.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal, NoReturn

from fastapi import APIRouter, Path, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from policies.labour.matching import MatchPart
from portal.applications.submission import today_in_kazakhstan
from portal.auth import CurrentPrincipal
from portal.auth.acting_for import HEADER, Applicant, CurrentApplicant
from portal.database import in_transaction
from portal.labour import answers, exchange
from portal.problems import Forbidden
from store import labour as store

router = APIRouter(tags=["labour exchange"])

VacancyId = Annotated[str, Path(pattern=r"^[0-9a-f-]{36}$", description="the vacancy (its publication's id)")]
ApplicationId = Annotated[str, Path(pattern=r"^[0-9a-f-]{36}$", description="an application to a vacancy")]
_EMPLOYER: dict[int | str, dict[str, Any]] = {
    403: {"description": "not acting for a business (the Onestop-Acting-For header)"},
             404: {"description": "no such vacancy of the business acted for"}}
_CITIZEN: dict[int | str, dict[str, Any]] = {403: {"description": "only a citizen looks for work on the exchange"}}


class Visibility(BaseModel):
    model_config = ConfigDict(extra="forbid")
    visible: bool = Field(strict=True, description="appear, without name or IIN, in employers' candidate lists")


class CandidateView(BaseModel):
    candidate_id: str = Field(description="a pseudonym for this vacancy only")
    applied: bool
    seeker_iin: str | None = Field(description="only once the person has applied to this vacancy")
    profile: dict[str, Any]
    score: float
    parts: list[MatchPart]


class Candidates(BaseModel):
    vacancy_id: str
    decided_on: str
    items: list[CandidateView]


class ApplyBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    note: str | None = Field(default=None, max_length=2000, description="a few words to the employer")


class AnswerBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    answer: Literal["invite", "offer", "reject"]
    message: str | None = Field(default=None, max_length=2000)
    monthly_pay: Decimal | None = Field(default=None, ge=0, le=Decimal("100000000"),
                                        description="for an offer: the pay a month; the vacancy's lower pay if none")


class ReplyBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reply: Literal["accept", "refuse", "withdraw"]


class ApplicationList(BaseModel):
    items: list[dict[str, Any]]


def _raise(refusal: exchange.ExchangeRefusal) -> NoReturn:
    raise answers.problem_of(refusal) from refusal


def _citizen(principal: Any) -> str:
    if principal.iin is None:
        raise Forbidden("only a citizen looks for work on the exchange", field="Authorization")
    return str(principal.iin)


def _employer(applicant: Applicant) -> str:
    if applicant.business is None:
        raise Forbidden("act for the business that published the vacancy", field=HEADER, slug="not-acting-for")
    return applicant.business.id


async def _run(request: Request, work: Any, *, write: bool = False) -> Any:
    try:
        return await in_transaction(request, work, read_only=not write)
    except exchange.ExchangeRefusal as refusal:
        _raise(refusal)


@router.get("/jobseekers/me/visibility", response_model=Visibility, responses=_CITIZEN,
            summary="Whether employers may find me")
async def my_visibility(request: Request, principal: CurrentPrincipal) -> Visibility:
    iin = _citizen(principal)
    return Visibility(visible=await in_transaction(request, lambda s: store.is_visible(s, iin), read_only=True))


@router.put("/jobseekers/me/visibility", response_model=Visibility, responses=_CITIZEN,
            summary="Agree (or no longer agree) to appear, unnamed, in employers' candidate lists")
async def set_my_visibility(request: Request, principal: CurrentPrincipal, body: Visibility) -> Visibility:
    iin = _citizen(principal)
    await in_transaction(request, lambda s: store.set_visible(s, iin, body.visible))
    return body


@router.get("/vacancies/{vacancy_id}/candidates", response_model=Candidates, responses=_EMPLOYER,
            summary="Job seekers ranked for the vacancy, every part explained; named only once they apply")
async def vacancy_candidates(request: Request, vacancy_id: VacancyId, applicant: CurrentApplicant,
                             limit: Annotated[int, Query(ge=1, le=100)] = 20) -> Candidates:
    employer_id, on = _employer(applicant), today_in_kazakhstan()
    pseudonyms = request.app.state.pseudonyms

    def load(session: Any) -> Candidates:
        vacancy = exchange.own_vacancy(session, vacancy_id, employer_id)
        found = exchange.candidates(session, vacancy, on, limit, lambda iin: pseudonyms.of(f"{vacancy_id}:{iin}"))
        return Candidates(vacancy_id=vacancy_id, decided_on=on.isoformat(), items=[
            CandidateView(candidate_id=c.candidate_id, applied=c.applied, seeker_iin=c.seeker_iin,
                          profile=c.profile, score=float(c.match.score), parts=c.match.parts) for c in found])

    return await _run(request, load)


@router.post("/vacancies/{vacancy_id}/applications", status_code=201,
             responses={**_CITIZEN, 404: {"description": "no open vacancy, or not registered as a job seeker"},
                        409: {"description": "already applied"}},
             summary="Apply to a vacancy as a registered job seeker: the employer then sees who you are")
async def apply(request: Request, vacancy_id: VacancyId, principal: CurrentPrincipal,
                body: ApplyBody | None = None) -> dict[str, Any]:
    iin, on = _citizen(principal), today_in_kazakhstan()
    note = body.note if body else None

    def work(session: Any) -> dict[str, Any]:
        row = exchange.apply(session, vacancy_id, iin, note, on)
        return exchange.view(row, exchange.published_vacancy(session, vacancy_id), for_employer=False)

    return await _run(request, work, write=True)


@router.get("/jobseekers/me/applications", response_model=ApplicationList, responses=_CITIZEN,
            summary="My applications to vacancies with the employers' answers and offers")
async def my_applications(request: Request, principal: CurrentPrincipal) -> ApplicationList:
    iin = _citizen(principal)

    def load(session: Any) -> ApplicationList:
        return ApplicationList(items=[exchange.view(r, exchange.published_vacancy(session, r.vacancy_id),
                                                    for_employer=False)
                                      for r in store.applications_of_seeker(session, iin)])

    return await in_transaction(request, load, read_only=True)


@router.get("/vacancies/{vacancy_id}/applications", response_model=ApplicationList, responses=_EMPLOYER,
            summary="The applications to the business's vacancy, each with the applicant's IIN")
async def vacancy_applications(request: Request, vacancy_id: VacancyId,
                               applicant: CurrentApplicant) -> ApplicationList:
    employer_id = _employer(applicant)

    def load(session: Any) -> ApplicationList:
        vacancy = exchange.own_vacancy(session, vacancy_id, employer_id)
        return ApplicationList(items=[exchange.view(r, vacancy, for_employer=True)
                                      for r in store.applications_to_vacancy(session, vacancy_id)])

    return await _run(request, load)


@router.post("/vacancy-applications/{application_id}/answer", responses={
    **_EMPLOYER, 409: {"description": "already answered"}},
             summary="The employer's answer: invite, offer (its suitability decided and shown) or reject")
async def answer(request: Request, application_id: ApplicationId, applicant: CurrentApplicant,
                 body: AnswerBody) -> dict[str, Any]:
    return await answers.give_answer(request, applicant.principal.subject, _employer(applicant), application_id,
                                     body.answer, body.message, body.monthly_pay)


@router.post("/vacancy-applications/{application_id}/reply",
             responses={**_CITIZEN, 404: {"description": "no such application of yours"},
                        409: {"description": "nothing to answer"}},
             summary="The job seeker's reply: accept or refuse an offer, or withdraw; refusing a suitable offer "
                     "is recorded")
async def reply(request: Request, application_id: ApplicationId, principal: CurrentPrincipal,
                body: ReplyBody) -> dict[str, Any]:
    iin, on = _citizen(principal), today_in_kazakhstan()

    def work(session: Any) -> dict[str, Any]:
        row = exchange.reply(session, application_id, iin, body.reply, on)
        return exchange.view(row, exchange.published_vacancy(session, row.vacancy_id), for_employer=False)

    return await _run(request, work, write=True)
