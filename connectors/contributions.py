"""Contributions month by month, from two registries that answer in the same shape:
- the pension fund (UAPF): mandatory pension contributions;
- the State Social Insurance Fund: social contributions, whose base the unemployment benefit uses.

Each entry tells the income a person was paid in a month and by whom: an employer (BIN), or
the person themself as an entrepreneur (IIN). Months are written YYYY-MM.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field
from temporalio import activity

from connectors.base import Purpose, RegistryClient
from connectors.errors import refusals_as_application_errors

__all__ = ["Contribution", "ContributionActivities", "ContributionHistory", "GetContributionsInput",
           "fetch_pension_contributions", "fetch_social_contributions"]

PENSIONS = "pensions"
SOCIAL_INSURANCE = "social_insurance"
MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"


class Contribution(BaseModel):
    month: str
    payer_id: str  # employer's BIN, or the entrepreneur's own IIN
    payer_kind: Literal["employer", "self"]
    income: Decimal
    rate: Decimal
    amount: Decimal


class ContributionHistory(BaseModel):
    iin: str
    from_month: str = Field(alias="from")
    to_month: str = Field(alias="to")
    contributions: list[Contribution] = []

    model_config = {"populate_by_name": True}

    def income_by_month(self) -> dict[str, Decimal]:
        """Every month of the period with its total income (0 for a month with none)."""
        totals: dict[str, Decimal] = defaultdict(Decimal)
        for c in self.contributions:
            totals[c.month] += c.income
        return dict(totals)


class GetContributionsInput(BaseModel):
    iin: str
    purpose: Purpose
    # YYYY-MM; left out: the 24 months to the last full month.
    from_month: str | None = Field(None, pattern=MONTH_PATTERN)
    to_month: str | None = Field(None, pattern=MONTH_PATTERN)


def _params(from_month: str | None, to_month: str | None) -> dict[str, str]:
    return {k: v for k, v in (("from", from_month), ("to", to_month)) if v}


async def fetch_pension_contributions(client: RegistryClient, iin: str, purpose: Purpose,
                                      from_month: str | None = None,
                                      to_month: str | None = None) -> ContributionHistory:
    """Refusals: `invalid_iin`, `person_not_found`, `invalid_request` (a bad month range)."""
    body = await client.get(PENSIONS, f"/pensions/persons/{iin}/contributions", purpose=purpose,
                            params=_params(from_month, to_month))
    return ContributionHistory.model_validate(body)


async def fetch_social_contributions(client: RegistryClient, iin: str, purpose: Purpose,
                                     from_month: str | None = None,
                                     to_month: str | None = None) -> ContributionHistory:
    """Refusals: `invalid_iin`, `person_not_found`, `invalid_request` (a bad month range)."""
    body = await client.get(SOCIAL_INSURANCE, f"/social-insurance/persons/{iin}/contributions",
                            purpose=purpose, params=_params(from_month, to_month))
    return ContributionHistory.model_validate(body)


class ContributionActivities:
    def __init__(self, client: RegistryClient) -> None:
        self.client = client

    @activity.defn(name="pensions.get_contributions")
    async def get_pension_contributions(self, input: GetContributionsInput) -> ContributionHistory:
        with refusals_as_application_errors():
            return await fetch_pension_contributions(self.client, input.iin, input.purpose,
                                                     input.from_month, input.to_month)

    @activity.defn(name="social_insurance.get_contributions")
    async def get_social_contributions(self, input: GetContributionsInput) -> ContributionHistory:
        with refusals_as_application_errors():
            return await fetch_social_contributions(self.client, input.iin, input.purpose,
                                                    input.from_month, input.to_month)
