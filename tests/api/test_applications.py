"""The portal's API through HTTP, with tokens from the identity provider, against the running stack."""

from __future__ import annotations

import time
import uuid

import httpx
import pytest
from joserfc import jwt

from documents.signer import verify_with_jwks
from idp.keys import KeyRing
from portal.timing import duration_ms
from tests.support.api import CODE, api_client, body, submit, wait_finished
from tests.support.citizens import next_citizen
from tests.support.stack import Stack

PROBLEM = "application/problem+json"


async def test_catalogue_lists_the_service_in_three_languages_with_its_form(healthy_stack: Stack) -> None:
    async with await api_client(healthy_stack, None) as client:
        services = (await client.get("/services")).json()
    card = next(s for s in services if s["code"] == CODE)
    assert set(card["title"]) == {"kk", "ru", "en"} and all(card["title"].values())
    assert card["legal_deadline_working_days"] >= 1
    schema = card["form_schema"]
    assert "tutoring" in schema["properties"]["activity_code"]["enum"]
    assert set(schema["properties"]["regime"]["enum"]) >= {"self-employed", "simplified-declaration"}


async def test_profile_is_prefilled_from_the_population_registry(healthy_stack: Stack) -> None:
    async with await api_client(healthy_stack, "900101300811") as client:
        me = (await client.get("/me")).json()
    assert me["iin"] == "900101300811"
    assert me["address"]["urban"] is False
    assert me["prefill"][CODE]["activity_address"] == me["address"]["line"]


async def test_submit_follow_and_verify_the_certificate(healthy_stack: Stack) -> None:
    iin = next_citizen()
    async with await api_client(healthy_stack, iin) as client:
        started = time.perf_counter()
        accepted = await submit(client)
        took_ms = (time.perf_counter() - started) * 1000
        assert accepted.status_code == 202
        assert accepted.headers["location"] == f"/api/v1/applications/{accepted.json()['id']}"
        in_portal = duration_ms(accepted.headers.get("server-timing"))
        assert in_portal is not None and 0 < in_portal <= took_ms  # its own share, never more than we waited
        view = await wait_finished(client, accepted.json()["id"])
        assert view["status"] == "completed"
        service = view["services"][0]
        assert [s["status"] for s in service["steps"]] == ["completed"] * len(service["steps"])
        assert all(s["at"] for s in service["steps"])
        assert service["deadline"]
        assert service["decision"]["outcome"] == "approved"
        assert view["timeline"] and view["timeline"][0]["kind"] == "application.received"
        document = view["documents"][0]
        signed = (await client.get(document["url"].removeprefix("/api/v1"))).json()
        download = await client.get(f"/documents/{document['id']}/download")
        assert download.headers["content-type"].startswith("application/jose")
        assert download.text == signed["jws"]
        mine = (await client.get("/applications")).json()
        assert [a["id"] for a in mine["items"]] == [view["id"]] and mine["total"] == 1
    async with httpx.AsyncClient() as anyone:
        verified = (await anyone.get(document["verify_url"])).json()
        jwks = (await anyone.get(f"{healthy_stack.portal_url}/api/v1/documents/jwks.json")).json()
    assert verified["valid"] is True and verified["holder"].endswith("******")
    claims = verify_with_jwks(signed["jws"], jwks)
    assert claims["application_id"] == view["id"]


async def test_someone_elses_application_and_document_are_not_found(healthy_stack: Stack) -> None:
    owner, stranger = next_citizen(), next_citizen()
    async with await api_client(healthy_stack, owner) as client:
        view = await wait_finished(client, (await submit(client)).json()["id"])
    async with await api_client(healthy_stack, stranger) as other:
        assert (await other.get(f"/applications/{view['id']}")).status_code == 404
        assert (await other.get(f"/documents/{view['documents'][0]['id']}")).status_code == 404
        assert (await other.get("/applications")).json()["total"] == 0


