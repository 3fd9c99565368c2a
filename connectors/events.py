"""Registry events: what changed in the registries, read from a feed after a cursor.

Kinds and their data:
    contract_started   contract_id, employer_bin, position, start_date, monthly_wage
    contract_ended     contract_id, employer_bin, end_date
    income_changed     contract_id, employer_bin, monthly_wage, from_date
    death              date
    birth              mother_iin, father_iin, birth_date, sex, last_name, first_name (iin: the child's)

The cursor is opaque: keep the one a page returns and pass it as `after` next time. A page
with no events returns the cursor it was given. The feed serves the platform, not one
application, so it is read with no purpose; what an event points to is read with one.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field
from temporalio import activity

from connectors.base import RegistryClient
from connectors.errors import refusals_as_application_errors

__all__ = ["EventActivities", "EventPage", "ReadEventsInput", "RegistryEvent", "fetch_events"]

REGISTRY = "events"
START = "0"  # the cursor before the first event


class RegistryEvent(BaseModel):
    id: int
    cursor: str
    at: datetime
    kind: str
    iin: str
    data: dict[str, Any] = {}


class EventPage(BaseModel):
    events: list[RegistryEvent] = []
    cursor: str  # read from here next time


class ReadEventsInput(BaseModel):
    after: str = START
    limit: int = Field(100, ge=1, le=1000)


async def fetch_events(client: RegistryClient, after: str = START, limit: int = 100) -> EventPage:
    """Events after the cursor, oldest first. Refusal `invalid_request` for a cursor the feed never gave."""
    body = await client.get(REGISTRY, "/events", purpose=None, params={"after": after, "limit": limit})
    return EventPage.model_validate(body)


class EventActivities:
    def __init__(self, client: RegistryClient) -> None:
        self.client = client

    @activity.defn(name="events.read")
    async def read(self, input: ReadEventsInput) -> EventPage:
        with refusals_as_application_errors():
            return await fetch_events(self.client, input.after, input.limit)
