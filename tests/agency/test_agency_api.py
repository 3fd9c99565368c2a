"""The agency API through HTTP on the running stack, with client-credentials tokens from the identity provider."""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator, Iterator
from functools import lru_cache
from typing import Any

import httpx
import pytest
from sqlmodel import select

from connectors.mock.seed import generate_population
from onestop.settings import Settings
from policies.iin import complete
from portal.agency.signatures import verify_signature
from store.engine import get_engine, session_scope
from store.workbench import AuditEvent
from tests.support.api import CODE, OTHER_ACTIVITY, api_client, client_as, form, task_of, until, wait_finished
from tests.support.citizens import citizen_of, next_citizen
from tests.support.receiver import FlakyReceiver
from tests.support.stack import Stack

PROBLEM = "application/problem+json"
AGENCY_API = "/api/v1/agency"
AKIMAT, CAREER_CENTRE = "akimat-astana", "career-centre-almaty"


@pytest.fixture
async def akimat(healthy_stack: Stack) -> AsyncIterator[httpx.AsyncClient]:
    async with await client_as(healthy_stack, AGENCY_API, client=AKIMAT) as client:
        yield client


@pytest.fixture
async def career_centre(healthy_stack: Stack) -> AsyncIterator[httpx.AsyncClient]:
    async with await client_as(healthy_stack, AGENCY_API, client=CAREER_CENTRE) as client:
        yield client


def start_body(iin: str, **overrides: Any) -> dict[str, Any]:
    body = {"applicant_iin": iin, "services": [CODE], "answers": {CODE: form()},
            "legal_basis": "Employment roadmap, order of the akimat No. 17"}
    body.update(overrides)
    return body


async def start(client: httpx.AsyncClient, body: dict[str, Any], key: str | None = None) -> httpx.Response:
    return await client.post("/applications", json=body, headers={"Idempotency-Key": key or str(uuid.uuid4())})


@lru_cache
def unknown_iin() -> str:
    """A well-formed IIN (right check digit) that the seeded population does not hold."""
    settings = Settings()
    known = {p.iin for p in generate_population(settings.seed, settings.seed_persons)}
    for serial in range(10000):
        number = complete(f"9912313{serial:04d}")
        if number and number not in known:
            return number
    raise AssertionError("no unknown IIN found")


def audit_rows(stack: Stack, actor: str, action: str) -> list[AuditEvent]:
    with session_scope(get_engine(stack.database_url)) as session:
        return list(session.exec(select(AuditEvent).where(AuditEvent.actor == actor, AuditEvent.action == action)))


async def test_an_agency_starts_a_service_for_a_citizen_and_follows_it(
        healthy_stack: Stack, akimat: httpx.AsyncClient, career_centre: httpx.AsyncClient) -> None:
    iin = next_citizen()
    key = str(uuid.uuid4())
    accepted = await start(akimat, start_body(iin), key)
    assert accepted.status_code == 202, accepted.text
    application_id = accepted.json()["id"]
    assert accepted.headers["location"] == f"/api/v1/agency/applications/{application_id}"
    again = await start(akimat, start_body(iin), key)
    assert again.status_code == 202 and again.json()["id"] == application_id  # one application per key

    view = await wait_finished(akimat, application_id)
    assert view["status"] == "completed"
    assert view["submitted_via"] == f"agency:{AKIMAT}"
    assert view["legal_basis"] == "Employment roadmap, order of the akimat No. 17"
    assert [(s["code"], s["status"], s["outcome"]) for s in view["services"]] == [(CODE, "completed", "approved")]
    assert "applicant_iin" not in view
    listed = (await akimat.get("/applications", params={"limit": 100})).json()
    assert application_id in [a["id"] for a in listed["items"]]

    # another client (it may read applications, but not this one), and a citizen's token
    other = await career_centre.get(f"/applications/{application_id}")
    assert other.status_code == 404 and other.headers["content-type"].startswith(PROBLEM)
    assert application_id not in [a["id"] for a in (await career_centre.get("/applications")).json()["items"]]
    async with await client_as(healthy_stack, citizen=iin) as citizen:
        assert (await citizen.get(f"/agency/applications/{application_id}")).status_code == 403
        # the citizen sees the application the agency started for them
        mine = (await citizen.get(f"/applications/{application_id}")).json()
        assert mine["submitted_via"] == f"agency:{AKIMAT}"

    started = [r for r in audit_rows(healthy_stack, AKIMAT, "agency.application.start")
               if r.object_id == application_id]
    assert len(started) == 1 and started[0].actor_role == "agency"
    assert started[0].after and started[0].after["legal_basis"].startswith("Employment roadmap")
    assert iin not in json.dumps(started[0].after)
    assert any(r.object_id == application_id for r in audit_rows(healthy_stack, AKIMAT, "agency.application.read"))


