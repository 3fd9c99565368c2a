"""What the registries tell a running service: a change of circumstances (a death, a birth, a contract).

The registries publish their changes on a feed; a poller (a Temporal workflow on a schedule, to come
with the registries' events feed) reads it and signals `registry_event` to each running workflow the
change concerns. A long-running service takes it into account from the next month it pays.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel

REGISTRY_EVENT_SIGNAL = "registry_event"

EventKind = Literal["death", "birth", "contract_started", "contract_ended"]


class RegistryEvent(BaseModel):
    event_id: str  # the feed's id: a repeated signal is taken once
    kind: EventKind
    iin: str  # the person concerned
    on: date  # when it happened


__all__ = ["REGISTRY_EVENT_SIGNAL", "EventKind", "RegistryEvent"]
