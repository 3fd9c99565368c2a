"""Effective-dated parameters: boundaries, ends, metadata, regional values, every file loads."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from policies.parameters import (
    DATA_DIR,
    ParameterNotInForce,
    ParameterStore,
    UnknownParameter,
    history,
    lookup,
    meta,
    value,
)


def test_mci_2026() -> None:
    assert value("economy.mci", date(2026, 1, 1)) == 4325


@pytest.mark.parametrize(
    ("on", "mci", "sm"),
    [
        (date(2019, 12, 31), 2525, 29698),
        (date(2020, 1, 1), 2651, 31183),
        (date(2020, 3, 31), 2651, 31183),
        (date(2020, 4, 1), 2778, 32668),
        (date(2025, 12, 31), 3932, 46228),
        (date(2030, 6, 1), 4325, 50851),
    ],
)
def test_mci_and_subsistence_minimum_at_boundaries(on: date, mci: int, sm: int) -> None:
    assert value("economy.mci", on) == mci
    assert value("economy.subsistence_minimum", on) == sm


def test_lookup_names_the_effective_date() -> None:
    found = lookup("economy.mci", date(2020, 5, 17))
    assert found.effective_from == date(2020, 4, 1)
    assert found.source() == "economy.mci from 2020-04-01"


def test_before_the_first_value_is_an_error() -> None:
    # The first row is 2017 (unconfirmed); the day before it has no MCI.
    with pytest.raises(ParameterNotInForce, match="2016-12-31"):
        value("economy.mci", date(2016, 12, 31))


def test_null_ends_a_parameter() -> None:
    path = "self_employed.single_aggregate_payment.annual_income_ceiling_mci"
    assert value(path, date(2023, 12, 31)) == 1175
    with pytest.raises(ParameterNotInForce):
        value(path, date(2024, 1, 1))


def test_fractions_are_exact_decimals() -> None:
    assert value("self_employed.self_employed.social_payment_rates.pension", date(2026, 1, 1)) == Decimal("0.01")
    assert value("self_employed.single_aggregate_payment.monthly_payment_mci.other", date(2019, 1, 1)) == Decimal("0.5")


@pytest.mark.parametrize("path", ["economy.nope", "economy", "../economy.mci", "Economy.MCI", "self_employed.regimes"])
def test_unknown_parameters(path: str) -> None:
    with pytest.raises(UnknownParameter):
        value(path, date(2026, 1, 1))


def test_meta_and_unconfirmed_marks() -> None:
    mci = meta("economy.mci")
    assert mci.unit == "tenge" and mci.reference is not None and not mci.unconfirmed
    assert meta("self_employed.mobile_app.social_payment_rates.pension").unconfirmed
    assert meta("self_employed.simplified_declaration.social_payment_rates.pension").unconfirmed
    assert not meta("self_employed.self_employed.monthly_income_ceiling_mci").unconfirmed


def test_domain_figures() -> None:
    on = date(2026, 1, 1)
    assert value("identity.age_of_majority", on) == 18
    assert value("self_employed.self_employed.monthly_income_ceiling_mci", on) == 300
    assert value("self_employed.simplified_declaration.annual_income_ceiling_mci", on) == 600000
    assert value("self_employed.simplified_declaration.tax_rate", on) == Decimal("0.04")
    assert value("self_employed.mobile_app.annual_income_ceiling_mci", date(2025, 6, 1)) == 3528
    split = [value(f"self_employed.single_aggregate_payment.split.{p}", date(2020, 1, 1))
             for p in ("pension", "income_tax", "social", "medical")]
    assert split == [Decimal("0.3"), Decimal("0.1"), Decimal("0.2"), Decimal("0.4")]
    assert sum(split) == 1


def test_every_parameter_file_loads_with_description_and_reference() -> None:
    files = [f for f in DATA_DIR.rglob("*.yaml")
             if f.name not in {"regimes.yaml", "permitted_activities.yaml", "working_day_overrides.yaml"}]
    assert len(files) >= 25
    for file in files:
        path = ".".join(file.relative_to(DATA_DIR).with_suffix("").parts)
        m = meta(path)
        assert m.description and m.unit and m.reference and m.reference.title, path
        dates = [d for d, _ in history(path)]
        assert dates == sorted(dates) and dates, path


def _write(root: Path, relative: str, text: str) -> None:
    file = root / relative
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8")


def test_regional_values_win_while_in_force(tmp_path: Path) -> None:
    _write(tmp_path, "economy/subsistence_minimum.yaml", """
description: SM
unit: tenge
values: {2025-01-01: 46228, 2026-01-01: 50851}
regions:
  almaty: {2025-04-01: 52000, 2025-10-01: null}
""")
    store = ParameterStore(tmp_path)
    path = "economy.subsistence_minimum"
    assert store.value(path, date(2025, 3, 31), region="almaty") == 46228
    found = store.lookup(path, date(2025, 4, 1), region="almaty")
    assert (found.value, found.region, found.effective_from) == (52000, "almaty", date(2025, 4, 1))
    assert store.value(path, date(2025, 10, 1), region="almaty") == 46228  # regional value ended
    assert store.value(path, date(2025, 5, 1), region="astana") == 46228  # no regional value
    assert store.value(path, date(2025, 5, 1)) == 46228


def test_a_file_without_values_is_not_a_parameter(tmp_path: Path) -> None:
    _write(tmp_path, "x/y.yaml", "description: no values here\n")
    with pytest.raises(UnknownParameter):
        ParameterStore(tmp_path).value("x.y", date(2026, 1, 1))


def test_quoted_dates_and_reading_once(tmp_path: Path) -> None:
    _write(tmp_path, "x/y.yaml", "description: d\nvalues: {'2020-01-01': 1}\n")
    store = ParameterStore(tmp_path)
    assert store.value("x.y", date(2020, 1, 1)) == 1
    (tmp_path / "x/y.yaml").write_text("description: d\nvalues: {'2020-01-01': 2}\n")
    assert store.value("x.y", date(2020, 1, 1)) == 1  # cached for the life of the store
