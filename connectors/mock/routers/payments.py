"""Payments gateway (treasury / bank): pays an amount into a Kazakh IBAN, once per idempotency key.

A repeat with the same key returns the first payment and pays nothing; the same key with a
different request is refused. A payment is checked (IBAN mod-97, a living beneficiary) before
anything is stored. A payment carrying a `kind` (tsa, unemployment_benefit, ...) shows in the
social payments registry for its beneficiary.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from connectors.access_log import PAYMENTS
from connectors.mock.access import CallContext, gate, state_of
from connectors.mock.problems import Problem
from connectors.mock.routers.common import idempotency_key, replay, require_person
from policies.iban import is_valid_kz_iban, normalise_iban

router = APIRouter(prefix="/payments", tags=["payments"])
Caller = Annotated[CallContext, Depends(gate("payments"))]


class PaymentRequest(BaseModel):
    iban: str = Field(min_length=1, max_length=64)
    amount: Decimal = Field(gt=0, max_digits=14, decimal_places=2)
    currency: str = Field("KZT", pattern="^KZT$")
    beneficiary_iin: str
    kind: str = Field(min_length=1, max_length=64)
    period: str | None = Field(None, pattern=r"^\d{4}-(0[1-9]|1[0-2])$")
    description: str = Field("", max_length=500)


@router.post("")
async def pay(body: PaymentRequest, request: Request, caller: Caller,
              key: Annotated[str | None, Header(alias="Idempotency-Key")] = None) -> JSONResponse:
    state = state_of(request)
    key = idempotency_key(key)
    asked = body.model_dump(mode="json") | {"iban": normalise_iban(body.iban),
                                            "amount": str(body.amount.quantize(Decimal("0.01")))}
    existing = replay(state.store.by_key("payment", key), asked)
    if existing is not None:
        caller.record(body.beneficiary_iin, fields=(PAYMENTS,), action="write")
        return JSONResponse({**existing["payment"], "created": False}, status_code=200)
    if not is_valid_kz_iban(asked["iban"]):
        raise Problem("invalid_iban", fields=["body.iban"])
    person = require_person(state, body.beneficiary_iin)
    caller.record(person.iin, fields=(PAYMENTS,), action="write")
    if person.deceased:
        raise Problem("person_deceased")
    payment = {
        "payment_id": f"PAY-{uuid.uuid4().hex[:16]}",
        "status": "completed",
        **asked,
        "application_id": caller.application_id,
        "service_code": caller.service_code,
        "idempotency_key": key,  # an auditor (and a test) counts the payments made under one key
        "paid_at": datetime.now(UTC).isoformat(),
    }
    state.store.insert("payment", payment["payment_id"], key, person.iin,
                       {"request": asked, "payment": payment})
    await state.knobs.hold_reply("payments")
    return JSONResponse({**payment, "created": True}, status_code=201)


@router.get("/{payment_id}")
async def get_payment(payment_id: str, request: Request, caller: Caller) -> dict[str, Any]:
    found = state_of(request).store.by_id("payment", payment_id)
    if found is None:
        raise Problem("payment_not_found")
    caller.record(found["payment"]["beneficiary_iin"], fields=(PAYMENTS,))
    return found["payment"]


@router.get("")
async def list_payments(request: Request, caller: Caller,
                        beneficiary_iin: Annotated[str, Query()]) -> dict[str, Any]:
    """Payments to this person, oldest first."""
    state = state_of(request)
    person = require_person(state, beneficiary_iin)
    caller.record(person.iin, fields=(PAYMENTS,))
    return {"beneficiary_iin": person.iin,
            "payments": [p["payment"] for p in state.store.for_subject("payment", person.iin)]}
