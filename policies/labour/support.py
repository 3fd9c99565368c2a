"""Who may take part in which state support measure, and which training courses are free for whom.

The measures and their conditions are one dated parameter, ``labour.support.measures``
(unconfirmed): training, youth practice, social jobs, public works, business microcredit and
relocation support. Each condition is a code this module knows how to check:

- ``any_status``: the person holds at least one of these statuses on the date
  (job_seeker, unemployed from the exchange; entrepreneur, self_employed from the registries);
- ``min_age`` / ``under_age``: full years on the date;
- ``graduated_within_years`` with ``graduate_levels``: a college or university graduation no
  longer ago than that (youth practice);
- ``target_group``: one of ``labour.support.target_groups`` is on record (social jobs);
- ``relocation``: lives outside ``labour.support.relocation_regions`` and is willing to move.

Every condition gives a reason, met or not, so the citizen sees why a measure is or is not
open to them. A course is free when the person holds one of its ``free_for`` statuses or
target groups; courses are listed free-and-reachable first.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, Field

from policies.decision import Decision, Reason, Text
from policies.identity import age_on
from policies.labour.evaluation import LabourEvaluation
from policies.labour.texts import EDUCATION_LEVELS, STATUSES, TARGET_GROUPS, say
from policies.labour.unemployment import add_months
from policies.parameters import lookup
from policies.texts import join

__all__ = [
    "Status",
    "SupportFacts",
    "MeasureEligibility",
    "Course",
    "CourseOffer",
    "support_measures",
    "eligible_measures",
    "course_offers",
]

MEASURES = "labour.support.measures"
Status = Literal["job_seeker", "unemployed", "entrepreneur", "self_employed"]
EducationLevel = Literal["none", "secondary", "tvet", "higher"]


class SupportFacts(BaseModel):
    """The person on the date: statuses from the exchange and registries, the rest from the profile."""

    birth_date: date
    statuses: list[Status] = Field(default_factory=list)
    target_groups: list[str] = Field(default_factory=list)
    education_level: EducationLevel | None = None
    graduated_on: date | None = None
    region: str
    willing_to_relocate: bool = False
    desired_occupations: list[str] = Field(default_factory=list)


class MeasureEligibility(BaseModel):
    measure: str
    title: Text
    description: Text
    decision: Decision


def _label(labels: Mapping[str, Text], code: str) -> Text:
    return labels.get(code) or {"kk": code, "ru": code, "en": code}


def _labels(labels: Mapping[str, Text], codes: Iterable[str]) -> Text:
    return join([_label(labels, c) for c in codes], ", ")


def _title(titles: Mapping[str, Text], key: str) -> Text:
    return titles.get(key) or {"kk": key, "ru": key, "en": key}


def _check(ev: LabourEvaluation, facts: SupportFacts, conditions: Mapping[str, Any],
           titles: Mapping[str, Text]) -> None:
    age = age_on(facts.birth_date, ev.on)
    if "any_status" in conditions:
        wanted = list(conditions["any_status"])
        held = [s for s in wanted if s in facts.statuses]
        if held:
            ev.ok("support_status_ok", status=_label(STATUSES, held[0]))
        else:
            ev.fail("support_status_missing", statuses=_labels(STATUSES, wanted))
    if "min_age" in conditions:
        minimum = int(conditions["min_age"])
        if age >= minimum:
            ev.ok("support_age_min_ok", age=age, min_age=minimum)
        else:
            ev.fail("support_age_min_fail", age=age, min_age=minimum)
    if "under_age" in conditions:
        under = int(conditions["under_age"])
        if age < under:
            ev.ok("support_age_under_ok", age=age, under_age=under)
        else:
            ev.fail("support_age_under_fail", age=age, under_age=under)
    if "graduated_within_years" in conditions:
        years = int(conditions["graduated_within_years"])
        levels = list(conditions.get("graduate_levels") or EDUCATION_LEVELS)
        since = add_months(ev.on, -12 * years)
        graduated, level = facts.graduated_on, facts.education_level
        if graduated is not None and level is not None and level in levels and since <= graduated <= ev.on:
            ev.ok("support_graduate_ok", level=_label(EDUCATION_LEVELS, level),
                  graduated_on=graduated, years=years)
        else:
            ev.fail("support_graduate_fail", levels=_labels(EDUCATION_LEVELS, levels), years=years, since=since)
    if conditions.get("target_group"):
        groups = list(ev.param("labour.support.target_groups"))
        held = [g for g in groups if g in facts.target_groups]
        if held:
            ev.ok("support_target_group_ok", groups=_labels(TARGET_GROUPS, held))
        else:
            ev.fail("support_target_group_fail", groups=_labels(TARGET_GROUPS, groups))
    if conditions.get("relocation"):
        inviting = list(ev.param("labour.support.relocation_regions"))
        region = _title(titles, facts.region)
        if facts.region in inviting:
            ev.fail("support_relocation_region_fail", region=region)
        else:
            ev.ok("support_relocation_region_ok", region=region)
        if facts.willing_to_relocate:
            ev.ok("support_willing_to_relocate")
        else:
            ev.fail("support_not_willing_to_relocate")


def support_measures(facts: SupportFacts, on: date,
                     titles: Mapping[str, Text] | None = None) -> list[MeasureEligibility]:
    """Every measure in force on ``on`` with its decision for this person (``titles`` names regions)."""
    found = lookup(MEASURES, on)
    results = []
    for code, spec in found.value.items():
        ev = LabourEvaluation(on)
        ev.param(MEASURES)  # in the trace, and its unconfirmed mark in the reasons
        ev.note("age", age_on(facts.birth_date, on), "population registry")
        ev.note("statuses", sorted(facts.statuses), "labour exchange and registries")
        _check(ev, facts, spec["conditions"], titles or {})
        ev.figure(measure=code)
        results.append(MeasureEligibility(measure=code, title=spec["title"], description=spec["description"],
                                          decision=ev.decide()))
    return results


def eligible_measures(facts: SupportFacts, on: date,
                      titles: Mapping[str, Text] | None = None) -> list[MeasureEligibility]:
    return [m for m in support_measures(facts, on, titles) if m.decision.is_eligible]


# ---------------------------------------------------------------- courses


class Course(BaseModel):
    course_id: str
    provider: str
    title: Text
    occupation_code: str
    region: str | None = Field(default=None, description="None for an online course")
    length_weeks: int = Field(gt=0)
    free_for: list[str] = Field(default_factory=list, description="statuses and target groups it is free for")


class CourseOffer(BaseModel):
    course: Course
    free: bool
    reachable: bool
    reasons: list[Reason]


def _say(code: str, **params: Any) -> Reason:
    return say(code, params)


def _who(code: str) -> Text:
    return STATUSES.get(code) or _label(TARGET_GROUPS, code)


def course_offers(facts: SupportFacts, courses: Iterable[Course], titles: Mapping[str, Text] | None = None,
                  ) -> list[CourseOffer]:
    """The courses for this person: free and reachable first, then for an occupation they want, then by id."""
    names = titles or {}
    held = set(facts.statuses) | set(facts.target_groups)
    offers = []
    for course in courses:
        reasons = []
        free_as = [c for c in course.free_for if c in held]
        if free_as:
            reasons.append(_say("course_free_for_you", group=_who(free_as[0])))
        else:
            reasons.append(_say("course_not_free", groups=join([_who(c) for c in course.free_for], ", ")
                                if course.free_for else {"kk": "—", "ru": "—", "en": "—"}))
        if course.region is None:
            reasons.append(_say("course_online"))
        elif course.region == facts.region:
            reasons.append(_say("course_in_your_region", region=_title(names, course.region)))
        else:
            reasons.append(_say("course_elsewhere", region=_title(names, course.region)))
        if course.occupation_code in facts.desired_occupations:
            reasons.append(_say("course_occupation_desired", occupation=_title(names, course.occupation_code)))
        reachable = course.region is None or course.region == facts.region or facts.willing_to_relocate
        offers.append(CourseOffer(course=course, free=bool(free_as), reachable=reachable, reasons=reasons))
    offers.sort(key=lambda o: (not (o.free and o.reachable), o.course.occupation_code not in facts.desired_occupations,
                               o.course.course_id))
    return offers
