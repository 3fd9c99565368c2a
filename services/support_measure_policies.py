"""The support measure's conditions as an activity, so the advice given to the career centre is in history."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from pydantic import BaseModel

from onestop.thread_activity import thread_activity
from policies.labour.support import MeasureEligibility, SupportFacts, support_measures


class MeasureInput(BaseModel):
    facts: SupportFacts
    measure: str
    on: date


class SupportMeasurePolicies:
    @thread_activity("policies.support_measure")
    def eligibility(self, input: MeasureInput) -> MeasureEligibility:
        return next(m for m in support_measures(input.facts, input.on) if m.measure == input.measure)

    def all(self) -> list[Callable[..., Any]]:
        return [self.eligibility]
