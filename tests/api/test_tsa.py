"""Targeted social assistance through the running stack, with real tokens: the Utemisovs apply, Serik
Utemisov consents on his own account, the district commission of Turkistan region approves, and the
application is done while the service, decided, goes on to pay."""

from __future__ import annotations

import uuid

import httpx
import pytest

from services.tsa import CODE
from tests.support.api import client_as, signed_in, submit, task_of, until, view, wait_finished
from tests.support.citizens import next_citizen
from tests.support.stack import Stack

ZHANAR, SERIK = "880412400711", "850930300439"
COMMISSION_OFFICER = "social.turkistan.officer"
PROBLEM = "application/problem+json"


def service(application: dict, code: str = CODE) -> dict:
    return next(s for s in application["services"] if s["code"] == code)


async def test_the_utemisovs_application_is_done_while_the_service_decided_goes_on_to_pay(
        healthy_stack: Stack) -> None:
    # The payments gateway is down: the service, decided, waits to pay (a registry outage delays, never loses).
    healthy_stack.knobs("payments", outage=True)
    try:
        async with await client_as(healthy_stack, citizen=ZHANAR) as zhanar, \
                await client_as(healthy_stack, citizen=SERIK) as serik:
            # No account given: the account of the family's last social payment.
            accepted = await submit(zhanar, {"services": [CODE], "answers": {CODE: {}}})
            assert accepted.status_code == 202, accepted.text
            application_id = accepted.json()["id"]

            found = await until(lambda: serik.get("/me/tasks"),
                                lambda r: [t for t in r.json()["items"] if t["application_id"] == application_id])
            task = next(t for t in found.json()["items"] if t["application_id"] == application_id)
            assert (await zhanar.post(f"/me/tasks/{task['id']}/answer", json={"outcome": "agree"})).status_code == 404
            answered = await serik.post(f"/me/tasks/{task['id']}/answer", json={"outcome": "agree"})
            assert answered.status_code == 200, answered.text

            await signed_in(healthy_stack, COMMISSION_OFFICER)
            async with await client_as(healthy_stack, officer=COMMISSION_OFFICER) as officer:
                review = await task_of(officer, application_id, kind="tsa.commission")
                detail = (await officer.get(f"/tasks/{review['id']}")).json()
                assert "conditional_assignment" in [g["code"] for g in detail["payload"]["grounds"]]
                assert "composition_confirmed" in [r["code"] for r in detail["reason_codes"]]
                assert (await officer.post(f"/tasks/{review['id']}/claim")).status_code == 200
                done = await officer.post(f"/tasks/{review['id']}/complete", json={
                    "outcome": "approve", "reasons": ["composition_confirmed", "living_conditions_confirmed"]})
                assert done.status_code == 200, done.text

            decided = await wait_finished(zhanar, application_id)
            assert decided["status"] == "completed"
            tsa = service(decided)
            assert tsa["status"] == "decided"
            assert tsa["decision"]["result"] == "eligible_conditional"
            assert tsa["decision"]["iban"].startswith("KZ") and tsa["decision"]["monthly_amount"] > 0
            assert not [e for e in decided["timeline"] if e["kind"] == "payment"]

            healthy_stack.knobs("payments", outage=False)
            paid = await until(lambda: view(zhanar, application_id),
                               lambda v: service(v)["status"] == "completed", timeout=90)
            payments = [e for e in paid["timeline"] if e["kind"] == "payment"]
            month = tsa["decision"]["months"][0]
            assert [p["detail"]["idempotency_key"] for p in payments if p["detail"]["part"] == "main"] == \
                [f"tsa/{application_id}/{m}" for m in tsa["decision"]["months"]]
            assert payments[0]["detail"]["month"] == month
            # Every step the applicant was shown has happened, the monthly payments last.
            steps = service(paid)["steps"]
            assert [s["status"] for s in steps] == ["completed"] * len(steps) and steps[-1]["code"] == "payment"
    finally:
        healthy_stack.knobs("payments", outage=False)


@pytest.mark.parametrize(("answers", "field", "code"), [
    ({"iban": "KZ456010000000000002"}, "iban", "iban_invalid"),  # the check digits do not match
    ({"iban": "KZ45601000000000"}, "iban", "iban_invalid"),  # too short
    ({"family_correction": "x" * 1001}, "family_correction", "string_too_long"),
    ({"household": 5}, "household", "extra_forbidden"),
], ids=["iban-check", "iban-length", "correction-too-long", "unknown-field"])
async def test_bad_answers_are_refused_naming_the_field_and_nothing_starts(
        healthy_stack: Stack, answers: dict, field: str, code: str) -> None:
    async with await client_as(healthy_stack, citizen=next_citizen()) as client:
        response = await client.post("/applications", json={"services": [CODE], "answers": {CODE: answers}},
                                     headers={"Idempotency-Key": str(uuid.uuid4())})
        assert response.status_code == 422, response.text
        assert response.headers["content-type"].startswith(PROBLEM)
        problem = response.json()
        assert problem["field"] == f"answers.{CODE}.{field}"
        assert [e["code"] for e in problem["errors"]] == [code]
        assert (await client.get("/applications")).json()["total"] == 0


async def test_the_catalogue_offers_the_service_with_its_form_in_three_languages(healthy_stack: Stack) -> None:
    async with httpx.AsyncClient(base_url=f"{healthy_stack.portal_url}/api/v1") as anyone:
        card = next(c for c in (await anyone.get("/services")).json() if c["code"] == CODE)
    assert set(card["title"]) == {"kk", "ru", "en"} and all(card["title"].values())
    assert set(card["form_schema"]["properties"]) == {"iban", "family_correction"}
