"""The OpenAPI document, telling every answer an operation can give (checked by schemathesis).

FastAPI documents the success and its own 422. What the portal answers besides comes from
a few places that hold for every route, so they are declared here once, from the route itself:

    authenticated (CurrentPrincipal)  401 with WWW-Authenticate; 503 with Retry-After when the
                                      identity provider's keys cannot be read; bearer security
    a role, a scope, or acting for    403
    a business (dependencies)
    a path parameter                  404: absent, or someone else's
    any parameter or body             422 naming the field
    a request body                    400 malformed or too deeply nested JSON, 413, 415
    the database (any /api/v1 call    503 with Retry-After when it is busy or away
    but the static ones)
    a declared 429 or 503             Retry-After
    every 4xx and 5xx of /api         application/problem+json, the Problem schema
    Idempotency-Key, Onestop-Acting-  the format the portal checks (it refuses with its own problem)
    For
    the bodies naming services        the catalogue's codes as an enumeration

What only some routes answer (a 403 of the handler's own, 409, a Location header) is declared on
the route itself.
The browser's login routes are pages, not the API: they stay out as the pages do.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, routing
from fastapi.dependencies.models import Dependant
from fastapi.openapi.utils import get_openapi

from portal.auth.acting_for import HEADER as ACTING_FOR
from portal.auth.acting_for import current_applicant
from portal.auth.dependencies import get_principal
from portal.problems import PROBLEM_JSON, ProblemDetails
from services.catalogue import CATALOGUE

_BROWSER_ONLY = ("/login", "/logout", "/auth/")
# Answered from memory: no token, no database.
_STATIC = {"/api/v1/services", "/api/v1/documents/jwks.json"}

# A 202 tells where to follow what it accepted.
LOCATION = {"Location": {"description": "Where to follow it: the status URL", "schema": {"type": "string"}}}
# The bodies that name services, and whose services they may name.
_ORDERS = {"ApplicationCreate": ("citizen", "business"), "AgencyApplicationCreate": ("citizen",)}

_RETRY_AFTER = {"Retry-After": {"description": "Seconds to wait before sending the same request again",
                                "schema": {"type": "integer", "minimum": 1}}}
_WWW_AUTHENTICATE = {"WWW-Authenticate": {"description": "The Bearer scheme the API takes",
                                          "schema": {"type": "string"}}}
# Headers the Python signature takes as plain strings, so that the portal's own checks name them in
# their problems (400 for the key, 422 for the business number), documented as those checks hold them.
_HEADERS: dict[str, dict[str, Any]] = {
    "Idempotency-Key": {"required": True, "schema": {"type": "string", "pattern": "^[!-~]{1,200}$"},
                        "description": "A unique value per application, repeated unchanged on retries: "
                                       "1-200 visible ASCII characters"},
    ACTING_FOR: {"schema": {"type": "string", "pattern": "^[0-9]{12}$"},
                 "description": "Act for a business you head: its BIN, or your IIN as a sole entrepreneur "
                                "(12 digits with the right check digit). Checked against the businesses "
                                "registry on every call."},
}
_DESCRIPTIONS = {
    400: "Malformed request: a body that is not JSON or nests too deep, a missing required header",
    401: "No token, or an expired, tampered or foreign one",
    403: "Authenticated, but not allowed",
    404: "Absent, or not yours",
    409: "In conflict with the current state",
    413: "The body is too large",
    415: "The body is not JSON",
    422: "A field is invalid; the problem names it",
    429: "Past a quota; Retry-After says when to try again",
    503: "The database, the identity provider or a registry does not answer; Retry-After says when to try again",
}


def _depends_on(dependant: Dependant, found: Callable[[Any], bool]) -> bool:
    return found(dependant.call) or any(_depends_on(d, found) for d in dependant.dependencies)


def _authenticated(dependant: Dependant) -> bool:
    return _depends_on(dependant, lambda call: call is get_principal)


def _gated(dependant: Dependant) -> bool:
    """A role, a scope or acting for a business is required: refused with 403 otherwise."""
    return _depends_on(dependant, lambda call: call is current_applicant or getattr(call, "__qualname__", "")
                       .startswith(("require_roles.", "require_scopes.")))


def _answers_of(route: Any, operation: dict[str, Any]) -> set[int]:
    answers: set[int] = set()
    if _authenticated(route.dependant):
        answers |= {401, 503}
    if _gated(route.dependant):
        answers.add(403)
    if route.path_format.startswith("/api/") and route.path_format not in _STATIC:
        answers.add(503)
    if route.dependant.path_params:
        answers.add(404)
    if operation.get("parameters") or "requestBody" in operation:
        answers.add(422)
    if "requestBody" in operation:
        answers |= {400, 413, 415}
    return answers


def _problem(response: dict[str, Any], status: int) -> None:
    response.setdefault("description", _DESCRIPTIONS.get(status, "A refusal"))
    response["content"] = {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}}
    if status in (429, 503):
        response.setdefault("headers", {}).update(_RETRY_AFTER)
    if status == 401:
        response.setdefault("headers", {}).update(_WWW_AUTHENTICATE)


def _complete(route: Any, operation: dict[str, Any]) -> None:
    responses: dict[str, Any] = operation.setdefault("responses", {})
    for status in _answers_of(route, operation):
        responses.setdefault(str(status), {})
    for code, response in responses.items():
        if code[0] in "45" and route.path_format.startswith("/api/"):
            _problem(response, int(code))
    for parameter in operation.get("parameters", []):
        if parameter["in"] == "header" and parameter["name"] in _HEADERS:
            parameter.update(_HEADERS[parameter["name"]])
    if _authenticated(route.dependant):
        operation["security"] = [{"bearer": []}]


def _name_services(schema: dict[str, Any]) -> None:
    """The service codes as an enumeration (the catalogue grows with each service that lands)."""
    audiences = _ORDERS.get(schema.get("title", ""))
    if audiences is None:
        return
    properties = schema.get("properties", {})
    codes = [code for code, spec in CATALOGUE.items() if set(spec.audience) & set(audiences)]
    if "services" in properties:
        properties["services"]["items"] = {"type": "string", "enum": codes}
        properties["services"]["uniqueItems"] = True
    if "answers" in properties:
        properties["answers"]["propertyNames"] = {"enum": codes}


def _api_routes(app: FastAPI) -> list[Any]:
    """Every API route with its full path and its routers' dependencies (FastAPI nests included routers)."""
    contexts = getattr(routing, "iter_route_contexts", None)
    routes = list(contexts(app.routes)) if contexts else list(app.routes)
    return [r for r in routes if isinstance(getattr(r, "original_route", r), routing.APIRoute)]


