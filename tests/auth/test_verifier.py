"""TokenVerifier against a real provider: what it accepts and each reason it refuses."""

from __future__ import annotations

import asyncio
import base64
import json
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from joserfc import jwt
from joserfc.jwk import OctKey, RSAKey

from onestop import demo
from onestop.token import obtain_token_async
from portal.auth import InvalidToken, IssuerUnavailable, TokenVerifier
from portal.problems import NotAuthenticated
from tests.idp.process import Idp, idp_process
from tests.support.processes import free_port


@pytest.fixture
async def verifier(idp: Idp) -> AsyncIterator[TokenVerifier]:
    v = TokenVerifier(idp.url, idp.settings.api_audience, cache_seconds=300)
    yield v
    await v.aclose()


async def _refused(verifier: TokenVerifier, token: str) -> str:
    with pytest.raises(InvalidToken) as refused:
        await verifier.verify(token)
    assert isinstance(refused.value, NotAuthenticated) and refused.value.status == 401
    return refused.value.reason


async def test_citizen_token_gives_a_citizen(idp: Idp, verifier: TokenVerifier) -> None:
    principal = await verifier.verify(await obtain_token_async(idp.settings, citizen="850715300122"))
    assert principal.kind == "citizen" and principal.iin == "850715300122"
    assert principal.roles == ("citizen",) and principal.scopes == {"openid", "profile"}
    assert principal.client_id == idp.settings.cli_client_id and principal.agency is None
    assert "850715300122" not in repr(principal)


async def test_officer_and_client_tokens(idp: Idp, verifier: TokenVerifier) -> None:
    officer = await verifier.verify(await obtain_token_async(idp.settings, officer="tax.astana.supervisor"))
    assert officer.kind == "officer" and officer.iin is None
    assert officer.roles == ("supervisor",) and (officer.agency, officer.region) == ("tax", "astana")
    agency = demo.CLIENTS[0]
    client = await verifier.verify(await obtain_token_async(idp.settings, client=agency.client_id,
                                                            secret=agency.secret))
    assert client.kind == "client" and client.subject == agency.client_id
    assert client.scopes == frozenset(agency.scopes) and client.agency == agency.agency


async def test_expired(idp: Idp, verifier: TokenVerifier) -> None:
    now = int(time.time())
    assert await _refused(verifier, idp.mint(iat=now - 600, exp=now - 120)) == "expired"


async def test_small_clock_skew_is_tolerated(idp: Idp, verifier: TokenVerifier) -> None:
    now = int(time.time())
    assert (await verifier.verify(idp.mint(iat=now - 300, exp=now - 5))).kind == "citizen"


async def test_tampered(idp: Idp, verifier: TokenVerifier) -> None:
    header, payload, signature = (await obtain_token_async(idp.settings, citizen="850715300122")).split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["roles"] = ["supervisor"]
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    assert await _refused(verifier, f"{header}.{forged}.{signature}") == "bad signature"


async def test_signed_by_someone_else_with_the_same_kid(idp: Idp, verifier: TokenVerifier) -> None:
    stranger = RSAKey.generate_key(2048, private=True)
    now = int(time.time())
    token = jwt.encode({"alg": "RS256", "typ": "at+jwt", "kid": idp.signing_key().kid},
                       {"iss": idp.url, "aud": idp.settings.api_audience, "sub": "850715300122",
                        "iat": now, "exp": now + 60}, stranger)
    assert await _refused(verifier, token) == "bad signature"


async def test_wrong_audience(idp: Idp, verifier: TokenVerifier) -> None:
    assert await _refused(verifier, idp.mint(aud="another-api")) == "wrong audience"


async def test_id_token_is_not_an_access_token(idp: Idp, verifier: TokenVerifier) -> None:
    # an id_token's audience is the client, never the API
    assert await _refused(verifier, idp.mint(aud=idp.settings.cli_client_id)) == "wrong audience"


def _signed(idp: Idp, header: dict[str, Any], **claims: Any) -> str:
    now = int(time.time())
    key = idp.signing_key()
    body = {"iss": idp.url, "aud": idp.settings.api_audience, "sub": "850715300122", "iat": now,
            "exp": now + 300, "roles": ["citizen"], **claims}
    return jwt.encode({"alg": "RS256", "kid": key.kid, **header}, body, key)


