"""Education registry (the National education database, with the higher-education system's diplomas): the
diplomas a person holds — level, kind of institution, date of graduation."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request

from connectors.access_log import EDUCATION
from connectors.mock.access import CallContext, gate, state_of
from connectors.mock.routers.common import require_person
from connectors.mock.seed import diplomas

router = APIRouter(prefix="/education", tags=["education"])
Caller = Annotated[CallContext, Depends(gate("education"))]


@router.get("/persons/{iin}")
async def person_education(iin: str, request: Request, caller: Caller) -> dict[str, Any]:
    """The person's diplomas, oldest first (none for a child still at school)."""
    state = state_of(request)
    person = require_person(state, iin)
    caller.record(person.iin, fields=(EDUCATION,))
    return {"iin": person.iin, "diplomas": [
        {"level": d.level, "institution_kind": d.institution_kind, "institution": d.institution,
         "graduated_on": d.graduated_on.isoformat(), "full_time": d.full_time}
        for d in diplomas(state.settings.seed, person, date.today())]}
