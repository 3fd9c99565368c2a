"""Runs every YAML case in tests/policies/cases (OpenFisca style: name, source, period, input, output).

Each file is validated against ``case_schema.Case`` first: an unknown key anywhere (in
``output`` above all) fails the suite, and every case names the ``source`` of its figures.
``output`` keys are checked when present: ``outcome``, ``reasons`` (the set of reason codes),
``figures`` (the listed ones; numbers compared exactly as decimals), ``unconfirmed``,
``total``/``parts``/``basis``/``tax``/``social``/``bases`` for payments. Every case also checks
that each reason reads in kk, ru and en with its legal reference, and that the result survives a
JSON round trip (it crosses Temporal).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel, ValidationError

from policies.decision import LANGUAGES, Decision
from policies.identity import PersonFacts, applicant_capacity
from policies.self_employed import SelfEmployedCase, SocialPayments, monthly_social_payments, regime_eligibility
from tests.policies.case_schema import SCHEMA_FILE, Case, json_schema, load_cases

FUNCTIONS: dict[str, tuple[Callable[[Any, date], BaseModel], type[BaseModel]]] = {
    "applicant_capacity": (applicant_capacity, PersonFacts),
    "regime_eligibility": (regime_eligibility, SelfEmployedCase),
    "monthly_social_payments": (monthly_social_payments, SelfEmployedCase),
}


def _cases() -> list[Any]:
    return [pytest.param(case, id=f"{stem}: {case.name}") for stem, case in load_cases()]


def raw_cases(directory: Path) -> list[Any]:
    """Every case of the YAML files in ``directory`` (not below it), unvalidated, as pytest params:
    for rules whose cases have a schema of their own (targeted social assistance)."""
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
    functions = {p.values[0].function for p in _cases()}
    assert functions == set(FUNCTIONS)


def test_the_json_schema_beside_the_cases_is_the_model_s() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == json_schema()


@pytest.mark.parametrize("bad", [
    {"output": {"outcome": "eligible", "reason": ["adult"]}},  # misspelt key in output
    {"output": {"totl": 1}},
    {"source": None},  # every case names its source
    {"extra_key": 1},
    {"function": "no_such_rule"},
    {"period": "not a date"},
])
def test_a_bad_case_fails_the_schema(bad: dict[str, Any]) -> None:
    case: dict[str, Any] = {"name": "n", "source": "Civil Code Art. 17, by hand", "function": "applicant_capacity",
                            "period": "2026-01-01", "input": {"birth_date": "2000-01-01"}, "output": {}}
    case.update(bad)
    if case["source"] is None:
        del case["source"]
    with pytest.raises(ValidationError):
        Case.model_validate(case)


def test_a_file_with_an_unknown_output_key_fails_to_load(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text(yaml.safe_dump([{
        "name": "n", "source": "Civil Code Art. 17, by hand", "function": "applicant_capacity",
        "period": "2026-01-01", "input": {"birth_date": "2000-01-01"}, "output": {"outcomes": "eligible"}}]))
    with pytest.raises(ValidationError, match="outcomes"):
        load_cases(tmp_path)


@pytest.mark.parametrize("case", _cases())
def test_case(case: Case) -> None:
    function, input_model = FUNCTIONS[case.function]
    result = function(input_model.model_validate(case.input), case.period)
    expected: dict[str, Any] = case.output.model_dump(exclude_none=True)

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
    for key in ("total", "parts", "basis", "tax", "social"):
        if key in expected:
            assert isinstance(result, SocialPayments)
            assert _same(expected[key], getattr(result, key)), (key, getattr(result, key))
    if "bases" in expected:
        assert isinstance(result, SocialPayments)
        assert {name: part.base_kind for name, part in result.breakdown.items()} == expected["bases"]

    for r in result.reasons:  # type: ignore[attr-defined]
        assert set(r.text) == set(LANGUAGES) and all(r.text[lang].strip() for lang in LANGUAGES)
        assert r.reference is not None, r.code
        assert all(r.citation()[lang].strip() for lang in LANGUAGES)
        assert not any("{" in r.text[lang] for lang in LANGUAGES), r.text
    if isinstance(result, SocialPayments):
        assert sum(result.parts.values()) == result.total
        assert result.breakdown.keys() == result.parts.keys()
        assert all(result.breakdown[name].amount == amount for name, amount in result.parts.items())
        assert result.tax is not None and result.social is not None and result.tax + result.social == result.total
    assert type(result).model_validate_json(result.model_dump_json()) == result
