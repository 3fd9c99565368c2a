"""One place that turns every refusal into application/problem+json (RFC 9457)."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic_core import ErrorDetails
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from portal.i18n import language_of
from portal.problems import (
    PROBLEM_JSON,
    BadRequest,
    Forbidden,
    Internal,
    NotAuthenticated,
    NotFound,
    Problem,
    ValidationFailed,
)

log = logging.getLogger("onestop.portal")

_BY_STATUS: dict[int, type[Problem]] = {401: NotAuthenticated, 403: Forbidden, 404: NotFound, 422: ValidationFailed}


def problem_response(request: Request, problem: Problem) -> JSONResponse:
    body = problem.body(language_of(request), instance=request.url.path)
    headers = dict(problem.headers)
    if problem.status == 401:
        headers.setdefault("WWW-Authenticate", 'Bearer realm="onestop"')
    return JSONResponse(body, status_code=problem.status, media_type=PROBLEM_JSON, headers=headers)


def field_path(location: tuple[Any, ...] | list[Any]) -> str:
    """('body', 'answers', 'x', 'phone') -> 'answers.x.phone'; list indexes as [i]."""
    path = ""
    for part in location:
        if part in ("body", "query", "path", "header") and not path:
            continue
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


def field_errors(errors: Iterable[ErrorDetails], within: Sequence[Any] = (), whole: str = "") -> list[dict[str, str]]:
    """pydantic's errors as a problem's `errors`: the field, a stable `code` and the message.

    The code is pydantic's error type or the form's own (`contact_missing`): a page picks its
    translated text from it, never from the English message. `within` is where the validated
    object sits in the request; `whole` names the field of an error about the object as a whole.
    """
    return [{"field": field_path((*within, *e["loc"])) or whole, "code": e["type"], "message": e["msg"]}
            for e in errors]


_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


def allowed_methods(request: Request) -> list[str]:
    """Every method some route of this path answers (Starlette's 405 names only the first route's).

    Asked of the routes themselves, method by method: included routers wrap their routes."""
    routes = request.app.router.routes
    scope = {k: v for k, v in request.scope.items() if k not in ("route", "endpoint", "path_params")}
    return [m for m in _METHODS if any(r.matches({**scope, "method": m})[0] == Match.FULL for r in routes)]


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(Problem)
    async def _problem(request: Request, exc: Problem) -> JSONResponse:
        return problem_response(request, exc)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = field_errors(exc.errors())
        problem = ValidationFailed(errors[0]["message"] if errors else "invalid request",
                                   field=errors[0]["field"] if errors else None, errors=errors)
        return problem_response(request, problem)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        kind = _BY_STATUS.get(exc.status_code)
        if kind is None:
            problem: Problem = BadRequest(str(exc.detail))
            problem.status = exc.status_code  # type: ignore[misc]
            problem.slug = f"http-{exc.status_code}"  # type: ignore[misc]
        else:
            problem = kind(str(exc.detail))
        problem.headers = {**(exc.headers or {}), **problem.headers}
        if exc.status_code == 405:
            problem.headers["Allow"] = ", ".join(allowed_methods(request))
        return problem_response(request, problem)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        problem = Internal("an unexpected error; it has been logged")
        return JSONResponse(problem.body(language_of(request)), status_code=500, media_type=PROBLEM_JSON)