async def test_a_long_poll_answers_when_the_application_is_finished_and_only_to_its_owner(
        healthy_stack: Stack) -> None:
    owner, stranger = next_citizen(), next_citizen()
    async with await api_client(healthy_stack, owner) as client:
        application_id = (await submit(client)).json()["id"]
        started = time.perf_counter()
        held = await client.get(f"/applications/{application_id}", params={"wait": 30}, timeout=40)
        waited = time.perf_counter() - started
        assert held.status_code == 200, held.text
        view = held.json()
        assert view["status"] == "completed" and view["documents"], view["status"]
        assert waited < 25  # answered when it finished, not when the wait ran out
        again = await client.get(f"/applications/{application_id}", params={"wait": 30})
        assert again.json() == view  # finished already: no wait, the same view
    async with await api_client(healthy_stack, stranger) as other:
        started = time.perf_counter()
        refused = await other.get(f"/applications/{application_id}", params={"wait": 30})
        assert refused.status_code == 404 and refused.headers["content-type"] == PROBLEM
        assert time.perf_counter() - started < 5  # told at once, never held for someone else's application


async def test_the_same_key_ten_times_at_once_makes_one_application(healthy_stack: Stack) -> None:
    import asyncio

    iin = next_citizen()
    key = str(uuid.uuid4())
    async with await api_client(healthy_stack, iin) as client:
        answers = await asyncio.gather(*(submit(client, key=key) for _ in range(10)))
        assert {r.status_code for r in answers} == {202}
        assert len({r.json()["id"] for r in answers}) == 1
        view = await wait_finished(client, answers[0].json()["id"])
        assert (await client.get("/applications")).json()["total"] == 1
    assert view["status"] == "completed"
    assert len(healthy_stack.tax_registrations(iin)) == 1


BAD_REQUESTS = [
    pytest.param({"services": ["no-such-service"], "answers": {}}, {}, 422, "services[0]", id="unknown-service"),
    pytest.param(body(regime="flat-tax"), {}, 422, f"answers.{CODE}.regime", id="regime-not-in-force"),
    pytest.param(body(activity_code="arms-trade"), {}, 422, f"answers.{CODE}.activity_code", id="activity"),
    pytest.param(body(expected_monthly_income=-5), {}, 422, f"answers.{CODE}.expected_monthly_income",
                 id="negative-income"),
    pytest.param(body(phone="8701"), {}, 422, f"answers.{CODE}.phone", id="phone-format"),
    pytest.param(body(phone=None), {}, 422, f"answers.{CODE}.phone", id="no-contact"),
    pytest.param(body(activity_code="other"), {}, 422, f"answers.{CODE}.activity_description",
                 id="other-undescribed"),
    pytest.param({"services": [CODE]}, {}, 422, f"answers.{CODE}.activity_code", id="no-answers"),
    pytest.param(body(), {"Idempotency-Key": None}, 400, "Idempotency-Key", id="missing-key"),
    pytest.param(b"{not json", {"Content-Type": "application/json"}, 400, "body", id="not-json"),
    pytest.param(b"services=x", {"Content-Type": "application/x-www-form-urlencoded"}, 415, "body",
                 id="not-json-media-type"),
    pytest.param(b'{"services": ["' + b"x" * 70000 + b'"]}', {"Content-Type": "application/json"}, 413, "body",
                 id="oversized"),
]


@pytest.mark.parametrize(("payload", "headers", "status", "field"), BAD_REQUESTS)
async def test_bad_input_is_refused_naming_the_field_and_nothing_is_stored(
        healthy_stack: Stack, payload: object, headers: dict, status: int, field: str) -> None:
    iin = next_citizen()
    async with await api_client(healthy_stack, iin) as client:
        sent = {"Idempotency-Key": str(uuid.uuid4()), **headers}
        sent = {k: v for k, v in sent.items() if v is not None}
        if isinstance(payload, bytes):
            response = await client.post("/applications", content=payload, headers=sent)
        else:
            response = await client.post("/applications", json=payload, headers=sent)
        assert response.status_code == status, response.text
        assert response.headers["content-type"].startswith(PROBLEM)
        problem = response.json()
        assert problem["status"] == status and problem["type"].startswith("https://")
        assert problem["field"] == field, problem
        assert (await client.get("/applications")).json()["total"] == 0


@pytest.mark.parametrize(("overrides", "named"), [
    ({"activity_code": "other", "phone": None}, [
        (f"answers.{CODE}.activity_description", "activity_description_missing"),
        (f"answers.{CODE}.phone", "contact_missing")]),
    ({"expected_monthly_income": -5, "phone": "8701"}, [
        (f"answers.{CODE}.expected_monthly_income", "greater_than"), (f"answers.{CODE}.phone", "phone_format")]),
], ids=["rules-over-several-answers", "field-rules"])
async def test_each_error_names_its_field_and_a_stable_code(
        healthy_stack: Stack, overrides: dict, named: list[tuple[str, str]]) -> None:
    async with await api_client(healthy_stack, next_citizen()) as client:
        response = await submit(client, body(**overrides))
        assert response.status_code == 422, response.text
        problem = response.json()
        assert [(e["field"], e["code"]) for e in problem["errors"]] == named, problem
        assert all(e["message"] for e in problem["errors"])
        assert problem["field"] == named[0][0]
        assert (await client.get("/applications")).json()["total"] == 0


