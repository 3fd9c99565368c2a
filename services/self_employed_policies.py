"""The self-employed policies as activities, so each decision and its figures are recorded in history."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from pydantic import BaseModel

from onestop.thread_activity import thread_activity
from policies.decision import Decision
from policies.parameters import value as parameter
from policies.self_employed import SelfEmployedCase, SocialPayments, monthly_social_payments, regime, regime_eligibility
from services.self_employed import REVIEW_TERM_PARAMETER


class SelfEmployedInput(BaseModel):
    case: SelfEmployedCase
    on: date


class SelfEmployedPayments(SocialPayments):
    """The payments, and the regime's title the notice names (results recorded before it have none)."""

    regime_title: dict[str, str] | None = None


class ReviewTermInput(BaseModel):
    on: date


class SelfEmployedPolicies:
    @thread_activity("policies.self_employed_eligibility")
    def eligibility(self, input: SelfEmployedInput) -> Decision:
        return regime_eligibility(input.case, input.on)

    @thread_activity("policies.self_employed_payments")
    def payments(self, input: SelfEmployedInput) -> SelfEmployedPayments:
        payments = monthly_social_payments(input.case, input.on)
        found = regime(input.case.regime, input.on)
        return SelfEmployedPayments(**dict(payments), regime_title=found.title if found else None)

    @thread_activity("policies.self_employed_review_term")
    def review_term(self, input: ReviewTermInput) -> int:
        """Working days an officer has for a manual review, in force on the day of the application.

        An activity, so the figure a run used is in its history and a later change of the parameter
        file does not change a replay.
        """
        return int(parameter(REVIEW_TERM_PARAMETER, input.on))

    def all(self) -> list[Callable[..., Any]]:
        return [self.eligibility, self.payments, self.review_term]
