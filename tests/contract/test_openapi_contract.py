"""The OpenAPI document tells the truth: schemathesis calls every operation of the real portal.

As a citizen, an officer and an agency client (real tokens from the identity provider), with
every check schemathesis has (all enabled, none switched off; the two that follow a resource
across calls, use_after_free and ensure_resource_availability, need the stateful phase, which
the pytest plugin does not run): each status code, media type, header and body the portal
answers must be declared, every schema-valid request accepted and every invalid one refused,
an invalid token refused, a missing required header refused, an unsupported method answered 405
with Allow. The run is bounded (a few examples per operation, all three phases: examples,
coverage, fuzzing) and derandomized, so it is short and the same each time.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from onestop.token import obtain_token, obtain_token_async
from tests.support.api import apply_for_review, body, client_as, submit, task_of, wait_finished
from tests.support.citizens import citizen_of
from tests.support.stack import Stack

CALLERS: dict[str, dict[str, str]] = {
    "citizen": {"citizen": citizen_of("astana")},
    "officer": {"officer": "tax.astana.officer"},
    "agency": {"client": "akimat-astana", "secret": "akimat-astana-secret"},
}
SUPERVISOR = {"officer": "tax.astana.supervisor"}

# Schema-valid requests a business rule refuses with its declared 422: a number whose check digit is
# wrong, a person the population registry does not know, answers a service's form refuses (each
# form's schema is in the catalogue, not in this document), a webhook host that is not public.
BUSINESS_RULE_422 = [
    "POST /api/v1/applications",
    "GET /api/v1/applications",  # Onestop-Acting-For: twelve digits, the last a check digit
    "GET /api/v1/applications/{application_id}",
    "POST /api/v1/applications/{application_id}/answers",  # Onestop-Acting-For's check digit, as above
    "POST /api/v1/applications/{application_id}/withdraw",
    "POST /api/v1/agency/applications",
    "PUT /api/v1/agency/webhook",
    "POST /api/v1/vacancies/bulk",  # Onestop-Acting-For's check digit; the occupation code of the classifier
    "POST /api/v1/guidance-test",  # answers keyed by the questionnaire's ids, on its scale: the policy checks
    "GET /api/v1/vacancies/{vacancy_id}/candidates",  # Onestop-Acting-For's check digit, as above
    "GET /api/v1/vacancies/{vacancy_id}/applications",
    "POST /api/v1/vacancy-applications/{application_id}/answer",
    "POST /api/v1/applications/{application_id}/appeals",  # Onestop-Acting-For's check digit, as above
    "GET /api/v1/applications/{application_id}/appeals",
    "GET /api/v1/applications/{application_id}/appeals/{appeal_id}",
]
ACCEPTED = ["2xx", "3xx", "401", "403", "404", "409", "429", "5xx"]


def _schema_for(stack: Stack, caller: str) -> Any:
    return _schema_with(stack, obtain_token(stack.settings, **CALLERS[caller]))


def _schema_with(stack: Stack, token: str) -> Any:
    """The portal's own document, every call carrying a caller's real token."""
    config = SchemathesisConfig.from_dict({
        "seed": 17,
        "auth": {"openapi": {"bearer": {"bearer": token}}},  # the scheme the document declares
        "operations": [{"include-name": BUSINESS_RULE_422, "checks": {
            "positive_data_acceptance": {"expected-statuses": [*ACCEPTED, "422"]}}}],
    })
    return schemathesis.openapi.from_url(f"{stack.portal_url}/openapi.json", config=config)


@pytest.fixture(scope="module", autouse=True)
def _at_rest(stack: Stack) -> None:
    """Whatever an earlier module left (a registry made slow or down), the fuzzer meets the stack at rest:
    a 503 here would be that module's knob, not an operation's fault."""
    stack.at_rest()


@pytest.fixture(scope="module")
def as_citizen(stack: Stack) -> Any:
    return _schema_for(stack, "citizen")


@pytest.fixture(scope="module")
def as_officer(stack: Stack) -> Any:
    return _schema_for(stack, "officer")


@pytest.fixture(scope="module")
def as_agency(stack: Stack) -> Any:
    return _schema_for(stack, "agency")


@pytest.fixture(autouse=True)
def _node_id_for_subtests(request: pytest.FixtureRequest) -> None:
    """schemathesis' pytest plugin renames the node per operation through `_nodeid`, which pytest 9.2 dropped."""
    if not hasattr(request.node, "_nodeid"):
        request.node._nodeid = request.node.nodeid


