"""The document itself, without a server: what schemathesis relies on holds for every operation."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest

from portal.app import create_app
from services.catalogue import CATALOGUE


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    return create_app(sweep=False).openapi()


def operations(document: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            yield method.upper(), path, operation


def test_every_reference_resolves(document: dict[str, Any]) -> None:
    # A body model's nested models were once left out: a generated client could not build the body.
    names = set(re.findall(r'"#/components/schemas/([^"]+)"', json.dumps(document)))
    assert names - set(document["components"]["schemas"]) == set()


def test_every_refusal_is_a_problem_with_its_headers(document: dict[str, Any]) -> None:
    for method, path, operation in operations(document):
        if not path.startswith("/api/"):
            continue
        for status, response in operation["responses"].items():
            if status[0] in "45":
                assert list(response["content"]) == ["application/problem+json"], (method, path, status)
            if status in ("429", "503"):
                assert "Retry-After" in response["headers"], (method, path, status)
        if operation.get("security"):
            assert "WWW-Authenticate" in operation["responses"]["401"]["headers"], (method, path)
            assert "503" in operation["responses"], (method, path)


def test_the_browser_login_is_no_part_of_the_api(document: dict[str, Any]) -> None:
    assert not [p for p in document["paths"] if p.startswith(("/login", "/logout", "/auth/"))]


@pytest.mark.parametrize("path", ["/api/v1/applications", "/api/v1/agency/applications"])
def test_a_submit_declares_its_key_its_location_and_the_service_codes(document: dict[str, Any], path: str) -> None:
    operation = document["paths"][path]["post"]
    key = next(p for p in operation["parameters"] if p["name"] == "Idempotency-Key")
    assert key["required"] and key["in"] == "header"
    assert "Location" in operation["responses"]["202"]["headers"]
    services = operation["requestBody"]["content"]["application/json"]["schema"]["properties"]["services"]
    assert set(services["items"]["enum"]) <= set(CATALOGUE) and services["uniqueItems"]
