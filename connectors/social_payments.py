"""Social payments registry (State Centre for Pension Payments): pensions and benefits paid to a
person, month by month, and the account each went to.

Kinds: age_pension, disability_benefit (details: disability_group), disabled_child_benefit and
childcare_benefit (details: child_iin), large_family_allowance, unemployment_benefit, and what
onestop paid through the payments gateway under a kind (e.g. tsa).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, Field
from temporalio import activity

from connectors.base import Purpose, RegistryClient
from connectors.contributions import MONTH_PATTERN
from connectors.errors import refusals_as_application_errors

__all__ = ["GetSocialPaymentsInput", "SocialPayment", "SocialPaymentActivities", "SocialPaymentHistory",
           "fetch_social_payments"]

REGISTRY = "social_payments"


class SocialPayment(BaseModel):
    month: str  # YYYY-MM
    kind: str
    amount: Decimal
    paid_on: date
    iban: str
    details: dict[str, Any] = {}


class SocialPaymentHistory(BaseModel):
    iin: str
    from_month: str = Field(alias="from")
    to_month: str = Field(alias="to")
    payments: list[SocialPayment] = []  # oldest first

    model_config = {"populate_by_name": True}

    def last_iban(self) -> str | None:
        """The account of the latest payment: what a new application may prefill."""
        return max(self.payments, key=lambda p: p.paid_on).iban if self.payments else None


class GetSocialPaymentsInput(BaseModel):
    iin: str
    purpose: Purpose
    from_month: str | None = Field(None, pattern=MONTH_PATTERN)
    to_month: str | None = Field(None, pattern=MONTH_PATTERN)


async def fetch_social_payments(client: RegistryClient, iin: str, purpose: Purpose,
                                from_month: str | None = None,
                                to_month: str | None = None) -> SocialPaymentHistory:
    """Refusals: `invalid_iin`, `person_not_found`, `invalid_request` (a bad month range)."""
    params = {k: v for k, v in (("from", from_month), ("to", to_month)) if v}
    body = await client.get(REGISTRY, f"/social-payments/persons/{iin}", purpose=purpose, params=params)
    return SocialPaymentHistory.model_validate(body)


class SocialPaymentActivities:
    def __init__(self, client: RegistryClient) -> None:
        self.client = client

    @activity.defn(name="social_payments.get_payments")
    async def get_payments(self, input: GetSocialPaymentsInput) -> SocialPaymentHistory:
        with refusals_as_application_errors():
            return await fetch_social_payments(self.client, input.iin, input.purpose,
                                               input.from_month, input.to_month)
