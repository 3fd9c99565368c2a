"""The one HTTP client every connector shares: identity and purpose headers, errors mapped.

Each request says who is calling (`X-Calling-System`, `X-Api-Key`) and why
(`X-Purpose-Application`, `X-Purpose-Service`): the registries log every read against
the application that needed it, so a citizen can later see who read their data.
"""

from __future__ import annotations

from typing import Any

import httpx
from pydantic import BaseModel

from connectors.errors import RegistryRefusal, RegistryUnavailable, mask_digits
from onestop.settings import Settings

__all__ = ["Purpose", "RegistryClient"]

# Statuses a later retry may cure; every other 4xx is the registry saying no.
_RETRYABLE_STATUSES = frozenset({408, 425, 429})

# A worker runs many activities at once; the pool must not be the bottleneck.
_LIMITS = httpx.Limits(max_connections=256, max_keepalive_connections=64, keepalive_expiry=30.0)


class Purpose(BaseModel):
    """Why a registry is read or written: the application and the service it serves."""

    application_id: str
    service_code: str


class RegistryClient:
    """Wraps one shared `httpx.AsyncClient` for all registries of the gateway."""

    def __init__(self, settings: Settings, *, transport: httpx.AsyncBaseTransport | None = None,
                 timeout: float | None = None) -> None:
        self.system_id = settings.registries_system_id
        self._http = httpx.AsyncClient(
            base_url=settings.registries_url,
            timeout=timeout if timeout is not None else settings.registries_timeout_seconds,
            limits=_LIMITS,
            transport=transport,
            headers={"X-Calling-System": settings.registries_system_id,
                     "X-Api-Key": settings.registries_api_key},
        )

    async def __aenter__(self) -> RegistryClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()

    async def get(self, registry: str, path: str, *, purpose: Purpose | None,
                  params: dict[str, Any] | None = None) -> Any:
        return await self.request("GET", registry, path, purpose=purpose, params=params)

    async def post(self, registry: str, path: str, *, purpose: Purpose | None, json: Any,
                   idempotency_key: str | None = None) -> Any:
        return await self.request("POST", registry, path, purpose=purpose, json=json,
                                  idempotency_key=idempotency_key)

    async def request(self, method: str, registry: str, path: str, *, purpose: Purpose | None,
                      params: dict[str, Any] | None = None, json: Any = None,
                      idempotency_key: str | None = None) -> Any:
        """The decoded JSON body of a 2xx answer; RegistryUnavailable or RegistryRefusal otherwise."""
        headers: dict[str, str] = {}
        if purpose is not None:
            headers["X-Purpose-Application"] = purpose.application_id
            headers["X-Purpose-Service"] = purpose.service_code
        if idempotency_key is not None:
            headers["Idempotency-Key"] = idempotency_key
        try:
            response = await self._http.request(method, path, params=params, json=json,
                                                headers=headers)
        except httpx.TimeoutException as exc:
            raise RegistryUnavailable(f"{registry} registry timed out ({type(exc).__name__})",
                                      registry=registry) from exc
        except httpx.TransportError as exc:
            raise RegistryUnavailable(
                f"{registry} registry unreachable ({type(exc).__name__}: {mask_digits(str(exc))})",
                registry=registry) from exc
        return _decode(registry, response)


def _decode(registry: str, response: httpx.Response) -> Any:
    status = response.status_code
    if 200 <= status < 300:
        return response.json() if response.content else None
    problem = _problem(response)
    if status >= 500 or status in _RETRYABLE_STATUSES:
        raise RegistryUnavailable(
            f"{registry} registry answered {status} ({problem.get('code', 'unavailable')})",
            registry=registry, status=status)
    titles = problem.get("titles") if isinstance(problem.get("titles"), dict) else None
    raise RegistryRefusal(
        str(problem.get("code") or f"http_{status}"),
        str(problem.get("title") or f"{registry} registry refused the request ({status})"),
        registry=registry, status=status, titles=titles)


def _problem(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}
