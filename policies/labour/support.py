"""Who may take part in which state support measure, and which training courses are free for whom.

The measures and their conditions are one dated parameter, ``labour.support.measures``
(unconfirmed): training, youth practice, social jobs, public works, business microcredit and
relocation support. Each condition is a code this module knows how to check:

- ``any_status``: the person holds at least one of these statuses on the date
  (job_seeker, unemployed from the exchange; entrepreneur, self_employed from the registries);
- ``min_age`` / ``under_age``: full years on the date;
- ``recent_graduate``: a college or university graduation on the education registry's record no
  longer ago than ``labour.support.youth_practice_graduation`` allows (youth practice);
- ``target_group``: the person is in one of ``labour.support.target_groups`` (social jobs), told from
  the registries' facts by ``labour.support.target_group_rules`` (``target_groups_of``) or on record
  with the career centre;
- ``relocation``: lives outside ``labour.support.relocation_regions`` and is willing to move.

Every condition gives a reason, met or not, so the citizen sees why a measure is or is not
open to them; a reason that rests on a registry's fact names the fact and the registry. A fact from a
registry that was not read (``read_from``) is never used, and never said to be missing from it.
A course is free when the person holds one of its ``free_for`` statuses or target groups (or it is free
for ``everyone``), and the reason says which, with its fact and registry; courses are listed
free-and-reachable first. The catalogue of courses itself is data (services/courses.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, Field, model_validator

from policies.decision import Decision, Reason, Text
from policies.identity import age_on
from policies.labour.evaluation import LabourEvaluation
from policies.labour.texts import EDUCATION_LEVELS, SOURCES, STATUSES, TARGET_GROUPS, say
from policies.labour.unemployment import add_months
from policies.parameters import lookup
from policies.texts import join

__all__ = [
    "Status",
    "SupportFacts",
    "Registry",
    "target_groups_of",
    "MeasureEligibility",
    "MeasureCase",
    "support_measure",
    "Course",
    "CourseFormat",
    "EVERYONE",
    "CourseOffer",
    "support_measures",
    "eligible_measures",
    "course_offers",
]

MEASURES = "labour.support.measures"
Status = Literal["job_seeker", "unemployed", "entrepreneur", "self_employed"]
EducationLevel = Literal["none", "secondary", "tvet", "higher"]
Registry = Literal["population", "family", "social_payments", "contracts", "education", "special_records"]
GRADUATION = "labour.support.youth_practice_graduation"
TARGET_GROUPS_PARAM = "labour.support.target_groups"
GROUP_RULES = "labour.support.target_group_rules"


class SupportFacts(BaseModel):
    """The person on the date: statuses from the exchange and registries, the rest from the profile.

    ``read_from`` names the registries the facts below were read from; a fact of a registry not in it
    is unknown, not absent (``population`` gives sex, full-time studies and kandas status, ``family`` the
    children and spouse, ``social_payments`` the disability group, ``contracts`` the work record,
    ``education`` the latest college or university diploma and the day a child left state care,
    ``special_records`` the last release from a place of detention).
    """

    birth_date: date
    statuses: list[Status] = Field(default_factory=list)
    target_groups: list[str] = Field(default_factory=list, description="groups on record with the career centre")
    read_from: list[Registry] = Field(default_factory=list)
    sex: Literal["M", "F"] | None = None
    full_time_student: bool = False
    kandas: bool = False
    children_birth_dates: list[date] = Field(default_factory=list, description="living children, family record")
    has_spouse: bool = False
    disability_group: int | None = Field(None, ge=1, le=3)
    in_work: bool = False
    last_contract_ended_on: date | None = None
    education_level: EducationLevel | None = None
    graduated_on: date | None = None
    left_state_care_on: date | None = None
    released_on: date | None = None
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
    if conditions.get("recent_graduate"):
        window = ev.param(GRADUATION)
        years, levels = int(window["years"]), list(window["levels"])
        since = add_months(ev.on, -12 * years)
        graduated, level = facts.graduated_on, facts.education_level
        ev.note("graduated_on", graduated.isoformat() if graduated else None, "education registry")
        if ("education" in facts.read_from and graduated is not None and level is not None and level in levels
                and since <= graduated <= ev.on):
            ev.ok("support_graduate_ok", level=_label(EDUCATION_LEVELS, level),
                  graduated_on=graduated, years=years, source=SOURCES["education"])
        elif "education" in facts.read_from:
            ev.fail("support_graduate_fail", levels=_labels(EDUCATION_LEVELS, levels), years=years, since=since,
                    source=SOURCES["education"])
        else:
            ev.fail("support_graduate_unknown", levels=_labels(EDUCATION_LEVELS, levels), years=years)
    if conditions.get("target_group"):
        groups = list(ev.param(TARGET_GROUPS_PARAM))
        found = target_groups_of(facts, ev.on, ev.param(GROUP_RULES))
        held = [g for g in groups if g in found]
        ev.note("target_groups", held, "registries")
        if held:
            ev.ok("support_target_group_ok", groups=join([found[g] for g in held], "; "))
        else:
            read = [SOURCES[r] for r in _SOURCE_ORDER if r in facts.read_from]
            ev.fail("support_target_group_fail", groups=_labels(TARGET_GROUPS, groups),
                    checked=join(read, ", ") if read else SOURCES["nothing"])
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


_SOURCE_ORDER: tuple[Registry, ...] = ("population", "family", "social_payments", "contracts", "education",
                                       "special_records")


def _evidence(group: str, fact: str, source: str, **params: Any) -> Text:
    """"<the group>: <the fact> (<the registry>)" in every language."""
    said = say(f"support_fact_{fact}", {**params, "group": _label(TARGET_GROUPS, group), "source": SOURCES[source]})
    return said.text


def _minors(facts: SupportFacts, on: date, rule: Mapping[str, Any] | None) -> int:
    if rule is None:
        return 0
    under = int(rule["child_under_age"])
    return sum(1 for born in facts.children_birth_dates if born <= on and age_on(born, on) < under)


def target_groups_of(facts: SupportFacts, on: date, rules: Mapping[str, Any]) -> dict[str, Text]:
    """The target groups the facts put the person in on ``on``, each with the fact and its registry.

    ``rules`` is ``labour.support.target_group_rules`` in force; a group without a rule there (or a
    fact from a registry not read) is only held when the career centre has it on record.
    """
    read = set(facts.read_from)
    found: dict[str, Text] = {}
    age = age_on(facts.birth_date, on)
    rule = rules.get("disability")
    if rule is not None and "social_payments" in read and facts.disability_group in rule["disability_groups"]:
        found["disability"] = _evidence("disability", "disability", "social_payments", group_no=facts.disability_group)
    rule = rules.get("large_family")
    minors = _minors(facts, on, rule)
    if rule is not None and "family" in read and minors >= int(rule["min_children"]):
        found["large_family"] = _evidence("large_family", "large_family", "family", children=minors,
                                          under=int(rule["child_under_age"]))
    rule = rules.get("single_parent")
    minors = _minors(facts, on, rule)
    if rule is not None and "family" in read and minors >= 1 and not facts.has_spouse:
        found["single_parent"] = _evidence("single_parent", "single_parent", "family", children=minors,
                                           under=int(rule["child_under_age"]))
    rule = rules.get("pre_pension_age")
    if rule is not None and "population" in read and facts.sex is not None:
        pension_age = int(rule["pension_age"][facts.sex])
        pension_on = add_months(facts.birth_date, 12 * pension_age)
        if add_months(pension_on, -12 * int(rule["years_before"])) <= on < pension_on:
            found["pre_pension_age"] = _evidence("pre_pension_age", "pre_pension_age", "population",
                                                 pension_age=pension_age, pension_on=pension_on,
                                                 years=int(rule["years_before"]))
    rule = rules.get("long_term_unemployed")
    ended = facts.last_contract_ended_on
    if (rule is not None and "contracts" in read and not facts.in_work and ended is not None
            and ended <= add_months(on, -int(rule["months_without_work"]))):
        found["long_term_unemployed"] = _evidence("long_term_unemployed", "long_term_unemployed", "contracts",
                                                  ended_on=ended, months=int(rule["months_without_work"]))
    if rules.get("kandas") is not None and "population" in read and facts.kandas:
        found["kandas"] = _evidence("kandas", "kandas", "population")
    rule = rules.get("youth_neet")
    if (rule is not None and {"population", "contracts"} <= read and not facts.in_work
            and not facts.full_time_student and int(rule["min_age"]) <= age < int(rule["under_age"])):
        found["youth_neet"] = _evidence("youth_neet", "youth_neet", "population", age=age,
                                        contracts=SOURCES["contracts"])
    rule = rules.get("released_from_prison")
    released = facts.released_on
    if (rule is not None and "special_records" in read and released is not None
            and add_months(on, -int(rule["months_since_release"])) <= released <= on):
        found["released_from_prison"] = _evidence("released_from_prison", "released_from_prison", "special_records",
                                                  released_on=released, months=int(rule["months_since_release"]))
    rule = rules.get("care_leaver")
    if (rule is not None and "education" in read and facts.left_state_care_on is not None
            and age < int(rule["under_age"])):
        found["care_leaver"] = _evidence("care_leaver", "care_leaver", "education", left_on=facts.left_state_care_on,
                                         under=int(rule["under_age"]))
    for group in facts.target_groups:
        found.setdefault(group, _evidence(group, "on_record", "labour_exchange"))
    return found


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


class MeasureCase(SupportFacts):
    """One person and one measure: what a support-measure application (and a YAML case) decides."""

    measure: str


def support_measure(case: MeasureCase, on: date) -> Decision:
    """The decision on ``case.measure`` alone; KeyError when no such measure is in force on ``on``."""
    found = next((m for m in support_measures(case, on) if m.measure == case.measure), None)
    if found is None:
        raise KeyError(case.measure)
    return found.decision


def eligible_measures(facts: SupportFacts, on: date,
                      titles: Mapping[str, Text] | None = None) -> list[MeasureEligibility]:
    return [m for m in support_measures(facts, on, titles) if m.decision.is_eligible]


# ---------------------------------------------------------------- courses


CourseFormat = Literal["in_person", "online"]
EVERYONE = "everyone"
# Where a status a course may be free for is on record (the exchange's own, or a registry's).
_STATUS_SOURCES: dict[str, str] = {"job_seeker": "labour_exchange", "unemployed": "labour_exchange",
                                   "entrepreneur": "businesses", "self_employed": "tax"}


class Course(BaseModel):
    """A training course of the catalogue; ``free_for`` holds statuses, target groups or ``everyone``."""

    course_id: str
    provider: str
    title: Text
    occupation_code: str
    region: str | None = Field(default=None, description="None for an online course")
    format: CourseFormat = "in_person"
    length_weeks: int = Field(gt=0)
    hours: int | None = Field(default=None, gt=0, description="classroom or study hours in all")
    free_for: list[str] = Field(default_factory=list, description="statuses and target groups it is free for, "
                                                                  "or everyone")

    @model_validator(mode="after")
    def _held_somewhere(self) -> Course:
        if (self.format == "online") != (self.region is None):
            raise ValueError("an online course has no region; a course in person has one")
        return self


class CourseOffer(BaseModel):
    course: Course
    free: bool
    reachable: bool
    reasons: list[Reason]


def _say(code: str, **params: Any) -> Reason:
    return say(code, params)


def _who(code: str) -> Text:
    return STATUSES.get(code) or _label(TARGET_GROUPS, code)


def _held(facts: SupportFacts, on: date | None) -> dict[str, Text]:
    """What the person holds that a course may be free for, each with the fact and where it is on record."""
    held: dict[str, Text] = {
        s: say("support_fact_on_record", {"group": STATUSES[s], "source": SOURCES[_STATUS_SOURCES[s]]}).text
        for s in facts.statuses}
    if on is None:
        groups = {g: _evidence(g, "on_record", "labour_exchange") for g in facts.target_groups}
    else:  # the groups the registries' facts put the person in on that date, and those on record
        groups = target_groups_of(facts, on, lookup(GROUP_RULES, on).value)
    return {**held, **groups}


def course_offers(facts: SupportFacts, courses: Iterable[Course], titles: Mapping[str, Text] | None = None,
                  on: date | None = None) -> list[CourseOffer]:
    """The courses for this person: free and reachable first, then for an occupation they want, then by id.

    With ``on``, a course is also free for the target groups the registries' facts show on that date. The reason
    a course is free names what the person holds and where it is on record (the career centre's record, or the
    registry and the fact behind a target group)."""
    names = titles or {}
    held = _held(facts, on)
    offers = []
    for course in courses:
        reasons = []
        free_as = [c for c in course.free_for if c in held or c == EVERYONE]
        if EVERYONE in free_as:
            reasons.append(_say("course_free_for_everyone"))
        elif free_as:
            reasons.append(_say("course_free_for_you", group=held[free_as[0]]))
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
