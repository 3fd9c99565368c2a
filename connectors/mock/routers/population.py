"""Population registry (State database "Individuals"): persons and their families."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request

from connectors.access_log import PERSON_FIELDS, RELATIVE_FIELDS
from connectors.mock.access import CallContext, gate, state_of
from connectors.mock.regions import REGIONS
from connectors.mock.routers.common import require_person
from connectors.mock.seed import SeedPerson, is_full_time_student, is_kandas

router = APIRouter(prefix="/population", tags=["population"])
Caller = Annotated[CallContext, Depends(gate("population"))]


def person_json(p: SeedPerson, seed: int) -> dict[str, Any]:
    a = p.address
    return {
        "iin": p.iin,
        "last_name": p.last_name,
        "first_name": p.first_name,
        "middle_name": p.middle_name,
        "birth_date": p.birth_date.isoformat(),
        "sex": p.sex,
        "deceased": p.deceased,
        "death_date": p.death_date.isoformat() if p.death_date else None,
        "address": {
            "region_code": a.region_code,
            "region_name": REGIONS[a.region_code].name,
            "locality": a.locality,
            "street": a.street,
            "urban": a.urban,
            "regional_centre": a.regional_centre,
            "line": a.line,
        },
        "phone": p.phone,
        "email": p.email,
        "full_time_student": is_full_time_student(seed, p, date.today()),
        # Kandas status: the migration service's record, which the gateway joins like the studies above.
        "kandas": is_kandas(seed, p),
    }


def relative_json(p: SeedPerson) -> dict[str, Any]:
    return {"iin": p.iin, "last_name": p.last_name, "first_name": p.first_name,
            "middle_name": p.middle_name, "birth_date": p.birth_date.isoformat(), "sex": p.sex,
            "deceased": p.deceased}


@router.get("/persons/{iin}")
async def get_person(iin: str, request: Request, caller: Caller) -> dict[str, Any]:
    state = state_of(request)
    person = require_person(state, iin)
    caller.record(person.iin, fields=PERSON_FIELDS)
    return person_json(person, state.settings.seed)


@router.get("/persons/{iin}/family")
async def get_family(iin: str, request: Request, caller: Caller) -> dict[str, Any]:
    state = state_of(request)
    person = require_person(state, iin)
    people = state.population
    spouse = people.get(person.spouse) if person.spouse else None
    children = [c for c in (people.get(i) for i in person.children) if c is not None]
    parents = [p for p in (people.get(i) for i in people.parents.get(iin, [])) if p is not None]
    # Reading a family reads every member's data: each of them sees it in their log.
    caller.record(person.iin, fields=("family",))
    relatives = [*([spouse] if spouse else []), *children, *parents]
    if relatives:
        caller.record(*(m.iin for m in relatives), fields=RELATIVE_FIELDS)
    return {
        "iin": person.iin,
        "spouse": relative_json(spouse) if spouse else None,
        "children": [relative_json(c) for c in children],
        "parents": [relative_json(p) for p in parents],
    }
