"""The payments gateway over real HTTP: one payment per idempotency key, even across a lost
answer; a bad IBAN or beneficiary refused with nothing paid; outages retryable."""

from __future__ import annotations

import asyncio
import uuid
from decimal import Decimal

import httpx
import pytest
from temporalio.exceptions import ApplicationError
from temporalio.testing import ActivityEnvironment

from connectors.base import Purpose, RegistryClient
from connectors.errors import RegistryRefusal, RegistryUnavailable
from connectors.payments import MakePaymentInput, PaymentActivities, fetch_payment, list_payments, make_payment
from connectors.social_payments import fetch_social_payments
from onestop.settings import Settings
from policies.iban import is_valid_iban, is_valid_kz_iban, kz_iban, normalise_iban
from tests.connectors.conftest import _Adults

TULEGENOV = "600303300002"  # deceased
IBAN = kz_iban("601", "0001234567890")


def _payment(iin: str, purpose: Purpose, key: str | None = None, **changes: object) -> MakePaymentInput:
    asked = MakePaymentInput(iban=IBAN, amount=Decimal("40480.00"), beneficiary_iin=iin, kind="tsa",
                             period="2026-11", description="Targeted social assistance, 2026-11",
                             idempotency_key=key or f"tsa/{uuid.uuid4()}/2026-11", purpose=purpose)
    return asked.model_copy(update=changes)


def test_iban_check() -> None:
    assert IBAN == "KZ186010001234567890" and is_valid_kz_iban(IBAN)
    assert is_valid_kz_iban("KZ86125KZT5004100100")  # the published example of a Kazakh IBAN
    assert is_valid_iban("GB82WEST12345698765432") and not is_valid_kz_iban("GB82WEST12345698765432")
    assert not is_valid_kz_iban(IBAN[:-1] + "1")  # a wrong digit breaks mod 97
    assert not is_valid_kz_iban(IBAN[:4] + IBAN[5] + IBAN[4] + IBAN[6:])  # two digits swapped
    assert not is_valid_kz_iban(IBAN[:-1]) and not is_valid_kz_iban("")
    assert normalise_iban("kz18 6010 0012 3456 7890") == IBAN


async def test_the_same_key_pays_once(client: RegistryClient, purpose: Purpose, adults: _Adults) -> None:
    iin = adults.take()
    asked = _payment(iin, purpose)
    first = await make_payment(client, asked)
    again = await make_payment(client, asked)
    assert first.created is True and again.created is False
    assert (again.payment_id, again.paid_at, again.amount) == (first.payment_id, first.paid_at, Decimal("40480.00"))
    assert (first.status, first.iban, first.application_id) == ("completed", IBAN, purpose.application_id)
    assert [p.payment_id for p in await list_payments(client, iin, purpose)] == [first.payment_id]
    assert (await fetch_payment(client, first.payment_id, purpose)).beneficiary_iin == iin
    second_month = await make_payment(client, _payment(iin, purpose, period="2026-12"))
    assert second_month.payment_id != first.payment_id
    with pytest.raises(RegistryRefusal) as reused:
        await make_payment(client, asked.model_copy(update={"amount": Decimal("1.00")}))
    assert (reused.value.code, reused.value.status) == ("idempotency_key_reused", 422)
    assert len(await list_payments(client, iin, purpose)) == 2


async def test_a_lost_answer_retried_pays_once(registries: Settings, purpose: Purpose, knobs: str, admin: httpx.Client,
                                               adults: _Adults) -> None:
    iin = adults.take()
    asked = _payment(iin, purpose)
    admin.put(f"{knobs}/payments", json={"latency_ms": 400}).raise_for_status()
    async with RegistryClient(registries, timeout=0.1) as impatient:
        with pytest.raises(RegistryUnavailable):
            await make_payment(impatient, asked)
    admin.put(knobs, json={}).raise_for_status()
    async with RegistryClient(registries) as client:
        # The gateway finishes the payment the caller gave up on (the answer alone was lost).
        for _ in range(100):
            if await list_payments(client, iin, purpose):
                break
            await asyncio.sleep(0.1)
        retried = await make_payment(client, asked)
        assert retried.created is False
        assert [p.payment_id for p in await list_payments(client, iin, purpose)] == [retried.payment_id]


