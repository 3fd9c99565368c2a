"""FastAPI dependencies: who is calling, and may they.

    @router.get("/x")
    def x(principal: CurrentPrincipal): ...
    @router.post("/tasks/{id}/complete", dependencies=[Depends(require_roles("officer"))])

A bearer token (API callers) wins over the browser session's token (pages).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, FastAPI, Request

from onestop.settings import Settings, get_settings
from portal.auth.tokens import InvalidToken, Principal, TokenVerifier
from portal.problems import Forbidden, NotAuthenticated

SESSION_TOKEN = "access_token"
SESSION_EXPIRES_AT = "access_token_expires_at"


def verifier_for(app: FastAPI, settings: Settings | None = None) -> TokenVerifier:
    """One verifier (and one JWKS cache) per app, built on first use."""
    verifier: TokenVerifier | None = getattr(app.state, "token_verifier", None)
    if verifier is None:
        settings = settings or getattr(app.state, "auth_settings", None) or get_settings()
        verifier = TokenVerifier(settings.issuer_url, settings.api_audience,
                                 settings.jwks_cache_seconds, require_at_jwt=bool(settings.require_at_jwt))
        app.state.token_verifier = verifier
    return verifier


def get_verifier(request: Request) -> TokenVerifier:
    return verifier_for(request.app)


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization")
    if header is None:
        return None
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise NotAuthenticated("use an 'Authorization: Bearer <token>' header",
                               headers={"WWW-Authenticate": 'Bearer error="invalid_request"'})
    return token.strip()


def _session(request: Request) -> dict | None:
    return request.session if "session" in request.scope else None


async def _resolve(request: Request, *, required: bool) -> Principal | None:
    cached: Principal | None = getattr(request.state, "principal", None)
    if cached is not None:
        return cached
    verifier = get_verifier(request)
    token = _bearer(request)
    if token is not None:
        principal = await verifier.verify(token)  # a presented bad token is always refused
    else:
        session = _session(request)
        token = session.get(SESSION_TOKEN) if session is not None else None
        if token is None:
            if required:
                raise NotAuthenticated("log in first",
                                       headers={"WWW-Authenticate": "Bearer"})
            return None
        try:
            principal = await verifier.verify(token)
        except InvalidToken:
            assert session is not None
            session.pop(SESSION_TOKEN, None)  # expired login: forget it, ask again
            session.pop(SESSION_EXPIRES_AT, None)
            if required:
                raise
            return None
    request.state.principal = principal
    directory = getattr(request.app.state, "officer_directory", None)  # apps of portal.app.create_app have one
    if directory is not None:
        await directory.saw(principal)  # signing in is how an officer becomes someone to give tasks to
    return principal


async def get_principal(request: Request) -> Principal:
    principal = await _resolve(request, required=True)
    assert principal is not None
    return principal


async def optional_principal(request: Request) -> Principal | None:
    """For pages that look different when logged in; never refuses a missing login."""
    return await _resolve(request, required=False)


CurrentPrincipal = Annotated[Principal, Depends(get_principal)]
OptionalPrincipal = Annotated[Principal | None, Depends(optional_principal)]


def require_roles(*roles: str) -> Callable[..., Awaitable[Principal]]:
    """The caller must hold at least one of these roles."""
    wanted = set(roles)

    async def dependency(principal: CurrentPrincipal) -> Principal:
        if not wanted & set(principal.roles):
            raise Forbidden(f"this needs one of the roles: {', '.join(sorted(wanted))}")
        return principal

    return dependency


def require_scopes(*scopes: str) -> Callable[..., Awaitable[Principal]]:
    """The token must carry every one of these scopes."""
    wanted = frozenset(scopes)

    async def dependency(principal: CurrentPrincipal) -> Principal:
        missing = wanted - principal.scopes
        if missing:
            raise Forbidden(f"the token lacks the scopes: {', '.join(sorted(missing))}")
        return principal

    return dependency
