"""The self-employed policies as activities, so each decision and its figures are recorded in history."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from pydantic import BaseModel
from temporalio import activity

from policies.decision import Decision
from policies.self_employed import SelfEmployedCase, SocialPayments, monthly_social_payments, regime_eligibility


class SelfEmployedInput(BaseModel):
    case: SelfEmployedCase
    on: date


class SelfEmployedPolicies:
    @activity.defn(name="policies.self_employed_eligibility")
    def eligibility(self, input: SelfEmployedInput) -> Decision:
        return regime_eligibility(input.case, input.on)

    @activity.defn(name="policies.self_employed_payments")
    def payments(self, input: SelfEmployedInput) -> SocialPayments:
        return monthly_social_payments(input.case, input.on)

    def all(self) -> list[Callable[..., Any]]:
        return [self.eligibility, self.payments]
