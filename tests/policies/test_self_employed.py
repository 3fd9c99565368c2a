"""Regimes by date, activity lists, payments errors and the trace a decision carries."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from pydantic import ValidationError

from policies.decision import LANGUAGES
from policies.parameters import load_data, meta, value
from policies.self_employed import (
    RegimeNotInForce,
    SelfEmployedCase,
    monthly_social_payments,
    permitted_activities,
    regime,
    regime_eligibility,
    regimes_in_force,
    registration_kind,
)


@pytest.mark.parametrize(
    ("on", "codes"),
    [
        (date(2018, 12, 31), []),
        (date(2019, 1, 1), ["single-aggregate-payment"]),
        # The simplified declaration is encoded from 2020, its Tax Code 2017 edition unconfirmed.
        (date(2020, 1, 1), ["single-aggregate-payment", "simplified-declaration"]),
        (date(2023, 12, 31), ["single-aggregate-payment", "simplified-declaration"]),
        (date(2024, 1, 1), ["mobile-app", "simplified-declaration"]),
        (date(2025, 12, 31), ["mobile-app", "simplified-declaration"]),
        (date(2026, 1, 1), ["self-employed", "simplified-declaration"]),
    ],
)
def test_regimes_in_force(on: date, codes: list[str]) -> None:
    assert [r.code for r in regimes_in_force(on)] == codes


def test_regime_ceilings_follow_the_mci_of_the_date() -> None:
    self_employed = regime("self-employed", date(2026, 1, 1))
    assert self_employed is not None
    assert self_employed.income_ceiling_tenge == 300 * 4325
    assert self_employed.income_ceiling_monthly_tenge == 1297500
    assert set(self_employed.title) == set(LANGUAGES)
    sap_2020_march = regime("single-aggregate-payment", date(2020, 3, 31))
    sap_2020_april = regime("single-aggregate-payment", date(2020, 4, 1))
    assert sap_2020_march is not None and sap_2020_april is not None
    # The Tax Code reads the MCI of 1 January: the April 2020 rise to 2,778 does not move the ceiling.
    assert (sap_2020_march.income_ceiling_tenge, sap_2020_april.income_ceiling_tenge) == (1175 * 2651, 1175 * 2651)
    assert regime("mobile-app", date(2026, 1, 1)) is None
    assert regime("no-such-regime", date(2026, 1, 1)) is None


def test_permitted_activities_by_date() -> None:
    list_2026 = {a.code for a in permitted_activities(date(2026, 1, 1))}
    list_2025 = {a.code for a in permitted_activities(date(2025, 12, 31))}
    assert len(list_2026) >= 15 and len(list_2025) >= 15
    assert {"tutoring", "hairdressing", "photography", "courier_delivery", "it_freelance"} <= list_2026
    assert "it_freelance" not in list_2025
    assert permitted_activities(date(2023, 6, 1)) == []
    assert permitted_activities(date(2026, 1, 1), regime="simplified-declaration") == []
    for activity in permitted_activities(date(2026, 1, 1)):
        assert set(activity.title) == set(LANGUAGES) and all(activity.title.values()), activity.code


def test_payments_refuse_a_regime_that_does_not_exist_on_the_date() -> None:
    case = SelfEmployedCase(regime="mobile-app", activity_code="tutoring", monthly_income=Decimal(100000))
    with pytest.raises(RegimeNotInForce, match="mobile-app.*2026-01-01"):
        monthly_social_payments(case, date(2026, 1, 1))


def test_negative_income_is_refused_by_the_model() -> None:
    with pytest.raises(ValidationError):
        SelfEmployedCase(regime="self-employed", activity_code="tutoring", monthly_income=Decimal(-1))


def test_trace_names_each_parameter_with_its_effective_date() -> None:
    case = SelfEmployedCase(regime="single-aggregate-payment", activity_code="cleaning",
                            monthly_income=Decimal(100000))
    decision = regime_eligibility(case, date(2020, 5, 1))
    steps = {step.name: step for step in decision.trace}
    # The tax MCI of 1 January 2020, not the 2,778 in force from April for other purposes.
    assert steps["economy.mci"].value == 2651
    assert steps["economy.mci"].source is not None and "from 2020-01-01" in steps["economy.mci"].source
    assert "1 January 2020" in steps["economy.mci"].source
    ceiling = steps["self_employed.single_aggregate_payment.annual_income_ceiling_mci"]
    assert ceiling.value == 1175 and ceiling.source is not None and "from 2019-01-01" in ceiling.source
    assert "Tax Code" in ceiling.source


def test_reasons_quote_the_figures_in_each_language() -> None:
    case = SelfEmployedCase(regime="self-employed", activity_code="tutoring", monthly_income=Decimal(1500000))
    decision = regime_eligibility(case, date(2026, 2, 1))
    above = next(r for r in decision.reasons if r.code == "income_above_ceiling")
    assert "1\u00a0297\u00a0500\u00a0₸" in above.text["ru"] and "МРП" in above.text["ru"]
    assert "1\u00a0297\u00a0500\u00a0₸" in above.text["kk"] and "АЕК" in above.text["kk"]
    assert "1,297,500\u00a0₸" in above.text["en"] and "MCI" in above.text["en"]
    assert above.params["ceiling"] == 1297500 and above.params["mci"] == 4325


def test_unconfirmed_payments_say_so_to_the_citizen() -> None:
    case = SelfEmployedCase(regime="mobile-app", activity_code="tutoring", monthly_income=Decimal(100000))
    payments = monthly_social_payments(case, date(2024, 6, 1))
    assert payments.unconfirmed
    note = payments.reasons[-1]
    assert note.code == "unconfirmed_parameters"
    # Issue 12: in plain words, not as parameter paths; every unconfirmed figure is named in each language.
    assert note.params["figures"] == payments.unconfirmed
    for name in payments.unconfirmed:
        label = meta(name).label
        assert label is not None and all(label[lang] in note.text[lang] for lang in LANGUAGES), name
        assert not any(name in note.text[lang] for lang in LANGUAGES)
    assert "pension contributions in the mobile-app regime" in note.text["en"]
    assert "пенсионные взносы в режиме мобильного приложения" in note.text["ru"]


def test_results_cross_temporal_with_the_pydantic_converter() -> None:
    from temporalio.contrib.pydantic import pydantic_data_converter

    from policies.decision import Decision
    from policies.self_employed import SocialPayments

    converter = pydantic_data_converter.payload_converter
    case = SelfEmployedCase(regime="self-employed", activity_code="tutoring", monthly_income=Decimal("123457"))
    for result, kind in ((regime_eligibility(case, date(2026, 3, 1)), Decision),
                         (monthly_social_payments(case, date(2026, 3, 1)), SocialPayments)):
        assert converter.from_payloads(converter.to_payloads([result]), [kind])[0] == result


def test_registration_kind_by_regime_and_entrepreneur() -> None:
    on = date(2026, 3, 1)
    self_employed, simplified = regime("self-employed", on), regime("simplified-declaration", on)
    assert self_employed is not None and simplified is not None
    assert registration_kind(simplified, active_entrepreneur=True) == "regime_change"
    assert registration_kind(simplified, active_entrepreneur=False) == "new_registration"
    assert registration_kind(self_employed, active_entrepreneur=True) == "not_admitted"
    assert registration_kind(self_employed, active_entrepreneur=False) == "new_registration"
    mobile_app = regime("mobile-app", date(2025, 3, 1))
    assert mobile_app is not None and registration_kind(mobile_app, active_entrepreneur=True) == "regime_change"


def test_each_payment_part_says_its_base_and_rate_to_the_citizen() -> None:
    case = SelfEmployedCase(regime="simplified-declaration", activity_code="retail_trade",
                            monthly_income=Decimal(300000))
    payments = monthly_social_payments(case, date(2026, 3, 1))
    pension = payments.breakdown["pension"]
    assert (pension.amount, pension.rate, pension.base, pension.base_kind, pension.kind) == (
        8500, Decimal("0.10"), 85000, "minimum_wage_floor", "social")
    assert payments.breakdown["income_tax"].kind == "tax" and payments.breakdown["income_tax"].base == 300000
    lines = next(r for r in payments.reasons if r.code == "payment_parts")
    assert "10% × 85,000\u00a0₸, the least base: one minimum wage" in lines.text["en"]
    assert "4% × 300\u00a0000\u00a0₸, от дохода" in lines.text["ru"]
    steps = {step.name: step for step in payments.trace}
    assert steps["economy.minimum_wage"].value == 85000
    assert steps["declared_monthly_income"].source == "not given: the minimum-wage floor"


def test_a_negative_declared_income_is_refused_by_the_model() -> None:
    with pytest.raises(ValidationError):
        SelfEmployedCase(regime="simplified-declaration", activity_code="x", monthly_income=Decimal(1),
                         declared_monthly_income=Decimal(-1))


def test_review_terms_are_dated_parameters() -> None:
    on = date(2026, 3, 1)
    assert value("self_employed.manual_review_working_days", on) == 3
    assert value("self_employed.legal_deadline_working_days", on) == 1
    assert meta("self_employed.manual_review_working_days").unconfirmed


def test_the_2026_list_cites_the_decree() -> None:
    lists = load_data("self_employed/permitted_activities.yaml")
    assert "No. 994 of 21.11.2025" in lists["lists"]["self_employed_2026"]["reference"]["title"]
    assert lists["unconfirmed"] is True


@pytest.mark.parametrize("on", [date(2024, 1, 1), date(2025, 6, 1), date(2025, 12, 31)])
def test_the_2024_2025_regimes_are_all_computable_and_say_what_is_unconfirmed(on: date) -> None:
    # Issue 12: the regimes in force in 2024-2025 shown completely, the simplified declaration of the Tax
    # Code 2017 included, each unconfirmed figure named in plain words, the act cited beside the reasons.
    for found in regimes_in_force(on):
        case = SelfEmployedCase(regime=found.code, activity_code="tutoring", monthly_income=Decimal(300000))
        payments = monthly_social_payments(case, on)
        assert payments.total > 0 and payments.tax is not None and payments.tax > 0, found.code
        note = payments.reasons[-1]
        assert note.code == "unconfirmed_parameters", found.code
        assert {"kk", "ru", "en"} <= set(note.text)
        assert not any(path in note.text[lang] for path in payments.unconfirmed for lang in LANGUAGES)
        assert found.legal is not None and found.legal.title["en"].startswith("Tax Code"), found.code
    old = regime("simplified-declaration", on)
    assert old is not None and old.ceiling_period == "half_year" and old.legal is not None and old.legal.unconfirmed
    assert "No. 120-VI" in old.legal.title["en"]
    payments = monthly_social_payments(
        SelfEmployedCase(regime="simplified-declaration", activity_code="retail_trade", monthly_income=Decimal(300000)),
        on)
    assert payments.breakdown["income_tax"].rate == Decimal("0.03")
    note = payments.reasons[-1]
    assert "the tax rate of the simplified declaration" in note.text["en"]
    assert "ставка налога по упрощённой декларации" in note.text["ru"]


def test_the_2026_simplified_declaration_cites_the_new_code() -> None:
    found = regime("simplified-declaration", date(2026, 1, 1))
    assert found is not None and found.ceiling_period == "year" and found.income_ceiling_mci == 600000
    assert found.legal is not None and "214-VIII" in found.legal.title["en"] and not found.legal.unconfirmed
