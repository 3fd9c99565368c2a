"""Runs every YAML case in tests/policies/cases (OpenFisca style: name, period, input, output).

``output`` keys are checked when present: ``outcome``, ``reasons`` (the set of reason codes),
``figures`` (the listed ones; numbers compared exactly as decimals), ``unconfirmed``,
``total``/``parts``/``basis`` for payments. Every case also checks that each reason reads in
kk, ru and en, and that the result survives a JSON round trip (it crosses Temporal).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable

import pytest
import yaml
from pydantic import BaseModel

from policies.decision import LANGUAGES, Decision
from policies.identity import PersonFacts, applicant_capacity
from policies.self_employed import SelfEmployedCase, SocialPayments, monthly_social_payments, regime_eligibility

CASES_DIR = Path(__file__).parent / "cases"

FUNCTIONS: dict[str, tuple[Callable[[Any, date], BaseModel], type[BaseModel]]] = {
    "applicant_capacity": (applicant_capacity, PersonFacts),
    "regime_eligibility": (regime_eligibility, SelfEmployedCase),
    "monthly_social_payments": (monthly_social_payments, SelfEmployedCase),
}


def _cases(directory: Path = CASES_DIR) -> list[Any]:
    """Every case of the YAML files in ``directory`` (not below it), as pytest params."""
    found = []
    for file in sorted(directory.glob("*.yaml")):
        for case in yaml.safe_load(file.read_text(encoding="utf-8")):
            found.append(pytest.param(case, id=f"{file.stem}: {case['name']}"))
    return found


def _same(expected: Any, actual: Any) -> bool:
    if isinstance(expected, (int, float)) and not isinstance(expected, bool):
        return actual is not None and not isinstance(actual, bool) and Decimal(str(expected)) == Decimal(str(actual))
    if isinstance(expected, list):
        return isinstance(actual, list) and len(expected) == len(actual) and all(map(_same, expected, actual))
    if isinstance(expected, dict):
        return isinstance(actual, dict) and expected.keys() == actual.keys() and all(
            _same(v, actual[k]) for k, v in expected.items())
    return bool(expected == actual)


def test_there_are_cases_for_every_function() -> None:
    functions = {p.values[0]["function"] for p in _cases()}
    assert functions == set(FUNCTIONS)


@pytest.mark.parametrize("case", _cases())
def test_case(case: dict[str, Any]) -> None:
    function, input_model = FUNCTIONS[case["function"]]
    on = case["period"] if isinstance(case["period"], date) else date.fromisoformat(case["period"])
    result = function(input_model.model_validate(case["input"]), on)
    expected: dict[str, Any] = case["output"]

    if "outcome" in expected:
        assert isinstance(result, Decision)
        assert result.outcome == expected["outcome"], [r.text["en"] for r in result.reasons]
    codes = [r.code for r in result.reasons]  # type: ignore[attr-defined]
    if "reasons" in expected:
        assert sorted(codes) == sorted(expected["reasons"])
    for name, want in (expected.get("figures") or {}).items():
        assert isinstance(result, Decision)
        assert _same(want, result.figures.get(name)), (name, result.figures.get(name))
    if "unconfirmed" in expected:
        assert result.unconfirmed == expected["unconfirmed"]  # type: ignore[attr-defined]
    for key in ("total", "parts", "basis"):
        if key in expected:
            assert isinstance(result, SocialPayments)
            assert _same(expected[key], getattr(result, key)), (key, getattr(result, key))

    for r in result.reasons:  # type: ignore[attr-defined]
        assert set(r.text) == set(LANGUAGES) and all(r.text[lang].strip() for lang in LANGUAGES)
        assert not any("{" in r.text[lang] for lang in LANGUAGES), r.text
    if isinstance(result, SocialPayments):
        assert sum(result.parts.values()) == result.total
    assert type(result).model_validate_json(result.model_dump_json()) == result