def contract_openapi(app: FastAPI) -> Callable[[], dict[str, Any]]:
    """`app.openapi`, built once: FastAPI's document, completed with every answer the portal gives."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        document = get_openapi(title=app.title, version=app.version, description=app.description,
                               routes=app.routes)
        for path in [p for p in document["paths"] if p.startswith(_BROWSER_ONLY)]:
            del document["paths"][path]
        components = document.setdefault("components", {})
        schemas = components.setdefault("schemas", {})
        problem = ProblemDetails.model_json_schema(ref_template="#/components/schemas/{model}")
        schemas.update(problem.pop("$defs", {}))
        schemas["Problem"] = problem
        schemas.pop("HTTPValidationError", None)
        schemas.pop("ValidationError", None)
        components["securitySchemes"] = {"bearer": {
            "type": "http", "scheme": "bearer", "bearerFormat": "JWT",
            "description": "An access token of the identity provider: a citizen's or an officer's "
                           "(authorization code), or an agency client's (client credentials)"}}
        for path in document["paths"].values():
            for operation in path.values():
                for content in operation.get("requestBody", {}).get("content", {}).values():
                    # a body schema given whole (openapi_extra) brings its nested models along
                    schemas.update(content.get("schema", {}).pop("$defs", {}))
                    _name_services(content.get("schema", {}))
        for route in _api_routes(app):
            if route.include_in_schema:
                for method in route.methods:
                    operation = document["paths"].get(route.path_format, {}).get(method.lower())
                    if operation is not None:
                        _complete(route, operation)
        app.openapi_schema = document
        return document

    return openapi
