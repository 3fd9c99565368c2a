"""Client credentials for agency systems."""

from __future__ import annotations

import httpx
from joserfc import jwt
from joserfc.jwk import KeySet

from onestop import demo
from tests.idp.process import Idp

AGENCY = demo.CLIENTS[0]


def _claims(idp: Idp, token: str) -> dict:
    keys = KeySet.import_key_set(httpx.get(f"{idp.url}/jwks.json").json())
    return jwt.decode(token, keys, algorithms=["RS256"]).claims


def test_client_secret_basic(idp: Idp) -> None:
    response = httpx.post(f"{idp.url}/token", data={"grant_type": "client_credentials"},
                          auth=(AGENCY.client_id, AGENCY.secret))
    assert response.status_code == 200, response.text
    claims = _claims(idp, response.json()["access_token"])
    assert claims["sub"] == AGENCY.client_id and claims["client_id"] == AGENCY.client_id
    assert claims["roles"] == ["agency"] and claims["agency"] == AGENCY.agency
    assert set(claims["scope"].split()) == set(AGENCY.scopes)
    assert claims["aud"] == idp.settings.api_audience


def test_client_secret_post_with_a_narrower_scope(idp: Idp) -> None:
    response = httpx.post(f"{idp.url}/token", data={
        "grant_type": "client_credentials", "client_id": AGENCY.client_id,
        "client_secret": AGENCY.secret, "scope": "applications:read"})
    assert response.status_code == 200, response.text
    assert _claims(idp, response.json()["access_token"])["scope"] == "applications:read"


def test_wrong_secret_is_refused(idp: Idp) -> None:
    response = httpx.post(f"{idp.url}/token", data={"grant_type": "client_credentials"},
                          auth=(AGENCY.client_id, "wrong"))
    assert response.status_code == 401 and response.json()["error"] == "invalid_client"


def test_unknown_client_is_refused(idp: Idp) -> None:
    response = httpx.post(f"{idp.url}/token", data={"grant_type": "client_credentials"},
                          auth=("nobody", "x"))
    assert response.status_code == 401 and response.json()["error"] == "invalid_client"


def test_a_scope_the_client_does_not_hold_is_refused(idp: Idp) -> None:
    other = demo.CLIENTS[1]
    response = httpx.post(f"{idp.url}/token", auth=(other.client_id, other.secret), data={
        "grant_type": "client_credentials", "scope": "services:self-employed-registration:start"})
    assert response.status_code == 400 and response.json()["error"] == "invalid_scope"


def test_login_clients_cannot_use_client_credentials(idp: Idp) -> None:
    response = httpx.post(f"{idp.url}/token", data={"grant_type": "client_credentials"},
                          auth=(idp.settings.portal_client_id, idp.settings.portal_client_secret))
    assert response.status_code == 400 and response.json()["error"] == "unauthorized_client"
