"""What a browser does at the provider's login page, step by step, for the protocol tests."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import httpx
from authlib.common.security import generate_token
from authlib.oauth2.rfc7636 import create_s256_code_challenge

from tests.idp.process import Idp


@dataclass
class Pkce:
    verifier: str
    challenge: str

    @classmethod
    def new(cls) -> Pkce:
        verifier = generate_token(64)
        return cls(verifier, create_s256_code_challenge(verifier))


def authorize_params(idp: Idp, pkce: Pkce | None, *, client_id: str | None = None,
                     redirect_uri: str | None = None, state: str = "st-123",
                     **extra: str) -> dict[str, str]:
    params = {"response_type": "code", "client_id": client_id or idp.settings.cli_client_id,
              "redirect_uri": redirect_uri or idp.settings.cli_redirect_uri,
              "scope": "openid profile", "state": state}
    if pkce:
        params.update(code_challenge=pkce.challenge, code_challenge_method="S256")
    params.update(extra)
    return params


def login(browser: httpx.Client, idp: Idp, params: dict[str, str], username: str,
          password: str | None = None) -> httpx.Response:
    """Open the login page and post its form; the answer is not followed."""
    page = browser.get(f"{idp.url}/authorize", params=params)
    assert page.status_code == 200, page.text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert csrf
    return browser.post(str(page.url), data={
        "csrf_token": csrf.group(1), "username": username,
        "password": idp.settings.demo_password if password is None else password})


def redirect_query(response: httpx.Response) -> dict[str, str]:
    assert response.status_code == 302, response.text
    return {k: v[0] for k, v in parse_qs(urlsplit(response.headers["location"]).query).items()}


def code_for(browser: httpx.Client, idp: Idp, pkce: Pkce, username: str = "850715300122",
             **kw: str) -> str:
    query = redirect_query(login(browser, idp, authorize_params(idp, pkce, **kw), username))
    return query["code"]


def exchange(idp: Idp, code: str, verifier: str, *, client_id: str | None = None,
             redirect_uri: str | None = None, auth: tuple[str, str] | None = None) -> httpx.Response:
    data = {"grant_type": "authorization_code", "code": code, "code_verifier": verifier,
            "redirect_uri": redirect_uri or idp.settings.cli_redirect_uri}
    if auth is None:
        data["client_id"] = client_id or idp.settings.cli_client_id
    return httpx.post(f"{idp.url}/token", data=data, auth=auth)
