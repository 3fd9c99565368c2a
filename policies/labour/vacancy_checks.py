"""The automatic checks a vacancy passes before it is published.

- The salary is at least ``economy.minimum_wage`` on the date (the lower end of a range; a
  range whose top is below its bottom is refused): else ``ineligible``.
- The expiry is at least ``labour.vacancy.minimum_validity_days`` after the date: else
  ``ineligible`` (an expiry in the past is bad input).
- No word of ``labour.vacancy.discriminatory_terms`` (age, sex, ethnicity; kk/ru/en patterns)
  in the title, description or skills: a match makes the outcome ``review``, and the vacancy
  waits for a moderator, with the words quoted.

The patterns of a date are compiled once per process (bulk publication checks thousands).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache

from pydantic import BaseModel, Field

from policies.decision import Decision
from policies.labour.evaluation import LabourEvaluation
from policies.labour.texts import DISCRIMINATION
from policies.parameters import lookup

__all__ = ["VacancyDraft", "vacancy_checks", "flagged_terms"]

TERMS = "labour.vacancy.discriminatory_terms"


class VacancyDraft(BaseModel):
    title: str
    description: str = ""
    required_skills: list[str] = Field(default_factory=list)
    salary_min: Decimal = Field(ge=0)
    salary_max: Decimal | None = Field(default=None, ge=0)
    expires_on: date


@lru_cache(maxsize=8)
def _patterns(effective_from: date) -> dict[str, re.Pattern[str]]:
    # Keyed by the effective date, so a new dated list is compiled once and an old one stays cached.
    raw = lookup(TERMS, effective_from).value
    return {category: re.compile("|".join(rf"\b(?:{p})" for language in by_language.values() for p in language),
                                 re.IGNORECASE)
            for category, by_language in raw.items()}


def flagged_terms(text: str, on: date) -> dict[str, list[str]]:
    """The words of ``text`` that may state an age, sex or ethnicity requirement, by category, in order."""
    found: dict[str, list[str]] = {}
    for category, pattern in _patterns(lookup(TERMS, on).effective_from).items():
        matches = list(dict.fromkeys(m.group(0).strip() for m in pattern.finditer(text)))
        if matches:
            found[category] = matches
    return found


def vacancy_checks(draft: VacancyDraft, on: date) -> Decision:
    ev = LabourEvaluation(on)
    minimum_wage = Decimal(str(ev.param("economy.minimum_wage")))
    if draft.salary_max is not None and draft.salary_max < draft.salary_min:
        ev.fail("vacancy_salary_range_inverted", salary_min=draft.salary_min, salary_max=draft.salary_max)
    if draft.salary_min < minimum_wage:
        ev.fail("vacancy_salary_below_minimum_wage", salary=draft.salary_min, minimum_wage=minimum_wage, on=on)
    else:
        ev.ok("vacancy_salary_ok", salary=draft.salary_min, minimum_wage=minimum_wage, on=on)

    earliest = on + timedelta(days=int(ev.param("labour.vacancy.minimum_validity_days")))
    if draft.expires_on < earliest:
        ev.fail("vacancy_expiry_too_soon", expires_on=draft.expires_on, earliest=earliest)
    else:
        ev.ok("vacancy_expiry_ok", expires_on=draft.expires_on)

    ev.param(TERMS)
    text = "\n".join([draft.title, draft.description, *draft.required_skills])
    flagged = flagged_terms(text, on)
    for category, terms in flagged.items():
        quoted = {"kk": "», «".join(terms), "ru": "», «".join(terms), "en": "”, “".join(terms)}
        ev.refer("vacancy_term_flagged", category=DISCRIMINATION[category], terms=quoted)
    if not flagged:
        ev.ok("vacancy_no_flagged_terms")
    ev.figure(minimum_wage=minimum_wage, flagged=flagged)
    return ev.decide()
