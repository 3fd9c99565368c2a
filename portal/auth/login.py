"""The portal's browser login: an OIDC relying party (authorization code + PKCE S256).

    GET  /login?next=/path    -> the issuer's login page (state and verifier kept in the session)
    GET  /auth/callback       <- back from the issuer: check state, exchange the code,
                                 verify the access token, keep it in the session, go to next
    POST /logout              forget the session (the form's CSRF token required)

The session is Starlette's signed cookie (`install_sessions`); it holds the access token
only, so it stays below the 4 kB cookie limit. A login starts a new session: what was in the
one before (a CSRF token an attacker may have planted) is dropped, the language kept.
Outside development the cookie is `__Host-` prefixed: Secure, path /, no domain, so no
sibling host can set or shadow it.
"""

from __future__ import annotations

import secrets
import warnings

from authlib.common.security import generate_token
from authlib.deprecate import AuthlibDeprecationWarning
from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import RedirectResponse
from starlette.middleware.sessions import SessionMiddleware

from onestop import demo
from onestop.settings import Settings
from portal.auth.csrf import CSRF_FIELD, csrf_valid
from portal.auth.dependencies import SESSION_EXPIRES_AT, SESSION_TOKEN, verifier_for
from portal.problems import Forbidden, NotAuthenticated

with warnings.catch_warnings():  # authlib would rather have httpx2, which is not installed
    warnings.simplefilter("ignore", AuthlibDeprecationWarning)
    from authlib.integrations.httpx_client import AsyncOAuth2Client, OAuthError

SESSION_COOKIE = "onestop_session"
SECURE_SESSION_COOKIE = "__Host-onestop_session"
LANGUAGE_SESSION_KEY = "lang"
PENDING_LOGIN = "oidc_login"
LOGIN_SCOPE = "openid profile"
UI_LANGUAGES = ("kk", "ru", "en")


def install_sessions(app: FastAPI, settings: Settings) -> None:
    """The signed session cookie the login keeps its state and token in."""
    app.state.auth_settings = settings
    secure = not settings.is_development  # plain http in development: no Secure cookie, so no prefix
    app.add_middleware(SessionMiddleware, secret_key=settings.session_secret,
                       session_cookie=SECURE_SESSION_COOKIE if secure else SESSION_COOKIE, same_site="lax",
                       https_only=secure, path="/", max_age=12 * 3600)


def _new_session(request: Request) -> None:
    """Drop everything the session held before the login but its language."""
    language = request.session.get(LANGUAGE_SESSION_KEY)
    request.session.clear()
    if language:
        request.session[LANGUAGE_SESSION_KEY] = language


def safe_next(value: str | None) -> str:
    """Only a path on this site: never `//evil.example` or `https://...` (open redirect)."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return "/"
    return value


def _ui_language(request: Request) -> str | None:
    lang = request.query_params.get("lang")
    if lang in UI_LANGUAGES:
        return lang
    best = request.headers.get("accept-language", "")[:2].lower()
    return best if best in UI_LANGUAGES else None


def login_router(settings: Settings) -> APIRouter:
    router = APIRouter(tags=["login"])
    redirect_uri = settings.portal_public_url.rstrip("/") + demo.PORTAL_REDIRECT_PATH

    def oauth_client() -> AsyncOAuth2Client:
        return AsyncOAuth2Client(settings.portal_client_id, settings.portal_client_secret,
                                 scope=LOGIN_SCOPE, redirect_uri=redirect_uri,
                                 code_challenge_method="S256", timeout=10.0,
                                 token_endpoint_auth_method="client_secret_basic")

    @router.get("/login")
    async def login(request: Request, next: str | None = None) -> RedirectResponse:
        metadata = await verifier_for(request.app, settings).metadata()
        verifier = generate_token(64)
        extra = {"ui_locales": lang} if (lang := _ui_language(request)) else {}
        async with oauth_client() as oauth:
            url, state = oauth.create_authorization_url(
                metadata["authorization_endpoint"], code_verifier=verifier, **extra)
        request.session[PENDING_LOGIN] = {"state": state, "verifier": verifier,
                                          "next": safe_next(next)}
        return RedirectResponse(url, status_code=302)

    @router.get(demo.PORTAL_REDIRECT_PATH)
    async def callback(request: Request, state: str = "", code: str | None = None,
                       error: str | None = None) -> RedirectResponse:
        pending = request.session.pop(PENDING_LOGIN, None)
        if not pending or not state or not secrets.compare_digest(str(pending["state"]), state):
            raise NotAuthenticated("the login could not be matched to this browser: start again")
        if error or not code:
            raise NotAuthenticated(f"the identity provider refused the login: {error or 'no code'}")
        verifier = verifier_for(request.app, settings)
        metadata = await verifier.metadata()
        async with oauth_client() as oauth:
            try:
                token = await oauth.fetch_token(metadata["token_endpoint"], code=code,
                                                code_verifier=pending["verifier"],
                                                redirect_uri=redirect_uri)
            except OAuthError as exc:
                raise NotAuthenticated(f"the code exchange was refused: {exc.error}") from None
        access_token = str(token["access_token"])
        await verifier.verify(access_token)  # never keep a token we would refuse later
        _new_session(request)
        request.session[SESSION_TOKEN] = access_token
        request.session[SESSION_EXPIRES_AT] = token.get("expires_at")
        return RedirectResponse(safe_next(pending.get("next")), status_code=303)

    @router.post("/logout")
    async def logout(request: Request) -> RedirectResponse:
        form = await request.form()
        if not csrf_valid(request, form.get(CSRF_FIELD)):
            # another site's form must not log the citizen out (nor anyone in as someone else)
            raise Forbidden("the form is out of date: reload the page and try again", field=CSRF_FIELD,
                            slug="csrf-invalid")
        request.session.clear()
        return RedirectResponse("/", status_code=303)

    return router
