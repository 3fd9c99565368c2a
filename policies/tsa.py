"""Targeted social assistance (TSA): who gets it, how much a month, for which period, and why.

Legal history (every figure is a dated parameter under ``parameters/tsa/`` or ``economy/``):

- the poverty line is a share of the subsistence minimum (SM): 40% to 2017, 50% from
  2018-01-01, 70% from 2019-10-01 (Law No. 246-II "On state targeted social assistance"),
  kept at 70% by the Social Code from 2023-07-01 (order No. 160);
- from 2025-01-01 it is 35% of the regional median income, never below 70% of the regional
  SM (order No. 473 of 20.12.2024);
- the guaranteed social package for children aged 1-6, 1.5 MCI a month, in cash from 2023.

Which date picks what: the shares and rules in force on the **application date**, applied to
the SM and the median of the **quarter before** the quarter of application (an application
on 1 April uses the first quarter). The rules start with applications on 2017-01-01.

The family is the applicant, the spouse, children and dependants registered at the same
address (``tsa.family.relations_counted``); per-capita income is the family's counted income
of that quarter ÷ members ÷ 3 (Social Code Art. 127(2)). Eligible means strictly below the
line. The amount a month is (line − per-capita income) × members, and the child package
children × 1.5 MCI: both exact until rounded half up to whole tenge at the end.

Conditional or not: the assistance is unconditional when no adult is able-bodied, or when the
only able-bodied one cares for a child under 3, a disabled child, a person of group I/II or an
elderly person. Otherwise it is conditional, and every able-bodied adult must be in an
employment-promotion measure (the self-employed count as working); one carer per family is
excused from it (our reading of DOMAIN.md: a second carer is required to take part). An
able-bodied adult in no measure refuses the application.

Two levels, because speed matters where many families are decided (the what-if, the bench):
``assess(case, on)`` is the decision in figures and reason codes; ``decide(case, on)`` adds the
kk/ru/en sentences, the legal references and the trace, as a ``TsaDecision``.

Errors::

    TsaRulesError (ValueError)
    └── NoRulesInForce           the date is before the rules, or a figure it needs has no value then
        └── IncomeKindNotRuled   an income kind the rules in force neither count nor exclude

``assess`` raises them; ``decide`` turns them into a refusal that says so.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from functools import lru_cache
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from policies.decision import Decision, LegalReference, Reason, TraceStep, plain
from policies.evaluation import Evaluation
from policies.identity import age_on
from policies.parameters import ParameterError, ParameterValue, UnknownParameter, history, lookup, meta
from policies.texts import reason
from policies.tsa_texts import (
    EMPLOYMENT,
    EXEMPTIONS,
    INCOME_KINDS,
    NOT_COUNTED_WHY,
    RELATIONS,
    SANCTIONS,
    names,
    quarter_name,
)

__all__ = [
    "RULES_START",
    "Member",
    "Property",
    "Sanction",
    "TsaCase",
    "TsaDecision",
    "Assessment",
    "Finding",
    "ParameterChange",
    "TsaRulesError",
    "NoRulesInForce",
    "IncomeKindNotRuled",
    "assess",
    "decide",
    "monthly_child_package",
    "quarter_start",
    "previous_quarter_start",
    "quarter_end",
    "known_income_kinds",
]

RULES_START = date(2017, 1, 1)

Relation = Literal["applicant", "spouse", "child", "dependant", "parent", "sibling", "other"]
Exemption = Literal["disability", "pension_age", "full_time_student", "caring_child_under_3",
                    "caring_disabled_child", "caring_disabled_adult", "caring_elderly"]
Employment = Literal["none", "employed", "self_employed", "job_seeker", "training", "support_measure",
                     "social_contract"]
SanctionKind = Literal["job_offer_refused", "false_information"]
TsaResult = Literal["eligible_conditional", "eligible_unconditional", "refused"]

CARING = frozenset({"caring_child_under_3", "caring_disabled_child", "caring_disabled_adult", "caring_elderly"})
NotNegative = Annotated[Decimal, Field(ge=0)]


class TsaRulesError(ValueError):
    pass


class NoRulesInForce(TsaRulesError):
    def __init__(self, on: date, detail: str, path: str | None = None) -> None:
        super().__init__(f"no rules of targeted social assistance in force on {on.isoformat()}: {detail}")
        self.on = on
        self.detail = detail
        self.path = path
        """The parameter without a value, or None when the date is before the rules."""


class IncomeKindNotRuled(NoRulesInForce):
    def __init__(self, kind: str, on: date) -> None:
        super().__init__(on, f"income kind {kind!r} is neither counted nor excluded on {on.isoformat()}",
                         "tsa.income_kinds")
        self.kind = kind


# ---------------------------------------------------------------- the case


@lru_cache(maxsize=1)
def known_income_kinds() -> frozenset[str]:
    """Every income kind any version of the rules names (a case with another kind is malformed)."""
    kinds: set[str] = set()
    for _, lists in history("tsa.income_kinds"):
        if lists:
            kinds.update(lists["counted"], lists["excluded"])
    return frozenset(kinds)


class Member(BaseModel):
    """One person of the household as the registries and the applicant describe them."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(min_length=1, max_length=64, description="a key within the case (an IIN in the service)")
    name: str | None = Field(default=None, max_length=200)
    birth_date: date
    relation: Relation
    same_address: bool = Field(default=True, description="registered at the applicant's address")
    exemption: Exemption | None = Field(
        default=None, description="why this adult is not able-bodied, or is excused as a carer")
    disability_group: Literal[1, 2, 3] | None = None
    disabled_child: bool = False
    employment: Employment = "none"
    incomes: dict[str, NotNegative] = Field(
        default_factory=dict, description="income by kind, received in the quarter before the quarter of application")

    @field_validator("incomes")
    @classmethod
    def _known_kinds(cls, incomes: dict[str, Decimal]) -> dict[str, Decimal]:
        unknown = sorted(set(incomes) - known_income_kinds())
        if unknown:
            raise ValueError(f"unknown income kind {', '.join(unknown)}; "
                             f"known: {', '.join(sorted(known_income_kinds()))}")
        return incomes

    @model_validator(mode="after")
    def _disability_has_group(self) -> Member:
        if self.exemption == "disability" and self.disability_group is None:
            raise ValueError("exemption 'disability' needs disability_group (1, 2 or 3)")
        return self

    @property
    def label(self) -> str:
        return self.name or self.id


