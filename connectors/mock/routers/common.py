"""Helpers the registry routers share: find a person, check an idempotent replay."""

from __future__ import annotations

from typing import Any

from connectors.mock.access import MockState
from connectors.mock.problems import Problem
from connectors.mock.seed import SeedPerson
from policies.iin import is_valid_iin

__all__ = ["idempotency_key", "replay", "require_person"]


def require_person(state: MockState, iin: str) -> SeedPerson:
    if not is_valid_iin(iin):
        raise Problem("invalid_iin")
    person = state.population.get(iin)
    if person is None:
        raise Problem("person_not_found")
    return person


def idempotency_key(value: str | None) -> str:
    if not value or not value.strip():
        raise Problem("idempotency_key_required")
    return value.strip()


def replay(existing: dict[str, Any] | None, request: dict[str, Any]) -> dict[str, Any] | None:
    """The stored answer for a repeated key, or None for a new key.

    A key reused with a different request is refused: answering with the old result would
    hide a caller's bug.
    """
    if existing is None:
        return None
    if existing.get("request") != request:
        raise Problem("idempotency_key_reused")
    return existing
