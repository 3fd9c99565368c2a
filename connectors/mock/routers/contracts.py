"""Employment contracts registry (the e-employment record): a person's contracts and employers."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request

from connectors.access_log import EMPLOYMENT_CONTRACTS
from connectors.mock.access import CallContext, MockState, gate, state_of
from connectors.mock.legal_entities import LEGAL_FORMS
from connectors.mock.livelihood import SeedContract
from connectors.mock.routers.common import require_person

router = APIRouter(prefix="/contracts", tags=["contracts"])
Caller = Annotated[CallContext, Depends(gate("contracts"))]


def contract_json(state: MockState, contract: SeedContract) -> dict[str, Any]:
    employer = state.businesses.get(contract.employer_bin)
    name = None
    if employer is not None:
        name = {lang: p.format(employer.name) for lang, p in LEGAL_FORMS[employer.legal_form]["name"].items()}
    return {
        "contract_id": contract.contract_id,
        "employer_bin": contract.employer_bin,
        "employer_name": name,
        "position": contract.position,
        "start_date": contract.start.isoformat(),
        "end_date": contract.end.isoformat() if contract.end else None,
        "monthly_wage": f"{contract.wage_in(date.today().replace(day=1))}.00",
        "status": "active" if contract.end is None or contract.end >= date.today() else "ended",
    }


@router.get("/persons/{iin}")
async def employment_record(iin: str, request: Request, caller: Caller) -> dict[str, Any]:
    """Every contract of the person, oldest first."""
    state = state_of(request)
    person = require_person(state, iin)
    caller.record(person.iin, fields=(EMPLOYMENT_CONTRACTS,))
    contracts = sorted(state.livelihood.contracts(person), key=lambda c: c.start)
    return {"iin": person.iin, "contracts": [contract_json(state, c) for c in contracts]}
