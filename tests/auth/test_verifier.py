"""TokenVerifier against a real provider: what it accepts and each reason it refuses."""

from __future__ import annotations

import base64
import json
import time
from pathlib import Path
from typing import AsyncIterator

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
    token = jwt.encode({"alg": "RS256", "kid": "nobody-knows"}, {"sub": "x"}, stranger)
    assert await _refused(verifier, token) == "signed with an unknown key"


async def test_unreachable_issuer_is_a_503_not_a_401() -> None:
    verifier = TokenVerifier(f"http://127.0.0.1:{free_port()}", "onestop-api", 300)
    with pytest.raises(IssuerUnavailable) as unavailable:
        await verifier.verify(jwt.encode({"alg": "RS256", "kid": "k"}, {"sub": "x"},
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
