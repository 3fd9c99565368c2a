"""Who may call which registry, and the purpose every call must state.

A real gateway grants each state system access to named registries. Here the platform's
own system (settings.registries_system_id + settings.registries_api_key) may use all of
them; a couple of other systems show narrower grants. Each call is logged with the
application it serves, so a citizen can see who read their data and why.
"""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

from fastapi import Request

from connectors.mock.knobs import REGISTRIES, KnobBoard
from connectors.mock.legal_entities import Businesses
from connectors.mock.livelihood import Livelihood
from connectors.mock.problems import Problem
from connectors.mock.seed import Population
from connectors.mock.store import RegistryStore
from onestop.settings import Settings

__all__ = ["ACCESS_LOG", "CallContext", "MockState", "System", "calling_system", "gate", "state_of", "systems_for"]

# The grant to list who read a person's data: the e-government "who looked at my data" service.
ACCESS_LOG = "access-log"


@dataclass(frozen=True)
class System:
    system_id: str
    api_key: str
    registries: frozenset[str]


def systems_for(settings: Settings) -> dict[str, System]:
    systems = (
        System(settings.registries_system_id, settings.registries_api_key,
               frozenset(REGISTRIES) | {ACCESS_LOG}),
        # A career centre's own system: may read people, nothing else.
        System("career-centre", "career-centre-registries-key", frozenset({"population"})),
        # The SMS gateway's monitoring: may only send notifications.
        System("notification-monitor", "notification-monitor-key", frozenset({"notifications"})),
    )
    return {s.system_id: s for s in systems}


@dataclass
class MockState:
    settings: Settings
    population: Population
    businesses: Businesses
    livelihood: Livelihood
    store: RegistryStore
    knobs: KnobBoard
    systems: dict[str, System]


def state_of(request: Request) -> MockState:
    state: MockState = request.app.state.mock
    return state


@dataclass(frozen=True)
class CallContext:
    system: str
    registry: str
    application_id: str
    service_code: str
    store: RegistryStore

    def record(self, *iins: str | None, fields: Sequence[str] = (), action: str = "read") -> None:
        """Log this call as a read (or write) of these fields of these persons' data."""
        self.store.log_access(self.system, self.registry, self.application_id,
                              self.service_code, list(iins) or [None], list(fields), action)


def calling_system(request: Request, grant: str) -> System:
    """The system named by the identity headers, if its key matches and it holds `grant`."""
    headers = request.headers
    system = state_of(request).systems.get(headers.get("x-calling-system", ""))
    key = headers.get("x-api-key", "")
    if (system is None or not hmac.compare_digest(system.api_key.encode(), key.encode())
            or grant not in system.registries):
        raise Problem("forbidden")
    return system


def gate(registry: str, *, purpose: bool = True) -> Callable[[Request], Awaitable[CallContext]]:
    """The dependency every endpoint of `registry` goes through: faults, identity, purpose.

    Only a subscription that serves no one application (the events feed) goes without a purpose.
    """

    async def dependency(request: Request) -> CallContext:
        state = state_of(request)
        await state.knobs.apply(registry)
        headers = request.headers
        system = calling_system(request, registry)
        application_id = headers.get("x-purpose-application", "").strip()
        service_code = headers.get("x-purpose-service", "").strip()
        if purpose and (not application_id or not service_code):
            raise Problem("purpose_required")
        return CallContext(system.system_id, registry, application_id, service_code, state.store)

    return dependency
