"""RegistryClient alone, over httpx.MockTransport: headers sent, answers mapped to the error tree."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from connectors.base import Purpose, RegistryClient
from connectors.errors import GENERIC_REFUSAL_TITLES, RegistryRefusal, RegistryUnavailable
from onestop.settings import Settings

SETTINGS = Settings(_env_file=None, registries_url="http://registries.test",
                    registries_system_id="onestop", registries_api_key="k-1")
PURPOSE = Purpose(application_id="application-42", service_code="tsa")


def _client(handler: Any) -> RegistryClient:
    return RegistryClient(SETTINGS, transport=httpx.MockTransport(handler))


async def test_identity_purpose_and_idempotency_headers_are_sent() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(201, json={"ok": True})

    async with _client(handler) as client:
        assert await client.post("tax", "/tax/registrations", purpose=PURPOSE, json={},
                                 idempotency_key="application-42:tax") == {"ok": True}
    headers = seen[0].headers
    assert (headers["x-calling-system"], headers["x-api-key"]) == ("onestop", "k-1")
    assert (headers["x-purpose-application"], headers["x-purpose-service"]) == ("application-42", "tsa")
    assert headers["idempotency-key"] == "application-42:tax"


@pytest.mark.parametrize("status", [429, 500, 502, 503, 504])
async def test_server_errors_and_throttling_are_retryable(status: int) -> None:
    async with _client(lambda r: httpx.Response(status, text="busy")) as client:
        with pytest.raises(RegistryUnavailable) as failed:
            await client.get("population", "/population/persons/850715300122", purpose=PURPOSE)
    assert failed.value.status == status and failed.value.registry == "population"
    assert "850715300122" not in str(failed.value)


async def test_connection_errors_are_retryable() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused for 850715300122", request=request)

    async with _client(handler) as client:
        with pytest.raises(RegistryUnavailable) as failed:
            await client.get("population", "/x", purpose=PURPOSE)
    assert "850715300122" not in str(failed.value) and "ConnectError" in str(failed.value)


async def test_problem_answers_are_refusals_with_their_code() -> None:
    problem = {"code": "already_registered", "title": "The person is already registered",
               "titles": {"kk": "Тұлға бұрыннан тіркелген", "ru": "Лицо уже зарегистрировано",
                          "en": "The person is already registered"}}

    async with _client(lambda r: httpx.Response(409, json=problem)) as client:
        with pytest.raises(RegistryRefusal) as refused:
            await client.post("tax", "/tax/registrations", purpose=PURPOSE, json={})
    assert (refused.value.code, refused.value.status, refused.value.registry) == ("already_registered", 409, "tax")
    assert refused.value.titles["ru"] == "Лицо уже зарегистрировано"
    error = refused.value.to_application_error()
    assert error.non_retryable and error.details[0]["code"] == "already_registered"


async def test_a_refusal_without_a_problem_body_still_has_a_code() -> None:
    async with _client(lambda r: httpx.Response(404, text="nope")) as client:
        with pytest.raises(RegistryRefusal) as refused:
            await client.get("population", "/x", purpose=PURPOSE)
    assert refused.value.code == "http_404"
    assert refused.value.titles == GENERIC_REFUSAL_TITLES
