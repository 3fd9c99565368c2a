"""The acts the reasons rest on, and which act each reason cites by default.

A reason that depends on the regime (its ceiling, who may use it) cites the regime's own act
instead: ``regime_reference`` reads it from ``parameters/self_employed/regimes.yaml``.

An article appears only where it is known; where the act is right but its article or page
could not be checked from here, the reference is ``unconfirmed`` and the citizen reads
"reference not yet confirmed". No article number is guessed.
"""

from __future__ import annotations

from typing import Any

from policies.decision import LegalReference

__all__ = ["ACTS", "REASON_REFERENCES", "LABOUR_REFERENCES", "act", "reference_for", "labour_reference_for"]

ACTS: dict[str, LegalReference] = {
    "civil_code": LegalReference(
        title={"kk": "Қазақстан Республикасының Азаматтық кодексі (Жалпы бөлім)",
               "ru": "Гражданский кодекс Республики Казахстан (Общая часть)",
               "en": "Civil Code of the Republic of Kazakhstan (General Part)"},
        url="https://adilet.zan.kz/rus/docs/K940001000_"),
    "public_services_law": LegalReference(
        title={"kk": "«Мемлекеттік көрсетілетін қызметтер туралы» Қазақстан Республикасының 2013 жылғы "
                     "15 сәуірдегі № 88-V Заңы",
               "ru": "Закон Республики Казахстан от 15 апреля 2013 года № 88-V «О государственных услугах»",
               "en": "Law of the Republic of Kazakhstan No. 88-V of 15 April 2013 \"On public services\""},
        url="https://adilet.zan.kz/rus/docs/Z1300000088"),
    "tax_code_2017": LegalReference(
        title={"kk": "Қазақстан Республикасының 2017 жылғы 25 желтоқсандағы № 120-VI Салық кодексі",
               "ru": "Налоговый кодекс Республики Казахстан от 25 декабря 2017 года № 120-VI",
               "en": "Tax Code of the Republic of Kazakhstan No. 120-VI of 25 December 2017"},
        url="https://adilet.zan.kz/rus/docs/K1700000120"),
    "tax_code_2026": LegalReference(
        title={"kk": "Қазақстан Республикасының № 214-VIII Салық кодексі (2026 жылғы 1 қаңтардан бастап)",
               "ru": "Налоговый кодекс Республики Казахстан № 214-VIII (с 1 января 2026 года)",
               "en": "Tax Code of the Republic of Kazakhstan No. 214-VIII (from 1 January 2026)"},
        url="https://adilet.zan.kz/rus/docs/K2500000214"),
    "decree_994": LegalReference(
        title={"kk": "Қазақстан Республикасы Үкіметінің 2025 жылғы 21 қарашадағы № 994 қаулысы "
                     "(өзін-өзі жұмыспен қамтығандардың қызмет түрлерінің тізбесі)",
               "ru": "Постановление Правительства Республики Казахстан от 21 ноября 2025 года № 994 "
                     "(перечень видов деятельности самозанятых)",
               "en": "Government Decree of the Republic of Kazakhstan No. 994 of 21 November 2025 "
                     "(list of activities of the self-employed)"},
        unconfirmed=True),
    "social_code": LegalReference(
        title={"kk": "Қазақстан Республикасының 2023 жылғы 20 сәуірдегі № 224-VII Әлеуметтік кодексі",
               "ru": "Социальный кодекс Республики Казахстан от 20 апреля 2023 года № 224-VII",
               "en": "Social Code of the Republic of Kazakhstan No. 224-VII of 20 April 2023"},
        url="https://adilet.zan.kz/rus/docs/K2300000224"),
    "health_insurance_law": LegalReference(
        title={"kk": "«Міндетті әлеуметтік медициналық сақтандыру туралы» Қазақстан Республикасының "
                     "2015 жылғы 16 қарашадағы № 405-V Заңы",
               "ru": "Закон Республики Казахстан от 16 ноября 2015 года № 405-V «Об обязательном "
                     "социальном медицинском страховании»",
               "en": "Law of the Republic of Kazakhstan No. 405-V of 16 November 2015 \"On compulsory "
                     "social health insurance\""},
        url="https://adilet.zan.kz/rus/docs/Z1500000405"),
    "appk": LegalReference(
        title={"kk": "Қазақстан Республикасының 2020 жылғы 29 маусымдағы № 350-VI Әкімшілік "
                     "рәсімдік-процестік кодексі",
               "ru": "Административный процедурно-процессуальный кодекс Республики Казахстан от 29 июня "
                     "2020 года № 350-VI",
               "en": "Administrative Procedural and Process-Related Code of the Republic of Kazakhstan "
                     "No. 350-VI of 29 June 2020"},
        url="https://adilet.zan.kz/rus/docs/K2000000350"),
    # The page of either order could not be checked from here: cited as unconfirmed, no page guessed.
    "tsa_rules": LegalReference(
        title={"kk": "Қазақстан Республикасы Еңбек және халықты әлеуметтік қорғау министрінің 2023 жылғы "
                     "19 мамырдағы № 160 бұйрығы (атаулы әлеуметтік көмек қағидалары)",
               "ru": "Приказ Министра труда и социальной защиты населения Республики Казахстан от 19 мая "
                     "2023 года № 160 (правила адресной социальной помощи)",
               "en": "Order of the Minister of Labour and Social Protection of the Republic of Kazakhstan "
                     "No. 160 of 19 May 2023 (rules of targeted social assistance)"},
        unconfirmed=True),
    "tsa_rules_2025": LegalReference(
        title={"kk": "Қазақстан Республикасы Еңбек және халықты әлеуметтік қорғау министрінің 2024 жылғы "
                     "20 желтоқсандағы № 473 бұйрығы (атаулы әлеуметтік көмек қағидаларына өзгерістер)",
               "ru": "Приказ Министра труда и социальной защиты населения Республики Казахстан от 20 декабря "
                     "2024 года № 473 (изменения в правила адресной социальной помощи)",
               "en": "Order of the Minister of Labour and Social Protection of the Republic of Kazakhstan "
                     "No. 473 of 20 December 2024 (amendments to the rules of targeted social assistance)"},
        unconfirmed=True),
    # Not an act: how onestop itself rounds and flags figures. Said as such, so nobody looks for a law.
    # The labour exchange's vacancies: pay and equal treatment. No article is guessed.
    "labour_code": LegalReference(
        title={"kk": "Қазақстан Республикасының 2015 жылғы 23 қарашадағы № 414-V Еңбек кодексі",
               "ru": "Трудовой кодекс Республики Казахстан от 23 ноября 2015 года № 414-V",
               "en": "Labour Code of the Republic of Kazakhstan No. 414-V of 23 November 2015"},
        url="https://adilet.zan.kz/rus/docs/K1500000414"),
    "system_rule": LegalReference(
        title={"kk": "Жүйенің есептеу ережесі (заң нормасы емес)",
               "ru": "Правило расчёта системы (не норма закона)",
               "en": "The system's calculation rule (not a provision of law)"}),
}

