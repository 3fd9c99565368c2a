"""The once-only principle: what a form may take from the population registry instead of asking.

Each service's spec says which of its fields come from which registry field (`prefill`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlmodel import Session

from connectors.population import Person
from services.spec import ServiceSpec
from store import repository


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


def _as_text(value: Any) -> str:
    return ", ".join(str(v) for v in value) if isinstance(value, list) else str(value)


def prefill_from_application(session: Session, spec: ServiceSpec, application_id: str, iin: str,
                             fields: Iterable[str]) -> dict[str, str]:
    """Applying again (a period ended): the form as the citizen's earlier application of the service left it,
    its answers and what its decision recorded for a field of the form (an account taken from the registry).
    Empty when the application is not theirs or has no such service: nobody tells which."""
    application = repository.get_application(session, application_id)
    if application is None or application.applicant_iin != iin:
        return {}
    request = repository.get_service_request(session, application_id, spec.code)
    if request is None:
        return {}
    recorded = {**(request.decision or {}), **{k: v for k, v in request.answers.items() if v not in (None, "", [])}}
    return {name: _as_text(recorded[name]) for name in fields if recorded.get(name) not in (None, "", [])}


__all__ = ["prefill_for", "prefill_from_application", "registry_value"]
