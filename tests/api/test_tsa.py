"""Targeted social assistance through the running stack, with real tokens: the Utemisovs apply, Serik
Utemisov consents on his own account, the district commission of Turkistan region approves, and the
application is done while the service, decided, goes on to pay."""

from __future__ import annotations

import asyncio
import uuid

import httpx
import pytest

from connectors.mock.seed import generate_population
from onestop.settings import Settings
from policies.iin import complete
from services.tsa import CODE
from tests.support.api import client_as, signed_in, submit, task_of, until, view, wait_finished
from tests.support.citizens import _eligible, next_citizen
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
            # The consent was asked of Serik: the applicant's answer is refused naming the task, and nothing changes.
            not_hers = await zhanar.post(f"/me/tasks/{task['id']}/answer", json={"outcome": "agree"})
            assert not_hers.status_code == 404 and not_hers.headers["content-type"].startswith(PROBLEM)
            assert not_hers.json()["field"] == "task_id"
            still = (await serik.get("/me/tasks")).json()["items"]
            assert [t["status"] for t in still if t["id"] == task["id"]] == ["open"]
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

            # The period over, the family is invited to apply again, on the timeline and by a notice...
            (invitation,) = [e for e in paid["timeline"] if e["kind"] == "tsa.reapply"]
            assert set(invitation["title"]) == {"kk", "ru", "en"} and all(invitation["title"].values())
            url = invitation["detail"]["url"]
            assert url == f"/apply/{CODE}?from={application_id}"
            person = healthy_stack._audit_get(f"/population/persons/{ZHANAR}")
            phone = person["phone"] or person["email"]
            notices = [m for m in healthy_stack.outbox(phone) if url in m["body"]]
            assert len(notices) == 1
        # ...to a form filled in from the ended application: the account its decision used.
        async with await client_as(healthy_stack, path="", citizen=ZHANAR) as pages:
            form = await pages.get(url, headers={"Accept-Language": "en"})
            assert form.status_code == 200
            assert f'value="{tsa["decision"]["iban"]}"' in form.text
            # Someone else's application fills in nothing.
            async with await client_as(healthy_stack, path="", citizen=SERIK) as other:
                assert tsa["decision"]["iban"] not in (await other.get(url)).text
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
    assert set(card["form_schema"]["properties"]) == {"iban", "family_correction", "members", "added_members"}


def a_couple() -> tuple[str, str]:
    """A seeded married couple, both alive and adult, neither a demo citizen nor handed out to other tests
    (taken from the end of the pool: next_citizen hands out from its start)."""
    people = {p.iin: p for p in _eligible()}
    for person in reversed(_eligible()):
        spouse = people.get(person.spouse or "")
        if spouse is not None and spouse.spouse == person.iin and person.address == spouse.address:
            return person.iin, spouse.iin
    raise AssertionError("the seeded population has no couple")


def nobody() -> str:
    """An IIN with a valid check digit that no seeded person has."""
    known = {p.iin for p in generate_population(Settings().seed, Settings().seed_persons)}
    for serial in range(1000, 2000):
        iin = complete(f"010101{serial:05d}"[:11])
        if iin and iin not in known:
            return iin
    raise AssertionError("no free IIN")


def refused_naming(response: httpx.Response, status: int, field: str, code: str) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    problem = response.json()
    assert problem["field"] == f"answers.{CODE}.{field}"
    assert code in [e["code"] for e in problem["errors"]]


@pytest.mark.parametrize(("answers", "field", "code"), [
    ({"members": [SERIK, "790314300515"]}, "members", "tsa_applicant_not_in_family"),  # the Bekturovs' father
    ({"members": [ZHANAR, SERIK, "790314300515"]}, "members[2]", "tsa_not_in_family"),
    ({"added_members": ["880412400712"]}, "added_members[0]", "iin_invalid"),  # the check digit is wrong
], ids=["applicant-not-in-it", "a-stranger-in-it", "added-iin-checksum"])
async def test_a_family_the_applicant_does_not_belong_to_or_a_bad_iin_is_refused_and_nothing_starts(
        healthy_stack: Stack, answers: dict, field: str, code: str) -> None:
    async with await client_as(healthy_stack, citizen=ZHANAR) as zhanar:
        before = (await zhanar.get("/applications")).json()["total"]
        refused_naming(await submit(zhanar, {"services": [CODE], "answers": {CODE: answers}}), 422, field, code)
        assert (await zhanar.get("/applications")).json()["total"] == before


async def test_a_correction_adding_a_person_the_registry_does_not_know_is_refused(healthy_stack: Stack) -> None:
    async with await client_as(healthy_stack, citizen=ZHANAR) as zhanar:
        before = (await zhanar.get("/applications")).json()["total"]
        response = await submit(zhanar, {"services": [CODE], "answers": {CODE: {
            "family_correction": "my nephew lives with us", "added_members": [nobody()]}}})
        refused_naming(response, 422, "added_members[0]", "person_not_found")
        assert (await zhanar.get("/applications")).json()["total"] == before


async def test_one_running_application_per_family_even_when_two_members_apply_at_once(
        healthy_stack: Stack) -> None:
    husband, wife = a_couple()
    payload = {"services": [CODE], "answers": {CODE: {"iban": "KZ456010000000000001"}}}
    async with await client_as(healthy_stack, citizen=husband) as one, \
            await client_as(healthy_stack, citizen=wife) as other:
        # Both at once: the unique claim in the store lets one in, whichever commits first.
        first, second = await asyncio.gather(submit(one, payload), submit(other, payload))
        assert sorted([first.status_code, second.status_code]) == [202, 409], (first.text, second.text)
        winner, loser = (one, other) if first.status_code == 202 else (other, one)
        refused_naming(second if first.status_code == 202 else first, 409, "members", "application_running")
        assert (await loser.get("/applications")).json()["total"] == 0
        # Later, while it runs: still refused, for either of them.
        refused_naming(await submit(loser, payload), 409, "members", "application_running")
        application_id = (first if first.status_code == 202 else second).json()["id"]
        retry = await submit(winner, payload)  # another key: a second application of the same family
        refused_naming(retry, 409, "members", "application_running")

        # Withdrawn, it no longer holds the family: the other member may apply.
        assert (await winner.post(f"/applications/{application_id}/withdraw", json={})).status_code == 202
        await until(lambda: view(winner, application_id), lambda v: service(v)["status"] == "withdrawn")
        again = await submit(loser, payload)
        assert again.status_code == 202, again.text
        again_id = again.json()["id"]
        # Withdrawn too, unless it has ended by itself meanwhile (409: nothing left to withdraw).
        assert (await loser.post(f"/applications/{again_id}/withdraw", json={})).status_code in (202, 409)
        await until(lambda: view(loser, again_id),
                    lambda v: service(v)["status"] in ("withdrawn", "refused", "completed"))