async def test_an_outage_pays_nothing_and_is_retryable(client: RegistryClient, purpose: Purpose, knobs: str,
                                                       admin: httpx.Client, adults: _Adults) -> None:
    iin = adults.take()
    asked = _payment(iin, purpose)
    admin.put(f"{knobs}/payments", json={"outage": True}).raise_for_status()
    with pytest.raises(RegistryUnavailable) as down:
        await make_payment(client, asked)
    assert (down.value.status, down.value.registry) == (503, "payments")
    admin.put(knobs, json={}).raise_for_status()
    assert await list_payments(client, iin, purpose) == []
    assert (await make_payment(client, asked)).created is True


@pytest.mark.parametrize("iban", [IBAN[:-1] + "1", IBAN[:-1], "GB82WEST12345698765432", "KZ18601000123456789X"])
async def test_a_bad_iban_is_refused_naming_the_field(registries: Settings, purpose: Purpose,
                                                      adults: _Adults, iban: str) -> None:
    iin = adults.take()
    async with RegistryClient(registries) as client:
        with pytest.raises(RegistryRefusal) as refused:
            await make_payment(client, _payment(iin, purpose, iban=iban))
        assert (refused.value.code, refused.value.status) == ("invalid_iban", 422)
        assert set(refused.value.titles) == {"kk", "ru", "en"}
        assert await list_payments(client, iin, purpose) == []
    headers = {"X-Calling-System": registries.registries_system_id, "X-Api-Key": registries.registries_api_key,
               "X-Purpose-Application": "application-1", "X-Purpose-Service": "tsa", "Idempotency-Key": "k"}
    answer = httpx.post(f"{registries.registries_url}/payments", headers=headers, json={
        "iban": iban, "amount": "1.00", "beneficiary_iin": iin, "kind": "tsa"})
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert answer.json()["fields"] == ["body.iban"]


async def test_bad_beneficiary_or_amount_or_no_key(registries: Settings, client: RegistryClient,
                                                   purpose: Purpose) -> None:
    with pytest.raises(RegistryRefusal) as dead:
        await make_payment(client, _payment(TULEGENOV, purpose))
    assert dead.value.code == "person_deceased"
    assert await list_payments(client, TULEGENOV, purpose) == []
    with pytest.raises(RegistryRefusal) as bad_iin:
        await make_payment(client, _payment("850715300123", purpose))
    assert bad_iin.value.code == "invalid_iin"
    headers = {"X-Calling-System": registries.registries_system_id, "X-Api-Key": registries.registries_api_key,
               "X-Purpose-Application": "application-1", "X-Purpose-Service": "tsa"}
    body = {"iban": IBAN, "amount": "10.00", "beneficiary_iin": "850715300122", "kind": "tsa"}
    no_key = httpx.post(f"{registries.registries_url}/payments", headers=headers, json=body)
    assert (no_key.status_code, no_key.json()["code"]) == (400, "idempotency_key_required")
    negative = httpx.post(f"{registries.registries_url}/payments", headers=headers | {"Idempotency-Key": "neg"},
                          json=body | {"amount": "-5"})
    assert (negative.status_code, negative.json()["fields"]) == (422, ["body.amount"])


async def test_a_payment_shows_in_the_social_payments_registry(client: RegistryClient, purpose: Purpose,
                                                                adults: _Adults) -> None:
    iin = adults.take()
    paid = await make_payment(client, _payment(iin, purpose, period="2026-01"))
    history = await fetch_social_payments(client, iin, purpose, "2026-01", "2026-01")
    ours = [p for p in history.payments if p.kind == "tsa"]
    assert [(p.month, p.amount, p.iban, p.details) for p in ours] == [
        ("2026-01", Decimal("40480.00"), IBAN, {"payment_id": paid.payment_id})]
    assert history.last_iban() == IBAN


async def test_the_activity_fails_for_good_on_a_refusal(client: RegistryClient, purpose: Purpose,
                                                        adults: _Adults) -> None:
    with pytest.raises(ApplicationError) as failed:
        await ActivityEnvironment().run(PaymentActivities(client).pay,
                                        _payment(adults.take(), purpose, iban=IBAN[:-1] + "1"))
    assert failed.value.non_retryable and failed.value.details[0]["code"] == "invalid_iban"
