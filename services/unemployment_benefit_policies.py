"""The unemployment benefit's policy as an activity: the award and its figures recorded in history."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from pydantic import BaseModel

from onestop.thread_activity import thread_activity
from policies.labour.unemployment import BenefitDecision, UnemploymentBenefitCase, unemployment_benefit


class BenefitInput(BaseModel):
    case: UnemploymentBenefitCase
    on: date


class UnemploymentBenefitPolicies:
    @thread_activity("policies.unemployment_benefit")
    def benefit(self, input: BenefitInput) -> BenefitDecision:
        return unemployment_benefit(input.case, input.on)

    def all(self) -> list[Callable[..., Any]]:
        return [self.benefit]
