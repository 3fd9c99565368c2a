"""Runs every YAML case in tests/policies/cases/tsa/ through ``policies.tsa.decide``.

A case: ``name``, ``source`` (where its figures come from), ``date`` (of application),
``case`` (a TsaCase), optional ``requires`` and ``output``. ``output`` keys are checked when
present: ``result``, ``monthly_amount``, ``child_package``, ``period`` [from, to], ``months``,
``decisive`` (the codes that refused), ``changes`` (what would change it), ``reasons`` (every
code, as a multiset), ``includes`` (codes that must appear), ``count`` (how many times a code
appears), ``figures`` (numbers compared exactly as decimals), ``unconfirmed`` (in read order).

``requires: {parameter: {date: value}}`` names a figure of DOMAIN.md the case depends on that
another change adds (economy.subsistence_minimum for 2017 and 2022-04-01): until the parameter
has that value, the case is skipped and says why, instead of asserting a wrong figure.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from policies.decision import LANGUAGES
from policies.parameters import ParameterError, value
from policies.tsa import TsaCase, TsaDecision, assess, decide
from tests.policies.test_cases import _same
from tests.policies.test_cases import raw_cases as _yaml_cases

CASES_DIR = Path(__file__).parent / "cases" / "tsa"


def _cases() -> list[Any]:
    return _yaml_cases(CASES_DIR)


def _as_date(raw: Any) -> date:
    return raw if isinstance(raw, date) else date.fromisoformat(str(raw))


def _skip_unless_required_figures(case: dict[str, Any]) -> None:
    for path, values in (case.get("requires") or {}).items():
        for on, want in values.items():
            try:
                got = value(path, _as_date(on))
            except ParameterError:
                got = None
            if got != want:
                pytest.skip(f"needs {path} = {want} on {on} (DOMAIN.md); the parameter gives {got}")


def test_there_are_enough_cases_and_each_cites_its_source() -> None:
    cases = [p.values[0] for p in _cases()]
    assert len(cases) >= 40
    assert all(c.get("source") for c in cases)
    assert len({c["name"] for c in cases}) == len(cases)


@pytest.mark.parametrize("case", _cases())
def test_case(case: dict[str, Any]) -> None:
    _skip_unless_required_figures(case)
    on = _as_date(case["date"])
    tsa_case = TsaCase.model_validate(case["case"])
    result = decide(tsa_case, on)
    expected: dict[str, Any] = case["output"]
    texts = [r.text["en"] for r in result.reasons]
    codes = [r.code for r in result.reasons]

    if "result" in expected:
        assert result.result == expected["result"], texts
        assert result.outcome == ("ineligible" if expected["result"] == "refused" else "eligible")
    for key in ("monthly_amount", "child_package", "months"):
        if key in expected:
            assert getattr(result, key) == expected[key], (key, getattr(result, key), texts)
    if "period" in expected:
        assert [result.period_from, result.period_to] == [_as_date(d) for d in expected["period"]]
    if "decisive" in expected:
        assert sorted(result.decisive) == sorted(expected["decisive"]), texts
    if "changes" in expected:
        assert sorted(c.code for c in result.changes) == sorted(expected["changes"])
    if "reasons" in expected:
        assert Counter(codes) == Counter(expected["reasons"]), codes
    for code in expected.get("includes", []):
        assert code in codes, codes
    for code, times in (expected.get("count") or {}).items():
        assert codes.count(code) == times, codes
    for name, want in (expected.get("figures") or {}).items():
        assert _same(want, result.figures.get(name)), (name, result.figures.get(name))
    if "unconfirmed" in expected:
        assert result.unconfirmed == expected["unconfirmed"]

    _check_explained(result)
    if result.decisive not in (["tsa_no_rules_in_force"], ["tsa_figure_not_in_force"]):
        figures = assess(tsa_case, on)
        assert (figures.result, figures.monthly_amount, figures.child_package) == (
            result.result, result.monthly_amount, result.child_package)


def _check_explained(result: TsaDecision) -> None:
    """Every sentence reads in kk/ru/en and cites its law; a refusal says what would change it."""
    for r in [*result.reasons, *result.changes]:
        assert set(r.text) == set(LANGUAGES) and all(r.text[lang].strip() for lang in LANGUAGES)
        assert not any("{" in r.text[lang] for lang in LANGUAGES), r.text
        if r.code != "unconfirmed_parameters":
            assert r.reference, r.code
    if result.result == "refused" and result.decisive not in (["tsa_no_rules_in_force"], ["tsa_figure_not_in_force"]):
        assert result.changes
    if result.result != "refused":
        assert result.monthly_amount >= 0 and result.period_from and result.period_to
        assert not result.changes
    traced = {step.name for step in result.trace}
    assert result.decisive == ["tsa_no_rules_in_force"] or traced, "no trace"
    assert TsaDecision.model_validate_json(result.model_dump_json()) == result