# reason code -> (act, {article|chapter: ..., unconfirmed: ...}); the act of a regime replaces it
# for the reasons of the self-employed rules (see policies.self_employed).
REASON_REFERENCES: dict[str, tuple[str, dict[str, Any]]] = {
    "adult": ("civil_code", {"article": "17"}),
    "minor": ("civil_code", {"article": "17"}),
    "deceased": ("civil_code", {"unconfirmed": True}),
    "birth_date_in_future": ("public_services_law", {"unconfirmed": True}),
    "regime_in_force": ("tax_code_2026", {}),
    "regime_not_in_force": ("tax_code_2026", {}),
    "activity_permitted": ("decree_994", {}),
    "activity_not_permitted": ("decree_994", {}),
    "income_within_ceiling": ("tax_code_2026", {}),
    "income_above_ceiling": ("tax_code_2026", {}),
    "already_entrepreneur": ("tax_code_2026", {}),
    "regime_change_for_entrepreneur": ("tax_code_2026", {}),
    "has_employees": ("tax_code_2026", {}),
    "payment_rate_of_income": ("tax_code_2026", {}),
    "payment_declared_income": ("social_code", {"unconfirmed": True}),
    "declared_income_capped": ("social_code", {"unconfirmed": True}),
    "declared_income_below_floor": ("social_code", {"unconfirmed": True}),
    "no_income_health_insurance_only": ("health_insurance_law", {"unconfirmed": True}),
    "payment_fixed_mci": ("tax_code_2017", {"unconfirmed": True}),
    "payment_parts": ("tax_code_2026", {}),
    "payment_rounding": ("system_rule", {}),
    "appeal_in_time": ("appk", {"article": "92"}),
    "appeal_late": ("appk", {"article": "92"}),
    "unconfirmed_parameters": ("system_rule", {}),
    # Targeted social assistance: the act of the parameter each sentence cites in policies.tsa.
    # The Social Code's Art. 127 is given where DOMAIN.md or the parameter file names it; only the
    # per-capita income rule (Art. 127(2)) is stated so by DOMAIN.md itself, the rest stay unconfirmed.
    "tsa_no_rules_in_force": ("social_code", {"article": "127", "unconfirmed": True}),
    "tsa_figure_not_in_force": ("social_code", {"article": "127", "unconfirmed": True}),
    "tsa_family_counted": ("social_code", {"article": "127", "unconfirmed": True}),
    "tsa_member_not_counted": ("social_code", {"article": "127", "unconfirmed": True}),
    "tsa_poverty_line_sm": ("tsa_rules", {}),
    "tsa_poverty_line_median": ("tsa_rules_2025", {}),
    "tsa_income_below_line": ("social_code", {"article": "127"}),
    "tsa_income_not_below_line": ("social_code", {"article": "127"}),
    "tsa_incomes_excluded": ("social_code", {"article": "127"}),
    "tsa_property_within_rule": ("tsa_rules", {}),
    "tsa_property_too_many_homes": ("tsa_rules", {}),
    "tsa_property_car": ("tsa_rules", {}),
    "tsa_property_disabled_child_exempts": ("tsa_rules", {}),
    "tsa_barred": ("tsa_rules", {}),
    "tsa_conditional": ("social_code", {"article": "127", "unconfirmed": True}),
    "tsa_unconditional": ("social_code", {"article": "127", "unconfirmed": True}),
    "tsa_member_exempt": ("social_code", {"article": "1", "unconfirmed": True}),
    "tsa_member_in_measures": ("social_code", {"article": "127", "unconfirmed": True}),
    "tsa_member_not_in_measures": ("social_code", {"article": "127", "unconfirmed": True}),
    "tsa_monthly_amount": ("social_code", {"article": "127", "unconfirmed": True}),
    "tsa_child_package": ("tsa_rules", {}),
    "tsa_period": ("tsa_rules", {}),
    # What would change a refusal rests on the rule it would then meet.
    "tsa_change_income": ("social_code", {"article": "127"}),
    "tsa_change_rule": ("social_code", {"article": "127", "unconfirmed": True}),
    "tsa_change_measures": ("social_code", {"article": "127", "unconfirmed": True}),
    "tsa_change_car": ("tsa_rules", {}),
    "tsa_change_homes": ("tsa_rules", {}),
    "tsa_change_bar": ("tsa_rules", {}),
}


