"""The once-only principle: what a form may take from the population registry instead of asking.

Each service's spec says which of its fields come from which registry field (`prefill`).
"""

from __future__ import annotations

from typing import Any

from connectors.population import Person
from services.spec import ServiceSpec


def registry_value(person: Person, path: str) -> Any:
    """The person's field at a dotted path ("address.line"), or None."""
    value: Any = person
    for part in path.split("."):
        value = getattr(value, part, None)
        if value is None:
            return None
    return value


def prefill_for(spec: ServiceSpec, person: Person) -> dict[str, str]:
    """The answers of the service's form the registry already holds (absent ones left out)."""
    known = {name: registry_value(person, path) for name, path in spec.prefill.items()}
    return {name: str(value) for name, value in known.items() if value not in (None, "")}


__all__ = ["prefill_for", "registry_value"]
