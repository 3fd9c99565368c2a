"""Operator and test endpoints: fault knobs, the access log, health.

Everything under /_admin asks for the admin token (connectors/mock/admin_token.py) in the
X-Admin-Token header; /healthz stays open for probes.
"""

from __future__ import annotations

import secrets
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Query, Request

from connectors.mock.access import ACCESS_LOG, calling_system, state_of
from connectors.mock.admin_token import HEADER
from connectors.mock.knobs import REGISTRIES, Knobs, KnobsUpdate
from connectors.mock.problems import Problem
from connectors.mock.routers.common import require_person
from connectors.mock.seed import age

router = APIRouter(tags=["health"])


def require_admin_token(request: Request, token: Annotated[str | None, Header(alias=HEADER)] = None) -> None:
    expected: str = request.app.state.admin_token
    if token is None or not secrets.compare_digest(token.encode(), expected.encode()):
        raise Problem("admin_token_required")


admin_router = APIRouter(prefix="/_admin", tags=["admin"], dependencies=[Depends(require_admin_token)])


def _registry(name: str) -> str:
    if name not in REGISTRIES:
        raise Problem("unknown_registry")
    return name


@router.get("/healthz")
async def healthz(request: Request) -> dict[str, Any]:
    return {"status": "ok", "persons": len(state_of(request).population)}


@admin_router.get("/knobs")
async def all_knobs(request: Request) -> dict[str, Knobs]:
    return state_of(request).knobs.all()


@admin_router.put("/knobs")
async def replace_knobs(knobs: dict[str, Knobs], request: Request) -> dict[str, Knobs]:
    for name in knobs:
        _registry(name)
    board = state_of(request).knobs
    board.replace_all(knobs)
    return board.all()


@admin_router.get("/knobs/{registry}")
async def registry_knobs(registry: str, request: Request) -> Knobs:
    return state_of(request).knobs.get(_registry(registry))


@admin_router.put("/knobs/{registry}")
async def set_registry_knobs(registry: str, change: KnobsUpdate, request: Request) -> Knobs:
    return state_of(request).knobs.update(_registry(registry), change)


@admin_router.get("/access-log")
async def access_log(request: Request, iin: Annotated[str | None, Query()] = None,
                     limit: Annotated[int, Query(ge=1, le=10_000)] = 1000) -> dict[str, Any]:
    """Who read or wrote this person's data, newest first."""
    return {"iin": iin, "entries": state_of(request).store.access_log(iin, limit)}


@router.get("/access-log")
async def persons_access_log(request: Request, iin: Annotated[str, Query()],
                             limit: Annotated[int, Query(ge=1, le=10_000)] = 1000) -> dict[str, Any]:
    """Who read or wrote this person's data, newest first: for a system granted the access log
    (the platform shows it to the person), not for every system that may read registries."""
    calling_system(request, ACCESS_LOG)
    state = state_of(request)
    person = require_person(state, iin)
    return {"iin": person.iin, "entries": state.store.access_log(person.iin, limit)}


@admin_router.get("/persons")
async def sample_persons(request: Request,
                         adult: Annotated[bool | None, Query()] = None,
                         deceased: Annotated[bool | None, Query()] = None,
                         active_entrepreneur: Annotated[bool | None, Query()] = None,
                         limit: Annotated[int, Query(ge=1, le=10_000)] = 100) -> dict[str, Any]:
    """IINs of seeded persons matching the filters, for benchmarks and tests to pick from."""
    found: list[str] = []
    for p in state_of(request).population.persons.values():
        is_adult = age(p.birth_date, date.today()) >= 18
        if adult is not None and is_adult != adult:
            continue
        if deceased is not None and p.deceased != deceased:
            continue
        if active_entrepreneur is not None and p.active_entrepreneur != active_entrepreneur:
            continue
        found.append(p.iin)
        if len(found) >= limit:
            break
    return {"iins": found}


@admin_router.get("/businesses")
async def sample_businesses(request: Request,
                            status: Annotated[str | None, Query(pattern="^(active|liquidated)$")] = None,
                            branch: Annotated[bool | None, Query()] = None,
                            limit: Annotated[int, Query(ge=1, le=10_000)] = 100) -> dict[str, Any]:
    """BINs of seeded legal entities with their heads, for benchmarks and tests to pick from."""
    found: list[dict[str, str]] = []
    for entity in state_of(request).businesses.by_bin.values():
        if status is not None and (status == "active") != entity.active:
            continue
        if branch is not None and (entity.parent_bin is not None) != branch:
            continue
        found.append({"bin": entity.bin, "head_iin": entity.head_iin})
        if len(found) >= limit:
            break
    return {"businesses": found}
