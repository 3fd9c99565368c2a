"""The labour exchange's API: open vacancies and training courses (public), a job seeker's explained matches."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request, Response
from pydantic import BaseModel, Field

from connectors.base import Purpose
from connectors.contracts import EmploymentRecord, fetch_employment_record
from connectors.errors import RegistryRefusal, RegistryUnavailable
from policies.decision import Text
from policies.labour.matching import MatchPart
from policies.labour.support import Course
from portal.applications.submission import today_in_kazakhstan
from portal.auth import CurrentPrincipal
from portal.database import in_transaction
from portal.labour import service
from portal.limits import MAX_OFFSET
from portal.problems import Forbidden, NotFound, Unavailable
from portal.rate_limits import PublicLimit
from services.courses import CATALOGUE_NOTE, course_titles, find_courses
from services.job_seeker import REGISTRATION_LAPSED, registration_term
from services.regions import KNOWN_REGIONS
from store.vacancies import SearchFilters, search_words

router = APIRouter(tags=["labour exchange"])

RegionCode = Literal[tuple(sorted(KNOWN_REGIONS))]  # type: ignore[valid-type]
# A letter or digit (Latin or Cyrillic, Kazakh letters too) somewhere: a text of none searches nothing.
HAS_A_WORD = r"[0-9A-Za-z\u00C0-\u024F\u0400-\u04FF]"

# Reading one's own e-employment record is a purpose of its own in the registry's access log.
RECORD_PURPOSE = Purpose(application_id="profile", service_code="employment-record")


class VacancyPage(BaseModel):
    items: list[dict[str, Any]]
    total: int = Field(description="how many match, up to 1,000 (see total_exact)")
    total_exact: bool = Field(default=True, description="false when more than `total` match")
    limit: int
    offset: int


class ListedCourse(Course):
    occupation: Text = Field(description="the occupation's name, kk/ru/en")
    region_name: Text | None = Field(description="the region's name, kk/ru/en; none for an online course")


class CoursePage(BaseModel):
    items: list[ListedCourse]
    total: int
    limit: int
    offset: int
    note: Text = Field(description="what the catalogue is (illustrative mock data)")


class VacancyMatch(BaseModel):
    vacancy: dict[str, Any]
    score: float
    parts: list[MatchPart]


class Matches(BaseModel):
    seeker_id: str
    decided_on: str
    registered_until: str | None = Field(default=None, description="the registration's last day; registering "
                                                                     "again renews it")
    items: list[VacancyMatch]


@router.get("/vacancies", response_model=VacancyPage,
            summary="Open vacancies, newest first, by filters and full text (public, limited per address)",
            responses={429: {"description": "too many searches from this address; Retry-After says when"}})
async def vacancies(request: Request, _limit: PublicLimit,
                    # RegionCode is a Literal built from the catalogue at import: FastAPI reads it, mypy cannot.
                    region: Annotated[RegionCode | None,  # type: ignore[valid-type]
                                      Query(description="a region code")] = None,
                    occupation_code: Annotated[str | None, Query(pattern=r"^\d{4}$")] = None,
                    q: Annotated[str | None, Query(max_length=200, pattern=HAS_A_WORD,
                                                   description="words of the title, description or skills; "
                                                               "Russian words match in any form")] = None,
                    schedule: Annotated[Literal["full_time", "part_time", "shift", "remote"] | None, Query()] = None,
                    salary_from: Annotated[int | None, Query(ge=0, le=100_000_000,
                                                                 description="pays at least this, tenge")] = None,
                    employer_id: Annotated[str | None, Query(pattern=r"^\d{12}$")] = None,
                    limit: Annotated[int, Query(ge=1, le=100)] = 20,
                    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0) -> Response:
    words = search_words(q)
    filters = SearchFilters(region=region, occupation_code=occupation_code, employer_id=employer_id,
                            schedule=schedule, salary_from=None if salary_from is None else Decimal(salary_from),
                            words=words)
    on = today_in_kazakhstan()
    items, total, exact = await in_transaction(
        request, lambda s: service.open_vacancies(s, on, filters, limit=limit, offset=offset), read_only=True)
    # Sent as built: the items are store.vacancies.public's plain values, and validating them again
    # against VacancyPage (the documented shape) cost a search more of the portal's time than the read.
    page = {"items": items, "total": total, "total_exact": exact, "limit": limit, "offset": offset}
    return Response(json.dumps(page, ensure_ascii=False), media_type="application/json")


@router.get("/courses", response_model=CoursePage,
            summary="Training courses of the catalogue, by region and occupation (public, limited per address)",
            responses={429: {"description": "too many searches from this address; Retry-After says when"}})
async def courses(_limit: PublicLimit,
                  region: Annotated[RegionCode | None,  # type: ignore[valid-type]
                                    Query(description="a region code: its courses and the online ones")] = None,
                  occupation_code: Annotated[str | None, Query(pattern=r"^\d{4}$",
                                                               description="an ISCO-08 unit group")] = None,
                  limit: Annotated[int, Query(ge=1, le=100)] = 20,
                  offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0) -> CoursePage:
    found = find_courses(region=region, occupation_code=occupation_code)
    names = course_titles(today_in_kazakhstan())
    items = [ListedCourse(**c.model_dump(), occupation=names.get(c.occupation_code, {}),
                          region_name=None if c.region is None else names[c.region])
             for c in found[offset:offset + limit]]
    return CoursePage(items=items, total=len(found), limit=limit, offset=offset, note=CATALOGUE_NOTE)


@router.get("/jobseekers/me/matches", response_model=Matches,
            summary="Open vacancies ranked for the caller's job-seeker profile, each part of the score explained",
            responses={403: {"description": "only a citizen has a job-seeker profile"},
                       404: {"description": "no job-seeker registration yet, or it has lapsed (register again)"}})
async def my_matches(request: Request, principal: CurrentPrincipal,
                     limit: Annotated[int, Query(ge=1, le=100)] = 20) -> Response:
    if principal.iin is None:
        raise Forbidden("only a citizen has a job-seeker profile", field="Authorization")
    iin, on = principal.iin, today_in_kazakhstan()
    registration, found = await service.matches(request, iin, on, limit)
    if registration is None:
        raise NotFound("register on the labour exchange first (service job-seeker-registration)",
                       slug="job-seeker-not-registered")
    if not registration.active_on(on):  # lapsed: registering again renews it
        raise NotFound(registration_term(REGISTRATION_LAPSED, registration.active_until),
                       slug="job-seeker-registration-lapsed")
    # Sent as stored: the parts were written by MatchPart when ranked (store/job_matches.py), and parsing
    # and validating twenty of them again was most of this answer's time.
    head = json.dumps({"seeker_id": iin, "decided_on": on.isoformat(),
                       "registered_until": registration.active_until.isoformat()}, ensure_ascii=False)
    items = ",".join(f'{{"vacancy":{json.dumps(k.vacancy, ensure_ascii=False)},"score":{k.score},"parts":{k.parts}}}'
                     for k in found)
    return Response(f'{head[:-1]},"items":[{items}]}}', media_type="application/json")


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