async def test_the_built_in_provider_mints_at_jwt(idp: Idp) -> None:
    token = await obtain_token_async(idp.settings, citizen="850715300122")
    assert jwt.decode(token, idp.signing_key()).header["typ"] == "at+jwt"


@pytest.mark.parametrize("header", [{"typ": "JWT"}, {}, {"typ": "id_token+jwt"}])
async def test_from_the_built_in_provider_only_at_jwt_passes(idp: Idp, verifier: TokenVerifier,
                                                             header: dict[str, Any]) -> None:
    """An ID token whose audience happens to be the API's is still refused: its typ is not at+jwt."""
    assert verifier.require_at_jwt
    assert await _refused(verifier, _signed(idp, header, nonce="n-1")) == "not an access token"
    assert await _refused(verifier, _signed(idp, header)) == "not an access token"


async def test_from_other_issuers_an_id_tokens_claims_give_it_away(idp: Idp) -> None:
    """Issuers that mint `typ: JWT` for both: the ID token's nonce or at_hash refuses it."""
    verifier = TokenVerifier(idp.url, idp.settings.api_audience, 300, require_at_jwt=False)
    try:
        assert (await verifier.verify(_signed(idp, {"typ": "JWT"}))).kind == "citizen"
        assert (await verifier.verify(_signed(idp, {}))).kind == "citizen"
        for claim in ({"nonce": "n-1"}, {"at_hash": "x1y2"}):
            reason = await _refused(verifier, _signed(idp, {"typ": "JWT"}, **claim))
            assert reason == "an ID token is not an access token"
        assert await _refused(verifier, _signed(idp, {"typ": "dpop+jwt"})) == "not an access token"
    finally:
        await verifier.aclose()


async def test_an_id_token_is_refused_by_the_portal_over_http(healthy_stack: Any) -> None:
    settings = healthy_stack.settings
    key = RSAKey.import_key(json.loads((settings.keys_dir / "idp" / "keyring.json").read_text())["keys"][-1])
    now = int(time.time())
    claims = {"iss": settings.issuer_url, "aud": settings.api_audience, "sub": "850715300122", "iat": now,
              "exp": now + 300, "nonce": "n-1", "roles": ["citizen"]}
    for header in ({"typ": "JWT"}, {}):
        token = jwt.encode({"alg": "RS256", "kid": key.kid, **header}, claims, key)
        # Asked in English: the detail names the reason (in kk/ru it reads "the access token is not valid").
        response = httpx.get(f"{settings.portal_public_url}/api/v1/me",
                             headers={"Authorization": f"Bearer {token}", "Accept-Language": "en"})
        assert response.status_code == 401, response.text
        assert "not an access token" in response.json()["detail"]


async def test_wrong_issuer(idp: Idp, verifier: TokenVerifier) -> None:
    assert await _refused(verifier, idp.mint(iss="http://evil.example")) == "wrong issuer"


async def test_missing_expiry(idp: Idp, verifier: TokenVerifier) -> None:
    assert "missing claim exp" in await _refused(verifier, idp.mint(exp=None))


async def test_not_yet_valid(idp: Idp, verifier: TokenVerifier) -> None:
    assert await _refused(verifier, idp.mint(nbf=int(time.time()) + 3600)) == "not yet valid"


async def test_malformed_and_other_algorithms(idp: Idp, verifier: TokenVerifier) -> None:
    assert await _refused(verifier, "not-a-jwt") == "malformed"
    assert await _refused(verifier, "a.b.c") == "malformed"
    hs = jwt.encode({"alg": "HS256"}, {"iss": idp.url, "sub": "x"}, OctKey.generate_key(256))
    assert await _refused(verifier, hs) == "unsupported signing algorithm"
    unsigned = base64.urlsafe_b64encode(b'{"alg":"none"}').rstrip(b"=").decode() + ".e30."
    assert await _refused(verifier, unsigned) == "unsupported signing algorithm"


async def test_unknown_kid_is_refused(idp: Idp, verifier: TokenVerifier) -> None:
    stranger = RSAKey.generate_key(2048, private=True)
    token = jwt.encode({"alg": "RS256", "typ": "at+jwt", "kid": "nobody-knows"}, {"sub": "x"}, stranger)
    assert await _refused(verifier, token) == "signed with an unknown key"


