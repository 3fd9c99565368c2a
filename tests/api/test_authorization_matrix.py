"""Who may call what: every endpoint x every kind of caller, in one table.

Callers: the applicant, another citizen, an officer of the task's queue (tax, Astana), an officer
of another region, a supervisor of the queue, an agency client with the service's scope, an
agency client without it (nor webhooks:manage), and no token at all. Reads are called for real; writes are called
only where they must be refused, so the table leaves the shared data as it found it.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from tests.support.api import apply_for_review, client_as, task_of
from tests.support.citizens import citizen_of
from tests.support.stack import Stack

CALLERS = ("owner", "other_citizen", "officer", "other_region_officer", "supervisor",
           "agency", "agency_without_scope", "anonymous")


@dataclass
class World:
    clients: dict[str, httpx.AsyncClient]
    ids: dict[str, str]


@pytest.fixture(scope="module")
async def world(stack: Stack) -> AsyncIterator[World]:
    who = {
        "owner": {"citizen": citizen_of("astana")},
        "other_citizen": {"citizen": citizen_of("astana")},
        "officer": {"officer": "tax.astana.officer"},
        "other_region_officer": {"officer": "tax.almaty.officer"},
        "supervisor": {"officer": "tax.astana.supervisor"},
        "agency": {"client": "akimat-astana", "secret": "akimat-astana-secret"},
        "agency_without_scope": {"client": "career-centre-almaty", "secret": "career-centre-almaty-secret"},
    }
    clients = {name: await client_as(stack, **caller) for name, caller in who.items()}
    clients["anonymous"] = httpx.AsyncClient(base_url=f"{stack.portal_url}/api/v1", timeout=30)
    application_id = await apply_for_review(clients["owner"])
    task = await task_of(clients["officer"], application_id)
    yield World(clients, {"application": application_id, "task": task["id"]})
    for client in clients.values():
        await client.aclose()


def agency_body() -> dict[str, Any]:
    return {"applicant_iin": "850715300123",  # a wrong check digit: refused after the caller is let in
            "services": ["self-employed-registration"], "answers": {}, "legal_basis": "test"}


#            method, path,                               body,         statuses in CALLERS order
MATRIX: list[tuple[str, str, Any, tuple[int | None, ...]]] = [
    ("GET", "/services", None, (200, 200, 200, 200, 200, 200, 200, 200)),
    ("GET", "/me", None, (200, 200, 200, 200, 200, 200, 200, 401)),
    ("GET", "/applications", None, (200, 200, 403, 403, 403, 403, 403, 401)),
    ("GET", "/applications/{application}", None, (200, 404, 404, 404, 404, 404, 404, 401)),
    ("POST", "/applications/{application}/withdraw", {}, (None, 404, 404, 404, 404, 404, 404, 401)),
    ("POST", "/applications/{application}/appeals", {"service_code": "self-employed-registration",
                                                     "grounds": "x"}, (409, 404, 403, 403, 403, 403, 403, 401)),
    ("GET", "/me/data-access", None, (200, 200, 403, 403, 403, 403, 403, 401)),
    ("GET", "/me/tasks", None, (200, 200, 403, 403, 403, 403, 403, 401)),
    # Another person's task (here an officer's): to a citizen it does not exist.
    ("POST", "/me/tasks/{task}/answer", {"outcome": "approve"}, (404, 404, 403, 403, 403, 403, 403, 401)),
    ("GET", "/tasks", None, (403, 403, 200, 200, 200, 403, 403, 401)),
    ("GET", "/tasks/{task}", None, (403, 403, 200, 404, 200, 403, 403, 401)),
    ("POST", "/tasks/{task}/claim", {}, (403, 403, None, 404, None, 403, 403, 401)),
    ("POST", "/tasks/{task}/complete", {"outcome": "approve"}, (403, 403, None, 404, None, 403, 403, 401)),
    ("POST", "/tasks/{task}/reassign", {"to": "tax.astana.officer2"}, (403, 403, 403, 404, None, 403, 403, 401)),
    ("GET", "/tasks/{task}/assignees", None, (403, 403, 403, 404, 200, 403, 403, 401)),
    ("GET", "/audit", None, (403, 403, 403, 403, 200, 403, 403, 401)),
    # an auditor's alone (tests/audit/test_audit_privacy.py): not even the supervisor's
    ("GET", "/audit/actors/p-nobody", None, (403, 403, 403, 403, 403, 403, 403, 401)),
    ("GET", "/agency/applications", None, (403, 403, 403, 403, 403, 200, 200, 401)),
    ("GET", "/agency/applications/{application}", None, (403, 403, 403, 403, 403, 404, 404, 401)),
    ("POST", "/agency/applications", agency_body(), (403, 403, 403, 403, 403, 422, 403, 401)),
    ("GET", "/agency/webhook/deliveries", None, (403, 403, 403, 403, 403, 200, 403, 401)),
    # webhooks:manage: the agency gets as far as the URL check (ftp is refused, nothing stored)
    ("PUT", "/agency/webhook", {"url": "ftp://hooks.example.kz/"}, (403, 403, 403, 403, 403, 422, 403, 401)),
]

CASES = [pytest.param(method, path, body, caller, expected, id=f"{method} {path} as {caller}")
         for method, path, body, statuses in MATRIX
         for caller, expected in zip(CALLERS, statuses, strict=True) if expected is not None]


@pytest.mark.parametrize(("method", "path", "body", "caller", "expected"), CASES)
async def test_authorization(world: World, method: str, path: str, body: Any, caller: str, expected: int) -> None:
    url = path.format(**world.ids)
    headers = {"Idempotency-Key": str(uuid.uuid4())} if method == "POST" else {}
    response = await world.clients[caller].request(method, url, json=body, headers=headers)
    assert response.status_code == expected, response.text
    if expected >= 400:
        assert response.headers["content-type"].startswith("application/problem+json")


# Acting for a business: the head of Astana Build Service LLP may, for Nur Textile LLP he may not,
# and nobody acts for a business with a malformed BIN (onestop/demo.py names both businesses).
HEAD_OF_ASTANA_BUILD = "790314300515"
ACTING = [("090440003173", 200), ("160240008529", 403), ("090440003174", 422)]


@pytest.mark.parametrize(("business", "expected"), ACTING, ids=["own business", "another's", "malformed BIN"])
async def test_acting_for_a_business(stack: Stack, business: str, expected: int) -> None:
    async with await client_as(stack, citizen=HEAD_OF_ASTANA_BUILD) as head:
        response = await head.get("/applications", headers={"Onestop-Acting-For": business})
    assert response.status_code == expected, response.text
    if expected >= 400:
        assert response.headers["content-type"].startswith("application/problem+json")
        assert response.json()["field"] == "Onestop-Acting-For"
