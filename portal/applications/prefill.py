"""The once-only principle: what a form may take from the population registry instead of asking."""

from __future__ import annotations

from connectors.population import Person
from services.spec import ServiceSpec


def known_answers(person: Person) -> dict[str, str]:
    """Form answers the registry already holds for this person (absent ones left out)."""
    known = {"activity_address": person.address.line, "phone": person.phone, "email": person.email}
    return {k: v for k, v in known.items() if v}


def prefill_for(spec: ServiceSpec, person: Person) -> dict[str, str]:
    """Those of them the service's form asks for."""
    fields = spec.form.model_fields
    return {k: v for k, v in known_answers(person).items() if k in fields}


__all__ = ["known_answers", "prefill_for"]
