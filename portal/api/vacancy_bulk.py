"""`POST /api/v1/vacancies/bulk`: an employer publishes up to 1,000 vacancies in one request."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Header, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from portal.applications import submission
from portal.auth.acting_for import CurrentApplicant
from portal.database import in_transaction
from portal.labour import bulk
from portal.labour.bulk import BULK_PATH, MAX_VACANCIES
from portal.problems import Conflict
from services.vacancy import VacancyForm
from store.repository import IdempotencyConflict

router = APIRouter(tags=["labour exchange"])


class BulkBody(BaseModel):
    """The request's shape, for the API's description (the handler checks each item itself, to name it)."""

    vacancies: list[VacancyForm] = Field(min_length=1, max_length=MAX_VACANCIES)
    language: Literal["kk", "ru", "en"] | None = None


_BODY = {"requestBody": {"required": True, "content": {"application/json": {"schema": BulkBody.model_json_schema()}}}}


class Published(BaseModel):
    index: int
    vacancy_id: str


class InModeration(BaseModel):
    index: int
    application_id: str
    flagged: dict[str, list[str]]


class BulkResult(BaseModel):
    batch_id: str
    published: list[Published]
    in_moderation: list[InModeration]


@router.post(BULK_PATH.removeprefix("/api/v1"), response_model=BulkResult, status_code=201,
             summary=f"Publish up to {MAX_VACANCIES} vacancies at once for a business you head",
             description="Body: `{\"vacancies\": [<vacancy-publication form>, ...]}`. Every item is checked; one "
                         "bad item refuses all (422 naming `vacancies[i].field`), nothing stored. The vacancies "
                         "a check flags are filed as vacancy-publication applications and wait for a moderator "
                         "(202); the others are published at once (201).",
             openapi_extra=_BODY,
             responses={202: {"description": "published, and some vacancies wait in moderation"},
                        400: {"description": "malformed body or missing Idempotency-Key"},
                        403: {"description": "not the head of the business, or the business is not active"},
                        409: {"description": "Idempotency-Key reused with other vacancies"},
                        413: {"description": f"more than {MAX_VACANCIES} vacancies, or the body too large"},
                        415: {"description": "the body is not JSON"},
                        422: {"description": "a vacancy's errors, each naming vacancies[i].field"},
                        503: {"description": "the businesses registry does not answer"}})
async def publish_many(request: Request, employer: CurrentApplicant,
                       idempotency_key: Annotated[str | None, Header(alias="Idempotency-Key")] = None) -> Any:
    key = submission.idempotency_key(idempotency_key)
    bulk.require_active_business(employer)
    body = submission.parse_json_body(request.headers.get("content-type"), await request.body())
    on = submission.today_in_kazakhstan()
    checked = bulk.check(body, employer, key, on)
    language = body.get("language") if body.get("language") in ("kk", "ru", "en") else "kk"
    try:
        batch_id, filed = await in_transaction(
            request, lambda session: bulk.store(session, employer, key, checked, language, on))
    except IdempotencyConflict as exc:
        raise Conflict("this Idempotency-Key was used for other vacancies", field="Idempotency-Key",
                       slug="idempotency-key-reused") from exc
    words = {index: flagged for index, _, flagged in checked.flagged}
    for index, application_id, created in filed:
        if created:
            answers = next(a for i, a, _ in checked.flagged if i == index)
            request.app.state.workflows.start_soon(application_id, employer.id, language, [(bulk.CODE, answers)], on)
    result = BulkResult(
        batch_id=batch_id,
        published=[Published(index=i, vacancy_id=v["vacancy_id"]) for i, v in checked.published],
        in_moderation=[InModeration(index=i, application_id=a, flagged=words[i]) for i, a, _ in filed])
    return JSONResponse(result.model_dump(mode="json"), status_code=202 if filed else 201)
