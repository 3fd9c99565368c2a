"""Authorization code + PKCE at the built-in provider: what it issues and everything it refuses."""

from __future__ import annotations

import stat
from collections.abc import Iterator

import httpx
import pytest
from joserfc import jws, jwt
from joserfc.jwk import KeySet

from onestop import demo
from tests.idp.browser import Pkce, authorize_params, code_for, exchange, login, redirect_query
from tests.idp.process import Idp


@pytest.fixture
def browser() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=10) as client:
        yield client


def _claims(idp: Idp, token: str) -> tuple[dict, dict]:
    keys = KeySet.import_key_set(httpx.get(f"{idp.url}/jwks.json").json())
    decoded = jwt.decode(token, keys, algorithms=["RS256"])
    return decoded.header, decoded.claims


def test_discovery_names_the_endpoints_and_s256_only(idp: Idp) -> None:
    meta = httpx.get(f"{idp.url}/.well-known/openid-configuration").json()
    assert meta["issuer"] == idp.url
    assert meta["jwks_uri"] == f"{idp.url}/jwks.json"
    assert meta["code_challenge_methods_supported"] == ["S256"]
    assert httpx.get(meta["jwks_uri"]).json()["keys"][0]["kid"]


def test_signing_key_file_is_private(idp: Idp) -> None:
    assert stat.S_IMODE(idp.key_file.stat().st_mode) == 0o600
    assert "d" not in httpx.get(f"{idp.url}/jwks.json").json()["keys"][0]  # no private part


def test_citizen_gets_an_at_jwt_with_state_echoed(idp: Idp, browser: httpx.Client) -> None:
    pkce = Pkce.new()
    query = redirect_query(login(browser, idp, authorize_params(idp, pkce, state="xyz-42"),
                                 "850715300122"))
    assert query["state"] == "xyz-42"
    response = exchange(idp, query["code"], pkce.verifier)
    assert response.status_code == 200, response.text
    body = response.json()
    header, claims = _claims(idp, body["access_token"])
    assert header["typ"] == "at+jwt" and header["alg"] == "RS256" and header["kid"]
    assert claims["iss"] == idp.url and claims["aud"] == idp.settings.api_audience
    assert claims["sub"] == "850715300122" and claims["roles"] == ["citizen"]
    assert claims["client_id"] == idp.settings.cli_client_id
    assert claims["scope"] == "openid profile" and claims["name"] == "Nurlan Abenov"
    assert claims["exp"] - claims["iat"] == idp.settings.access_token_ttl_seconds
    assert claims["jti"]
    _, id_claims = _claims(idp, body["id_token"])
    assert id_claims["aud"] == [idp.settings.cli_client_id]
    assert id_claims["sub"] == "850715300122"


def test_officer_token_carries_agency_region_and_roles(idp: Idp, browser: httpx.Client) -> None:
    officer = demo.OFFICERS[1]
    pkce = Pkce.new()
    code = code_for(browser, idp, pkce, username=officer.login)
    _, claims = _claims(idp, exchange(idp, code, pkce.verifier).json()["access_token"])
    assert claims["sub"] == officer.login and claims["roles"] == list(officer.roles)
    assert claims["agency"] == officer.agency and claims["region"] == officer.region_code


def test_portal_is_a_confidential_client(idp: Idp, browser: httpx.Client) -> None:
    portal_redirect = f"http://127.0.0.1:{idp.portal_port}{demo.PORTAL_REDIRECT_PATH}"
    pkce = Pkce.new()
    code = code_for(browser, idp, pkce, client_id=idp.settings.portal_client_id,
                    redirect_uri=portal_redirect)
    without_secret = exchange(idp, code, pkce.verifier, client_id=idp.settings.portal_client_id,
                              redirect_uri=portal_redirect)
    assert without_secret.status_code in (400, 401)
    assert without_secret.json()["error"] == "invalid_client"

    code = code_for(browser, idp, pkce, client_id=idp.settings.portal_client_id,
                    redirect_uri=portal_redirect)
    ok = exchange(idp, code, pkce.verifier, redirect_uri=portal_redirect,
                  auth=(idp.settings.portal_client_id, idp.settings.portal_client_secret))
    assert ok.status_code == 200, ok.text