@pytest.mark.parametrize(("case", "field"), [
    ("bad check digit", "applicant_iin"), ("not digits", "applicant_iin"), ("unknown person", "applicant_iin"),
    ("no legal basis", "legal_basis"), ("blank legal basis", "legal_basis"),
    ("bad form", f"answers.{CODE}.regime"),
])
async def test_bad_input_is_refused_naming_the_field_and_nothing_is_stored(
        healthy_stack: Stack, akimat: httpx.AsyncClient, case: str, field: str) -> None:
    iin = next_citizen()
    body = {
        "bad check digit": start_body(iin[:11] + str((int(iin[11]) + 1) % 10)),
        "not digits": start_body("85071530012x"),
        "unknown person": start_body(unknown_iin()),
        "no legal basis": {k: v for k, v in start_body(iin).items() if k != "legal_basis"},
        "blank legal basis": start_body(iin, legal_basis="   "),
        "bad form": start_body(iin, answers={CODE: form(regime="astrology")}),
    }[case]
    before = (await akimat.get("/applications")).json()["total"]
    refused = await start(akimat, body)
    assert refused.status_code == 422, refused.text
    assert refused.headers["content-type"].startswith(PROBLEM)
    assert refused.json()["field"] == field
    assert (await akimat.get("/applications")).json()["total"] == before


async def test_a_service_without_its_start_scope_is_forbidden(healthy_stack: Stack,
                                                              career_centre: httpx.AsyncClient) -> None:
    before = (await career_centre.get("/applications")).json()["total"]
    refused = await start(career_centre, start_body(next_citizen()))
    assert refused.status_code == 403 and refused.headers["content-type"].startswith(PROBLEM)
    assert f"services:{CODE}:start" in refused.json()["detail"]
    assert (await career_centre.get("/applications")).json()["total"] == before
    assert audit_rows(healthy_stack, CAREER_CENTRE, "agency.application.start.refused")


async def test_registry_down_is_503_and_nothing_is_stored(healthy_stack: Stack, akimat: httpx.AsyncClient) -> None:
    before = (await akimat.get("/applications")).json()["total"]
    healthy_stack.knobs("population", outage=True)
    try:
        refused = await start(akimat, start_body(next_citizen()))
    finally:
        healthy_stack.reset_knobs()
    assert refused.status_code == 503 and refused.headers["content-type"].startswith(PROBLEM)
    assert (await akimat.get("/applications")).json()["total"] == before


async def test_no_token_is_401(healthy_stack: Stack) -> None:
    async with httpx.AsyncClient(base_url=f"{healthy_stack.portal_url}/api/v1/agency") as anonymous:
        assert (await anonymous.get("/applications")).status_code == 401
        assert (await anonymous.put("/webhook", json={"url": "http://127.0.0.1:9/"})).status_code == 401


@pytest.fixture
def receiver() -> Iterator[FlakyReceiver]:
    with FlakyReceiver(failures=3) as receiver:
        yield receiver


async def test_webhook_retried_until_delivered_signed_and_listed(
        healthy_stack: Stack, akimat: httpx.AsyncClient, receiver: FlakyReceiver) -> None:
    bad = await akimat.put("/webhook", json={"url": "ftp://example.kz/hook"})
    assert bad.status_code == 422 and bad.json()["field"] == "url"
    registered = await akimat.put("/webhook", json={"url": receiver.url})
    assert registered.status_code == 200, registered.text
    receiver.secret = registered.json()["secret"]
    assert receiver.secret and registered.json()["url"] == receiver.url

    accepted = await start(akimat, start_body(next_citizen()))
    application_id = accepted.json()["id"]
    assert (await wait_finished(akimat, application_id))["status"] == "completed"

    # in_progress and completed: each fails 3 times, then gets through (backoff 1 + 2 + 4 s)
    async def listed() -> dict[str, Any]:
        return (await akimat.get("/webhook/deliveries", params={"application_id": application_id})).json()

    page = await until(listed, lambda p: p["total"] == 2 and all(d["status"] != "pending" for d in p["items"]),
                       timeout=40)
    deliveries = sorted(page["items"], key=lambda d: d["event_id"].rsplit(":", 1)[1])
    assert [d["event_id"] for d in deliveries] == [f"{application_id}:in_progress:1", f"{application_id}:completed:2"]
    for delivery in deliveries:
        assert (delivery["status"], delivery["attempts"], delivery["last_status_code"]) == ("delivered", 4, 204)
        assert delivery["delivered_at"] and delivery["event_type"] == "application.status_changed"

    ours = [(h, b) for h, b in receiver.received if h["onestop-event-id"].startswith(application_id)]
    assert len(ours) == 8  # 2 events x (3 failures + 1 success): never more
    for headers, body in ours:
        assert verify_signature(receiver.secret, headers["onestop-signature"], body, tolerance_s=300)
        assert headers["onestop-signature"].startswith(f"t={headers['onestop-timestamp']},")
    headers, body = ours[-1]
    event = json.loads(body)
    assert event["type"] == "application.status_changed" and event["application_id"] == application_id
    assert event["event_id"] == headers["onestop-event-id"]
    assert event["status"] == "completed" and event["services"] == [{"code": CODE, "status": "completed"}]
    assert event["occurred_at"]
    # the receiver's check catches a changed body, a forged signature and another client's secret
    tampered = body.replace(b'"completed"', b'"refused"')
    assert not verify_signature(receiver.secret, headers["onestop-signature"], tampered, tolerance_s=300)
    forged = headers["onestop-signature"][:-4] + "0000"
    assert not verify_signature(receiver.secret, forged, body, tolerance_s=300)
    assert not verify_signature("whsec_other", headers["onestop-signature"], body, tolerance_s=300)
    assert audit_rows(healthy_stack, AKIMAT, "agency.webhook.register")