async def test_the_same_key_with_another_body_is_a_conflict(healthy_stack: Stack) -> None:
    iin = next_citizen()
    key = str(uuid.uuid4())
    async with await api_client(healthy_stack, iin) as client:
        first = await submit(client, body(), key=key)
        second = await submit(client, body(expected_monthly_income=300000), key=key)
        assert first.status_code == 202
        assert second.status_code == 409
        assert second.headers["content-type"].startswith(PROBLEM)
        assert second.json()["field"] == "Idempotency-Key"
        assert (await client.get("/applications")).json()["total"] == 1


def _forged(stack: Stack, **claims: object) -> str:
    settings = stack.settings
    now = int(time.time())
    payload = {"iss": settings.issuer_url, "aud": settings.api_audience, "sub": "850715300122",
               "iat": now, "exp": now + 600, "roles": ["citizen"], "client_id": settings.cli_client_id,
               "scope": "openid", "jti": str(uuid.uuid4())}
    payload.update(claims)
    ring = KeyRing(settings.keys_dir / "idp")
    return jwt.encode({"alg": "RS256", "typ": "at+jwt"}, payload, ring.signing_set())


@pytest.mark.parametrize("case", ["none", "expired", "wrong-audience", "wrong-issuer", "tampered", "garbage"])
async def test_bad_tokens_get_401_problem(healthy_stack: Stack, case: str) -> None:
    tokens = {
        "expired": lambda: _forged(healthy_stack, iat=int(time.time()) - 3600, exp=int(time.time()) - 1800),
        "wrong-audience": lambda: _forged(healthy_stack, aud="someone-else"),
        "wrong-issuer": lambda: _forged(healthy_stack, iss="https://evil.example"),
        "tampered": lambda: _tamper(_forged(healthy_stack)),
        "garbage": lambda: "not.a.jwt",
    }
    headers = {"Authorization": f"Bearer {tokens[case]()}"} if case in tokens else {}
    async with httpx.AsyncClient(base_url=f"{healthy_stack.portal_url}/api/v1") as client:
        assert (await client.get("/me", headers={**headers})).status_code == 401
        response = await client.post("/applications", json=body(),
                                     headers={**headers, "Idempotency-Key": str(uuid.uuid4())})
    assert response.status_code == 401
    assert response.headers["content-type"].startswith(PROBLEM)
    assert response.headers["www-authenticate"].startswith("Bearer")


def test_a_forged_token_with_good_claims_is_accepted_so_the_401s_above_mean_what_they_say(
        healthy_stack: Stack) -> None:
    response = httpx.get(f"{healthy_stack.portal_url}/api/v1/me",
                         headers={"Authorization": f"Bearer {_forged(healthy_stack)}"})
    assert response.status_code == 200


def _tamper(token: str) -> str:
    header, payload, signature = token.split(".")
    import base64
    import json

    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["sub"] = "900101400013"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    return f"{header}.{forged}.{signature}"


def test_server_timing_names_the_portals_own_duration() -> None:
    assert duration_ms("app;dur=12.5") == 12.5
    assert duration_ms('db;dur=3, app;desc="portal";dur=7') == 7.0
    assert duration_ms("db;dur=3") is None and duration_ms(None) is None


@pytest.mark.parametrize("enabled", [True, False])
def test_server_timing_can_be_left_out_for_the_public(tmp_path, database_url: str, enabled: bool) -> None:
    """deploy/ turns it off in production: it tells any caller how long the portal took."""
    from starlette.testclient import TestClient

    from onestop.settings import Settings
    from portal.app import create_app

    settings = Settings(database_url=database_url, state_dir=tmp_path, server_timing=enabled)
    with TestClient(create_app(settings, sweep=False), base_url="http://127.0.0.1") as client:
        answer = client.get("/healthz")
    assert answer.status_code == 200
    assert ("server-timing" in answer.headers) is enabled
