"""Every sentence exists in kk, ru and en with the same figures, and figures are written per language."""

from __future__ import annotations

import string
from datetime import date
from decimal import Decimal

import pytest

from policies.decision import LANGUAGES, Decision, plain
from policies.texts import PAYMENT_PARTS, PER, SETTLEMENTS, TEMPLATES, format_number, format_rate, format_tenge, reason


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("code", sorted(TEMPLATES))
def test_every_template_has_three_languages_with_the_same_fields(code: str) -> None:
    template = TEMPLATES[code]
    assert set(template) == set(LANGUAGES)
    assert _fields(template["kk"]) == _fields(template["ru"]) == _fields(template["en"])


def test_every_text_table_has_three_languages() -> None:
    for table in (PER, SETTLEMENTS, PAYMENT_PARTS):
        for text in table.values():
            assert set(text) == set(LANGUAGES) and all(text.values())


def test_number_formats() -> None:
    assert format_tenge(1297500, "ru") == "1\u00a0297\u00a0500\u00a0₸"
    assert format_tenge(Decimal("1297500.5"), "en") == "1,297,501\u00a0₸"
    assert format_number(Decimal("0.5"), "kk") == "0,5"
    assert format_number(Decimal("0.5"), "en") == "0.5"
    assert format_number(-1500, "en") == "-1,500"
    assert format_rate(Decimal("0.04"), "ru") == "4%"
    assert format_rate(Decimal("0.005"), "en") == "0.5%"


def test_reason_fills_text_and_keeps_json_params() -> None:
    r = reason("minor", age=15, age_of_majority=18, on=date(2026, 3, 1))
    assert r.text["en"].startswith("You are 15 years old on 01.03.2026")
    assert r.params == {"age": 15, "age_of_majority": 18, "on": "2026-03-01"}


def test_plain_makes_figures_json_native() -> None:
    assert plain({"a": Decimal("12000"), "b": Decimal("0.5"), "c": [date(2026, 1, 1)], "d": True}) == {
        "a": 12000, "b": 0.5, "c": ["2026-01-01"], "d": True}


def test_decision_helpers() -> None:
    d = Decision.ineligible(date(2026, 1, 1), [reason("deceased")])
    assert not d.is_eligible and d.reason_codes() == ["deceased"]
    assert Decision.eligible(date(2026, 1, 1)).is_eligible
