"""Payments gateway (treasury / bank): pay a benefit into a Kazakh IBAN, exactly once per key.

The idempotency key names the payment in the caller's terms (e.g. `tsa/<application>/<yyyy-mm>`):
a retry after a timeout, or by a worker that restarted, sends the same key and gets the first
payment back with `created=False`; nothing is paid twice. The same key with another request
is refused (`idempotency_key_reused`).
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from pydantic import BaseModel, Field
from temporalio import activity

from connectors.base import Purpose, RegistryClient
from connectors.errors import refusals_as_application_errors

__all__ = ["MakePaymentInput", "Payment", "PaymentActivities", "fetch_payment", "list_payments",
           "make_payment"]

REGISTRY = "payments"


class MakePaymentInput(BaseModel):
    iban: str
    amount: Decimal = Field(gt=0)
    beneficiary_iin: str
    kind: str  # what the payment is, e.g. "tsa", "unemployment_benefit": the social payments registry shows it
    period: str | None = None  # YYYY-MM the payment is for
    description: str = ""
    idempotency_key: str
    purpose: Purpose


class Payment(BaseModel):
    payment_id: str
    status: str  # "completed"
    iban: str
    amount: Decimal
    currency: str
    beneficiary_iin: str
    kind: str
    period: str | None = None
    description: str = ""
    application_id: str
    service_code: str
    paid_at: datetime
    created: bool | None = None  # on a POST: False when the key was seen before


async def make_payment(client: RegistryClient, input: MakePaymentInput) -> Payment:
    """Pay once per key. Refusals: `invalid_iban`, `invalid_iin`, `person_not_found`,
    `person_deceased`, `idempotency_key_reused`, `invalid_request`."""
    body = await client.post(
        REGISTRY, "/payments", purpose=input.purpose,
        json={"iban": input.iban, "amount": str(input.amount), "currency": "KZT",
              "beneficiary_iin": input.beneficiary_iin, "kind": input.kind, "period": input.period,
              "description": input.description},
        idempotency_key=input.idempotency_key)
    return Payment.model_validate(body)


async def fetch_payment(client: RegistryClient, payment_id: str, purpose: Purpose) -> Payment:
    """Refusal: `payment_not_found`."""
    return Payment.model_validate(await client.get(REGISTRY, f"/payments/{payment_id}", purpose=purpose))


async def list_payments(client: RegistryClient, beneficiary_iin: str, purpose: Purpose) -> list[Payment]:
    body = await client.get(REGISTRY, "/payments", purpose=purpose,
                            params={"beneficiary_iin": beneficiary_iin})
    return [Payment.model_validate(p) for p in body["payments"]]


class PaymentActivities:
    def __init__(self, client: RegistryClient) -> None:
        self.client = client

    @activity.defn(name="payments.pay")
    async def pay(self, input: MakePaymentInput) -> Payment:
        with refusals_as_application_errors():
            return await make_payment(self.client, input)
