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
    └── Unavailable (503)        a registry or the login service does not answer; try again

Titles exist in kk, ru and en; the handler picks the caller's language.
"""

from __future__ import annotations

from typing import Any, ClassVar

PROBLEM_JSON = "application/problem+json"
TYPE_BASE = "https://onestop.kz/problems/"


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

    def body(self, language: str = "en", instance: str | None = None) -> dict[str, Any]:
        body: dict[str, Any] = {
            "type": TYPE_BASE + self.slug,
            "title": self.titles.get(language, self.titles["en"]),
            "status": self.status,
            "detail": self.detail if isinstance(self.detail, str) else self.detail.get(language, self.detail["kk"]),
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


class Unavailable(Problem):
    status = 503
    slug = "unavailable"
    titles = {"kk": "Қызмет уақытша қолжетімсіз", "ru": "Сервис временно недоступен",
              "en": "Temporarily unavailable"}
