"""Runs the labour exchange's YAML cases in tests/policies/cases/labour (same format as ../test_cases.py).

Besides ``outcome``, ``reasons``, ``figures`` and ``unconfirmed``, a benefit case may check the
award: ``amount``, ``duration_months``, ``starts_on``, ``ends_on`` and ``payments`` (a list of
[start, end] periods). Every reason must read in kk, ru and en, and the result must survive JSON.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel

from policies.decision import LANGUAGES, Decision
from policies.labour.support import MeasureCase, support_measure
from policies.labour.unemployment import (
    BenefitDecision,
    JobSeekerFacts,
    UnemploymentBenefitCase,
    job_seeker_registration,
    unemployed_status,
    unemployment_benefit,
)
from tests.policies.test_cases import _same

CASES_DIR = Path(__file__).parent.parent / "cases" / "labour"

FUNCTIONS: dict[str, tuple[Callable[[Any, date], Decision], type[BaseModel]]] = {
    "unemployment_benefit": (unemployment_benefit, UnemploymentBenefitCase),
    "unemployed_status": (unemployed_status, JobSeekerFacts),
    "job_seeker_registration": (job_seeker_registration, JobSeekerFacts),
    "support_measure": (support_measure, MeasureCase),
}
AWARD = ("amount", "duration_months", "starts_on", "ends_on")


def _cases() -> list[Any]:
    return [pytest.param(case, id=f"{file.stem}: {case['name']}")
            for file in sorted(CASES_DIR.glob("*.yaml"))
            for case in yaml.safe_load(file.read_text(encoding="utf-8"))]


def test_every_function_has_cases_and_the_benefit_has_twenty() -> None:
    functions = [p.values[0]["function"] for p in _cases()]
    assert set(functions) == set(FUNCTIONS)
    assert functions.count("unemployment_benefit") >= 20


@pytest.mark.parametrize("case", _cases())
def test_case(case: dict[str, Any]) -> None:
    function, input_model = FUNCTIONS[case["function"]]
    on = case["period"] if isinstance(case["period"], date) else date.fromisoformat(case["period"])
    result = function(input_model.model_validate(case["input"]), on)
    expected: dict[str, Any] = case["output"]

    assert result.outcome == expected["outcome"], [r.text["en"] for r in result.reasons]
    if "reasons" in expected:
        assert sorted(result.reason_codes()) == sorted(expected["reasons"])
    for name, want in (expected.get("figures") or {}).items():
        got = result.figures.get(name)
        if isinstance(want, date):
            want = want.isoformat()
        assert _same(want, got), (name, got)
    if "unconfirmed" in expected:
        assert result.unconfirmed == expected["unconfirmed"]
    for key in AWARD:
        if key in expected:
            assert isinstance(result, BenefitDecision)
            assert _same(expected[key], getattr(result, key)), (key, getattr(result, key))
    if "payments" in expected:
        assert isinstance(result, BenefitDecision)
        assert [[p.starts_on, p.ends_on] for p in result.payments] == expected["payments"]
        assert all(p.amount == result.amount for p in result.payments)

    for r in result.reasons:
        assert set(r.text) == set(LANGUAGES) and all(r.text[lang].strip() for lang in LANGUAGES)
        assert not any("{" in r.text[lang] for lang in LANGUAGES), r.text
    assert type(result).model_validate_json(result.model_dump_json()) == result
