"""Tax registry (State Revenue Committee): taxpayer registrations under a special regime."""

from __future__ import annotations

import uuid
import zlib
from datetime import UTC, datetime, time
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from connectors.access_log import TAX_REGISTRATIONS
from connectors.mock.access import CallContext, MockState, gate, state_of
from connectors.mock.problems import Problem
from connectors.mock.routers.common import idempotency_key, replay, require_person
from connectors.mock.seed import SeedPerson

router = APIRouter(prefix="/tax", tags=["tax"])
Caller = Annotated[CallContext, Depends(gate("tax"))]


class RegistrationRequest(BaseModel):
    iin: str
    regime: str = Field(min_length=1, max_length=64)
    activity_code: str = Field(min_length=1, max_length=16)
    monthly_income: Decimal = Field(ge=0, max_digits=16, decimal_places=2)


def registrations(state: MockState, person: SeedPerson) -> list[dict[str, Any]]:
    seeded: list[dict[str, Any]] = []
    if person.active_entrepreneur and person.entrepreneur_since:
        seeded.append({
            "registration_id": f"TAX-S{zlib.crc32(person.iin.encode()):08x}",
            "regime": "simplified_declaration",
            "activity_code": person.activity_code,
            "monthly_income": None,
            "registered_at": datetime.combine(person.entrepreneur_since, time(9),
                                              UTC).isoformat(),
            "status": "active",
        })
    rows = state.store.for_subject("tax", person.iin)
    registered = seeded + [dict(r["registration"]) for r in rows if "registration" in r]
    # An entrepreneur's change of regime changes the registration he has; it is no new one.
    for change in (r["regime_change"] for r in rows if "regime_change" in r):
        for registration in registered:
            if registration["registration_id"] == change["registration_id"]:
                registration.update(regime=change["regime"], regime_changed_at=change["changed_at"])
    return registered


@router.get("/registrations")
async def list_registrations(request: Request, caller: Caller,
                             iin: Annotated[str, Query()]) -> dict[str, Any]:
    state = state_of(request)
    person = require_person(state, iin)
    caller.record(person.iin, fields=(TAX_REGISTRATIONS,))
    return {"iin": person.iin, "registrations": registrations(state, person)}


@router.post("/registrations")
async def register_taxpayer(body: RegistrationRequest, request: Request, caller: Caller,
                            key: Annotated[str | None, Header(alias="Idempotency-Key")] = None,
                            ) -> JSONResponse:
    state = state_of(request)
    key = idempotency_key(key)
    asked = body.model_dump(mode="json")
    existing = replay(state.store.by_key("tax", key), asked)
    if existing is not None:
        caller.record(body.iin, fields=(TAX_REGISTRATIONS,), action="write")
        return JSONResponse({**existing["registration"], "created": False}, status_code=200)
    person = require_person(state, body.iin)
    caller.record(person.iin, fields=(TAX_REGISTRATIONS,), action="write")
    if person.deceased:
        raise Problem("person_deceased")
    if any(r["status"] == "active" for r in registrations(state, person)):
        raise Problem("already_registered")
    registration = {
        "registration_id": f"TAX-{uuid.uuid4().hex[:16]}",
        "regime": body.regime,
        "activity_code": body.activity_code,
        "monthly_income": asked["monthly_income"],
        "registered_at": datetime.now(UTC).isoformat(),
        "status": "active",
    }
    state.store.insert("tax", registration["registration_id"], key, person.iin,
                       {"request": asked, "registration": registration})
    return JSONResponse({**registration, "created": True}, status_code=201)


class RegimeChangeRequest(BaseModel):
    iin: str
    regime: str = Field(min_length=1, max_length=64)
    activity_code: str = Field(min_length=1, max_length=16)
    monthly_income: Decimal = Field(ge=0, max_digits=16, decimal_places=2)


@router.post("/regime-changes")
async def change_regime(body: RegimeChangeRequest, request: Request, caller: Caller,
                        key: Annotated[str | None, Header(alias="Idempotency-Key")] = None) -> JSONResponse:
    """An active taxpayer's notice of a change of special regime: his registration stays, its regime changes."""
    state = state_of(request)
    key = idempotency_key(key)
    asked = body.model_dump(mode="json")
    existing = replay(state.store.by_key("tax", key), asked)
    if existing is not None:
        caller.record(body.iin, fields=(TAX_REGISTRATIONS,), action="write")
        return JSONResponse({**existing["regime_change"], "created": False}, status_code=200)
    person = require_person(state, body.iin)
    caller.record(person.iin, fields=(TAX_REGISTRATIONS,), action="write")
    if person.deceased:
        raise Problem("person_deceased")
    active = [r for r in registrations(state, person) if r["status"] == "active"]
    if not active:
        raise Problem("not_registered")
    change = {"change_id": f"TAXRC-{uuid.uuid4().hex[:16]}", "registration_id": active[-1]["registration_id"],
              "previous_regime": active[-1]["regime"], "regime": body.regime,
              "changed_at": datetime.now(UTC).isoformat()}
    state.store.insert("tax", change["change_id"], key, person.iin, {"request": asked, "regime_change": change})
    return JSONResponse({**change, "created": True}, status_code=201)