def act(name: str, **where: Any) -> LegalReference:
    """The act ``name``, pointed at an article or chapter (``article=``, ``chapter=``, ``unconfirmed=``)."""
    base = ACTS[name]
    unconfirmed = base.unconfirmed or bool(where.pop("unconfirmed", False))
    return base.model_copy(update={**where, "unconfirmed": unconfirmed})


_DEFAULTS: dict[str, LegalReference | None] = {}


def reference_for(code: str) -> LegalReference | None:
    """The default reference of the reason ``code``; None for a code with none (a test keeps that empty).

    Built once per code: every decision cites them, and nothing changes a reference after it is made.
    """
    if code not in _DEFAULTS:
        found = REASON_REFERENCES.get(code)
        _DEFAULTS[code] = act(found[0], **dict(found[1])) if found else None
    return _DEFAULTS[code]


# The labour exchange's sentences (policies/labour/texts.py), by the first words of their code: the
# Social Code's employment and social-insurance rules (DOMAIN.md: [unconfirmed], no article given), the
# Labour Code for what a vacancy may say, and the system's own rule for the ranking and the guidance
# questionnaire, which no law prescribes. The longest prefix wins.
LABOUR_REFERENCES: dict[str, tuple[str, dict[str, Any]]] = {
    "benefit_": ("social_code", {"unconfirmed": True}),
    "job_seeker_": ("social_code", {"unconfirmed": True}),
    "unemployed_": ("social_code", {"unconfirmed": True}),
    "support_": ("social_code", {"unconfirmed": True}),
    "course_": ("social_code", {"unconfirmed": True}),
    "suitable_": ("social_code", {"unconfirmed": True}),
    "unsuitable_": ("social_code", {"unconfirmed": True}),
    "vacancy_salary_below_minimum_wage": ("labour_code", {"unconfirmed": True}),
    "vacancy_term_flagged": ("labour_code", {"unconfirmed": True}),
    "vacancy_no_flagged_terms": ("labour_code", {"unconfirmed": True}),
    "vacancy_": ("system_rule", {}),
    "match_": ("system_rule", {}),
    "guidance_": ("system_rule", {}),
}


_LABOUR_DEFAULTS: dict[str, LegalReference | None] = {}


def labour_reference_for(code: str) -> LegalReference | None:
    """The reference of a labour-exchange sentence ``code`` (by ``LABOUR_REFERENCES``), None when none fits."""
    if code not in _LABOUR_DEFAULTS:
        prefixes = sorted((p for p in LABOUR_REFERENCES if code.startswith(p)), key=len, reverse=True)
        found = LABOUR_REFERENCES[prefixes[0]] if prefixes else None
        _LABOUR_DEFAULTS[code] = act(found[0], **dict(found[1])) if found else None
    return _LABOUR_DEFAULTS[code]
