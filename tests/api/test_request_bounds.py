"""What a caller may ask of the portal, over HTTP on the running stack: a bounded offset, no JSON
nested past a few dozen levels (64 kB of `[` used to be a 500), an Allow header with every 405, and
the security headers on every answer."""

from __future__ import annotations

import json
import uuid

import httpx
import pytest

from portal.limits import MAX_JSON_DEPTH, MAX_OFFSET
from tests.support.stack import Stack

PROBLEM = "application/problem+json"


def _refused_naming(response: httpx.Response, status: int, field: str) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    assert response.json()["field"] == field


async def test_offset_is_bounded(citizen: httpx.AsyncClient, officer: httpx.AsyncClient,
                                 agency: httpx.AsyncClient) -> None:
    for client, path in ((citizen, "/applications"), (officer, "/tasks"), (agency, "/agency/applications"),
                         (agency, "/agency/webhook/deliveries")):
        assert (await client.get(path, params={"offset": MAX_OFFSET})).status_code == 200, path
        _refused_naming(await client.get(path, params={"offset": MAX_OFFSET + 1}), 422, "offset")


DEEP = b"[" * 60_000  # under the 64 kB body limit


def nested(levels: int) -> bytes:
    value: object = 1
    for _ in range(levels):
        value = [value]
    return json.dumps({"services": ["x"], "answers": {"x": {"a": value}}}).encode()


@pytest.mark.parametrize("body", [DEEP, nested(MAX_JSON_DEPTH + 20)], ids=["64 kB of [", "valid JSON, too deep"])
async def test_json_nested_too_deep_is_a_400_naming_the_body(citizen: httpx.AsyncClient, officer: httpx.AsyncClient,
                                                             agency: httpx.AsyncClient, body: bytes) -> None:
    headers = {"content-type": "application/json", "Idempotency-Key": str(uuid.uuid4())}
    before = (await citizen.get("/applications")).json()["total"]
    for client, method, path in ((citizen, "POST", "/applications"), (agency, "POST", "/agency/applications"),
                                 (agency, "PUT", "/agency/webhook"), (officer, "POST", "/tasks/nope/complete")):
        response = await client.request(method, path, content=body, headers=headers)
        _refused_naming(response, 400, "body")
        assert response.json()["type"].endswith("/malformed-json") and str(MAX_JSON_DEPTH) in response.json()["detail"]
    # no content type at all: the submission routes read the body as JSON, so it is checked too
    untyped = await citizen.post("/applications", content=body, headers={"Idempotency-Key": str(uuid.uuid4())})
    _refused_naming(untyped, 400, "body")
    assert (await citizen.get("/applications")).json()["total"] == before  # nothing stored


async def test_a_405_says_which_methods_are_allowed(healthy_stack: Stack) -> None:
    async with httpx.AsyncClient(base_url=healthy_stack.portal_url) as anonymous:
        for method, path, allowed in (("DELETE", "/api/v1/applications", {"GET", "POST"}),
                                      ("PUT", "/api/v1/services", {"GET"}),
                                      ("GET", "/logout", {"POST"})):
            response = await anonymous.request(method, path)
            assert response.status_code == 405, (method, path)
            assert response.headers["content-type"].startswith(PROBLEM)
            assert {m.strip() for m in response.headers["allow"].split(",")} - {"HEAD"} == allowed, path


@pytest.mark.parametrize("path", ["/", "/applications", "/api/v1/services", "/healthz", "/docs", "/openapi.json",
                                  "/no-such-page", "/api/v1/applications"])
async def test_every_answer_carries_the_security_headers(healthy_stack: Stack, path: str) -> None:
    async with httpx.AsyncClient(base_url=healthy_stack.portal_url) as anonymous:
        response = await anonymous.get(path)
    policy = response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert "unsafe-inline" not in policy or path == "/docs"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "same-origin"
