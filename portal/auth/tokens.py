"""Checking access tokens from any OpenID Connect issuer: `TokenVerifier.verify(token) -> Principal`.

The issuer is found by discovery (`/.well-known/openid-configuration` -> `jwks_uri`); its keys
are cached and fetched again once when a token names a key id not yet seen (key rotation).
Only RS256 is accepted. Every refusal is an `InvalidToken` (401) with a reason:

    NotAuthenticated (portal.problems)
    └── InvalidToken          malformed, bad signature, expired, not yet valid,
                              wrong issuer, wrong audience, unknown key, unknown subject
    IssuerUnavailable (503)   the issuer could not be reached: not the caller's fault
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import Any, ClassVar

import httpx
from joserfc import jws, jwt
from joserfc.errors import (BadSignatureError, ClaimError, ExpiredTokenError, InvalidClaimError,
                            JoseError, MissingClaimError)
from joserfc.jwk import KeySet

from policies.iin import is_valid_iin
from portal.problems import NotAuthenticated, Problem, Unavailable

ALGORITHMS = ("RS256",)
LEEWAY_SECONDS = 30
ACCESS_TOKEN_TYPES = {"at+jwt", "application/at+jwt", "jwt"}  # RFC 9068, or a plain JWT
OFFICER_ROLES = {"officer", "supervisor"}
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
                 http: httpx.AsyncClient | None = None, *, min_refetch_seconds: float = 1.0) -> None:
        self.issuer_url = issuer_url.rstrip("/")
        self.audience = audience
        self.cache_seconds = cache_seconds
        # A flood of tokens with made-up key ids must not become a flood of JWKS fetches.
        self.min_refetch_seconds = min_refetch_seconds
        self._http = http
        self._owns_http = http is None
        self._metadata: dict[str, Any] | None = None
        self._keys: KeySet | None = None
        self._fetched_at = float("-inf")
        self._lock: asyncio.Lock | None = None

    @property
    def http(self) -> httpx.AsyncClient:
        if self._http is None:
            self._http = httpx.AsyncClient(timeout=5.0)
        return self._http

    async def aclose(self) -> None:
        if self._owns_http and self._http is not None:
            await self._http.aclose()
            self._http = None

    async def _refresh(self) -> None:
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
            raise IssuerUnavailable(f"cannot read the issuer's keys: {type(exc).__name__}") from exc
        self._metadata, self._keys, self._fetched_at = metadata, keys, time.monotonic()

    async def _ensure(self, *, unknown_kid: bool = False) -> None:
        if self._lock is None:
            self._lock = asyncio.Lock()
        async with self._lock:  # concurrent requests share one fetch
            age = time.monotonic() - self._fetched_at
            if self._keys is None or age > self.cache_seconds or (
                    unknown_kid and age > self.min_refetch_seconds):
                await self._refresh()

    async def metadata(self) -> dict[str, Any]:
        """The issuer's discovery document (authorization and token endpoints for the login)."""
        await self._ensure()
        assert self._metadata is not None
        return self._metadata

    async def _key_for(self, kid: str | None) -> KeySet:
        await self._ensure()
        assert self._keys is not None
        if kid is not None and not any(k.kid == kid for k in self._keys.keys):
            await self._ensure(unknown_kid=True)
            if not any(k.kid == kid for k in self._keys.keys):
                raise InvalidToken("signed with an unknown key")
        return self._keys

    async def verify(self, token: str) -> Principal:
        try:
            header = jws.extract_compact(token.encode("ascii")).headers()
        except (JoseError, ValueError, UnicodeError):
            raise InvalidToken("malformed") from None
        if header.get("alg") not in ALGORITHMS:
            raise InvalidToken("unsupported signing algorithm")
        if "typ" in header and str(header["typ"]).lower() not in ACCESS_TOKEN_TYPES:
            raise InvalidToken("not an access token")
        keys = await self._key_for(header.get("kid"))
        try:
            decoded = jwt.decode(token, keys, algorithms=list(ALGORITHMS))
        except BadSignatureError:
            raise InvalidToken("bad signature") from None
        except (JoseError, ValueError):
            raise InvalidToken("malformed") from None
        claims = decoded.claims
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
