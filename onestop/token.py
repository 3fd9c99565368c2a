"""`onestop token`: an access token from the configured issuer, through the real OIDC flow.

A citizen or an officer goes through authorization code + PKCE with the CLI's public client,
exactly as a browser would: fetch the login page, post its form, read the code from the
redirect (never followed: the CLI's redirect URI need not listen), exchange it. An agency
system uses client credentials. Works against any issuer whose login form has the fields
`username` and `password`.
"""

from __future__ import annotations

import asyncio
import warnings
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

import httpx
from authlib.common.security import generate_token
from authlib.deprecate import AuthlibDeprecationWarning

with warnings.catch_warnings():  # authlib would rather have httpx2, which is not installed
    warnings.simplefilter("ignore", AuthlibDeprecationWarning)
    from authlib.integrations.httpx_client import AsyncOAuth2Client, OAuthError

from onestop import demo
from onestop.settings import Settings

TIMEOUT_SECONDS = 10.0


class TokenRefused(RuntimeError):
    """The issuer said no: wrong password, unknown client, a person who may not log in..."""


class _LoginForm(HTMLParser):
    """The first form of the page with its inputs, and the text of any role=alert element."""

    def __init__(self) -> None:
        super().__init__()
        self.action: str | None = None
        self.fields: dict[str, str] = {}
        self.alert: list[str] = []
        self._in_form = self._in_alert = False
        self._done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and not self._done:
            self._in_form, self.action = True, a.get("action", "")
        elif tag == "input" and self._in_form and a.get("name"):
            self.fields[a["name"]] = a.get("value", "")
        if a.get("role") == "alert":
            self._in_alert = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self._in_form:
            self._in_form, self._done = False, True
        if tag == "div":
            self._in_alert = False

    def handle_data(self, data: str) -> None:
        if self._in_alert and data.strip():
            self.alert.append(data.strip())


async def _discover(http: httpx.AsyncClient, issuer_url: str) -> dict[str, Any]:
    url = issuer_url.rstrip("/") + "/.well-known/openid-configuration"
    response = await http.get(url)
    response.raise_for_status()
    return dict(response.json())


def _refusal(exc: OAuthError) -> TokenRefused:
    return TokenRefused(f"the issuer refused: {exc.error}"
                        + (f" ({exc.description})" if exc.description else ""))


async def _client_credentials(settings: Settings, meta: dict[str, Any], client_id: str,
                              secret: str | None) -> str:
    if secret is None and settings.environment == "development":
        secret = next((c.secret for c in demo.CLIENTS if c.client_id == client_id), None)
    if not secret:
        raise TokenRefused(f"no secret given for client {client_id!r} (use --secret)")
    async with AsyncOAuth2Client(client_id, secret, timeout=TIMEOUT_SECONDS,
                                 token_endpoint_auth_method="client_secret_basic") as oauth:
        try:
            token = await oauth.fetch_token(meta["token_endpoint"], grant_type="client_credentials")
        except OAuthError as exc:
            raise _refusal(exc) from None
    return str(token["access_token"])


async def _login(settings: Settings, meta: dict[str, Any], username: str, password: str) -> str:
    verifier = generate_token(64)
    async with AsyncOAuth2Client(settings.cli_client_id, None, scope="openid profile",
                                 redirect_uri=settings.cli_redirect_uri,
                                 code_challenge_method="S256", timeout=TIMEOUT_SECONDS,
                                 token_endpoint_auth_method="none") as oauth, \
            httpx.AsyncClient(timeout=TIMEOUT_SECONDS) as browser:  # keeps the login page's cookie
        url, state = oauth.create_authorization_url(meta["authorization_endpoint"],
                                                    code_verifier=verifier, ui_locales="en")
        page = await browser.get(url)
        if page.status_code != 200:
            raise TokenRefused(f"the login page answered {page.status_code}")
        form = _LoginForm()
        form.feed(page.text)
        if form.action is None or "username" not in form.fields and "password" not in form.fields:
            raise TokenRefused("the issuer's login page has no username/password form")
        fields = {**form.fields, "username": username, "password": password}
        answer = await browser.post(urljoin(str(page.url), form.action), data=fields,
                                    follow_redirects=False)
        location = answer.headers.get("location")
        if answer.status_code not in (302, 303) or not location:
            parsed = _LoginForm()
            parsed.feed(answer.text)
            reason = " ".join(parsed.alert) or f"HTTP {answer.status_code}"
            raise TokenRefused(f"login refused: {reason}")
        query = parse_qs(urlsplit(location).query)
        if "error" in query:
            raise TokenRefused(f"login refused: {query['error'][0]}")
        if query.get("state", [None])[0] != state:
            raise TokenRefused("the issuer returned another state: refusing the code")
        try:
            token = await oauth.fetch_token(meta["token_endpoint"], code=query["code"][0],
                                            code_verifier=verifier)
        except OAuthError as exc:
            raise _refusal(exc) from None
    return str(token["access_token"])


async def obtain_token_async(settings: Settings, *, citizen: str | None = None,
                             officer: str | None = None, client: str | None = None,
                             secret: str | None = None, password: str | None = None) -> str:
    """An access token for exactly one of citizen (IIN), officer (login) or client (id)."""
    if sum(x is not None for x in (citizen, officer, client)) != 1:
        raise ValueError("give exactly one of citizen, officer or client")
    async with httpx.AsyncClient(timeout=TIMEOUT_SECONDS) as http:
        meta = await _discover(http, settings.issuer_url)
    if client is not None:
        return await _client_credentials(settings, meta, client, secret)
    username = citizen if citizen is not None else officer
    assert username is not None
    return await _login(settings, meta, username,
                        password if password is not None else settings.demo_password)


def obtain_token(settings: Settings, *, citizen: str | None = None, officer: str | None = None,
                 client: str | None = None, secret: str | None = None,
                 password: str | None = None) -> str:
    return asyncio.run(obtain_token_async(settings, citizen=citizen, officer=officer,
                                          client=client, secret=secret, password=password))
