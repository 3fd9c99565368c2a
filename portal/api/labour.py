"""The labour exchange's API: open vacancies (public) and a job seeker's explained matches."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel

from connectors.base import Purpose
from connectors.contracts import EmploymentRecord, fetch_employment_record
from connectors.errors import RegistryRefusal, RegistryUnavailable
from policies.labour.matching import MatchPart
from portal.applications.submission import today_in_kazakhstan
from portal.auth import CurrentPrincipal
from portal.database import reading
from portal.labour import service
from portal.problems import Forbidden, NotFound, Unavailable

router = APIRouter(tags=["labour exchange"])

# Reading one's own e-employment record is a purpose of its own in the registry's access log.
RECORD_PURPOSE = Purpose(application_id="profile", service_code="employment-record")


class VacancyPage(BaseModel):
    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int


class VacancyMatch(BaseModel):
    vacancy: dict[str, Any]
    score: float
    parts: list[MatchPart]


class Matches(BaseModel):
    seeker_id: str
    decided_on: str
    items: list[VacancyMatch]


@router.get("/vacancies", response_model=VacancyPage, summary="Open vacancies, newest first (public)")
async def vacancies(request: Request,
                    region: Annotated[str | None, Query(max_length=40)] = None,
                    occupation_code: Annotated[str | None, Query(pattern=r"^\d{4}$")] = None,
                    q: Annotated[str | None,
                                 Query(max_length=200, description="words of the title or description")] = None,
                    limit: Annotated[int, Query(ge=1, le=100)] = 20,
                    offset: Annotated[int, Query(ge=0)] = 0) -> VacancyPage:
    on = today_in_kazakhstan()
    found = await reading(request, lambda s: service.open_vacancies(s, on, region=region,
                                                                    occupation_code=occupation_code, text=q))
    return VacancyPage(items=found[offset:offset + limit], total=len(found), limit=limit, offset=offset)


@router.get("/jobseekers/me/matches", response_model=Matches,
            summary="Open vacancies ranked for the caller's job-seeker profile, each part of the score explained",
            responses={403: {"description": "only a citizen has a job-seeker profile"},
                       404: {"description": "no job-seeker registration yet"}})
async def my_matches(request: Request, principal: CurrentPrincipal,
                     limit: Annotated[int, Query(ge=1, le=100)] = 20) -> Matches:
    if principal.iin is None:
        raise Forbidden("only a citizen has a job-seeker profile", field="Authorization")
    iin, on = principal.iin, today_in_kazakhstan()

    def load(session: Any) -> Matches | None:
        profile = service.latest_profile(session, iin)
        if profile is None:
            return None
        found = service.matches(session, profile, on, limit)
        return Matches(seeker_id=iin, decided_on=on.isoformat(),
                       items=[VacancyMatch(vacancy=v, score=float(m.score), parts=m.parts) for v, m in found])

    result = await reading(request, load)
    if result is None:
        raise NotFound("register on the labour exchange first (service job-seeker-registration)",
                       slug="job-seeker-not-registered")
    return result


@router.get("/me/employment-record", response_model=EmploymentRecord,
            summary="The caller's contracts from the e-employment record (the contracts registry)",
            responses={403: {"description": "only a citizen has an employment record"}})
async def my_employment_record(request: Request, principal: CurrentPrincipal) -> EmploymentRecord:
    if principal.iin is None:
        raise Forbidden("only a citizen has an employment record", field="Authorization")
    try:
        return await fetch_employment_record(request.app.state.registries, principal.iin, RECORD_PURPOSE)
    except RegistryRefusal as exc:
        raise NotFound("you are not in the contracts registry") from exc
    except RegistryUnavailable as exc:
        raise Unavailable("the contracts registry does not answer; try again shortly",
                          slug="registry-unavailable", headers={"Retry-After": "30"}) from exc