def test_plain_pkce_is_refused(idp: Idp) -> None:
    params = authorize_params(idp, None, code_challenge="a" * 43, code_challenge_method="plain")
    query = redirect_query(httpx.get(f"{idp.url}/authorize", params=params))
    assert query["error"] == "invalid_request" and query["state"] == "st-123"


def test_missing_code_challenge_is_refused(idp: Idp) -> None:
    query = redirect_query(httpx.get(f"{idp.url}/authorize", params=authorize_params(idp, None)))
    assert query["error"] == "invalid_request"
    assert "code_challenge" in query["error_description"]


def test_unregistered_redirect_uri_is_never_followed(idp: Idp) -> None:
    for uri in ("http://evil.example/cb", idp.settings.cli_redirect_uri + "/extra",
                idp.settings.cli_redirect_uri + "?x=1"):
        response = httpx.get(f"{idp.url}/authorize",
                             params=authorize_params(idp, Pkce.new(), redirect_uri=uri))
        assert response.status_code == 400
        assert "location" not in response.headers


def test_unknown_client_is_refused_at_both_endpoints(idp: Idp, browser: httpx.Client) -> None:
    response = httpx.get(f"{idp.url}/authorize",
                         params=authorize_params(idp, Pkce.new(), client_id="nobody"))
    assert response.status_code == 400 and "location" not in response.headers
    pkce = Pkce.new()
    code = code_for(browser, idp, pkce)
    refused = exchange(idp, code, pkce.verifier, client_id="nobody")
    # RFC 6749 5.2: 401 when the client tried HTTP auth, else 400; the error is what counts
    assert refused.status_code in (400, 401) and refused.json()["error"] == "invalid_client"


def test_wrong_verifier_is_refused(idp: Idp, browser: httpx.Client) -> None:
    pkce = Pkce.new()
    code = code_for(browser, idp, pkce)
    refused = exchange(idp, code, Pkce.new().verifier)
    assert refused.status_code == 400 and refused.json()["error"] == "invalid_grant"


def test_missing_verifier_is_refused(idp: Idp, browser: httpx.Client) -> None:
    pkce = Pkce.new()
    code = code_for(browser, idp, pkce)
    refused = httpx.post(f"{idp.url}/token", data={
        "grant_type": "authorization_code", "code": code, "client_id": idp.settings.cli_client_id,
        "redirect_uri": idp.settings.cli_redirect_uri})
    assert refused.status_code == 400 and refused.json()["error"] == "invalid_request"


def test_a_code_works_once(idp: Idp, browser: httpx.Client) -> None:
    pkce = Pkce.new()
    code = code_for(browser, idp, pkce)
    assert exchange(idp, code, pkce.verifier).status_code == 200
    again = exchange(idp, code, pkce.verifier)
    assert again.status_code == 400 and again.json()["error"] == "invalid_grant"


def test_wrong_redirect_uri_at_the_token_endpoint(idp: Idp, browser: httpx.Client) -> None:
    pkce = Pkce.new()
    code = code_for(browser, idp, pkce)
    refused = exchange(idp, code, pkce.verifier, redirect_uri="http://127.0.0.1/other")
    assert refused.status_code == 400 and refused.json()["error"] == "invalid_grant"


def test_agency_client_may_not_use_the_login(idp: Idp) -> None:
    agency = demo.CLIENTS[0]
    params = authorize_params(idp, Pkce.new(), client_id=agency.client_id)
    response = httpx.get(f"{idp.url}/authorize", params=params)
    assert response.status_code == 400  # no redirect URI registered: nowhere to send an error


def test_the_form_needs_its_csrf_token(idp: Idp, browser: httpx.Client) -> None:
    params = authorize_params(idp, Pkce.new())
    browser.get(f"{idp.url}/authorize", params=params)
    response = browser.post(f"{idp.url}/authorize", params=params,
                            data={"username": "850715300122", "password": "demo"})
    assert response.status_code == 400 and "location" not in response.headers


def test_no_token_has_a_signature_we_did_not_make(idp: Idp, browser: httpx.Client) -> None:
    pkce = Pkce.new()
    token = exchange(idp, code_for(browser, idp, pkce), pkce.verifier).json()["access_token"]
    assert jws.extract_compact(token.encode()).headers()["kid"] == idp.signing_key().kid
