"""The portal's browser login and the dependencies, in a small FastAPI app against a real provider."""

from __future__ import annotations

import re
import secrets
from collections.abc import AsyncIterator
from typing import Annotated, Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from fastapi import Depends, FastAPI, Request
from fastapi.responses import JSONResponse

from onestop import demo
from onestop.settings import SECRET_FIELDS, Settings
from onestop.token import obtain_token_async
from portal.auth import (
    CurrentPrincipal,
    OptionalPrincipal,
    Principal,
    install_sessions,
    login_router,
    require_roles,
    require_scopes,
)
from portal.auth.csrf import csrf_token
from portal.problems import Problem
from tests.idp.process import Idp


def _app(settings: Settings) -> FastAPI:
    app = FastAPI()
    install_sessions(app, settings)
    app.include_router(login_router(settings))

    @app.exception_handler(Problem)  # the real portal's handler lives elsewhere; this mirrors it
    async def problem(request: Request, exc: Problem) -> JSONResponse:
        return JSONResponse(exc.body(), status_code=exc.status, headers=exc.headers)

    @app.get("/csrf")  # what a page's forms carry (portal/pages renders it into each form)
    async def csrf(request: Request) -> dict:
        return {"csrf": csrf_token(request)}

    @app.get("/me")
    async def me(principal: CurrentPrincipal) -> dict:
        return {"kind": principal.kind, "subject": principal.subject}

    @app.get("/page")
    async def page(principal: OptionalPrincipal) -> dict:
        return {"logged_in": principal is not None}

    @app.get("/inbox")
    async def inbox(principal: Annotated[Principal, Depends(require_roles("officer", "supervisor"))]) -> dict:
        return {"agency": principal.agency}

    @app.get("/start")
    async def start(principal: Annotated[Principal, Depends(
            require_scopes("services:self-employed-registration:start"))]) -> dict:
        return {"client": principal.client_id}

    return app


@pytest.fixture
async def portal(idp: Idp) -> AsyncIterator[httpx.AsyncClient]:
    settings = Settings(state_dir=idp.state_dir, idp_port=idp.settings.idp_port,
                        portal_port=idp.portal_port)
    app = _app(settings)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url=settings.portal_public_url) as client:
        yield client
    if hasattr(app.state, "token_verifier"):
        await app.state.token_verifier.aclose()


async def _log_in(portal: httpx.AsyncClient, username: str, next_path: str = "/me",
                  password: str = "demo") -> httpx.Response:
    start = await portal.get("/login", params={"next": next_path, "lang": "en"})
    assert start.status_code == 302
    location = start.headers["location"]
    assert parse_qs(urlsplit(location).query)["code_challenge_method"] == ["S256"]
    async with httpx.AsyncClient() as browser:
        page = await browser.get(location)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        assert csrf, page.text
        answer = await browser.post(str(page.url), data={
            "csrf_token": csrf.group(1), "username": username, "password": password})
    assert answer.status_code == 302, answer.text
    back = urlsplit(answer.headers["location"])
    assert back.path == demo.PORTAL_REDIRECT_PATH
    return await portal.get(f"{back.path}?{back.query}")


async def test_browser_login_then_logout(portal: httpx.AsyncClient) -> None:
    assert (await portal.get("/me")).status_code == 401
    assert (await portal.get("/page")).json() == {"logged_in": False}
    done = await _log_in(portal, "850715300122", next_path="/me?x=1")
    assert done.status_code == 303 and done.headers["location"] == "/me?x=1"
    assert (await portal.get("/me")).json() == {"kind": "citizen", "subject": "850715300122"}
    assert (await portal.get("/page")).json() == {"logged_in": True}
    assert (await portal.get("/inbox")).status_code == 403
    csrf = (await portal.get("/csrf")).json()["csrf"]
    out = await portal.post("/logout", data={"csrf": csrf})
    assert out.status_code == 303
    assert (await portal.get("/me")).status_code == 401


async def test_logout_needs_the_forms_csrf_token(portal: httpx.AsyncClient) -> None:
    """Another site's form (no token, or a token of another session) cannot log the citizen out."""
    await _log_in(portal, "850715300122")
    csrf = (await portal.get("/csrf")).json()["csrf"]
    for data in ({}, {"csrf": ""}, {"csrf": csrf + "x"}, {"csrf": "a" * len(csrf)}):
        refused = await portal.post("/logout", data=data)
        assert refused.status_code == 403 and refused.json()["field"] == "csrf", data
        assert (await portal.get("/me")).status_code == 200  # still logged in
    assert (await portal.post("/logout", data={"csrf": csrf})).status_code == 303
    assert (await portal.get("/me")).status_code == 401


