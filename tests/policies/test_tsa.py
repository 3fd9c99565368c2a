"""The TSA case's validation, the quarter arithmetic, what-if changes and the child package by month."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError

from policies.texts import TEMPLATES
from policies.tsa import (
    NoRulesInForce,
    ParameterChange,
    TsaCase,
    assess,
    decide,
    monthly_child_package,
    previous_quarter_start,
    quarter_end,
    quarter_start,
)
from policies.tsa_texts import TSA_TEMPLATES
from tests.policies.test_texts import _fields

PENSIONER: dict[str, Any] = {"region": "akmola", "members": [
    {"id": "a", "birth_date": "1955-01-01", "relation": "applicant", "exemption": "pension_age",
     "incomes": {"pensions": 75000}}]}


def _with_member(**changes: object) -> dict[str, object]:
    member = {**PENSIONER["members"][0], **changes}
    return {**PENSIONER, "members": [member]}


@pytest.mark.parametrize(("raw", "where"), [
    (_with_member(incomes={"salary": 1000}), ("members", 0, "incomes")),
    (_with_member(incomes={"pensions": -1}), ("members", 0, "incomes", "pensions")),
    (_with_member(colour="red"), ("members", 0, "colour")),
    (_with_member(exemption="disability"), ("members", 0)),
    ({**PENSIONER, "region": "Almaty City"}, ("region",)),
    ({**PENSIONER, "members": []}, ("members",)),
    ({**PENSIONER, "property": {"cars": -1}}, ("property", "cars")),
])
def test_bad_cases_name_the_field(raw: dict[str, object], where: tuple[object, ...]) -> None:
    with pytest.raises(ValidationError) as caught:
        TsaCase.model_validate(raw)
    assert any(tuple(e["loc"]) == where for e in caught.value.errors()), caught.value.errors()


def test_a_case_needs_exactly_one_applicant() -> None:
    raw = _with_member(relation="spouse")
    with pytest.raises(ValidationError, match="exactly one member"):
        TsaCase.model_validate(raw)


@pytest.mark.parametrize(("on", "start", "previous", "end"), [
    (date(2026, 1, 1), date(2026, 1, 1), date(2025, 10, 1), date(2026, 3, 31)),
    (date(2026, 3, 31), date(2026, 1, 1), date(2025, 10, 1), date(2026, 3, 31)),
    (date(2026, 4, 1), date(2026, 4, 1), date(2026, 1, 1), date(2026, 6, 30)),
    (date(2026, 11, 15), date(2026, 10, 1), date(2026, 7, 1), date(2026, 12, 31)),
])
def test_quarters(on: date, start: date, previous: date, end: date) -> None:
    assert (quarter_start(on), previous_quarter_start(on), quarter_end(on)) == (start, previous, end)


def test_before_the_rules_assess_raises_and_decide_refuses() -> None:
    case = TsaCase.model_validate(PENSIONER)
    with pytest.raises(NoRulesInForce):
        assess(case, date(2016, 12, 31))
    assert decide(case, date(2016, 12, 31)).decisive == ["tsa_no_rules_in_force"]


def test_a_what_if_change_applies_from_its_date_and_is_traced() -> None:
    case = TsaCase.model_validate(PENSIONER)
    change = ParameterChange("tsa.poverty_line.sm_share", value=Decimal("0.8"),
                             start=date(2024, 3, 1))
    before = assess(case, date(2024, 2, 29), [change])
    after = assess(case, date(2024, 3, 1), [change])
    assert before.monthly_amount == 3397  # 0.7 x 40,567 - 25,000
    assert after.monthly_amount == 7454   # 0.8 x 40,567 = 32,453.6 - 25,000 = 7,453.6
    traced = decide(case, date(2024, 3, 1), [change]).trace
    assert any(s.name == "tsa.poverty_line.sm_share" and s.value == 0.8 and "2024-03-01" in (s.source or "")
               for s in traced)


def test_child_package_by_month_takes_the_age_on_the_first_day() -> None:
    case = TsaCase.model_validate({"region": "akmola", "members": [
        {"id": "m", "birth_date": "1993-01-01", "relation": "applicant", "exemption": "caring_child_under_3"},
        {"id": "k", "birth_date": "2019-03-15", "relation": "child"}]})
    assert monthly_child_package(case, date(2026, 3, 1)) == 6488   # 6 on 1 March: 1.5 x 4,325 = 6,487.5
    assert monthly_child_package(case, date(2026, 4, 1)) == 0      # 7 on 1 April
    assert monthly_child_package(case, date(2022, 3, 1)) == 0      # no cash package before 2023


def test_tsa_templates_are_in_the_catalogue_with_the_same_fields_in_every_language() -> None:
    for code, template in TSA_TEMPLATES.items():
        assert TEMPLATES[code] is template
        assert _fields(template["kk"]) == _fields(template["ru"]) == _fields(template["en"]), code
