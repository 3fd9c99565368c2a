"""The figures other rules are measured in: the two MCIs, the minimum wage, the subsistence minimum.

Kazakhstan has two MCIs since 1 April 2022:

- the **tax MCI** (``economy.mci``): the Tax Code takes the MCI in force on **1 January** of the
  year, for ceilings and for payments set in MCI, even when a budget law changes it during the
  year (2020: 2,651 for taxes all year, though 2,778 from 1 April for everything else);
- the **benefit MCI** (``economy.mci_benefits``): benefits and social payments take the value in
  force on the date (2022: 3,063, then 3,180 from 1 April, while taxes kept 3,063).

Each helper comes twice: a plain one returning the ``ParameterValue`` (value, effective date,
source), and one taking an ``Evaluation`` that records the read in the decision's trace.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from policies.evaluation import Evaluation
from policies.parameters import ParameterStore, ParameterValue, default_store

__all__ = [
    "TAX_MCI",
    "BENEFIT_MCI",
    "MINIMUM_WAGE",
    "SUBSISTENCE_MINIMUM",
    "MciPurpose",
    "tax_mci_date",
    "mci_path",
    "mci",
    "minimum_wage",
    "subsistence_minimum",
    "read_tax_mci",
    "read_benefit_mci",
    "read_minimum_wage",
]

TAX_MCI = "economy.mci"
BENEFIT_MCI = "economy.mci_benefits"
MINIMUM_WAGE = "economy.minimum_wage"
SUBSISTENCE_MINIMUM = "economy.subsistence_minimum"

MciPurpose = Literal["tax", "benefit"]


def tax_mci_date(on: date) -> date:
    """The day the Tax Code reads the MCI for anything taxed on ``on``: 1 January of that year."""
    return date(on.year, 1, 1)


def mci_path(purpose: MciPurpose) -> str:
    return TAX_MCI if purpose == "tax" else BENEFIT_MCI


def mci(on: date, purpose: MciPurpose, parameters: ParameterStore = default_store) -> ParameterValue:
    """The MCI that applies on ``on``: the tax MCI of 1 January, or the benefit MCI of the day."""
    if purpose == "tax":
        return parameters.lookup(TAX_MCI, tax_mci_date(on))
    return parameters.lookup(BENEFIT_MCI, on)


def minimum_wage(on: date, parameters: ParameterStore = default_store) -> ParameterValue:
    return parameters.lookup(MINIMUM_WAGE, on)


def subsistence_minimum(on: date, region: str | None = None,
                        parameters: ParameterStore = default_store) -> ParameterValue:
    """The national subsistence minimum, or the region's when one is in force."""
    return parameters.lookup(SUBSISTENCE_MINIMUM, on, region)


def read_tax_mci(ev: Evaluation) -> Decimal:
    """The tax MCI for a decision on ``ev.on``, recorded in its trace as read on 1 January."""
    return Decimal(ev.param_on(TAX_MCI, tax_mci_date(ev.on),
                               why=f"tax MCI: the Tax Code reads it on 1 January {ev.on.year}"))


def read_benefit_mci(ev: Evaluation) -> Decimal:
    return Decimal(ev.param(BENEFIT_MCI))


def read_minimum_wage(ev: Evaluation) -> Decimal:
    return Decimal(ev.param(MINIMUM_WAGE))
