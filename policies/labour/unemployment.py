"""Unemployed status and the social payment for loss of work (the unemployment benefit).

Who may register (``job_seeker_registration``): a living person of at least
``labour.unemployment.minimum_age``. Anyone may look for work, the employed included.

Who may be unemployed (``unemployed_status``): a job seeker to whom none of the dated
exclusions in ``labour.unemployment.exclusions`` applies on the date: an active employment
contract (contracts registry), an age pension or full-time study (population registry), an
entrepreneur registration (businesses registry). The list is unconfirmed (DOMAIN.md). A status
granted on the date stands ``labour.job_seeker.unemployed_status_months`` (the figure
``status_valid_until``, the last day), whoever grants it: the rules, or an appeal over them.

The benefit (``unemployment_benefit``), State Social Insurance Fund:

- needs active unemployed status on the date, and social contributions in at least
  ``minimum_contribution_months`` of the ``contribution_window_months`` calendar months
  before the month the work was lost, whatever the reason the work ended;
- amount a month = average monthly income × replacement coefficient (in force on the
  decision date: 0.30 to 2017, 0.40 2018-2022, 0.45 from 2023) × participation coefficient
  (by months of contributions over the whole career), rounded to whole tenge, halves up;
- the average monthly income is the income contributions were paid on in the window,
  divided by the window's length (months without contributions count as zero), capped at
  ``average_income_cap_mw`` minimum wages [unconfirmed];
- duration in months by months of contributions over the career (1 to 6) [unconfirmed];
- paid from the later of the application date and the date unemployed status was granted,
  one payment per month of the period; the workflow stops payments on a new contract.

Career months are the distinct calendar months with contributions before the month the work
was lost; two employers in one month count once, and their incomes add up.
"""

from __future__ import annotations

from calendar import monthrange
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from pydantic import BaseModel, Field, field_validator, model_validator

from policies.decision import Decision, Text
from policies.identity import age_on
from policies.labour.evaluation import LabourEvaluation
from policies.labour.texts import EXCLUSIONS
from policies.parameters import lookup
from policies.texts import join

__all__ = [
    "JobSeekerFacts",
    "ContributionPeriod",
    "UnemploymentBenefitCase",
    "PaymentPeriod",
    "BenefitDecision",
    "job_seeker_registration",
    "unemployed_status",
    "unemployment_benefit",
    "participation_coefficient",
    "benefit_duration_months",
    "add_months",
]

BENEFIT = "labour.benefit"
UNEMPLOYMENT = "labour.unemployment"
JOB_SEEKER = "labour.job_seeker"
ONE_TENGE = Decimal("1")
NO_EMPLOYER: Text = {"kk": "жұмыс беруші көрсетілмеген", "ru": "работодатель не указан",
                     "en": "employer not named"}


# Where each exclusion's fact comes from (named in the trace).
_EXCLUSION_SOURCES = {
    "active_employment_contract": "contracts registry (e-employment record)",
    "pensioner_by_age": "population registry",
    "full_time_student": "population registry",
    "registered_entrepreneur": "businesses registry",
}


class JobSeekerFacts(BaseModel):
    """What the registries say on the date: population, contracts and businesses registries."""

    birth_date: date
    deceased: bool = False
    active_employment_contract: bool = False
    employer: str | None = Field(default=None, description="name or BIN of the active contract's employer")
    pensioner_by_age: bool = False
    full_time_student: bool = False
    registered_entrepreneur: bool = False

    def excluded_by(self, code: str) -> bool:
        # A new exclusion code in the parameters needs its fact here first: fail loudly, never skip it.
        if code not in _EXCLUSION_SOURCES:
            raise ValueError(f"no registry fact for the exclusion {code!r}")
        return bool(getattr(self, code))


def _age_check(ev: LabourEvaluation, facts: JobSeekerFacts) -> None:
    ev.note("birth_date", facts.birth_date, "population registry")
    if facts.deceased:
        ev.fail("job_seeker_deceased")
        return
    minimum_age = int(ev.param(f"{UNEMPLOYMENT}.minimum_age"))
    age = age_on(facts.birth_date, ev.on)
    ev.figure(age=age, minimum_age=minimum_age)
    if age < minimum_age:
        ev.fail("job_seeker_age_below_minimum", age=age, minimum_age=minimum_age, on=ev.on)
    else:
        ev.ok("job_seeker_age_ok", age=age, on=ev.on)


def job_seeker_registration(facts: JobSeekerFacts, on: date) -> Decision:
    """May this person register as a job seeker? The employed may (they are told they cannot be unemployed)."""
    ev = LabourEvaluation(on)
    _age_check(ev, facts)
    if not ev.failed and facts.active_employment_contract:
        ev.ok("job_seeker_employed")
    return ev.decide()