class Property(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    homes: int = Field(default=0, ge=0)
    cars: int = Field(default=0, ge=0)


class Sanction(BaseModel):
    """A past finding that bars the family for a while: a refused job offer, false information."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: SanctionKind
    decided_on: date
    reason: dict[str, str] | None = Field(
        default=None, description="what happened, kk/ru/en (the refused offer), said instead of the kind")


class TsaCase(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    region: str = Field(pattern=r"^[a-z0-9_]+$", max_length=40)
    members: list[Member] = Field(min_length=1, max_length=40)
    property: Property = Field(default_factory=Property)
    sanctions: list[Sanction] = Field(default_factory=list)

    @model_validator(mode="after")
    def _one_applicant_unique_ids(self) -> TsaCase:
        applicants = [m for m in self.members if m.relation == "applicant"]
        if len(applicants) != 1:
            raise ValueError(f"members: exactly one member has relation 'applicant' (found {len(applicants)})")
        ids = [m.id for m in self.members]
        if len(set(ids)) != len(ids):
            raise ValueError("members: each id appears once")
        return self


# ---------------------------------------------------------------- the decision


class TsaDecision(Decision):
    """A TSA decision: ``outcome`` is eligible/ineligible as for every rule, ``result`` says how."""

    result: TsaResult
    monthly_amount: int = 0
    child_package: int = 0
    period_from: date | None = None
    period_to: date | None = None
    months: int = 0
    changes: list[Reason] = Field(default_factory=list)
    """For a refusal: what would change it (the income, a member, the rule), each with its figures."""


@dataclass(frozen=True)
class ParameterChange:
    """A what-if: ``path`` takes ``value`` for applications dated from ``start``.

    It replaces the parameter wherever the rule reads it for such an application, whatever the
    date (the SM of the quarter before) or region of the read.
    """

    path: str
    value: Any
    start: date
    as_parameter: ParameterValue = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Built once: a simulation reads the change for every household.
        object.__setattr__(self, "as_parameter", ParameterValue(path=self.path, value=self.value,
                                                                 effective_from=self.start))


@dataclass
class Finding:
    code: str
    passed: bool
    params: dict[str, Any]
    cites: str | None = None
    """The parameter whose legal reference the sentence cites."""


@dataclass
class Assessment:
    on: date
    result: TsaResult
    monthly_amount: int = 0
    child_package: int = 0
    period_from: date | None = None
    period_to: date | None = None
    months: int = 0
    family_size: int = 0
    total_income: Decimal = Decimal(0)
    line: Decimal | None = None
    per_capita: Fraction | None = None
    findings: list[Finding] = field(default_factory=list)
    changes: list[Finding] = field(default_factory=list)
    read: list[ParameterValue] = field(default_factory=list)
    figures: dict[str, Any] = field(default_factory=dict)

    @property
    def eligible(self) -> bool:
        return self.result != "refused"

    @property
    def monthly_total(self) -> int:
        return self.monthly_amount + self.child_package


# ---------------------------------------------------------------- dates


def quarter_start(d: date) -> date:
    return date(d.year, 3 * ((d.month - 1) // 3) + 1, 1)


def previous_quarter_start(d: date) -> date:
    return quarter_start(quarter_start(d) - timedelta(days=1))


def quarter_end(d: date) -> date:
    start = quarter_start(d)
    after = date(start.year + (start.month == 10), (start.month + 2) % 12 + 1, 1)
    return after - timedelta(days=1)


def _add_months(d: date, months: int) -> date:
    index = d.month - 1 + months
    year, month = d.year + index // 12, index % 12 + 1
    for day in (d.day, 30, 29, 28):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


# ---------------------------------------------------------------- reading figures


@lru_cache(maxsize=65536)
def _lookup(path: str, on: date, region: str | None) -> ParameterValue:
    # Cached: many families share a date, and the files do not change within a process.
    return lookup(path, on, region)


@lru_cache(maxsize=256)
def _reference(path: str) -> str | None:
    ref = meta(path).reference
    return ref.title if ref else None


class _Reader:
    """Reads parameters for one decision, applying what-if changes, and remembers each read."""

    __slots__ = ("on", "changes", "read")

    def __init__(self, on: date, changes: Iterable[ParameterChange] = ()) -> None:
        self.on = on
        self.changes = {c.path: c for c in changes if c.start <= on}
        self.read: list[ParameterValue] = []

    def in_force(self, path: str) -> bool:
        """Whether ``path`` has a value on the application date (without reading it into the trace)."""
        if path in self.changes:
            return True
        try:
            _lookup(path, self.on, None)
        except ParameterError:
            return False
        return True

    def get(self, path: str, at: date | None = None, region: str | None = None) -> Any:
        change = self.changes.get(path)
        try:
            found = change.as_parameter if change else _lookup(path, at or self.on, region)
        except ParameterError as exc:
            raise NoRulesInForce(self.on, str(exc), path) from exc
        self.read.append(found)
        return found.value


@lru_cache(maxsize=256)
def _quarter_name(start: date) -> Any:
    return quarter_name(start)


@lru_cache(maxsize=256)
def _median_path(region: str) -> str:
    path = f"tsa.median_income.{region}"
    try:
        meta(path)
    except UnknownParameter:
        return "tsa.median_income.national"
    return path


def _round_half_up(x: Fraction) -> int:
    return math.floor(x + Fraction(1, 2))


def _decimal(x: Fraction, places: str = "0.01") -> Decimal:
    return (Decimal(x.numerator) / Decimal(x.denominator)).quantize(Decimal(places), rounding=ROUND_HALF_UP)


# ---------------------------------------------------------------- the rules


def assess(case: TsaCase, on: date, changes: Iterable[ParameterChange] = (),
           waived: Iterable[str] = ()) -> Assessment:
    """The decision in figures and reason codes, without sentences (see ``decide``).

    ``waived``: failed checks an appeal overturned; the family is assigned what the rules give without
    them (the monthly amount never below 0: an income at the line leaves the child package alone)."""
    waived = frozenset(waived)
    if on < RULES_START:
        raise NoRulesInForce(on, f"the rules start with applications on {RULES_START.isoformat()}")
    read = _Reader(on, changes)
    out = Assessment(on=on, result="refused", read=read.read)
    previous = previous_quarter_start(on)
    quarter = _quarter_name(previous)

    family = _family(case, read, out)
    line = _poverty_line(case, read, out, previous, quarter)
    _income(family, read, out, line, quarter)
    children_ages = [age_on(m.birth_date, on) for m in family]
    majority: int = read.get("identity.age_of_majority")
    has_disabled_child = any(m.disabled_child and a < majority for m, a in zip(family, children_ages, strict=True))
    _property(case, read, out, has_disabled_child)
    _bars(case, read, out)
    conditional = _conditions(family, children_ages, majority, read, out)

    if not any(not f.passed and f.code not in waived for f in out.findings):
        out.result = "eligible_conditional" if conditional else "eligible_unconditional"
        _amounts(case, family, read, out)
    return out


def _family(case: TsaCase, read: _Reader, out: Assessment) -> list[Member]:
    relations = read.get("tsa.family.relations_counted")
    family = []
    for m in case.members:
        if m.relation not in relations:
            why = "relation"
        elif not m.same_address and m.relation != "applicant":
            why = "address"
        else:
            family.append(m)
            continue
        out.findings.append(Finding("tsa_member_not_counted", True, {
            "name": m.label, "relation": RELATIONS[m.relation], "why": NOT_COUNTED_WHY[why]},
            "tsa.family.relations_counted"))
    out.family_size = len(family)
    out.findings.append(Finding("tsa_family_counted", True, {
        "count": len(family), "names": names([m.label for m in family])}, "tsa.family.relations_counted"))
    return family


def _poverty_line(case: TsaCase, read: _Reader, out: Assessment, previous: date, quarter: Any) -> Decimal:
    share = Decimal(read.get("tsa.poverty_line.sm_share"))
    sm = Decimal(read.get("economy.subsistence_minimum", previous, case.region))
    floor = share * sm
    if not read.in_force("tsa.poverty_line.median_share"):
        line = floor
        out.findings.append(Finding("tsa_poverty_line_sm", True, {
            "share": share, "sm": sm, "quarter": quarter, "line": line}, "tsa.poverty_line.sm_share"))
    else:
        m_share = Decimal(read.get("tsa.poverty_line.median_share"))
        median = Decimal(read.get(_median_path(case.region), previous))
        by_median = m_share * median
        line = max(by_median, floor)
        out.figures.update(median_income=median, median_share=m_share, line_by_median=by_median)
        out.findings.append(Finding("tsa_poverty_line_median", True, {
            "median_share": m_share, "median": median, "by_median": by_median, "share": share, "sm": sm,
            "floor": floor, "quarter": quarter, "line": line}, "tsa.poverty_line.median_share"))
    out.line = line
    out.figures.update(subsistence_minimum=sm, sm_share=share, line_floor=floor, poverty_line=line,
                       income_quarter=previous)
    return line


def _income(family: list[Member], read: _Reader, out: Assessment, line: Decimal, quarter: Any) -> None:
    kinds = read.get("tsa.income_kinds")
    counted_kinds, excluded_kinds = kinds["counted"], kinds["excluded"]
    total = Decimal(0)
    excluded = Decimal(0)
    excluded_seen: list[str] = []
    for m in family:
        for kind, amount in m.incomes.items():
            if kind in counted_kinds:
                total += amount
            elif kind in excluded_kinds:
                excluded += amount
                if kind not in excluded_seen:
                    excluded_seen.append(kind)
            else:
                raise IncomeKindNotRuled(kind, read.on)
    n = len(family)
    per_capita = Fraction(total) / (3 * n)
    line_f = Fraction(line)
    out.total_income = total
    out.per_capita = per_capita
    out.figures.update(family_size=n, total_income=total, excluded_income=excluded,
                       per_capita_income=per_capita)
    if excluded_seen:
        out.findings.append(Finding("tsa_incomes_excluded", True, {
            "kinds": {lang: ", ".join(INCOME_KINDS[k][lang] for k in excluded_seen) for lang in ("kk", "ru", "en")},
            "excluded": excluded}, "tsa.income_kinds"))
    params = {"quarter": quarter, "total": total, "count": n, "per_capita": per_capita, "line": line}
    if per_capita < line_f:
        out.findings.append(Finding("tsa_income_below_line", True, params, "tsa.income_kinds"))
        return
    out.findings.append(Finding("tsa_income_not_below_line", False, params, "tsa.poverty_line.sm_share"))
    # The largest whole-tenge total strictly below the line: total < 3·n·line.
    max_total = math.ceil(3 * n * line_f) - 1
    reduce_by = math.ceil(Fraction(total) - max_total)
    out.changes.append(Finding("tsa_change_income", False, {
        "quarter": quarter, "reduce_by": reduce_by, "max_total": max_total}, "tsa.income_kinds"))
    out.changes.append(Finding("tsa_change_rule", False, {
        "per_capita": per_capita, "line": line}, "tsa.poverty_line.sm_share"))
    out.figures.update(max_total_income=max_total, income_reduction_needed=reduce_by)


def _property(case: TsaCase, read: _Reader, out: Assessment, has_disabled_child: bool) -> None:
    homes, cars = case.property.homes, case.property.cars
    max_homes: int = read.get("tsa.property.max_homes")
    max_cars: int = read.get("tsa.property.max_cars")
    over_homes, over_cars = homes > max_homes, cars > max_cars
    if not (over_homes or over_cars):
        out.findings.append(Finding("tsa_property_within_rule", True, {"homes": homes, "cars": cars},
                                    "tsa.property.max_cars"))
        return
    if has_disabled_child and read.get("tsa.property.disabled_child_exempts"):
        out.findings.append(Finding("tsa_property_disabled_child_exempts", True, {"homes": homes, "cars": cars},
                                    "tsa.property.disabled_child_exempts"))
        return
    if over_homes:
        out.findings.append(Finding("tsa_property_too_many_homes", False, {"homes": homes, "max_homes": max_homes},
                                    "tsa.property.max_homes"))
        out.changes.append(Finding("tsa_change_homes", False, {"max_homes": max_homes}, "tsa.property.max_homes"))
    if over_cars:
        out.findings.append(Finding("tsa_property_car", False, {"cars": cars, "max_cars": max_cars},
                                    "tsa.property.max_cars"))
        out.changes.append(Finding("tsa_change_car", False, {"max_cars": max_cars}, "tsa.property.max_cars"))


_BAR_PARAMETERS = {"job_offer_refused": "tsa.bars.job_offer_refused_months",
                   "false_information": "tsa.bars.false_information_months"}


def _bars(case: TsaCase, read: _Reader, out: Assessment) -> None:
    for sanction in case.sanctions:
        if sanction.decided_on > read.on:
            continue
        path = _BAR_PARAMETERS[sanction.kind]
        months: int = read.get(path, sanction.decided_on)
        until = _add_months(sanction.decided_on, months)
        if read.on < until:
            out.findings.append(Finding("tsa_barred", False, {
                "on": sanction.decided_on, "sanction": sanction.reason or SANCTIONS[sanction.kind], "months": months,
                "until": until}, path))
            out.changes.append(Finding("tsa_change_bar", False, {"until": until}, path))


def _conditions(family: list[Member], ages: list[int], majority: int, read: _Reader, out: Assessment) -> bool:
    """Whether the assistance is conditional; fails each able-bodied adult in no employment measure."""
    groups_path, measures = "tsa.able_bodied.disability_groups_not_able", "tsa.able_bodied.measures_counted"
    able: list[Member] = []
    excused: list[tuple[str, str]] = []

    def excuse(m: Member, why: str, cites: str) -> None:
        excused.append((m.label, why))
        out.findings.append(Finding("tsa_member_exempt", True, {"name": m.label, "why": EXEMPTIONS[why]}, cites))

    for m, age in zip(family, ages, strict=True):
        if age < majority:
            continue
        if m.exemption == "disability" and m.disability_group in read.get(groups_path):
            excuse(m, "disability", groups_path)
        elif m.exemption in ("pension_age", "full_time_student"):
            excuse(m, m.exemption, measures)
        else:
            able.append(m)
    # A carer counts as able-bodied, but one carer per family is excused from the measures: the
    # assistance is unconditional when that carer is the only able-bodied adult.
    carer = next((m for m in able if m.exemption in CARING), None)
    if carer is not None:
        excuse(carer, carer.exemption or "caring_elderly", measures)
    required = [m for m in able if m is not carer]
    out.figures.update(able_bodied=[m.id for m in able], required_in_measures=[m.id for m in required])
    measures = "tsa.able_bodied.measures_counted"
    if not required:
        why = {lang: "; ".join(f"{label}: {EXEMPTIONS[key][lang]}" for label, key in excused)
               or EXEMPTIONS["minor"][lang] for lang in ("kk", "ru", "en")}
        out.findings.append(Finding("tsa_unconditional", True, {"why": why}, measures))
        return False
    counted = read.get(measures)
    out.findings.append(Finding("tsa_conditional", True, {"names": names([m.label for m in required])}, measures))
    for m in required:
        if m.employment in counted:
            out.findings.append(Finding("tsa_member_in_measures", True, {
                "name": m.label, "employment": EMPLOYMENT[m.employment]}, measures))
        else:
            out.findings.append(Finding("tsa_member_not_in_measures", False, {"name": m.label}, measures))
            out.changes.append(Finding("tsa_change_measures", False, {"name": m.label}, measures))
    return True


def _child_package(family: list[Member], month: date, read: _Reader) -> tuple[int, dict[str, Any]]:
    age_from: int = read.get("tsa.child_package.age_from_years")
    age_to: int = read.get("tsa.child_package.age_to_years")
    children = sum(1 for m in family if age_from <= age_on(m.birth_date, month) <= age_to)
    if not children:
        return 0, {"children": 0}
    per_child = Fraction(Decimal(read.get("tsa.child_package.mci_per_child")))
    if not per_child:
        return 0, {"children": children}
    mci = _benefit_mci(read)
    amount = _round_half_up(children * per_child * mci)
    return amount, {"children": children, "age_from": age_from, "age_to": age_to,
                    "mci_per_child": _decimal(per_child, "0.001").normalize(), "mci": mci, "amount": amount}


def _benefit_mci(read: _Reader) -> int:
    # TODO(economy.mci_benefits): the benefit MCI (3,180 from 2022-04-01 while the tax MCI kept
    # 3,063) is added by another change; until it lands the tax MCI stands in, which differs
    # only from 2022-04-01 to 2022-12-31, before the cash child package began.
    try:
        return int(read.get("economy.mci_benefits"))
    except NoRulesInForce as exc:
        if not isinstance(exc.__cause__, UnknownParameter):
            raise
        return int(read.get("economy.mci"))


def _amounts(case: TsaCase, family: list[Member], read: _Reader, out: Assessment) -> None:
    assert out.per_capita is not None and out.line is not None
    n = len(family)
    exact = (Fraction(out.line) - out.per_capita) * n
    out.monthly_amount = max(0, _round_half_up(exact))
    out.figures.update(monthly_amount_exact=exact, monthly_amount=out.monthly_amount)
    out.findings.append(Finding("tsa_monthly_amount", True, {
        "line": out.line, "per_capita": out.per_capita, "count": n, "amount": out.monthly_amount},
        "tsa.poverty_line.sm_share"))
    month = out.on.replace(day=1)
    out.child_package, package = _child_package(family, month, read)
    out.figures.update(children_in_package=package["children"], child_package=out.child_package)
    if out.child_package:
        out.findings.append(Finding("tsa_child_package", True, package, "tsa.child_package.mci_per_child"))
    read.get("tsa.assignment_period")
    out.period_from, out.period_to = month, quarter_end(out.on)
    out.months = out.period_to.month - month.month + 1
    out.figures.update(period_from=out.period_from, period_to=out.period_to, months=out.months)
    out.findings.append(Finding("tsa_period", True, {
        "start": out.period_from, "end": out.period_to, "months": out.months}, "tsa.assignment_period"))


def monthly_child_package(case: TsaCase, month: date, on: date | None = None) -> int:
    """The child package for the month starting ``month``: ages taken on that day, figures of ``on``."""
    read = _Reader(on or month)
    family = [m for m in case.members
              if m.relation in read.get("tsa.family.relations_counted")
              and (m.same_address or m.relation == "applicant")]
    return _child_package(family, month.replace(day=1), read)[0]


# ---------------------------------------------------------------- the explained decision


def _shown(params: dict[str, Any]) -> dict[str, Any]:
    """Exact fractions (per-capita income) as decimals to the tiyn, for sentences and JSON."""
    return {k: _decimal(v) if isinstance(v, Fraction) else v for k, v in params.items()}


def decide(case: TsaCase, on: date, changes: Iterable[ParameterChange] = (),
           waived: Iterable[str] = ()) -> TsaDecision:
    """The decision with its reasons in kk/ru/en, legal references, what would change it, and a trace;
    ``waived`` as in ``assess`` (a waived check is still told, as passed by the appeal's decision)."""
    waived = frozenset(waived)
    ev = Evaluation(on)
    try:
        found = assess(case, on, changes, waived)
    except NoRulesInForce as exc:
        if exc.path is None:
            ev.fail("tsa_no_rules_in_force", on=on, start=RULES_START,
                    reference=_reference("tsa.poverty_line.sm_share"))
        else:
            ev.note(exc.path, None, exc.detail)
            ev.fail("tsa_figure_not_in_force", on=on, name=exc.path, reference=_reference(exc.path))
        d = ev.decide()
        return TsaDecision(**dict(d), result="refused")
    for pv in found.read:
        ref = _reference(pv.path)
        ev.trace.append(TraceStep(name=pv.path, value=plain(pv.value),
                                  source=pv.source() + (f"; {ref}" if ref else "")))
        if pv.unconfirmed and pv.path not in ev.unconfirmed:
            ev.unconfirmed.append(pv.path)
    figures = {name: _decimal(v, "0.0001" if name == "monthly_amount_exact" else "0.01") if isinstance(v, Fraction)
               else v for name, v in found.figures.items()}
    for name, v in figures.items():
        ev.note(name, v, "computed")
    ev.figure(**figures)
    for f in found.findings:
        (ev.ok if f.passed or f.code in waived else ev.fail)(f.code, reference=_reference(f.cites) if f.cites else None,
                                         **_shown(f.params))
    d = ev.decide()
    changes_out = [reason(c.code, **_shown(c.params)) for c in found.changes]
    for c, r in zip(found.changes, changes_out, strict=True):
        title = _reference(c.cites) if c.cites else None
        r.reference = LegalReference.of(title) if title is not None else None
    return TsaDecision(**dict(d), result=found.result, monthly_amount=found.monthly_amount,
                       child_package=found.child_package, period_from=found.period_from,
                       period_to=found.period_to, months=found.months, changes=changes_out)