async def test_unreachable_issuer_is_a_503_not_a_401() -> None:
    verifier = TokenVerifier(f"http://127.0.0.1:{free_port()}", "onestop-api", 300)
    with pytest.raises(IssuerUnavailable) as unavailable:
        await verifier.verify(jwt.encode({"alg": "RS256", "typ": "at+jwt", "kid": "k"}, {"sub": "x"},
                                         RSAKey.generate_key(2048, private=True)))
    assert unavailable.value.status == 503
    await verifier.aclose()


async def test_key_rotation(tmp_path: Path) -> None:
    with idp_process(tmp_path) as idp:
        fetches: list[str] = []

        async def count(request: httpx.Request) -> None:
            fetches.append(request.url.path)

        async with httpx.AsyncClient(event_hooks={"request": [count]}) as http:
            verifier = TokenVerifier(idp.url, idp.settings.api_audience, cache_seconds=3600,
                                     http=http, min_refetch_seconds=0)
            old_token = await obtain_token_async(idp.settings, citizen="850715300122")
            old_kid = jwt.decode(old_token, idp.signing_key()).header["kid"]
            await verifier.verify(old_token)
            assert fetches.count("/jwks.json") == 1

            rotated = httpx.post(f"{idp.url}/admin/rotate-keys").json()
            assert rotated["kid"] != old_kid
            assert {k["kid"] for k in rotated["jwks"]["keys"]} == {old_kid, rotated["kid"]}

            new_token = await obtain_token_async(idp.settings, officer="tax.astana.officer")
            assert jwt.decode(new_token, idp.signing_key()).header["kid"] == rotated["kid"]
            assert (await verifier.verify(new_token)).kind == "officer"  # new kid: fetched once
            assert fetches.count("/jwks.json") == 2
            assert (await verifier.verify(old_token)).kind == "citizen"  # old key still published
            await verifier.verify(new_token)
            assert fetches.count("/jwks.json") == 2  # cached again


async def test_a_known_key_needs_no_fetch_and_no_lock_while_the_issuer_is_down(tmp_path: Path) -> None:
    """IdP down, 50 tokens of unknown keys: one fetch in all (then back-off), and a token of a known key
    is verified from the kept keys without a fetch and without the refresh lock (held here throughout)."""
    fetches: list[str] = []

    async def count(request: httpx.Request) -> None:
        fetches.append(request.url.path)

    stranger = RSAKey.generate_key(2048, private=True)
    async with httpx.AsyncClient(event_hooks={"request": [count]}, timeout=2) as http:
        with idp_process(tmp_path) as idp:
            # cache_seconds=0: the cache is always old, so only the kept keys can serve
            verifier = TokenVerifier(idp.url, idp.settings.api_audience, cache_seconds=0, http=http,
                                     min_refetch_seconds=0, backoff_first_seconds=600)
            known = await obtain_token_async(idp.settings, citizen="850715300122")
            assert (await verifier.verify(known)).kind == "citizen"
            unknown = [jwt.encode({"alg": "RS256", "typ": "at+jwt", "kid": f"made-up-{n}"},
                                  {"iss": idp.url, "sub": "x"}, stranger) for n in range(50)]
        # the provider is stopped: nothing answers on its port any more
        await asyncio.sleep(0)  # let the background refresh the first verify started finish
        if verifier._background is not None:
            await verifier._background
        before = len(fetches)
        outcomes = []
        for token in unknown:
            with pytest.raises((IssuerUnavailable, InvalidToken)) as refused:
                await verifier.verify(token)
            outcomes.append(type(refused.value))
        assert len(fetches) - before <= 1  # at most the one that found the issuer down; then back-off
        assert all(o is IssuerUnavailable for o in outcomes)
        after_flood = len(fetches)
        async with verifier.refresh_lock:  # a refresh in flight, as far as anyone can tell
            principal = await asyncio.wait_for(verifier.verify(known), timeout=10)
        assert principal.kind == "citizen" and principal.iin == "850715300122"
        assert len(fetches) == after_flood  # no fetch for a known key, not even in the background
        await verifier.aclose()