def unemployed_status(facts: JobSeekerFacts, on: date) -> Decision:
    """May this person be registered as unemployed on ``on``? Each exclusion that applies is a reason."""
    ev = LabourEvaluation(on)
    _age_check(ev, facts)
    if facts.deceased:  # no status, and no term of one
        return ev.decide()
    _exclusions(ev, facts, on)
    # The term of a status granted on the date, by the rules or by an appeal over them (read either way).
    months = int(ev.param(f"{JOB_SEEKER}.unemployed_status_months"))
    ev.figure(status_months=months, status_valid_until=add_months(on, months))
    return ev.decide()


def _exclusions(ev: LabourEvaluation, facts: JobSeekerFacts, on: date) -> None:
    exclusions: list[str] = list(ev.param(f"{UNEMPLOYMENT}.exclusions"))
    applying = [code for code in exclusions if facts.excluded_by(code)]
    for code in exclusions:
        ev.note(f"exclusion.{code}", facts.excluded_by(code), _EXCLUSION_SOURCES[code])
    for code in applying:
        params: dict[str, Any] = {"on": on}
        if code == "active_employment_contract":
            params["employer"] = facts.employer or NO_EMPLOYER
        ev.fail(f"unemployed_excluded_{code}", **params)
    if not applying:
        ev.ok("unemployed_no_exclusion", on=on, checked=join([EXCLUSIONS[c] for c in exclusions], ", "))
    ev.figure(exclusions_checked=exclusions, exclusions_applying=applying)


# ---------------------------------------------------------------- the benefit


def _first_of_month(d: date) -> date:
    return d.replace(day=1)


