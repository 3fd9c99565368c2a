"""Businesses registry: legal entities by BIN and their heads, individual entrepreneurs and
self-employed notices (eGov notification).

A business is named by a BIN (a legal entity or a branch) or by the IIN of an individual
entrepreneur; the 5th digit tells which (policies.iin.looks_like_bin).
"""

from __future__ import annotations

import uuid
import zlib
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from connectors.access_log import BUSINESS_HEAD, BUSINESS_REGISTRATIONS
from connectors.mock.access import CallContext, MockState, gate, state_of
from connectors.mock.legal_entities import LEGAL_FORMS, SeedEntity
from connectors.mock.problems import Problem
from connectors.mock.routers.common import idempotency_key, replay, require_person
from connectors.mock.seed import SeedPerson
from policies.iin import is_valid_bin, looks_like_bin

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


_ENTREPRENEUR_NAME = {"kk": "ЖК {}", "ru": "ИП {}", "en": "IE {}"}
_ENTREPRENEUR_TITLE = {"kk": "Жеке кәсіпкер", "ru": "Индивидуальный предприниматель",
                       "en": "Individual entrepreneur"}


def _head_json(person: SeedPerson | None, iin: str, position: dict[str, str], since: date) -> dict[str, Any]:
    return {"iin": iin,
            "last_name": person.last_name if person else None,
            "first_name": person.first_name if person else None,
            "middle_name": person.middle_name if person else None,
            "position": position, "since": since.isoformat()}


def entity_json(state: MockState, entity: SeedEntity) -> dict[str, Any]:
    form = LEGAL_FORMS[entity.legal_form]
    return {
        "id": entity.bin,
        "kind": "branch" if entity.parent_bin else "legal_entity",
        "bin": entity.bin,
        "name": {lang: pattern.format(entity.name) for lang, pattern in form["name"].items()},
        "legal_form": entity.legal_form,
        "status": "active" if entity.active else "liquidated",
        "registered_on": entity.registered_on.isoformat(),
        "closed_on": entity.liquidated_on.isoformat() if entity.liquidated_on else None,
        "region_code": entity.region_code,
        "locality": entity.locality,
        "address_line": entity.address_line,
        "activity_code": entity.activity_code,
        "employees": entity.employees,
        "parent_bin": entity.parent_bin,
        "head": _head_json(state.population.get(entity.head_iin), entity.head_iin, form["head"],
                           entity.head_since),
    }


def entrepreneur_json(state: MockState, person: SeedPerson) -> dict[str, Any] | None:
    """The person's own business as an individual entrepreneur (the latest registration), if any."""
    found = [r for r in registrations(state, person) if r["kind"] == "individual_entrepreneur"]
    if not found:
        return None
    latest = sorted(found, key=lambda r: (r["status"] == "active", r["registered_on"]))[-1]
    short = f"{person.last_name} {person.first_name[0]}."
    registered = date.fromisoformat(latest["registered_on"])
    return {
        "id": person.iin, "kind": "individual_entrepreneur", "bin": None,
        "name": {lang: pattern.format(short) for lang, pattern in _ENTREPRENEUR_NAME.items()},
        "legal_form": "individual_entrepreneur",
        "status": latest["status"], "registered_on": registered.isoformat(), "closed_on": None,
        "region_code": person.address.region_code, "locality": person.address.locality,
        "address_line": latest.get("address_line") or person.address.line,
        "activity_code": latest.get("activity_code"), "employees": 0, "parent_bin": None,
        "head": _head_json(person, person.iin, _ENTREPRENEUR_TITLE, registered),
    }


def find_business(state: MockState, number: str) -> dict[str, Any]:
    """The business this BIN or entrepreneur's IIN names; invalid_bin / invalid_iin / business_not_found."""
    if looks_like_bin(number):
        if not is_valid_bin(number):
            raise Problem("invalid_bin")
        entity = state.businesses.get(number)
        if entity is None:
            raise Problem("business_not_found")
        return entity_json(state, entity)
    found = entrepreneur_json(state, require_person(state, number))
    if found is None:
        raise Problem("business_not_found")
    return found


def businesses_headed(state: MockState, person: SeedPerson) -> list[dict[str, Any]]:
    own = entrepreneur_json(state, person)
    return ([own] if own else []) + [entity_json(state, e) for e in state.businesses.headed_by(person.iin)]


@router.get("/entities/{number}")
async def get_business(number: str, request: Request, caller: Caller) -> dict[str, Any]:
    """A legal entity by its BIN, or an individual entrepreneur by their IIN."""
    found = find_business(state_of(request), number)
    caller.record(found["head"]["iin"], fields=(BUSINESS_HEAD,))
    return found


@router.get("/entities/{number}/heads/{iin}")
async def check_head(number: str, iin: str, request: Request, caller: Caller) -> dict[str, Any]:
    """Whether this person heads this business now: the registry answers yes or no (with why not)."""
    state = state_of(request)
    person = require_person(state, iin)
    found = find_business(state, number)
    caller.record(person.iin, fields=(BUSINESS_HEAD,))
    reason = None
    if found["head"]["iin"] != person.iin:
        reason = "not_head"
    elif found["status"] != "active":
        reason = "business_closed"
    return {"business_id": found["id"], "iin": person.iin, "heads": reason is None,
            "reason": reason, "business": found}


@router.get("/persons/{iin}/headed")
async def headed_by(iin: str, request: Request, caller: Caller) -> dict[str, Any]:
    """Every business this person heads or headed: their own as an entrepreneur, and legal entities."""
    state = state_of(request)
    person = require_person(state, iin)
    caller.record(person.iin, fields=(BUSINESS_HEAD,))
    return {"iin": person.iin, "businesses": businesses_headed(state, person)}


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
