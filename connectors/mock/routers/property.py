"""Real estate and vehicle registries: the homes, land plots and vehicles a person owns."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request

from connectors.access_log import PROPERTY
from connectors.mock.access import CallContext, gate, state_of
from connectors.mock.routers.common import require_person

router = APIRouter(prefix="/property", tags=["property"])
Caller = Annotated[CallContext, Depends(gate("property"))]


@router.get("/persons/{iin}")
async def person_property(iin: str, request: Request, caller: Caller) -> dict[str, Any]:
    state = state_of(request)
    person = require_person(state, iin)
    caller.record(person.iin, fields=(PROPERTY,))
    homes, vehicles = state.livelihood.property(person)
    return {
        "iin": person.iin,
        "real_estate": [{"cadastral_number": h.cadastral_number, "kind": h.kind,
                         "address_line": h.address_line, "area_m2": h.area_m2,
                         "acquired_on": h.acquired_on.isoformat(), "owners": list(h.owners),
                         "share": f"1/{len(h.owners)}"} for h in homes],
        "vehicles": [{"plate": v.plate, "make": v.make, "model": v.model, "year": v.year,
                      "registered_on": v.registered_on.isoformat()} for v in vehicles],
    }
