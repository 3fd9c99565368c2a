"""What the status page shows beside a stored decision: the law of each reason, and how it was decided.

Decisions are stored as JSON (the workflow's `decision`); those stored before references and traces
existed have none, and read "reference not recorded" and no trace, never an error.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from policies.decision import NOT_RECORDED, LegalReference, Text, TraceStep


def citation(reason: dict[str, Any]) -> tuple[Text, str | None]:
    """The act a stored reason rests on, in each language, and the page of that act (if known)."""
    try:
        reference = LegalReference.model_validate(reason["reference"]) if reason.get("reference") else None
    except ValidationError:  # a reference in a shape this version does not know: say so, never fail
        reference = None
    if reference is None:
        return dict(NOT_RECORDED), None
    return reference.citation(), reference.url


def trace(decision: dict[str, Any] | None) -> list[TraceStep]:
    """Every value the decision read or computed, in order; [] for a decision stored without its trace."""
    steps = []
    for step in (decision or {}).get("trace") or []:
        try:
            steps.append(TraceStep.model_validate(step))
        except ValidationError:
            continue
    return steps


__all__ = ["citation", "trace"]
