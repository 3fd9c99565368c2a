"""Employment contracts registry (the e-employment record): a person's contracts and employers."""

from __future__ import annotations

import uuid
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
        "monthly_wage": f"{contract.monthly_wage}.00",
        "status": "active" if contract.end is None or contract.end >= date.today() else "ended",
    }


@router.get("/persons/{iin}")
async def employment_record(iin: str, request: Request, caller: Caller) -> dict[str, Any]:
    """Every contract of the person, oldest first."""
    state = state_of(request)
    person = require_person(state, iin)
    caller.record(person.iin, fields=(EMPLOYMENT_CONTRACTS,))
    seeded = [contract_json(state, c) for c in state.livelihood.contracts(person)]
    signed = [body["contract"] for body in state.store.for_subject("contract", person.iin)]
    contracts = sorted(seeded + signed, key=lambda c: c["start_date"])
    return {"iin": person.iin, "contracts": contracts}


def signed_contract(state: MockState, iin: str, employer_bin: str, position: str, start: date,
                    monthly_wage: int) -> dict[str, Any]:
    """A contract an employer signs after the seed (a registry event: the person is employed again)."""
    person = require_person(state, iin)
    contract = SeedContract(f"EC-NEW-{uuid.uuid4().hex[:10]}", person.iin, employer_bin, position, start, None,
                            monthly_wage)
    body = contract_json(state, contract)
    state.store.insert("contract", contract.contract_id, contract.contract_id, person.iin, {"contract": body})
    return body
