"""Contributions month by month: the pension fund's (mandatory pension contributions, 10% of
income) and the State Social Insurance Fund's (social contributions on the same income).

Both tell the income a person was paid, by whom: an employer (BIN) or the person themself as an
entrepreneur (IIN). The social contribution rate is synthetic: 3.5% before 2025, 5% from 2025.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request

from connectors.access_log import PENSION_CONTRIBUTIONS, SOCIAL_CONTRIBUTIONS
from connectors.mock.access import CallContext, MockState, gate, state_of
from connectors.mock.routers.common import require_person
from connectors.mock.routers.months import Months, history, month_text, months
from connectors.mock.seed import SeedPerson

pensions = APIRouter(prefix="/pensions", tags=["pensions"])
social_insurance = APIRouter(prefix="/social-insurance", tags=["social_insurance"])
PensionCaller = Annotated[CallContext, Depends(gate("pensions"))]
SocialCaller = Annotated[CallContext, Depends(gate("social_insurance"))]
Period = Annotated[Months, Depends(months)]

_PENSION_RATE = Decimal("0.10")
_CENT = Decimal("0.01")


def _social_rate(month: date) -> Decimal:
    return Decimal("0.035") if month < date(2025, 1, 1) else Decimal("0.05")


def contributions(state: MockState, person: SeedPerson, period: Months, social: bool) -> list[dict[str, Any]]:
    found = []
    for month in period.each:
        rate = _social_rate(month) if social else _PENSION_RATE
        for payer, kind, income in state.livelihood.wage_income(person, month):
            found.append({"month": month_text(month), "payer_id": payer, "payer_kind": kind,
                          "income": f"{income}.00", "rate": str(rate),
                          "amount": str((income * rate).quantize(_CENT))})
    return found


@pensions.get("/persons/{iin}/contributions")
async def pension_contributions(iin: str, request: Request, caller: PensionCaller, period: Period) -> dict[str, Any]:
    state = state_of(request)
    person = require_person(state, iin)
    caller.record(person.iin, fields=(PENSION_CONTRIBUTIONS,))
    return history(person.iin, period, contributions=contributions(state, person, period, social=False))


@social_insurance.get("/persons/{iin}/contributions")
async def social_contributions(iin: str, request: Request, caller: SocialCaller, period: Period) -> dict[str, Any]:
    state = state_of(request)
    person = require_person(state, iin)
    caller.record(person.iin, fields=(SOCIAL_CONTRIBUTIONS,))
    return history(person.iin, period, contributions=contributions(state, person, period, social=True))
