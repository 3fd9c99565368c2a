"""Education registry (the National education database, with the higher-education system's diplomas): the
diplomas a person holds — level, kind of institution, date of graduation — and, from the guardianship
records, the day an orphan or a child without parental care left state care."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request

from connectors.access_log import EDUCATION
from connectors.mock.access import CallContext, gate, state_of
from connectors.mock.routers.common import require_person
from connectors.mock.seed import diplomas, left_care_on

router = APIRouter(prefix="/education", tags=["education"])
Caller = Annotated[CallContext, Depends(gate("education"))]


@router.get("/persons/{iin}")
async def person_education(iin: str, request: Request, caller: Caller) -> dict[str, Any]:
    """The person's diplomas, oldest first (none for a child still at school)."""
    state = state_of(request)
    person = require_person(state, iin)
    caller.record(person.iin, fields=(EDUCATION,))
    seed, today = state.settings.seed, date.today()
    left = left_care_on(seed, person, today)
    return {"iin": person.iin, "left_state_care_on": left.isoformat() if left else None, "diplomas": [
        {"level": d.level, "institution_kind": d.institution_kind, "institution": d.institution,
         "graduated_on": d.graduated_on.isoformat(), "full_time": d.full_time}
        for d in diplomas(seed, person, today)]}
