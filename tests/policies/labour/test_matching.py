"""Hand-made matching cases: the right vacancy ranks first, for reasons that can be stated.

Weights in force: occupation 30, skills 30, region 15, salary 15, experience 10 points.
"""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from policies.decision import LANGUAGES
from policies.labour.matching import (
    MatchingRules,
    SeekerProfile,
    VacancyFacts,
    WorkPeriod,
    rank_candidates,
    rank_vacancies,
    score_match,
)
from policies.parameters import value

ON = date(2026, 2, 2)
TITLES = {"2512": {"kk": "Бағдарламалық жасақтама әзірлеушісі", "ru": "Разработчик программного обеспечения",
                   "en": "Software developer"},
          "almaty": {"kk": "Алматы", "ru": "Алматы", "en": "Almaty"}}


def seeker(**changes: Any) -> SeekerProfile:
    base: dict[str, Any] = dict(seeker_id="s-1", desired_occupations=["2512"], skills=["Python", "SQL", "Git"],
                                regions=["almaty"], willing_to_relocate=False, salary_expectation=400000,
                                work_history=[WorkPeriod(occupation_code="2512", months=40)])
    return SeekerProfile(**{**base, **changes})


def vacancy(vacancy_id: str, **changes: Any) -> VacancyFacts:
    base: dict[str, Any] = dict(vacancy_id=vacancy_id, occupation_code="2512", required_skills=["python", "sql"],
                                region="almaty", salary_min=350000, salary_max=450000,
                                required_experience_months=24, published_on=date(2026, 1, 10),
                                expires_on=date(2026, 3, 10))
    return VacancyFacts(**{**base, **changes})


def order(matches: list[Any]) -> list[str]:
    return [m.vacancy_id for m in matches]


def test_a_perfect_fit_scores_100_and_says_why_in_every_language() -> None:
    [match] = rank_vacancies(seeker(), [vacancy("v")], ON, titles=TITLES)
    assert match.score == Decimal(100)
    assert [p.name for p in match.parts] == ["occupation", "skills", "region", "salary", "experience"]
    assert [p.label["ru"] for p in match.parts] == ["профессия", "навыки", "регион", "зарплата", "опыт"]
    assert [p.reason.code for p in match.parts] == [
        "match_occupation_desired", "match_skills_overlap", "match_region_yours", "match_salary_meets",
        "match_experience_enough"]
    assert match.part("occupation").reason.text["ru"] == (
        "Вакансия «Разработчик программного обеспечения» — одна из желаемых вами профессий.")
    assert match.part("region").reason.text["en"] == "The job is in Almaty, a region you chose."
    for r in match.reasons:
        assert all(r.text[lang].strip() and "{" not in r.text[lang] for lang in LANGUAGES)
    assert any("labour.matching.weights from 2016-01-01" in s for s in match.rules)
    assert type(match).model_validate_json(match.model_dump_json()) == match


def test_a_hand_computed_partial_match() -> None:
    # occupation desired 1 × 30 = 30; skills 1 of 2 (python yes, Docker no) = 0.5 × 30 = 15;
    # region elsewhere, no relocation 0; salary 450 000 against 500 000: gap 10%, 1 - 0.10 / 0.5 = 0.8 × 15 = 12;
    # experience 30 of 36 months = 0.83 × 10 = 8.3. Total 65.3.
    profile = seeker(skills=["Python", "SQL"], salary_expectation=500000,
                     work_history=[WorkPeriod(occupation_code="2514", months=30)])
    v = vacancy("v", required_skills=["python", "Docker"], region="astana", salary_min=400000,
                salary_max=450000, required_experience_months=36)
    match = score_match(profile, v, MatchingRules.on_date(ON))
    assert {p.name: p.score for p in match.parts} == {
        "occupation": Decimal("1.00"), "skills": Decimal("0.50"), "region": Decimal("0.00"),
        "salary": Decimal("0.80"), "experience": Decimal("0.83")}
    assert match.score == Decimal("65.3")
    assert match.part("skills").reason.text["en"] == "You have 1 of the 2 skills asked for: python. Missing: Docker."
    assert match.part("salary").reason.text["en"] == (
        "The vacancy pays up to 450,000\u00a0₸, 10% below your expectation of 500,000\u00a0₸.")


def test_the_desired_occupation_outranks_a_related_one() -> None:
    # 2511 (systems analyst) shares the minor group 251 with 2512: 0.5 × 30 = 15 points less.
    ranked = rank_vacancies(seeker(), [vacancy("related", occupation_code="2511"), vacancy("desired")], ON)
    assert order(ranked) == ["desired", "related"]
    assert ranked[0].score - ranked[1].score == Decimal(15)
    assert ranked[1].part("occupation").reason.code == "match_occupation_minor_group"


def test_occupation_closeness_by_isco_groups_and_the_last_job() -> None:
    profile = seeker(desired_occupations=["2512"], work_history=[WorkPeriod(occupation_code="7411", months=12)])
    rules = MatchingRules.on_date(ON)
    scores = {code: score_match(profile, vacancy(code, occupation_code=code), rules).part("occupation")
              for code in ("2512", "2519", "2521", "7412", "9112")}
    assert {c: p.score for c, p in scores.items()} == {
        "2512": Decimal(1), "2519": Decimal("0.50"), "2521": Decimal("0.25"), "7412": Decimal("0.50"),
        "9112": Decimal(0)}
    assert scores["7412"].reason.params["group"] == "741"
    assert scores["2521"].reason.code == "match_occupation_sub_major_group"
    assert scores["9112"].reason.code == "match_occupation_other"


