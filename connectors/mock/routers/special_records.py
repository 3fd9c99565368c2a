"""Special records (the Committee on Legal Statistics and Special Accounts): releases of a person from a
place of detention, which employment promotion counts as a target group."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request

from connectors.access_log import RELEASES
from connectors.mock.access import CallContext, gate, state_of
from connectors.mock.routers.common import require_person
from connectors.mock.seed import releases

router = APIRouter(prefix="/special-records", tags=["special_records"])
Caller = Annotated[CallContext, Depends(gate("special_records"))]


@router.get("/persons/{iin}/releases")
async def person_releases(iin: str, request: Request, caller: Caller) -> dict[str, Any]:
    """The person's releases from places of detention, oldest first (none for almost everyone)."""
    state = state_of(request)
    person = require_person(state, iin)
    caller.record(person.iin, fields=(RELEASES,))
    found = releases(state.settings.seed, person, date.today())
    return {"iin": person.iin,
            "releases": [{"released_on": day.isoformat(), "institution_kind": "correctional_facility"}
                         for day in found]}