async def test_an_appeal_announces_the_status_changes_it_makes(healthy_stack: Stack,
                                                               akimat: httpx.AsyncClient) -> None:
    """The agency hears the application leave "refused" when the citizen appeals, and reach it again
    when the appeal is upheld, in events of the appeal's own that cannot collide with the first run's."""
    iin = citizen_of("astana")
    with FlakyReceiver(failures=0) as receiver:
        registered = await akimat.put("/webhook", json={"url": receiver.url})
        assert registered.status_code == 200, registered.text
        receiver.secret = registered.json()["secret"]
        accepted = await start(akimat, start_body(iin, answers={CODE: form(**OTHER_ACTIVITY)}))
        assert accepted.status_code == 202, accepted.text
        application_id = accepted.json()["id"]

        async with await client_as(healthy_stack, officer="tax.astana.officer") as officer, \
                await client_as(healthy_stack, officer="tax.astana.supervisor") as supervisor, \
                await api_client(healthy_stack, iin) as citizen:
            review = await task_of(officer, application_id, "self-employed.manual-review")
            refusal = await officer.post(f"/tasks/{review['id']}/complete",
                                         json={"outcome": "refuse", "reasons": ["activity_not_permitted"]})
            assert refusal.status_code == 200, refusal.text
            assert (await wait_finished(akimat, application_id))["status"] == "refused"

            filed = await citizen.post(f"/applications/{application_id}/appeals",
                                       json={"service_code": CODE, "grounds": "Yurt repair is a craft on the list."})
            assert filed.status_code == 202, filed.text
            appeal_id = filed.json()["id"]
            task = await task_of(supervisor, application_id, "appeal.review")
            upheld = await supervisor.post(f"/tasks/{task['id']}/complete",
                                           json={"outcome": "upheld", "reasons": ["decision_lawful"]})
            assert upheld.status_code == 200, upheld.text

        async def listed() -> dict[str, Any]:
            return (await akimat.get("/webhook/deliveries", params={"application_id": application_id})).json()

        page = await until(listed, lambda p: p["total"] == 4 and all(d["status"] == "delivered" for d in p["items"]),
                           timeout=60)
        appeal = f"{application_id}:appeal-{appeal_id}"
        assert sorted(d["event_id"] for d in page["items"]) == sorted([
            f"{application_id}:in_progress:1", f"{application_id}:refused:2",
            f"{appeal}:in_progress:1", f"{appeal}:refused:2"])

        ours = {h["onestop-event-id"]: (h, b) for h, b in receiver.received
                if h["onestop-event-id"].startswith(application_id)}
    assert len(ours) == 4 and len([h for h, _ in receiver.received
                                   if h["onestop-event-id"].startswith(application_id)]) == 4  # each once
    for headers, body in ours.values():
        assert verify_signature(receiver.secret, headers["onestop-signature"], body, tolerance_s=300)
    reopened = json.loads(ours[f"{appeal}:in_progress:1"][1])
    assert reopened["status"] == "in_progress" and reopened["application_id"] == application_id
    decided = json.loads(ours[f"{appeal}:refused:2"][1])
    assert decided["type"] == "application.status_changed" and decided["event_id"] == f"{appeal}:refused:2"
    assert decided["status"] == "refused" and decided["services"] == [{"code": CODE, "status": "refused"}]
    assert decided["occurred_at"] > reopened["occurred_at"]
