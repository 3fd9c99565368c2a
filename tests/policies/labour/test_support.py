"""Support measures and courses: each condition's boundary and its reason."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from policies.decision import LANGUAGES
from policies.labour.support import Course, SupportFacts, course_offers, eligible_measures, support_measures
from policies.parameters import ParameterNotInForce

ON = date(2026, 2, 2)
MEASURES = ["training", "youth_practice", "social_jobs", "public_works", "microcredit", "relocation"]


def person(**changes: Any) -> SupportFacts:
    base: dict[str, Any] = dict(birth_date=date(2001, 5, 5), statuses=["job_seeker", "unemployed"],
                                education_level="tvet", graduated_on=date(2024, 6, 20), region="turkistan",
                                willing_to_relocate=True, target_groups=["kandas"], read_from=["education"])
    return SupportFacts(**{**base, **changes})


def decision(facts: SupportFacts, measure: str, on: date = ON) -> Any:
    return next(m.decision for m in support_measures(facts, on) if m.measure == measure)


def test_a_young_unemployed_graduate_kandas_may_take_every_measure() -> None:
    results = support_measures(person(), ON, titles={"turkistan": {"kk": "Түркістан облысы",
                                                                   "ru": "Туркестанская область",
                                                                   "en": "Turkistan Region"}})
    assert [m.measure for m in results] == MEASURES
    assert all(m.decision.is_eligible for m in results)
    relocation = results[-1].decision
    assert relocation.reasons[2].text["en"] == (
        "You live in Turkistan Region, which is not one of the regions that invite resettlers.")
    for m in results:
        assert all(set(t) == set(LANGUAGES) for t in (m.title, m.description))
        for r in m.decision.reasons:
            assert all(r.text[lang].strip() and "{" not in r.text[lang] for lang in LANGUAGES)
        assert "labour.support.measures" in m.decision.unconfirmed
        assert type(m).model_validate_json(m.model_dump_json()) == m


@pytest.mark.parametrize(("birth_date", "eligible"), [(date(1991, 2, 3), True), (date(1991, 2, 2), False)])
def test_youth_practice_is_for_people_under_35(birth_date: date, eligible: bool) -> None:
    d = decision(person(birth_date=birth_date), "youth_practice")
    assert d.is_eligible is eligible
    assert ("support_age_under_fail" in d.decisive) is not eligible


@pytest.mark.parametrize(("level", "graduated_on", "eligible"), [
    ("tvet", date(2023, 2, 2), True),     # exactly three years before
    ("higher", date(2023, 2, 2), True),
    ("tvet", date(2023, 2, 1), False),    # a day too early
    ("secondary", date(2025, 6, 1), False),
    ("tvet", date(2026, 6, 1), False),    # not graduated yet
    ("tvet", None, False),
])
def test_youth_practice_needs_a_recent_college_or_university_graduation(level: str, graduated_on: date | None,
                                                                        eligible: bool) -> None:
    d = decision(person(education_level=level, graduated_on=graduated_on), "youth_practice")
    assert d.is_eligible is eligible
    if not eligible:
        assert d.decisive == ["support_graduate_fail"]
        assert d.reasons[0].params["since"] == "2023-02-02"


def test_social_jobs_need_a_target_group() -> None:
    d = decision(person(target_groups=["astronaut"]), "social_jobs")
    assert d.decisive == ["support_target_group_fail"]
    assert "people with a disability" in d.reasons[0].text["en"]
    assert decision(person(target_groups=["disability", "kandas"]), "social_jobs").reasons[1].text["ru"] == (
        "Вы относитесь к группе, для которой предназначена мера: лица с инвалидностью (учёт центра карьеры); "
        "кандасы (учёт центра карьеры).")


def test_public_works_and_social_jobs_need_unemployed_status_not_only_job_seeking() -> None:
    seeker = person(statuses=["job_seeker"])
    assert [m.measure for m in eligible_measures(seeker, ON)] == ["training", "microcredit", "relocation"]
    d = decision(seeker, "public_works")
    assert d.decisive == ["support_status_missing"]
    assert d.reasons[0].text["en"] == ("This measure is for: registered as unemployed. "
                                       "Register on the labour exchange first.")


def test_microcredit_is_open_to_entrepreneurs_from_18() -> None:
    assert decision(person(statuses=["entrepreneur"]), "microcredit").is_eligible
    assert decision(person(statuses=[]), "microcredit").decisive == ["support_status_missing"]
    minor = decision(person(birth_date=date(2008, 2, 3)), "microcredit")
    assert minor.decisive == ["support_age_min_fail"] and minor.figures == {"measure": "microcredit"}


def test_relocation_needs_a_home_outside_the_inviting_regions_and_a_will_to_move() -> None:
    d = decision(person(region="akmola", willing_to_relocate=False), "relocation")
    assert d.decisive == ["support_relocation_region_fail", "support_not_willing_to_relocate"]
    assert decision(person(region="akmola"), "relocation").decisive == ["support_relocation_region_fail"]


def test_no_measures_before_the_social_code() -> None:
    with pytest.raises(ParameterNotInForce):
        support_measures(person(), date(2023, 6, 30))


COURSES = [
    Course(course_id="c-welding-almaty", provider="Almaty College", title={"kk": "Дәнекерлеу", "ru": "Сварка",
           "en": "Welding"}, occupation_code="7212", region="almaty", length_weeks=12, free_for=["unemployed"]),
    Course(course_id="c-1c-online", provider="Bilim Online", title={"kk": "1С", "ru": "1С", "en": "1C accounting"},
           occupation_code="4311", region=None, format="online", length_weeks=6, free_for=["disability", "unemployed"]),
    Course(course_id="c-cook-turkistan", provider="Turkistan College", title={"kk": "Аспаз", "ru": "Повар",
           "en": "Cook"}, occupation_code="5120", region="turkistan", length_weeks=16, free_for=["youth_neet"]),
    Course(course_id="c-driver-turkistan", provider="Auto School", title={"kk": "Жүргізуші", "ru": "Водитель",
           "en": "Driver"}, occupation_code="8322", region="turkistan", length_weeks=8, free_for=["job_seeker"]),
]


def test_courses_free_and_near_come_first_then_wanted_occupations() -> None:
    offers = course_offers(person(willing_to_relocate=False, desired_occupations=["8322"]), COURSES)
    assert [(o.course.course_id, o.free, o.reachable) for o in offers] == [
        ("c-driver-turkistan", True, True), ("c-1c-online", True, True),
        ("c-cook-turkistan", False, True), ("c-welding-almaty", True, False)]
    assert [r.code for r in offers[0].reasons] == ["course_free_for_you", "course_in_your_region",
                                                   "course_occupation_desired"]
    assert offers[2].reasons[0].text["en"] == (
        "The course is free only for: young people not in education or work; you are none of these.")
    assert offers[1].reasons[0].text["ru"] == (
        "Курс для вас бесплатный: зарегистрированный безработный (учёт центра карьеры).")


def test_an_employed_person_pays_and_a_mover_reaches_every_region() -> None:
    offers = course_offers(person(statuses=[], target_groups=[], willing_to_relocate=True), COURSES)
    assert not any(o.free for o in offers) and all(o.reachable for o in offers)
    assert [o.course.course_id for o in offers] == sorted(c.course_id for c in COURSES)


REGISTRIES_READ: list[Any] = ["population", "family", "social_payments", "contracts", "education", "special_records"]


@pytest.mark.parametrize(("facts", "group", "en", "ru", "kk"), [
    (dict(disability_group=2), "disability",
     "people with a disability — a group 2 disability with a benefit paid (the State Centre for Pension Payments)",
     "инвалидность 2 группы, выплачивается пособие (Государственный центр по выплате пенсий)",
     "2-топтағы мүгедектік"),
    (dict(children_birth_dates=[date(2010, 1, 1), date(2012, 1, 1), date(2014, 1, 1), date(2016, 1, 1)],
          has_spouse=True), "large_family",
     "large families — 4 children under 18 in your family (the family record of the population registry)",
     "в семье 4 детей младше 18 лет (состав семьи в ГБД «Физические лица»)", "18 жасқа толмаған 4 бала"),
    (dict(sex="F", birth_date=date(1965, 3, 1)), "pre_pension_age",
     "you reach the pension age of 61 on 01.03.2026, within 2 years (the population registry)",
     "пенсионного возраста 61 лет вы достигнете 01.03.2026", "61 жасқа 01.03.2026 толасыз"),
    (dict(in_work=False, last_contract_ended_on=date(2024, 11, 30)), "long_term_unemployed",
     "no employment contract since 30.11.2024, 12 months or more (the employment contracts registry)",
     "трудового договора нет с 30.11.2024", "30.11.2024 бастап еңбек шартыңыз жоқ"),
    (dict(kandas=True), "kandas", "kandas status on record (the population registry)",
     "статус кандаса зарегистрирован (ГБД «Физические лица»)", "қандас мәртебесі тіркелген"),
    (dict(released_on=date(2025, 9, 1)), "released_from_prison",
     "released on 01.09.2025, within 12 months (the Committee on Legal Statistics and Special Accounts)",
     "освобождены 01.09.2025, в пределах 12 месяцев (Комитет по правовой статистике и специальным учётам)",
     "01.09.2025 күні босатылдыңыз"),
    (dict(birth_date=date(2000, 5, 5), left_state_care_on=date(2018, 5, 5)), "care_leaver",
     "left state care on 05.05.2018, under 29 (the National education database)",
     "вышли из-под государственной опеки 05.05.2018", "05.05.2018 күні мемлекеттік қамқорлықтан шықтыңыз"),
])
def test_each_target_group_reason_names_the_fact_and_its_registry(facts: dict[str, Any], group: str, en: str,
                                                                  ru: str, kk: str) -> None:
    base = dict(birth_date=date(1980, 4, 4), in_work=True, target_groups=[], read_from=REGISTRIES_READ)
    d = decision(person(**{**base, **facts}), "social_jobs")
    assert d.is_eligible, [r.text["en"] for r in d.reasons]
    said = next(r for r in d.reasons if r.code == "support_target_group_ok").text
    assert en in said["en"] and ru in said["ru"] and kk in said["kk"]
    assert d.trace and any(t.get("name") == "target_groups" and t.get("value") == [group] for t in
                           [e.model_dump() if hasattr(e, "model_dump") else e for e in d.trace])


def test_no_target_group_says_which_registries_were_checked() -> None:
    d = decision(person(birth_date=date(1980, 4, 4), in_work=True, target_groups=[],
                        read_from=["population", "social_payments"]), "social_jobs")
    said = next(r for r in d.reasons if r.code == "support_target_group_fail").text
    assert said["en"].endswith("(checked: the population registry, the State Centre for Pension Payments).")
    nothing = decision(person(target_groups=[], read_from=[], disability_group=1), "social_jobs")
    assert nothing.decisive == ["support_target_group_fail"]
    assert "(checked: no registry was read)" in nothing.reasons[0].text["en"]


def test_youth_practice_names_the_education_registry() -> None:
    d = decision(person(), "youth_practice")
    said = next(r for r in d.reasons if r.code == "support_graduate_ok").text
    assert said["en"] == ("You graduated from a college (TVET) on 20.06.2024 (source: the National education "
                          "database), within 3 years.")
    assert "Национальная образовательная база данных" in said["ru"] and "Ұлттық білім беру" in said["kk"]


def test_a_course_is_free_for_a_target_group_the_registries_show_on_the_date() -> None:
    facts = person(statuses=[], target_groups=[], birth_date=date(2004, 1, 1), in_work=False,
                   read_from=["population", "contracts"])
    assert not any(o.free for o in course_offers(facts, COURSES))
    [cook] = [o for o in course_offers(facts, COURSES, on=ON) if o.course.course_id == "c-cook-turkistan"]
    assert cook.free and cook.reasons[0].code == "course_free_for_you"
    assert cook.reasons[0].text["en"].startswith("The course is free for you: young people not in education or work")
    assert "(the population registry)" in cook.reasons[0].text["en"]


def test_a_course_free_for_everyone_says_so_and_a_course_is_held_somewhere() -> None:
    free = Course(course_id="c-open", provider="Skills Enbek", title={"kk": "Кіріспе", "ru": "Введение",
                  "en": "Introduction"}, occupation_code="4110", format="online", length_weeks=2, free_for=["everyone"])
    [offer] = course_offers(person(statuses=[], target_groups=[]), [free])
    assert offer.free and offer.reasons[0].text["en"] == "The course is free for everyone."
    with pytest.raises(ValueError, match="online course has no region"):
        Course(course_id="c-x", provider="X", title=free.title, occupation_code="4110", region="almaty",
               format="online", length_weeks=2)
