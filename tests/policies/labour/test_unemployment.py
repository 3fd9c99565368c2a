"""What the YAML cases cannot say: bad input, the trace, and the months arithmetic."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from pydantic import ValidationError

from policies.labour.unemployment import (
    ContributionPeriod,
    JobSeekerFacts,
    UnemploymentBenefitCase,
    add_months,
    unemployment_benefit,
)


def test_a_period_ending_before_it_starts_is_refused() -> None:
    with pytest.raises(ValidationError, match="month_to"):
        ContributionPeriod(month_from=date(2025, 5, 1), month_to=date(2025, 4, 1), income=Decimal(1))


def test_a_negative_income_is_refused() -> None:
    with pytest.raises(ValidationError, match="income"):
        ContributionPeriod(month_from=date(2025, 5, 1), income=Decimal(-1))


def test_any_day_of_a_month_names_the_month() -> None:
    assert ContributionPeriod(month_from=date(2025, 5, 17), month_to=date(2025, 7, 31), income=Decimal(1)).months() == [
        date(2025, 5, 1), date(2025, 6, 1), date(2025, 7, 1)]


@pytest.mark.parametrize(("start", "months", "end"), [
    (date(2026, 1, 31), 1, date(2026, 2, 28)),
    (date(2024, 1, 31), 1, date(2024, 2, 29)),
    (date(2026, 11, 15), 2, date(2027, 1, 15)),
    (date(2026, 3, 1), -24, date(2024, 3, 1)),
])
def test_add_months(start: date, months: int, end: date) -> None:
    assert add_months(start, months) == end


def test_the_trace_names_every_parameter_with_its_date() -> None:
    case = UnemploymentBenefitCase(job_lost_on=date(2026, 3, 1), unemployed_since=date(2026, 3, 2),
                                   contributions=[ContributionPeriod(month_from=date(2024, 3, 1),
                                                                     month_to=date(2026, 2, 1),
                                                                     income=Decimal(300000))])
    decision = unemployment_benefit(case, date(2026, 3, 2))
    sources = {step.name: step.source for step in decision.trace if step.source}
    assert sources["labour.benefit.replacement_coefficient"].startswith(
        "labour.benefit.replacement_coefficient from 2023-01-01")
    assert "[unconfirmed]" in sources["labour.benefit.participation_coefficients"]
    assert "economy.minimum_wage" in sources
    assert decision.decisive == []
    assert [p.number for p in decision.payments] == [1, 2, 3]


def test_an_exclusion_without_a_registry_fact_fails_loudly() -> None:
    with pytest.raises(ValueError, match="conscript"):
        JobSeekerFacts(birth_date=date(1990, 1, 1)).excluded_by("conscript")
