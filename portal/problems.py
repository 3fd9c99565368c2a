"""Errors the API returns, as RFC 9457 problem details (application/problem+json).

    Problem                      any refusal; carries its HTTP status and a stable type
    ├── BadRequest (400)         malformed request: not JSON, missing header
    ├── NotAuthenticated (401)   no token, or expired, tampered, wrong issuer or audience
    ├── Forbidden (403)          authenticated, but not allowed
    ├── NotFound (404)           absent, or someone else's (never tell which)
    ├── Conflict (409)           e.g. an Idempotency-Key reused with another body
    ├── PayloadTooLarge (413)
    ├── UnsupportedMediaType (415)
    ├── ValidationFailed (422)   form errors, each naming its field
    ├── TooManyRequests (429)    past a quota (portal/quotas.py); Retry-After says when to try again
    ├── Unavailable (503)        a registry or the login service does not answer; try again
    └── Internal (500)           an unexpected error (logged); only the last-resort handler makes it

Titles exist in kk, ru and en; the handler picks the caller's language, and tells the detail in it
too (portal/problem_texts.py holds the kk/ru of the English details the code raises).
"""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel, Field

PROBLEM_JSON = "application/problem+json"
TYPE_BASE = "https://onestop.kz/problems/"


class FieldError(BaseModel):
    field: str = Field(description="Where in the request: a body path (answers.x.phone), a parameter or a header")
    code: str | None = Field(default=None, description="A stable code pages translate (pydantic's or the form's)")
    message: str


class ProblemDetails(BaseModel):
    """The body of every refusal (RFC 9457), as the API documents it."""

    type: str = Field(description="A stable URI naming the kind of problem")
    title: str = Field(description="Short, in the caller's language")
    status: int
    detail: str
    instance: str | None = Field(default=None, description="The path that was called")
    field: str | None = Field(default=None, description="The field, parameter or header that was wrong")
    errors: list[FieldError] | None = Field(default=None, description="Every field error, when there are several")


class Problem(Exception):
    status: ClassVar[int] = 400
    slug: ClassVar[str] = "bad-request"
    titles: ClassVar[dict[str, str]] = {
        "kk": "Сұрау дұрыс емес",
        "ru": "Некорректный запрос",
        "en": "Bad request",
    }

    def __init__(self, detail: str | dict[str, str], *, field: str | None = None,
                 errors: list[dict[str, Any]] | None = None, slug: str | None = None,
                 headers: dict[str, str] | None = None) -> None:
        # A detail given in kk/ru/en is told in the caller's language, Kazakh (the state language) otherwise.
        super().__init__(detail if isinstance(detail, str) else detail.get("en", detail["kk"]))
        self.detail = detail
        self.field = field
        self.errors = errors or []
        self.headers = headers or {}
        if slug:
            self.slug = slug  # type: ignore[misc]

    def _detail_in(self, language: str) -> str:
        """The detail in the caller's language: given in kk/ru/en, or English told through the catalogue;
        a form's field error by its code, the field named."""
        if not isinstance(self.detail, str):
            return self.detail.get(language, self.detail["kk"])
        # Imported here: the catalogue reads the pages' field texts, and the pages import this module.
        from portal.problem_texts import field_error_detail, localized_detail
        first = self.errors[0] if self.errors else None
        if language != "en" and first and first.get("code") and self.detail == first.get("message"):
            return field_error_detail(first.get("field", ""), first["code"], language)
        return localized_detail(self.detail, language, fallback=self.titles.get(language, self.titles["kk"]))

    def body(self, language: str = "en", instance: str | None = None) -> dict[str, Any]:
        body: dict[str, Any] = {
            "type": TYPE_BASE + self.slug,
            "title": self.titles.get(language, self.titles["en"]),
            "status": self.status,
            "detail": self._detail_in(language),
        }
        if instance:
            body["instance"] = instance
        if self.field:
            body["field"] = self.field
        if self.errors:
            body["errors"] = self.errors
        return body


class BadRequest(Problem):
    pass


class NotAuthenticated(Problem):
    status = 401
    slug = "not-authenticated"
    titles = {"kk": "Кіру қажет", "ru": "Требуется вход", "en": "Authentication required"}


class Forbidden(Problem):
    status = 403
    slug = "forbidden"
    titles = {"kk": "Рұқсат жоқ", "ru": "Доступ запрещён", "en": "Forbidden"}


class NotFound(Problem):
    status = 404
    slug = "not-found"
    titles = {"kk": "Табылмады", "ru": "Не найдено", "en": "Not found"}


class Conflict(Problem):
    status = 409
    slug = "conflict"
    titles = {"kk": "Қайшылық", "ru": "Конфликт", "en": "Conflict"}


class PayloadTooLarge(Problem):
    status = 413
    slug = "payload-too-large"
    titles = {"kk": "Сұрау тым үлкен", "ru": "Слишком большой запрос", "en": "Payload too large"}


class UnsupportedMediaType(Problem):
    status = 415
    slug = "unsupported-media-type"
    titles = {"kk": "Деректер түрі қолдау көрсетілмейді", "ru": "Неподдерживаемый тип данных",
              "en": "Unsupported media type"}


class ValidationFailed(Problem):
    status = 422
    slug = "validation-failed"
    titles = {"kk": "Деректер қате", "ru": "Ошибка в данных", "en": "Invalid data"}


class TooManyRequests(Problem):
    status = 429
    slug = "too-many-requests"
    titles = {"kk": "Сұраулар тым көп", "ru": "Слишком много запросов", "en": "Too many requests"}

    def __init__(self, detail: str, *, retry_after: int, field: str | None = None) -> None:
        super().__init__(detail, field=field, headers={"Retry-After": str(max(1, retry_after))})


class Unavailable(Problem):
    status = 503
    slug = "unavailable"
    titles = {"kk": "Қызмет уақытша қолжетімсіз", "ru": "Сервис временно недоступен",
              "en": "Temporarily unavailable"}


class Internal(Problem):
    status = 500
    slug = "internal"
    titles = {"kk": "Ішкі қате", "ru": "Внутренняя ошибка", "en": "Internal error"}
