"""Checking access tokens from any OpenID Connect issuer: `TokenVerifier.verify(token) -> Principal`.

The issuer is found by discovery (`/.well-known/openid-configuration` -> `jwks_uri`); its keys
are cached and fetched again once when a token names a key id not yet seen (key rotation).
A token of a key already known is verified at once, without the refresh lock: an old cache is
refreshed in the background, and its keys are kept while the issuer does not answer. After a
failed fetch the verifier backs off (1 s doubling to a minute): while the issuer is down, a
flood of made-up key ids costs one fetch per back-off period, not one each.

An ID token is not an access token. From the built-in provider the header must say
`typ: at+jwt` (RFC 9068); other issuers often mint `typ: JWT`, so there a token carrying an
ID token's `nonce` or `at_hash` is refused instead (ONESTOP_REQUIRE_AT_JWT sets it per issuer).
Only RS256 is accepted. Every refusal is an `InvalidToken` (401) with a reason:

    NotAuthenticated (portal.problems)
    └── InvalidToken          malformed, bad signature, expired, not yet valid,
                              wrong issuer, wrong audience, unknown key, unknown subject
    IssuerUnavailable (503)   the issuer could not be reached: not the caller's fault
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from dataclasses import dataclass
from typing import Any, ClassVar

import httpx
from joserfc import jws, jwt
from joserfc.errors import (
    BadSignatureError,
    ClaimError,
    ExpiredTokenError,
    InvalidClaimError,
    JoseError,
    MissingClaimError,
)
from joserfc.jwk import KeySet

from policies.iin import is_valid_iin
from portal.problems import NotAuthenticated, Unavailable

ALGORITHMS = ("RS256",)
LEEWAY_SECONDS = 30
AT_JWT_TYPES = {"at+jwt", "application/at+jwt"}  # RFC 9068
PLAIN_JWT_TYPES = {"jwt", "application/jwt"}  # what many issuers put on access and ID tokens alike
ID_TOKEN_CLAIMS = ("nonce", "at_hash", "c_hash")  # only an ID token carries these
BACKOFF_FIRST_SECONDS = 1.0
BACKOFF_MAX_SECONDS = 60.0
OFFICER_ROLES = {"officer", "supervisor", "auditor"}  # civil servants
CLIENT_ROLES = {"agency"}


class InvalidToken(NotAuthenticated):
    slug = "invalid-token"

    def __init__(self, reason: str) -> None:
        super().__init__(f"invalid access token: {reason}", headers={
            "WWW-Authenticate": f'Bearer error="invalid_token", error_description="{reason}"'})
        self.reason = reason


class IssuerUnavailable(Unavailable):
    slug = "issuer-unavailable"
    titles: ClassVar[dict[str, str]] = {
        "kk": "Кіру қызметі уақытша қолжетімсіз",
        "ru": "Служба входа временно недоступна",
        "en": "The login service is temporarily unavailable",
    }


@dataclass(frozen=True)
class Principal:
    """Who is calling: a citizen (subject = IIN), an officer (login) or a client system."""

    subject: str
    kind: str  # "citizen" | "officer" | "client"
    roles: tuple[str, ...]
    scopes: frozenset[str]
    agency: str | None = None
    region: str | None = None
    client_id: str | None = None
    name: str | None = None

    @property
    def iin(self) -> str | None:
        return self.subject if self.kind == "citizen" else None

    def __repr__(self) -> str:  # never print an IIN where a repr may be logged
        shown = "************" if self.kind == "citizen" else self.subject
        return f"Principal(kind={self.kind!r}, subject={shown!r}, roles={self.roles!r})"


def principal_from_claims(claims: dict[str, Any]) -> Principal:
    roles = claims.get("roles") or []
    if isinstance(roles, str):
        roles = roles.split()
    scope = claims.get("scope") or ""
    scopes = frozenset(scope.split() if isinstance(scope, str) else scope)
    subject = str(claims["sub"])
    client_id = claims.get("client_id") or claims.get("azp")
    if OFFICER_ROLES & set(roles):
        kind = "officer"
    elif CLIENT_ROLES & set(roles) or (client_id is not None and subject == client_id):
        kind = "client"
    elif is_valid_iin(subject):
        kind = "citizen"
    else:
        raise InvalidToken("the subject is neither a citizen, an officer nor a client")
    return Principal(subject=subject, kind=kind, roles=tuple(str(r) for r in roles),
                     scopes=scopes, agency=claims.get("agency"), region=claims.get("region"),
                     client_id=client_id, name=claims.get("name"))


class TokenVerifier:
    def __init__(self, issuer_url: str, audience: str, cache_seconds: int,
                 http: httpx.AsyncClient | None = None, *, min_refetch_seconds: float = 1.0,
                 require_at_jwt: bool = True, backoff_first_seconds: float = BACKOFF_FIRST_SECONDS) -> None:
        self.issuer_url = issuer_url.rstrip("/")
        self.audience = audience
        self.cache_seconds = cache_seconds
        # A flood of tokens with made-up key ids must not become a flood of JWKS fetches.
        self.min_refetch_seconds = min_refetch_seconds
        self.require_at_jwt = require_at_jwt
        self.backoff_first_seconds = backoff_first_seconds
        self._http = http
        self._owns_http = http is None
        self._metadata: dict[str, Any] | None = None
        self._keys: KeySet | None = None
        self._kids: frozenset[str] = frozenset()
        self._fetched_at = float("-inf")  # last successful fetch
        self._retry_at = float("-inf")  # no fetch before this, after a failure
        self._backoff = 0.0
        self._background: asyncio.Task[None] | None = None
        self.refresh_lock = asyncio.Lock()  # held by a fetch; a token of a known key never waits on it

    @property
    def http(self) -> httpx.AsyncClient:
        if self._http is None:
            self._http = httpx.AsyncClient(timeout=5.0)
        return self._http

    async def aclose(self) -> None:
        if self._background is not None:
            self._background.cancel()
        if self._owns_http and self._http is not None:
            await self._http.aclose()
            self._http = None

    async def _fetch(self) -> None:
        try:
            response = await self.http.get(f"{self.issuer_url}/.well-known/openid-configuration")
            response.raise_for_status()
            metadata = response.json()
            if str(metadata.get("issuer", "")).rstrip("/") != self.issuer_url:
                raise IssuerUnavailable("the issuer's discovery document names another issuer")
            response = await self.http.get(metadata["jwks_uri"])
            response.raise_for_status()
            keys = KeySet.import_key_set(response.json())
        except (httpx.HTTPError, ValueError, KeyError, JoseError) as exc:
            raise IssuerUnavailable(f"cannot read the issuer's keys: {type(exc).__name__}",
                                    headers={"Retry-After": "5"}) from exc
        self._metadata, self._keys, self._fetched_at = metadata, keys, time.monotonic()
        self._kids = frozenset(str(k.kid) for k in keys.keys if k.kid)

    async def _refresh(self) -> None:
        """One fetch, unless one failed too recently; a failure keeps the keys and doubles the back-off."""
        if time.monotonic() < self._retry_at:
            raise IssuerUnavailable("the issuer did not answer a moment ago; try again shortly",
                                    headers={"Retry-After": str(max(1, round(self._retry_at - time.monotonic())))})
        try:
            await self._fetch()
        except IssuerUnavailable:
            self._backoff = min(BACKOFF_MAX_SECONDS, self._backoff * 2 or self.backoff_first_seconds)
            self._retry_at = time.monotonic() + self._backoff
            raise
        self._backoff, self._retry_at = 0.0, float("-inf")

    def _stale(self) -> bool:
        return time.monotonic() - self._fetched_at > self.cache_seconds

    async def _ensure(self, *, unknown_kid: str | None = None) -> None:
        async with self.refresh_lock:  # concurrent requests share one fetch
            if self._keys is None or (unknown_kid is None and self._stale()) or (
                    unknown_kid is not None and unknown_kid not in self._kids
                    and time.monotonic() - self._fetched_at > self.min_refetch_seconds):
                await self._refresh()

    def _refresh_in_background(self) -> None:
        """An old cache is refreshed without making anyone wait; its keys serve meanwhile."""
        if (self._background is not None and not self._background.done()) or time.monotonic() < self._retry_at:
            return

        async def refresh() -> None:
            with contextlib.suppress(IssuerUnavailable):
                await self._ensure()

        self._background = asyncio.get_running_loop().create_task(refresh())

    async def metadata(self) -> dict[str, Any]:
        """The issuer's discovery document (authorization and token endpoints for the login)."""
        if self._metadata is None:
            await self._ensure()
        elif self._stale():
            self._refresh_in_background()
        assert self._metadata is not None
        return self._metadata

    async def _key_for(self, kid: str | None) -> KeySet:
        if self._keys is not None and (kid is None or kid in self._kids):
            if self._stale():
                self._refresh_in_background()
            return self._keys  # no lock, no fetch: the key is known
        if self._keys is not None and kid is not None and time.monotonic() < self._retry_at:
            # the issuer is down and backing off: an unknown key cannot be checked now
            raise IssuerUnavailable("the issuer does not answer; try again shortly",
                                    headers={"Retry-After": str(max(1, round(self._retry_at - time.monotonic())))})
        await self._ensure(unknown_kid=kid)
        assert self._keys is not None
        if kid is not None and kid not in self._kids:
            raise InvalidToken("signed with an unknown key")
        return self._keys

    def _check_type(self, header: dict[str, Any], claims: dict[str, Any]) -> None:
        typ = str(header["typ"]).lower() if "typ" in header else None
        if self.require_at_jwt:
            if typ not in AT_JWT_TYPES:
                raise InvalidToken("not an access token")
        elif typ is not None and typ not in AT_JWT_TYPES | PLAIN_JWT_TYPES:
            raise InvalidToken("not an access token")
        if any(claim in claims for claim in ID_TOKEN_CLAIMS):
            raise InvalidToken("an ID token is not an access token")

    async def verify(self, token: str) -> Principal:
        try:
            header = jws.extract_compact(token.encode("ascii")).headers()
        except (JoseError, ValueError, UnicodeError):
            raise InvalidToken("malformed") from None
        if header.get("alg") not in ALGORITHMS:
            raise InvalidToken("unsupported signing algorithm")
        if self.require_at_jwt and str(header.get("typ", "")).lower() not in AT_JWT_TYPES:
            raise InvalidToken("not an access token")  # before any key lookup: no fetch for a wrong type
        keys = await self._key_for(header.get("kid"))
        try:
            decoded = jwt.decode(token, keys, algorithms=list(ALGORITHMS))
        except BadSignatureError:
            raise InvalidToken("bad signature") from None
        except (JoseError, ValueError):
            raise InvalidToken("malformed") from None
        claims = decoded.claims
        self._check_type(header, claims)
        self._check_claims(claims)
        return principal_from_claims(claims)

    def _check_claims(self, claims: dict[str, Any]) -> None:
        registry = jwt.JWTClaimsRegistry(
            leeway=LEEWAY_SECONDS,
            iss={"essential": True, "values": [self.issuer_url, self.issuer_url + "/"]},
            aud={"essential": True, "value": self.audience},
            exp={"essential": True},
            sub={"essential": True},
        )
        try:
            registry.validate(claims)
        except ExpiredTokenError:
            raise InvalidToken("expired") from None
        except MissingClaimError as exc:
            raise InvalidToken(f"malformed: missing claim {exc.claim}") from None
        except InvalidClaimError as exc:
            reason = {"iss": "wrong issuer", "aud": "wrong audience",
                      "nbf": "not yet valid", "iat": "issued in the future"}.get(exc.claim)
            raise InvalidToken(reason or f"malformed: bad claim {exc.claim}") from None
        except ClaimError as exc:
            raise InvalidToken(f"malformed: bad claim {exc.claim}") from None
