"""The checks before a vacancy is published: minimum wage, expiry, discriminatory words."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from policies.decision import LANGUAGES
from policies.labour.vacancy_checks import VacancyDraft, flagged_terms, vacancy_checks

ON = date(2026, 2, 2)  # minimum wage 85 000


def draft(**changes: Any) -> VacancyDraft:
    base: dict[str, Any] = dict(title="Повар / Аспазшы / Cook", description="Кафе в центре города, график 5/2.",
                                required_skills=["выпечка"], salary_min=Decimal(150000),
                                salary_max=Decimal(200000), expires_on=date(2026, 3, 2))
    return VacancyDraft(**{**base, **changes})


def test_a_clean_vacancy_is_published() -> None:
    d = vacancy_checks(draft(), ON)
    assert d.outcome == "eligible"
    assert d.reason_codes() == ["vacancy_salary_ok", "vacancy_expiry_ok", "vacancy_no_flagged_terms",
                                "unconfirmed_parameters"]
    for r in d.reasons:
        assert all(r.text[lang].strip() and "{" not in r.text[lang] for lang in LANGUAGES)


@pytest.mark.parametrize(("salary_min", "outcome"), [(85000, "eligible"), (84999, "ineligible")])
def test_the_salary_floor_is_the_minimum_wage_of_the_date(salary_min: int, outcome: str) -> None:
    d = vacancy_checks(draft(salary_min=Decimal(salary_min), salary_max=None), ON)
    assert d.outcome == outcome
    if outcome == "ineligible":
        assert d.decisive == ["vacancy_salary_below_minimum_wage"]
        assert d.reasons[0].text["en"] == ("The salary of 84,999\u00a0₸ is below the minimum wage "
                                           "(85,000\u00a0₸ on 02.02.2026): such a vacancy is not published.")


def test_the_floor_follows_the_date() -> None:
    assert vacancy_checks(draft(salary_min=Decimal(70000), salary_max=None, expires_on=date(2023, 7, 1)),
                          date(2023, 6, 1)).outcome == "eligible"


def test_an_inverted_range_is_refused() -> None:
    d = vacancy_checks(draft(salary_min=Decimal(200000), salary_max=Decimal(150000)), ON)
    assert d.decisive == ["vacancy_salary_range_inverted"]


@pytest.mark.parametrize(("expires_on", "outcome"), [
    (date(2026, 2, 3), "eligible"), (ON, "ineligible"), (date(2026, 1, 31), "ineligible")])
def test_the_expiry_must_be_after_the_day_of_publication(expires_on: date, outcome: str) -> None:
    d = vacancy_checks(draft(expires_on=expires_on), ON)
    assert d.outcome == outcome
    assert ("vacancy_expiry_too_soon" in d.decisive) is (outcome == "ineligible")


@pytest.mark.parametrize(("text", "expected"), [
    ("Грузчик (мужчина до 35 лет), славянской внешности",
     {"age": ["до 35 лет"], "sex": ["мужчина"], "ethnicity": ["славян"]}),
    ("Сатушы қыз бала керек, 18 жастан 30 жасқа дейін", {"age": ["18 жастан 30 жасқа дейін"], "sex": ["қыз бала"]}),
    ("Waitress wanted, female only, under 30, nationality: Kazakh",
     {"age": ["under 30"], "sex": ["female only"], "ethnicity": ["nationality"]}),
    ("Молодой коллектив ищет бухгалтера", {"age": ["Молодой"]}),
    # words that only contain a flagged word are not flagged
    ("Sales manager, human resources, Менеджер, Germany, management, мужчинам и женщинам равные условия", {}),
])
def test_flagged_terms_in_each_language(text: str, expected: dict[str, list[str]]) -> None:
    assert flagged_terms(text, ON) == expected


def test_a_flagged_vacancy_waits_for_a_moderator_with_the_words_quoted() -> None:
    d = vacancy_checks(draft(description="Только мужчины, не старше 40.", required_skills=["Male only"]), ON)
    assert d.outcome == "review"
    assert d.decisive == ["vacancy_term_flagged", "vacancy_term_flagged"]
    assert d.reasons[0].text["ru"] == ("В тексте может быть требование к возрасту: «не старше 40». "
                                       "Вакансию проверит модератор.")
    assert d.reasons[1].text["en"] == ("The text may state a sex requirement: “Только мужчин”, “Male only”. "
                                       "A moderator will check the vacancy.")
    assert d.figures["flagged"] == {"age": ["не старше 40"], "sex": ["Только мужчин", "Male only"]}


def test_a_refusal_wins_over_moderation() -> None:
    d = vacancy_checks(draft(salary_min=Decimal(50000), salary_max=None, description="девушка на ресепшн"), ON)
    assert d.outcome == "ineligible" and d.decisive == ["vacancy_salary_below_minimum_wage"]
