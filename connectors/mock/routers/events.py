"""The registry events feed, read after a cursor; and the admin route that appends an event."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Query, Request
from fastapi.responses import JSONResponse

from connectors.mock.access import CallContext, gate, state_of
from connectors.mock.events import EventRequest, record_event
from connectors.mock.routers.admin import require_admin_token

router = APIRouter(tags=["events"])
# Appending events is the tests' and the demo's lever: behind the admin token, in development only.
admin_router = APIRouter(prefix="/_admin", tags=["admin"], dependencies=[Depends(require_admin_token)])
# The feed serves the platform as a whole, not one application: no purpose. The events name
# persons, but what an event points to is read, and logged, by the workflow it concerns.
Caller = Annotated[CallContext, Depends(gate("events", purpose=False))]


@router.get("/events")
async def feed(request: Request, caller: Caller,
               after: Annotated[str, Query(pattern=r"^\d{1,18}$")] = "0",
               limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> dict[str, Any]:
    """Events after the cursor, oldest first; `cursor` is where to read from next time."""
    events = state_of(request).store.events_after(int(after), limit)
    return {"events": events, "cursor": events[-1]["cursor"] if events else after}


@admin_router.post("/events")
async def append(request: Request, event: Annotated[EventRequest, Body()]) -> JSONResponse:
    """Record a change in the registries and publish it on the feed (for tests and demos)."""
    return JSONResponse(record_event(state_of(request), event), status_code=201)
