"""A suitable offer: occupation, place, the minimum wage and the share of the last wage, each a reason."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from policies.decision import LANGUAGES
from policies.labour.suitable_offer import JobOffer, SeekerSituation, suitable_offer

ON = date(2026, 2, 2)  # minimum wage 85 000


def situation(**changes: Any) -> SeekerSituation:
    base: dict[str, Any] = dict(desired_occupations=["5120"], last_occupation="7512", last_monthly_wage=200000,
                                region="turkistan", settlement="Kentau", willing_to_relocate=False)
    return SeekerSituation(**{**base, **changes})


def offer(**changes: Any) -> JobOffer:
    base: dict[str, Any] = dict(occupation_code="5120", region="turkistan", settlement="Kentau", monthly_pay=140000)
    return JobOffer(**{**base, **changes})


def test_a_desired_job_at_home_at_70_percent_of_the_last_wage_is_suitable() -> None:
    d = suitable_offer(situation(), offer(), ON, titles={"5120": {"kk": "Аспазшы", "ru": "Повар", "en": "Cook"}})
    assert d.is_eligible
    assert d.reason_codes() == ["suitable_occupation_desired", "suitable_place_settlement",
                                "suitable_pay_minimum_wage", "suitable_pay_last_wage", "unconfirmed_parameters"]
    assert d.reasons[0].text["ru"] == "Предложение по желаемой вами профессии «Повар»."
    # 200 000 × 0.7 = 140 000: exactly the floor
    assert d.figures["last_wage_floor"] == 140000
    assert d.reasons[3].text["en"] == "The pay of 140,000\u00a0₸ is at least 70% of your last wage (140,000\u00a0₸)."
    assert d.unconfirmed == ["labour.suitable_offer.last_wage_share"]
    for r in d.reasons:
        assert all(r.text[lang].strip() and "{" not in r.text[lang] for lang in LANGUAGES)


def test_one_tenge_below_the_floor_is_not_suitable() -> None:
    d = suitable_offer(situation(), offer(monthly_pay=139999), ON)
    assert d.decisive == ["unsuitable_pay_below_last_wage"]


def test_the_last_jobs_occupation_is_suitable_and_another_is_not() -> None:
    assert (suitable_offer(situation(), offer(occupation_code="7512"), ON).reason_codes()[0]
            == "suitable_occupation_last")
    assert suitable_offer(situation(), offer(occupation_code="9112"), ON).decisive == ["unsuitable_occupation"]


@pytest.mark.parametrize(("willing", "regions", "offered_region", "settlement", "code"), [
    (False, [], "turkistan", "Arys", "unsuitable_place"),            # same region, another town
    (False, ["akmola"], "akmola", "Kokshetau", "unsuitable_place"),  # a region named but not willing
    (True, ["akmola"], "akmola", "Kokshetau", "suitable_place_relocation"),
    (True, ["akmola"], "pavlodar", "Ekibastuz", "unsuitable_place"),
])
def test_the_place_is_home_or_a_region_agreed_to(willing: bool, regions: list[str], offered_region: str,
                                                 settlement: str, code: str) -> None:
    d = suitable_offer(situation(willing_to_relocate=willing, relocation_regions=regions),
                       offer(region=offered_region, settlement=settlement), ON)
    assert code in d.reason_codes()
    assert d.is_eligible is code.startswith("suitable")


def test_the_minimum_wage_of_the_date_is_the_floor_without_a_last_wage() -> None:
    no_history = situation(last_monthly_wage=None)
    assert suitable_offer(no_history, offer(monthly_pay=85000), ON).is_eligible
    d = suitable_offer(no_history, offer(monthly_pay=84999), ON)
    assert d.decisive == ["unsuitable_pay_below_minimum_wage"]
    # in 2023 the minimum wage was 70 000
    assert suitable_offer(no_history, offer(monthly_pay=70000), date(2023, 6, 1)).is_eligible
    assert d.figures["minimum_wage"] == 85000 and "last_wage_floor" not in d.figures


def test_every_failing_condition_is_named() -> None:
    d = suitable_offer(situation(), offer(occupation_code="9112", settlement="Arys", monthly_pay=Decimal(50000)), ON)
    assert d.decisive == ["unsuitable_occupation", "unsuitable_place", "unsuitable_pay_below_minimum_wage",
                          "unsuitable_pay_below_last_wage"]
