"""The two MCIs, the minimum wage and the subsistence minimum, by date, as DOMAIN.md lists them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from policies.economy import mci, minimum_wage, read_tax_mci, subsistence_minimum, tax_mci_date
from policies.evaluation import Evaluation
from policies.parameters import ParameterNotInForce, ParameterStore, lookup, meta, value


@pytest.mark.parametrize(
    ("on", "tax", "benefit", "sm", "mw"),
    [
        (date(2017, 6, 1), 2269, 2269, 24459, 24459),
        (date(2018, 1, 1), 2405, 2405, 28284, 28284),
        (date(2019, 1, 1), 2525, 2525, 29698, 42500),
        (date(2021, 12, 31), 2917, 2917, 34302, 42500),
        (date(2022, 3, 31), 3063, 3063, 36018, 60000),
        (date(2022, 4, 1), 3063, 3180, 37389, 60000),
        (date(2022, 12, 31), 3063, 3180, 37389, 60000),
        (date(2023, 1, 1), 3450, 3450, 40567, 70000),
        (date(2024, 7, 1), 3692, 3692, 43407, 85000),
        (date(2025, 7, 1), 3932, 3932, 46228, 85000),
        (date(2026, 7, 1), 4325, 4325, 50851, 85000),
    ],
)
def test_the_two_mcis_sm_and_mw_by_date(on: date, tax: int, benefit: int, sm: int, mw: int) -> None:
    assert mci(on, "tax").value == tax
    assert mci(on, "benefit").value == benefit
    assert subsistence_minimum(on).value == sm
    assert minimum_wage(on).value == mw


def test_the_tax_mci_is_the_one_of_1_january_even_after_a_general_rise() -> None:
    # 2020: every purpose moved to 2,778 on 1 April; the Tax Code still reads 1 January.
    assert value("economy.mci", date(2020, 4, 1)) == 2778
    assert value("economy.mci_benefits", date(2020, 4, 1)) == 2778
    assert mci(date(2020, 4, 1), "tax").value == 2651
    assert mci(date(2020, 4, 1), "tax").effective_from == date(2020, 1, 1)
    assert tax_mci_date(date(2020, 12, 31)) == date(2020, 1, 1)


def test_the_2022_benefit_mci_is_not_a_tax_mci() -> None:
    # 3,180 is for benefits and social payments only; taxes and fines kept 3,063.
    assert value("economy.mci", date(2022, 4, 1)) == 3063
    found = lookup("economy.mci_benefits", date(2022, 4, 1))
    assert (found.value, found.effective_from) == (3180, date(2022, 4, 1))
    assert found.reference is not None and "1 April 2022" in found.reference.title


def test_rows_nobody_could_check_are_marked_one_by_one() -> None:
    # The 2017 row and the 2018 minimum wage are unconfirmed; the other rows are not.
    assert lookup("economy.mci", date(2017, 1, 1)).unconfirmed
    assert not lookup("economy.mci", date(2018, 1, 1)).unconfirmed
    assert lookup("economy.minimum_wage", date(2018, 1, 1)).unconfirmed
    assert not lookup("economy.minimum_wage", date(2019, 1, 1)).unconfirmed
    assert lookup("economy.subsistence_minimum", date(2017, 3, 1)).unconfirmed
    assert not meta("economy.mci").unconfirmed and not meta("economy.minimum_wage").unconfirmed


def test_an_unconfirmed_row_reaches_the_decision() -> None:
    ev = Evaluation(date(2017, 5, 1))
    assert read_tax_mci(ev) == 2269
    assert ev.unconfirmed == ["economy.mci"]
    step = ev.trace[-1]
    assert step.source is not None and "from 2017-01-01 [unconfirmed]" in step.source
    assert "1 January 2017" in step.source and "2017-2019" in step.source
    confirmed = Evaluation(date(2026, 5, 1))
    assert read_tax_mci(confirmed) == 4325 and confirmed.unconfirmed == []


def test_each_row_cites_its_own_budget_law() -> None:
    ref_2026 = lookup("economy.minimum_wage", date(2026, 1, 1)).reference
    ref_2023 = lookup("economy.minimum_wage", date(2023, 1, 1)).reference
    assert ref_2026 is not None and "2026-2028" in ref_2026.title
    assert ref_2023 is not None and "2023-2025" in ref_2023.title


def test_no_mci_before_2017() -> None:
    with pytest.raises(ParameterNotInForce):
        mci(date(2016, 12, 31), "benefit")


def test_a_marked_value_in_another_store(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "y.yaml").write_text(
        "description: d\nunit: u\nreference: {title: file act}\nvalues:\n"
        "  2020-01-01: {value: 1, unconfirmed: true, reference: {title: row act, article: '7'}, note: why}\n"
        "  2021-01-01: 2\n", encoding="utf-8")
    store = ParameterStore(tmp_path)
    first = store.lookup("x.y", date(2020, 6, 1))
    assert (first.value, first.unconfirmed, first.note) == (1, True, "why")
    assert first.reference is not None and (first.reference.title, first.reference.article) == ("row act", "7")
    second = store.lookup("x.y", date(2021, 6, 1))
    assert (second.value, second.unconfirmed) == (2, False)
    assert second.reference is not None and second.reference.title == "file act"
    assert store.history("x.y") == [(date(2020, 1, 1), 1), (date(2021, 1, 1), 2)]


def test_a_parameter_read_tells_the_how_this_was_decided_view_everything() -> None:
    ev = Evaluation(date(2022, 6, 1))
    read_tax_mci(ev)
    step = ev.trace[-1]
    assert (step.name, step.value, step.effective_from, step.unconfirmed) == ("economy.mci", 3063, date(2022, 1, 1),
                                                                            False)
    assert step.label is not None and step.label["ru"] == "месячный расчётный показатель (для налогов)"
    old = ev.trace[-1].model_validate_json('{"name": "economy.mci", "value": 3063, "source": "x"}')
    assert old.effective_from is None and old.label is None and not old.unconfirmed