BOUNDED = settings(max_examples=3, derandomize=True, deadline=None, database=None,
                   suppress_health_check=list(HealthCheck))


@schemathesis.pytest.from_fixture("as_citizen").parametrize()
@BOUNDED
def test_as_a_citizen(case: Any) -> None:
    case.call_and_validate()


@schemathesis.pytest.from_fixture("as_officer").parametrize()
@BOUNDED
def test_as_an_officer(case: Any) -> None:
    case.call_and_validate()


@schemathesis.pytest.from_fixture("as_agency").parametrize()
@BOUNDED
def test_as_an_agency_client(case: Any) -> None:
    case.call_and_validate()


# Fuzzed identifiers find nothing: these reads are checked on what a real, finished application left.
REAL_READS = [
    ("/api/v1/applications", {}),
    ("/api/v1/applications/{application_id}", {"application_id"}),
    ("/api/v1/applications/{application_id}/appeals", {"application_id"}),
    ("/api/v1/documents/{document_id}", {"document_id"}),
    ("/api/v1/documents/{document_id}/download", {"document_id"}),
    ("/api/v1/documents/{document_id}/verify", {"document_id"}),
    ("/api/v1/me", {}),
    ("/api/v1/me/data-access", {}),
]


async def test_a_finished_application_reads_as_declared(stack: Stack) -> None:
    applicant = {"citizen": citizen_of("astana")}  # not the fuzzed one: their registration may have gone through
    async with await client_as(stack, **applicant) as citizen:
        accepted = await submit(citizen)
        assert accepted.status_code == 202, accepted.text
        view = await wait_finished(citizen, accepted.json()["id"])
    assert view["status"] == "completed" and view["documents"], view
    ids = {"application_id": view["id"], "document_id": view["documents"][0]["id"]}
    token = await obtain_token_async(stack.settings, **applicant)
    schema = _schema_with(stack, token)
    for path, names in REAL_READS:
        case = schema[path]["GET"].Case(path_parameters={name: ids[name] for name in names})
        response = case.call_and_validate(headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 200, (path, response.text)


async def test_an_open_task_reads_as_declared(stack: Stack) -> None:
    """The officer's and the supervisor's reads, on a real task of their queue and their agency's audit trail."""
    async with await client_as(stack, citizen=citizen_of("astana")) as citizen:
        application_id = await apply_for_review(citizen)
    async with await client_as(stack, **CALLERS["officer"]) as officer:
        task = await task_of(officer, application_id)
    reads = [(CALLERS["officer"], "/api/v1/tasks", {}),
             (CALLERS["officer"], "/api/v1/tasks/{task_id}", {"task_id": task["id"]}),
             (SUPERVISOR, "/api/v1/tasks/{task_id}/assignees", {"task_id": task["id"]}),
             (SUPERVISOR, "/api/v1/audit", {})]
    for who, path, parameters in reads:
        token = await obtain_token_async(stack.settings, **who)
        case = _schema_with(stack, token)[path]["GET"].Case(path_parameters=parameters)
        response = case.call_and_validate(headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 200, (path, response.text)


async def test_an_application_an_agency_started_reads_as_declared(stack: Stack) -> None:
    async with await client_as(stack, path="/api/v1/agency", **CALLERS["agency"]) as agency:
        started = await agency.post("/applications", headers={"Idempotency-Key": str(uuid.uuid4())}, json={
            "applicant_iin": citizen_of("astana"), **body(), "legal_basis": "Employment programme referral No. 17"})
        assert started.status_code == 202, started.text
    token = await obtain_token_async(stack.settings, **CALLERS["agency"])
    schema = _schema_with(stack, token)
    for path, parameters in [("/api/v1/agency/applications", {}),
                             ("/api/v1/agency/applications/{application_id}", {"application_id": started.json()["id"]}),
                             ("/api/v1/agency/webhook/deliveries", {})]:
        case = schema[path]["GET"].Case(path_parameters=parameters)
        response = case.call_and_validate(headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 200, (path, response.text)
