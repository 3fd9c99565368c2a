"""Businesses registry: individual entrepreneurs and self-employed notices (eGov notification)."""

from __future__ import annotations

import uuid
import zlib
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from connectors.access_log import BUSINESS_REGISTRATIONS
from connectors.mock.access import CallContext, MockState, gate, state_of
from connectors.mock.problems import Problem
from connectors.mock.routers.common import idempotency_key, replay, require_person
from connectors.mock.seed import SeedPerson

router = APIRouter(prefix="/businesses", tags=["businesses"])
Caller = Annotated[CallContext, Depends(gate("businesses"))]


class NoticeRequest(BaseModel):
    iin: str
    regime: str = Field(min_length=1, max_length=64)
    activity_code: str = Field(min_length=1, max_length=16)
    address_line: str = Field(min_length=1, max_length=500)


def registrations(state: MockState, person: SeedPerson) -> list[dict[str, Any]]:
    seeded: list[dict[str, Any]] = []
    if person.active_entrepreneur and person.entrepreneur_since:
        seeded.append({
            # Derived from the IIN without showing it: stable across restarts.
            "notice_id": f"IE-S{zlib.crc32(person.iin.encode()):08x}",
            "kind": "individual_entrepreneur",
            "regime": "simplified_declaration",
            "activity_code": person.activity_code,
            "registered_on": person.entrepreneur_since.isoformat(),
            "status": "active",
        })
    return seeded + [n["notice"] for n in state.store.for_subject("notice", person.iin)]


@router.get("/entrepreneurs/{iin}")
async def get_entrepreneur(iin: str, request: Request, caller: Caller) -> dict[str, Any]:
    state = state_of(request)
    person = require_person(state, iin)
    caller.record(person.iin, fields=(BUSINESS_REGISTRATIONS,))
    found = registrations(state, person)
    return {"iin": person.iin,
            "active_entrepreneur": any(r["status"] == "active" for r in found),
            "registrations": found}


@router.post("/notifications")
async def notify_registration(body: NoticeRequest, request: Request, caller: Caller,
                              key: Annotated[str | None, Header(alias="Idempotency-Key")] = None,
                              ) -> JSONResponse:
    state = state_of(request)
    key = idempotency_key(key)
    asked = body.model_dump()
    existing = replay(state.store.by_key("notice", key), asked)
    if existing is not None:
        caller.record(body.iin, fields=(BUSINESS_REGISTRATIONS,), action="write")
        return JSONResponse(existing["notice"], status_code=200)
    person = require_person(state, body.iin)
    caller.record(person.iin, fields=(BUSINESS_REGISTRATIONS,), action="write")
    if person.deceased:
        raise Problem("person_deceased")
    if any(r["status"] == "active" for r in registrations(state, person)):
        raise Problem("already_registered")
    notice = {
        "notice_id": f"IE-{uuid.uuid4().hex[:16]}",
        "kind": "self_employed" if body.regime == "self_employed" else "individual_entrepreneur",
        "regime": body.regime,
        "activity_code": body.activity_code,
        "address_line": body.address_line,
        "registered_on": date.today().isoformat(),
        "status": "active",
    }
    state.store.insert("notice", notice["notice_id"], key, person.iin,
                       {"request": asked, "notice": notice})
    return JSONResponse(notice, status_code=201)
