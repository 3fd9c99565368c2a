"""Social payments registry (State Centre for Pension Payments): pensions and benefits paid to a
person, month by month, with the account each was paid into."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request

from connectors.access_log import SOCIAL_PAYMENTS
from connectors.mock.access import CallContext, MockState, gate, state_of
from connectors.mock.routers.common import require_person
from connectors.mock.routers.months import Months, history, month_text, months
from connectors.mock.seed import SeedPerson

router = APIRouter(prefix="/social-payments", tags=["social_payments"])
Caller = Annotated[CallContext, Depends(gate("social_payments"))]
Period = Annotated[Months, Depends(months)]

_PAY_DAY = 10


def payments(state: MockState, person: SeedPerson, period: Months) -> list[dict[str, Any]]:
    livelihood = state.livelihood
    iban = livelihood.iban(person)
    found: list[dict[str, Any]] = []
    benefits = livelihood.benefits(person)
    for month in period.each:
        paid_on = month.replace(day=_PAY_DAY)
        if paid_on > date.today():
            continue
        due = [(b.kind, b.monthly_amount, b.details) for b in benefits if b.paid_in(month)]
        allowance = livelihood.large_family_allowance(person, month)
        if allowance:
            due.append(("large_family_allowance", allowance, {}))
        for kind, amount, details in due:
            found.append({"month": month_text(month), "kind": kind, "amount": f"{amount}.00",
                          "paid_on": paid_on.isoformat(), "iban": iban, "details": details})
    # What onestop paid through the payments gateway, for the month it paid.
    first, last = month_text(period.first), month_text(period.last)
    for stored in state.store.for_subject("payment", person.iin):
        made = stored["payment"]
        paid_on = date.fromisoformat(made["paid_at"][:10])
        paid_for = made.get("period") or month_text(paid_on)
        if first <= paid_for <= last:
            found.append({"month": paid_for, "kind": made["kind"], "amount": made["amount"],
                          "paid_on": paid_on.isoformat(), "iban": made["iban"],
                          "details": {"payment_id": made["payment_id"]}})
    return sorted(found, key=lambda p: (p["month"], p["paid_on"]))


@router.get("/persons/{iin}")
async def person_payments(iin: str, request: Request, caller: Caller, period: Period) -> dict[str, Any]:
    """Payments to the person in the months asked, oldest first."""
    state = state_of(request)
    person = require_person(state, iin)
    caller.record(person.iin, fields=(SOCIAL_PAYMENTS,))
    return history(person.iin, period, payments=payments(state, person, period))