def add_months(d: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day when it is shorter (31 Jan + 1 = 28/29 Feb)."""
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(d.day, monthrange(year, month + 1)[1]))


class ContributionPeriod(BaseModel):
    """Months in which social contributions were paid on ``income`` a month (from the social insurance registry)."""

    month_from: date
    month_to: date | None = None
    income: Decimal = Field(ge=0, description="the income contributions were paid on, tenge a month")

    @field_validator("month_from", "month_to")
    @classmethod
    def _month(cls, v: date | None) -> date | None:
        return None if v is None else _first_of_month(v)

    @model_validator(mode="after")
    def _ordered(self) -> ContributionPeriod:
        if self.month_to is not None and self.month_to < self.month_from:
            raise ValueError("month_to is before month_from")
        return self

    def months(self) -> list[date]:
        last = self.month_to or self.month_from
        found, current = [], self.month_from
        while current <= last:
            found.append(current)
            current = add_months(current, 1)
        return found


class UnemploymentBenefitCase(BaseModel):
    job_lost_on: date
    unemployed_since: date | None = Field(default=None, description="when unemployed status was granted; "
                                          "None when the person has no active status")
    applied_on: date | None = Field(default=None, description="the application date; the decision date if absent")
    contributions: list[ContributionPeriod] = Field(default_factory=list)

    def monthly_incomes(self) -> dict[date, Decimal]:
        incomes: dict[date, Decimal] = {}
        for period in self.contributions:
            for month in period.months():
                incomes[month] = incomes.get(month, Decimal(0)) + period.income
        return incomes


class PaymentPeriod(BaseModel):
    """One monthly payment: the period it covers (its start is the payment's idempotency anchor)."""

    number: int
    starts_on: date
    ends_on: date
    amount: Decimal


class BenefitDecision(Decision):
    """A Decision with the award spelled out; zero and empty when the outcome is not eligible."""

    amount: Decimal = Decimal(0)
    duration_months: int = 0
    starts_on: date | None = None
    ends_on: date | None = None
    payments: list[PaymentPeriod] = Field(default_factory=list)


def _bracket(table: list[dict[str, Any]], months: int, key: str) -> Any:
    found = None
    for row in sorted(table, key=lambda r: int(r["from_months"])):
        if months >= int(row["from_months"]):
            found = row[key]
    return found


def participation_coefficient(ev: LabourEvaluation, career_months: int) -> Decimal:
    """The table's bracket, then the increment for long careers; 0 below the table's first row."""
    table = ev.param(f"{BENEFIT}.participation_coefficients")
    found = _bracket(table, career_months, "coefficient")
    if found is None:
        return Decimal(0)
    coefficient = Decimal(str(found))
    increment = ev.param(f"{BENEFIT}.participation_increment")
    start, every = int(increment["from_months"]), int(increment["every_months"])
    if career_months >= start:
        steps = (career_months - start) // every + 1
        coefficient += steps * Decimal(str(increment["step"]))
        coefficient = min(coefficient, Decimal(str(increment["maximum"])))
    return coefficient


def benefit_duration_months(ev: LabourEvaluation, career_months: int) -> int:
    found = _bracket(ev.param(f"{BENEFIT}.duration_months"), career_months, "months")
    return 0 if found is None else int(found)


def unemployment_benefit(case: UnemploymentBenefitCase, on: date) -> BenefitDecision:
    """Eligibility, amount, duration and payment periods of the payment for loss of work on ``on``."""
    ev = LabourEvaluation(on)
    applied_on = case.applied_on or on
    ev.note("job_lost_on", case.job_lost_on, "application / contracts registry")
    ev.note("unemployed_since", case.unemployed_since, "standing unemployed status")
    if case.unemployed_since is None or case.unemployed_since > on:
        ev.fail("benefit_not_unemployed", on=on)
    if case.job_lost_on > on:
        ev.fail("benefit_job_loss_after_application", job_lost_on=case.job_lost_on, on=on)
        return _decide(ev)

    window = int(ev.param(f"{BENEFIT}.contribution_window_months"))
    minimum = int(ev.param(f"{BENEFIT}.minimum_contribution_months"))
    loss_month = _first_of_month(case.job_lost_on)
    window_from = add_months(loss_month, -window)
    window_to = loss_month - timedelta(days=1)
    incomes = {m: v for m, v in case.monthly_incomes().items() if v > 0 and m < loss_month}
    in_window = {m: v for m, v in incomes.items() if m >= window_from}
    months = len(in_window)
    career_months = len(incomes)
    ev.note("contribution_months_in_window", months, f"{window_from.isoformat()}..{window_to.isoformat()}, "
            "social insurance registry")
    ev.note("career_contribution_months", career_months, "social insurance registry, before the month of loss")
    ev.figure(window_from=window_from, window_to=window_to, contribution_months=months,
              career_months=career_months, minimum_contribution_months=minimum)
    window_params = dict(months=months, window=window, window_from=window_from, window_to=window_to,
                         minimum=minimum)
    if months < minimum:
        ev.fail("benefit_contributions_too_few", **window_params)
        return _decide(ev)
    ev.ok("benefit_contributions_enough", **window_params)
    if ev.failed:
        # No status: say whether the contributions would do, but quote no amount or period.
        return _decide(ev)

    total = sum(in_window.values(), Decimal(0))
    average = (total / window).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    ev.note("average_monthly_income", average, f"income in the window ÷ {window}")
    ev.ok("benefit_average_income", total=total, window=window, average=average)
    income = average
    cap_mw = Decimal(str(ev.param(f"{BENEFIT}.average_income_cap_mw")))
    minimum_wage = Decimal(str(ev.param("economy.minimum_wage")))
    cap = cap_mw * minimum_wage
    if average > cap:
        income = cap
        ev.ok("benefit_average_income_capped", average=average, cap_mw=cap_mw, cap=cap,
              minimum_wage=minimum_wage, on=on)

    replacement = Decimal(str(ev.param(f"{BENEFIT}.replacement_coefficient")))
    replacement_from = lookup(f"{BENEFIT}.replacement_coefficient", on).effective_from
    participation = participation_coefficient(ev, career_months)
    duration = benefit_duration_months(ev, career_months)
    amount = (income * replacement * participation).quantize(ONE_TENGE, rounding=ROUND_HALF_UP)
    ev.note("participation_coefficient", participation, "by career months")
    ev.note("amount", amount, "income × replacement × participation, whole tenge, halves up")
    ev.ok("benefit_participation", career_months=career_months, coefficient=participation, duration=duration)
    ev.ok("benefit_amount", income=income, replacement=replacement,
          replacement_from=replacement_from, participation=participation, amount=amount)

    starts_on = max(applied_on, case.unemployed_since or applied_on)
    ends_on = add_months(starts_on, duration) - timedelta(days=1)
    payments = [PaymentPeriod(number=i + 1, starts_on=add_months(starts_on, i),
                              ends_on=add_months(starts_on, i + 1) - timedelta(days=1), amount=amount)
                for i in range(duration)]
    ev.ok("benefit_period", starts_on=starts_on, ends_on=ends_on, duration=duration)
    ev.figure(average_income=average, income_used=income, income_cap=cap, replacement_coefficient=replacement,
              participation_coefficient=participation, amount=amount, duration_months=duration,
              starts_on=starts_on, ends_on=ends_on)
    return _decide(ev, amount=amount, duration_months=duration, starts_on=starts_on, ends_on=ends_on,
                   payments=payments)


def _decide(ev: LabourEvaluation, **award: Any) -> BenefitDecision:
    decision = ev.decide()
    if not decision.is_eligible:
        award = {}
    return BenefitDecision(**decision.model_dump(), **award)