async def test_a_login_starts_a_new_session(portal: httpx.AsyncClient) -> None:
    """Session fixation: what the session held before the login (a CSRF token an attacker could have
    planted) is gone after it."""
    planted = (await portal.get("/csrf")).json()["csrf"]
    before = dict(portal.cookies)
    await _log_in(portal, "850715300122")
    after = (await portal.get("/csrf")).json()["csrf"]
    assert after != planted and dict(portal.cookies) != before
    assert (await portal.post("/logout", data={"csrf": planted})).status_code == 403
    assert (await portal.post("/logout", data={"csrf": after})).status_code == 303


async def test_officer_login_reaches_the_inbox(portal: httpx.AsyncClient) -> None:
    await _log_in(portal, "tax.astana.officer")
    assert (await portal.get("/inbox")).json() == {"agency": "tax"}


async def test_next_must_be_a_local_path(portal: httpx.AsyncClient) -> None:
    for evil in ("https://evil.example/", "//evil.example/x", "/\\evil.example"):
        done = await _log_in(portal, "850715300122", next_path=evil)
        assert done.headers["location"] == "/"


async def test_callback_without_a_matching_state_is_refused(portal: httpx.AsyncClient) -> None:
    assert (await portal.get(demo.PORTAL_REDIRECT_PATH, params={"code": "x", "state": "y"})).status_code == 401
    await portal.get("/login")
    refused = await portal.get(demo.PORTAL_REDIRECT_PATH, params={"code": "x", "state": "forged"})
    assert refused.status_code == 401


async def test_a_replayed_callback_is_refused(portal: httpx.AsyncClient) -> None:
    start = await portal.get("/login")
    async with httpx.AsyncClient() as browser:
        page = await browser.get(start.headers["location"])
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        assert csrf
        answer = await browser.post(str(page.url), data={
            "csrf_token": csrf.group(1), "username": "850715300122", "password": "demo"})
    callback = urlsplit(answer.headers["location"])
    assert (await portal.get(f"{callback.path}?{callback.query}")).status_code == 303
    assert (await portal.get(f"{callback.path}?{callback.query}")).status_code == 401


async def test_bearer_tokens(idp: Idp, portal: httpx.AsyncClient) -> None:
    agency = demo.CLIENTS[0]
    token = await obtain_token_async(idp.settings, client=agency.client_id, secret=agency.secret)
    assert (await portal.get("/start", headers={"Authorization": f"Bearer {token}"})).json() == {
        "client": agency.client_id}
    reader = demo.CLIENTS[1]
    weaker = await obtain_token_async(idp.settings, client=reader.client_id, secret=reader.secret)
    assert (await portal.get("/start", headers={"Authorization": f"Bearer {weaker}"})).status_code == 403

    bad = await portal.get("/me", headers={"Authorization": "Bearer nonsense"})
    assert bad.status_code == 401 and "invalid_token" in bad.headers["www-authenticate"]
    assert (await portal.get("/me", headers={"Authorization": "Basic eDp5"})).status_code == 401
    # a presented bad token is refused even where a login is optional
    assert (await portal.get("/page", headers={"Authorization": "Bearer nonsense"})).status_code == 401


async def test_outside_development_the_session_cookie_is_host_prefixed(idp: Idp) -> None:
    """__Host-: Secure, path /, no Domain, so no sibling host can set or shadow the session."""
    strong: dict[str, Any] = {name: secrets.token_hex(32) for name in SECRET_FIELDS}
    settings = Settings(_env_file=None, environment="production", state_dir=idp.state_dir,
                        issuer_url=idp.url, portal_public_url="https://onestop.example.kz", **strong)
    development = Settings(_env_file=None, state_dir=idp.state_dir, idp_port=idp.settings.idp_port)
    for current, name, secure in ((settings, "__Host-onestop_session", True),
                                  (development, "onestop_session", False)):
        app = _app(current)
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                     base_url="https://onestop.example.kz") as browser:
            start = await browser.get("/login")
        await app.state.token_verifier.aclose()
        assert start.status_code == 302
        cookie = start.headers["set-cookie"]
        assert cookie.startswith(f"{name}=")
        attributes = {part.strip().split("=")[0].lower() for part in cookie.split(";")[1:]}
        assert ("secure" in attributes) is secure and "domain" not in attributes
        assert "path=/;" in cookie.lower().replace(" ", "") + ";" and "httponly" in attributes