def test_skills_decide_between_two_vacancies_of_the_same_occupation() -> None:
    ranked = rank_vacancies(seeker(), [vacancy("java", required_skills=["Java", "Spring", "SQL"]),
                                       vacancy("python", required_skills=["Python", "git", "Kubernetes"])], ON)
    assert order(ranked) == ["python", "java"]
    assert [m.part("skills").score for m in ranked] == [Decimal("0.67"), Decimal("0.33")]


def test_skills_compare_without_case_or_spacing_and_count_a_repeat_once() -> None:
    v = vacancy("v", required_skills=["  Machine   Learning", "machine learning", "SQL"])
    part = score_match(seeker(skills=["machine learning"]), v, MatchingRules.on_date(ON)).part("skills")
    assert part.score == Decimal("0.50")
    assert part.reason.params["required"] == 2


def test_no_required_skills_is_a_full_skills_part() -> None:
    part = score_match(seeker(skills=[]), vacancy("v", required_skills=[]), MatchingRules.on_date(ON)).part("skills")
    assert (part.score, part.reason.code) == (Decimal(1), "match_skills_none_required")


def test_a_job_in_the_persons_region_outranks_one_elsewhere_unless_they_relocate() -> None:
    vacancies = [vacancy("astana", region="astana"), vacancy("almaty", published_on=date(2026, 1, 1))]
    stay = rank_vacancies(seeker(), vacancies, ON)
    assert order(stay) == ["almaty", "astana"]
    assert stay[0].score - stay[1].score == Decimal(15)
    move = rank_vacancies(seeker(willing_to_relocate=True), vacancies, ON)
    assert move[0].score - move[1].score == Decimal("7.5")
    assert move[1].part("region").reason.code == "match_region_relocation"


@pytest.mark.parametrize(("salary_max", "score"), [
    (400000, "1.00"), (600000, "1.00"), (300000, "0.50"), (380000, "0.90"), (200000, "0.00"), (100000, "0.00")])
def test_salary_falls_linearly_to_zero_at_half_the_expectation(salary_max: int, score: str) -> None:
    v = vacancy("v", salary_min=min(salary_max, 100000), salary_max=salary_max)
    assert score_match(seeker(), v, MatchingRules.on_date(ON)).part("salary").score == Decimal(score)


def test_no_or_zero_salary_expectation_is_met_by_any_pay() -> None:
    rules = MatchingRules.on_date(ON)
    for expectation in (None, 0):
        part = score_match(seeker(salary_expectation=expectation), vacancy("v"), rules).part("salary")
        assert (part.score, part.reason.code) == (Decimal(1), "match_salary_no_expectation")


def test_experience_counts_the_same_minor_group_only() -> None:
    history = [WorkPeriod(occupation_code="2511", months=10), WorkPeriod(occupation_code="2512", months=8),
               WorkPeriod(occupation_code="5223", months=60)]
    part = score_match(seeker(work_history=history), vacancy("v", required_experience_months=36),
                       MatchingRules.on_date(ON)).part("experience")
    assert part.score == Decimal("0.50")
    assert part.reason.params == {"months": 18, "required": 36}


def test_only_open_vacancies_are_ranked() -> None:
    vacancies = [vacancy("expired", expires_on=date(2026, 2, 1)), vacancy("last-day", expires_on=ON),
                 vacancy("future", published_on=date(2026, 2, 3)), vacancy("open", expires_on=None)]
    assert sorted(order(rank_vacancies(seeker(), vacancies, ON))) == ["last-day", "open"]


def test_ties_break_by_newer_publication_then_id_whatever_the_input_order() -> None:
    vacancies = [vacancy("b", published_on=date(2026, 1, 20)), vacancy("a", published_on=date(2026, 1, 20)),
                 vacancy("old", published_on=date(2026, 1, 1)), vacancy("new", published_on=date(2026, 2, 1)),
                 vacancy("worse", region="astana", published_on=date(2026, 2, 2))]
    expected = ["new", "a", "b", "old", "worse"]
    for seed in range(5):
        random.Random(seed).shuffle(vacancies)
        assert order(rank_vacancies(seeker(), vacancies, ON)) == expected
    assert order(rank_vacancies(seeker(), vacancies, ON, limit=2)) == ["new", "a"]


def test_candidates_for_a_vacancy_rank_by_score_then_id() -> None:
    profiles = [seeker(seeker_id="z-far", regions=["astana"]), seeker(seeker_id="b-fit"),
                seeker(seeker_id="a-fit"), seeker(seeker_id="c-other", desired_occupations=["9112"], work_history=[])]
    ranked = rank_candidates(vacancy("v"), profiles, ON)
    assert [m.seeker_id for m in ranked] == ["a-fit", "b-fit", "z-far", "c-other"]
    assert ranked[0].score == Decimal(100)


def test_weights_in_force_add_up_to_one() -> None:
    assert sum(Decimal(str(w)) for w in value("labour.matching.weights", ON).values()) == 1
