"""Special tax regimes for people working for themselves: who may use which, and what they pay.

Legal history (each figure is a dated parameter under ``parameters/self_employed/``):

- 2019-01-01 .. 2023-12-31, single aggregate payment (Tax Code 2017, ch. 77-1): not an
  entrepreneur, no employees, income up to 1,175 MCI a year; pays 1 MCI a month in a town or
  city (the capital, cities of republican, regional and district significance), 0.5 MCI in a
  village, split 30% pension / 10% income tax / 20% social / 40% medical.
- 2024-01-01 .. 2025-12-31, mobile-app regime (Tax Code 2017, art. 683-1): income up to
  3,528 MCI a year, no employees, a listed activity; 1% income tax plus social payments
  (their base is unconfirmed: 1% each of income here, a tax-authority notice says the MW).
- From 2026-01-01 (Tax Code No. 214-VIII): the self-employed regime (not an entrepreneur,
  no employees, an activity of Government Decree No. 994, income up to 300 MCI a month; 0%
  income tax and 1% each for pension, employer pension, social and medical) and the
  simplified declaration, a regime for entrepreneurs (income up to 600,000 MCI a year; 4% tax
  on income; the entrepreneur's own pension, employer pension and social contributions on the
  income he declares for himself, between floors and ceilings in minimum wages; health
  insurance on 1.4 minimum wages).

Every ceiling and every payment in MCI takes the tax MCI of 1 January (``policies.economy``).
An active entrepreneur may choose a regime for entrepreneurs: that is a change of regime,
not a new registration (``registration_kind``).

Errors: ``RegimeNotInForce`` (ValueError) when payments are asked for a regime that does not
exist on the date; eligibility never raises for that, it answers ``regime_not_in_force``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import Any, Literal

from pydantic import BaseModel, Field

from policies.decision import Decision, LegalReference, Reason, Text, TraceStep
from policies.economy import mci, read_minimum_wage, read_tax_mci, tax_mci_date
from policies.evaluation import Evaluation
from policies.parameters import load_data, value
from policies.references import act
from policies.texts import (
    ACTIVITY_NOT_LISTED,
    BASE_KINDS,
    NONE,
    PAYMENT_PARTS,
    PER,
    SETTLEMENTS,
    format_rate,
    format_tenge,
    join,
    reason,
)

__all__ = [
    "Regime",
    "Activity",
    "SelfEmployedCase",
    "SocialPayments",
    "PaymentPart",
    "RegimeNotInForce",
    "regimes_in_force",
    "regime",
    "permitted_activities",
    "regime_eligibility",
    "registration_kind",
    "RegistrationKind",
    "monthly_social_payments",
]

CeilingPeriod = Literal["month", "half_year", "year"]
# Months in each ceiling period: the monthly income is multiplied by it to meet the ceiling.
PERIOD_MONTHS: dict[str, int] = {"month": 1, "half_year": 6, "year": 12}
ONE_TENGE = Decimal("1")


class RegimeNotInForce(ValueError):
    def __init__(self, code: str, on: date) -> None:
        super().__init__(f"regime {code!r} is not in force on {on.isoformat()}")
        self.code = code
        self.on = on


class Regime(BaseModel):
    code: str
    title: Text
    valid_from: date
    valid_to: date | None = None
    income_ceiling_mci: Decimal
    ceiling_period: CeilingPeriod
    income_ceiling_tenge: Decimal
    """The ceiling in tenge for its own period (a month or a year), at the MCI in force on the date asked."""
    income_ceiling_monthly_tenge: Decimal
    not_entrepreneur: bool
    no_employees: bool
    has_activity_list: bool
    reference: str
    legal: LegalReference | None = None
    """The act the citizen reads beside each reason about this regime."""


class Activity(BaseModel):
    code: str
    title: Text


class SelfEmployedCase(BaseModel):
    regime: str
    activity_code: str
    monthly_income: Decimal = Field(ge=0, description="expected income a month, tenge")
    active_entrepreneur: bool = False
    has_employees: bool = False
    # The key names are kept for recorded histories: "capital_or_major_city" is any city or town
    # (the capital, cities of republican, regional and district significance), "other" a village.
    settlement: Literal["capital_or_major_city", "other"] = "capital_or_major_city"
    declared_monthly_income: Decimal | None = Field(
        default=None, ge=0,
        description="simplified declaration: the monthly income the entrepreneur declares for his own social "
                    "payments (the minimum-wage floor when not given); not the turnover")


BaseKind = Literal["income", "declared_income", "minimum_wage_floor", "minimum_wage_ceiling",
                   "minimum_wage_multiple", "fixed_payment", "not_due"]


class PaymentPart(BaseModel):
    """One part of the monthly payments: the amount, its base, what the base is, and the rate."""

    amount: Decimal
    rate: Decimal
    base: Decimal
    base_kind: BaseKind
    kind: Literal["tax", "social"]


class SocialPayments(BaseModel):
    regime: str
    decided_on: date
    total: Decimal
    parts: dict[str, Decimal]
    basis: Literal["rate_of_income", "fixed_mci", "declared_income"]
    reasons: list[Reason]
    trace: list[TraceStep]
    unconfirmed: list[str] = Field(default_factory=list)
    # Added with issue 12; results recorded before it have none.
    breakdown: dict[str, PaymentPart] = Field(default_factory=dict)
    tax: Decimal | None = None
    """The taxes among ``parts`` (income tax), apart from the social payments."""
    social: Decimal | None = None


# ---------------------------------------------------------------- regimes and activities


def _definitions() -> dict[str, dict[str, Any]]:
    return load_data("self_employed/regimes.yaml")["regimes"]


def _spec_on(code: str, on: date) -> dict[str, Any] | None:
    """The definition of ``code`` as it stood on ``on``: its ``editions`` in force by then laid over it.

    A regime that kept its name and its place in the law while its ceiling and its act changed (the
    simplified declaration of the Tax Code 2017, then of the Tax Code 2026) is one regime with editions.
    """
    spec = _definitions().get(code)
    if spec is None:
        return None
    found = {key: item for key, item in spec.items() if key != "editions"}
    for since, edition in sorted((spec.get("editions") or {}).items()):
        if since <= on:
            found.update(edition)
    return found


_LEGAL: dict[tuple[tuple[str, Any], ...], LegalReference | None] = {}


def _legal(spec: dict[str, Any] | None) -> LegalReference | None:
    """The ``legal: {act, article|chapter, unconfirmed}`` of a regime or a list, as a reference (built once)."""
    key = tuple(sorted(((spec or {}).get("legal") or {}).items()))
    if key not in _LEGAL:
        legal = dict(key)
        _LEGAL[key] = act(legal.pop("act"), **legal) if "act" in legal else None
    return _LEGAL[key]


def _regime_legal(code: str, on: date) -> LegalReference | None:
    return _legal(_spec_on(code, on))


def _in_period(on: date, start: date, end: date | None) -> bool:
    return start <= on and (end is None or on <= end)


def _build_regime(code: str, spec: dict[str, Any], on: date) -> Regime:
    ceiling = spec["income_ceiling"]
    ceiling_mci = Decimal(value(ceiling["parameter"], on))
    ceiling_tenge = ceiling_mci * mci(on, "tax").value
    monthly = ceiling_tenge / PERIOD_MONTHS[ceiling["period"]]
    return Regime(
        code=code, title=spec["title"], valid_from=spec["from"], valid_to=spec.get("to"),
        income_ceiling_mci=ceiling_mci, ceiling_period=ceiling["period"],
        income_ceiling_tenge=ceiling_tenge,
        income_ceiling_monthly_tenge=monthly.quantize(ONE_TENGE, rounding=ROUND_HALF_UP),
        not_entrepreneur=spec["not_entrepreneur"], no_employees=spec["no_employees"],
        has_activity_list=spec["activity_list"], reference=spec["reference"]["title"], legal=_legal(spec),
    )


def regime(code: str, on: date) -> Regime | None:
    """The regime ``code`` as it stands on ``on``, or None when it does not exist then."""
    spec = _spec_on(code, on)
    if spec is None or not _in_period(on, spec["from"], spec.get("to")):
        return None
    return _build_regime(code, spec, on)


def regimes_in_force(on: date) -> list[Regime]:
    return [r for code in _definitions() if (r := regime(code, on)) is not None]


def _activity_lists(on: date, regime_code: str | None) -> list[tuple[str, dict[str, Any]]]:
    lists = load_data("self_employed/permitted_activities.yaml")["lists"]
    return [(name, spec) for name, spec in lists.items()
            if _in_period(on, spec["from"], spec.get("to"))
            and (regime_code is None or regime_code in spec["regimes"])]


def permitted_activities(on: date, regime: str | None = None) -> list[Activity]:
    """Activities on a government list in force on ``on`` (only the lists of ``regime`` if given)."""
    names = {name for name, _ in _activity_lists(on, regime)}
    activities = load_data("self_employed/permitted_activities.yaml")["activities"]
    return [Activity(code=code, title=spec["title"]) for code, spec in activities.items()
            if names.intersection(spec["lists"])]


def _activity_title(code: str) -> Text:
    spec = load_data("self_employed/permitted_activities.yaml")["activities"].get(code)
    # An activity described by the applicant ("other") or unknown: named in words, never by its code.
    return spec["title"] if spec else dict(ACTIVITY_NOT_LISTED)


RegistrationKind = Literal["new_registration", "regime_change", "not_admitted"]


def registration_kind(found: Regime, active_entrepreneur: bool) -> RegistrationKind:
    """What choosing ``found`` is for this person.

    - ``regime_change``: an active entrepreneur choosing a regime for entrepreneurs (the simplified
      declaration, the mobile app) notifies the tax authority of a change of regime: no new
      registration, no notice to the business registry;
    - ``not_admitted``: an active entrepreneur choosing a regime for people who are not entrepreneurs
      (self-employed, single aggregate payment);
    - ``new_registration``: anyone else.
    """
    if not active_entrepreneur:
        return "new_registration"
    return "not_admitted" if found.not_entrepreneur else "regime_change"


# ---------------------------------------------------------------- eligibility


def regime_eligibility(case: SelfEmployedCase, on: date) -> Decision:
    """May this person use ``case.regime`` on ``on``? Every failed condition is a reason."""
    ev = Evaluation(on)
    ev.note("regime", case.regime, "application")
    ev.note("monthly_income", case.monthly_income, "application (expected)")
    found = regime(case.regime, on)
    if found is None:
        others = regimes_in_force(on)
        spec = _spec_on(case.regime, on)
        title = spec["title"] if spec else case.regime
        ev.fail("regime_not_in_force", cite=_legal(spec), regime=title, on=on,
                in_force=join([r.title for r in others], ", ") if others else NONE)
        ev.figure(regimes_in_force=[r.code for r in others])
        return ev.decide()
    ev.note("regime.in_force", f"{found.valid_from.isoformat()}..{found.valid_to or ''}", found.reference)
    cite = found.legal
    ev.ok("regime_in_force", cite=cite, regime=found.title, on=on)

    _check_activity(ev, case, found)
    _check_income(ev, case, found)
    if found.not_entrepreneur and case.active_entrepreneur:
        ev.fail("already_entrepreneur", cite=cite, regime=found.title)
    elif case.active_entrepreneur:
        ev.ok("regime_change_for_entrepreneur", cite=cite, regime=found.title)
    ev.figure(registration_kind=registration_kind(found, case.active_entrepreneur))
    if found.no_employees and case.has_employees:
        ev.fail("has_employees", cite=cite, regime=found.title)
    return ev.decide()


def _check_activity(ev: Evaluation, case: SelfEmployedCase, found: Regime) -> None:
    if not found.has_activity_list:
        ev.note("activity_list", None, f"no government list of activities for {found.code}")
        return
    lists = _activity_lists(ev.on, found.code)
    for name, spec in lists:
        ev.note("activity_list", name, f"from {spec['from'].isoformat()}; {spec['reference']['title']}")
    if load_data("self_employed/permitted_activities.yaml").get("unconfirmed"):
        ev.unconfirmed.append("self_employed.permitted_activities")
    permitted = {a.code for a in permitted_activities(ev.on, found.code)}
    title = _activity_title(case.activity_code)
    cite = next((_legal(spec) for _, spec in lists), None)
    if case.activity_code in permitted:
        ev.ok("activity_permitted", cite=cite, activity=title, regime=found.title)
    else:
        ev.fail("activity_not_permitted", cite=cite, activity=title, regime=found.title, on=ev.on)


def _check_income(ev: Evaluation, case: SelfEmployedCase, found: Regime) -> None:
    mci = read_tax_mci(ev)
    definition = _spec_on(found.code, ev.on)
    assert definition is not None, found.code  # found is a regime of the catalogue in force on the day
    spec = definition["income_ceiling"]
    ceiling_mci = Decimal(ev.param(spec["parameter"]))
    period: CeilingPeriod = spec["period"]
    ceiling = ceiling_mci * mci
    income = case.monthly_income * PERIOD_MONTHS[period]
    ev.note("income_in_ceiling_period", income, f"monthly income × {PERIOD_MONTHS[period]}")
    ev.note("ceiling_tenge", ceiling, "ceiling in MCI × MCI")
    ev.figure(mci=mci, ceiling_mci=ceiling_mci, ceiling=ceiling, ceiling_period=period, income=income,
              monthly_income=case.monthly_income, monthly_ceiling=found.income_ceiling_monthly_tenge)
    params: dict[str, Any] = dict(income=income, per=PER[period], ceiling_mci=ceiling_mci, ceiling=ceiling, mci=mci,
                                  on=ev.on, mci_on=tax_mci_date(ev.on))
    if income > ceiling:
        ev.fail("income_above_ceiling", cite=found.legal, **params)
    else:
        ev.ok("income_within_ceiling", cite=found.legal, **params)


# ---------------------------------------------------------------- payments

class _Part(BaseModel):
    """One payment before rounding: its exact amount and where it came from."""

    exact: Decimal
    rate: Decimal
    base: Decimal
    base_kind: BaseKind


PaymentFormula = Callable[[Evaluation, SelfEmployedCase], tuple[str, dict[str, _Part], list[Reason]]]


def _rate_of_income(namespace: str, tax_rate: str, social_parts: tuple[str, ...]) -> PaymentFormula:
    def formula(ev: Evaluation, case: SelfEmployedCase) -> tuple[str, dict[str, _Part], list[Reason]]:
        rates = {"income_tax": Decimal(ev.param(f"{namespace}.{tax_rate}"))}
        for part in social_parts:
            rates[part] = Decimal(ev.param(f"{namespace}.social_payment_rates.{part}"))
        parts = {part: _Part(exact=case.monthly_income * rate, rate=rate, base=case.monthly_income,
                             base_kind="income") for part, rate in rates.items()}
        basis = reason("payment_rate_of_income", cite=_regime_legal(case.regime, ev.on), income=case.monthly_income,
                       rate=sum(rates.values()))
        ev.figure(rates=rates)
        return "rate_of_income", parts, [basis]
    return formula


def _single_aggregate_payment(ev: Evaluation, case: SelfEmployedCase) -> tuple[str, dict[str, _Part], list[Reason]]:
    namespace = "self_employed.single_aggregate_payment"
    mci = read_tax_mci(ev)
    amount_mci = Decimal(ev.param(f"{namespace}.monthly_payment_mci.{case.settlement}"))
    amount = amount_mci * mci
    shares = {part: Decimal(ev.param(f"{namespace}.split.{part}"))
              for part in ("income_tax", "pension", "social", "medical")}
    parts = {part: _Part(exact=amount * share, rate=share, base=amount, base_kind="fixed_payment")
             for part, share in shares.items()}
    basis = reason("payment_fixed_mci", cite=_regime_legal(case.regime, ev.on), settlement=SETTLEMENTS[case.settlement],
                   amount_mci=amount_mci,
                   mci=mci, on=ev.on, mci_on=tax_mci_date(ev.on))
    ev.figure(mci=mci, amount_mci=amount_mci, shares=shares)
    return "fixed_mci", parts, [basis]


def _own_income_base(ev: Evaluation, part: str, income: Decimal, mw: Decimal,
                     floor_taken: bool) -> tuple[Decimal, BaseKind]:
    """The base of one of the entrepreneur's own contributions: his income, held between its MW floor and ceiling.

    ``floor_taken``: the applicant declared no income of his own, so the floor is what he pays on.
    """
    namespace = "self_employed.simplified_declaration.own_income_base"
    floor = Decimal(ev.param(f"{namespace}.{part}_floor_minimum_wages")) * mw
    ceiling = Decimal(ev.param(f"{namespace}.{part}_ceiling_minimum_wages")) * mw
    if income < floor or (floor_taken and income == floor):
        return floor, "minimum_wage_floor"
    if income > ceiling:
        return ceiling, "minimum_wage_ceiling"
    return income, "declared_income"


def _simplified_declaration(ev: Evaluation, case: SelfEmployedCase) -> tuple[str, dict[str, _Part], list[Reason]]:
    """Tax on turnover; the entrepreneur's own social payments on the income he declares for himself.

    - tax: ``tax_rate`` of the month's income (turnover);
    - pension, social and employer pension contributions: a rate of the declared own income, never
      more than the income received, held between floors and ceilings in minimum wages; not due in a
      month without income;
    - health insurance: a rate of a fixed number of minimum wages, due every month.
    """
    namespace = "self_employed.simplified_declaration"
    mw = read_minimum_wage(ev)
    received = case.monthly_income
    declared = case.declared_monthly_income if case.declared_monthly_income is not None else mw
    ev.note("declared_monthly_income", declared,
            "application" if case.declared_monthly_income is not None else "not given: the minimum-wage floor")
    own_income = min(declared, received)
    reasons = []
    if declared > received > 0:
        reasons.append(reason("declared_income_capped", declared=declared, income=received))

    tax_rate = Decimal(ev.param(f"{namespace}.tax_rate"))
    parts = {"income_tax": _Part(exact=received * tax_rate, rate=tax_rate, base=received, base_kind="income")}
    net_of_pension = bool(ev.param(f"{namespace}.own_income_base.social_net_of_pension"))
    for part in ("pension", "employer_pension", "social"):
        rate = Decimal(ev.param(f"{namespace}.social_payment_rates.{part}"))
        if received == 0:
            parts[part] = _Part(exact=Decimal(0), rate=rate, base=Decimal(0), base_kind="not_due")
            continue
        base, kind = _own_income_base(ev, part, own_income, mw, case.declared_monthly_income is None)
        if part == "social" and net_of_pension:
            base -= parts["pension"].exact
        parts[part] = _Part(exact=base * rate, rate=rate, base=base, base_kind=kind)
    medical_rate = Decimal(ev.param(f"{namespace}.social_payment_rates.medical"))
    medical_mw = Decimal(ev.param(f"{namespace}.own_income_base.medical_minimum_wages"))
    parts["medical"] = _Part(exact=medical_mw * mw * medical_rate, rate=medical_rate, base=medical_mw * mw,
                             base_kind="minimum_wage_multiple")
    if received == 0:
        reasons.append(reason("no_income_health_insurance_only"))
    elif own_income < mw:
        reasons.append(reason("declared_income_below_floor", declared=own_income, mw=mw, on=ev.on))
    basis = reason("payment_declared_income", tax_rate=tax_rate, income=received, declared=own_income, mw=mw,
                   on=ev.on, medical_rate=medical_rate, medical_mw=medical_mw)
    ev.figure(minimum_wage=mw, declared_monthly_income=declared, own_income=own_income, tax_rate=tax_rate,
              social_net_of_pension=net_of_pension)
    return "declared_income", parts, [basis, *reasons]


FORMULAS: dict[str, PaymentFormula] = {
    "single-aggregate-payment": _single_aggregate_payment,
    "mobile-app": _rate_of_income("self_employed.mobile_app", "income_tax_rate", ("pension", "social", "medical")),
    "self-employed": _rate_of_income("self_employed.self_employed", "income_tax_rate",
                                     ("pension", "employer_pension", "social", "medical")),
    "simplified-declaration": _simplified_declaration,
}

# Which parts are taxes; every other part is a social payment (pension, social, health insurance).
TAX_PARTS = frozenset({"income_tax"})


def _round_parts(exact: dict[str, Decimal]) -> tuple[Decimal, dict[str, Decimal]]:
    """The total in whole tenge (halves up), split so the parts add up to it exactly.

    Each part is first cut down to whole tenge; the tenge left over go one each to the parts
    with the largest fractions (the first listed on a tie): the largest-remainder method.
    """
    total = sum(exact.values(), Decimal(0)).quantize(ONE_TENGE, rounding=ROUND_HALF_UP)
    parts = {name: amount.quantize(ONE_TENGE, rounding=ROUND_FLOOR) for name, amount in exact.items()}
    left = int(total - sum(parts.values(), Decimal(0)))
    by_fraction = sorted(exact, key=lambda name: exact[name] - parts[name], reverse=True)
    for name in by_fraction[:left]:
        parts[name] += 1
    return total, parts


def _line(part: str, payment: PaymentPart) -> Text:
    """``pension contributions 8,500 ₸ (10% × 85,000 ₸, the minimum-wage floor)`` in each language."""
    return {lang: f"{PAYMENT_PARTS[part][lang]} {format_tenge(payment.amount, lang)} "
                  f"({format_rate(payment.rate, lang)} × {format_tenge(payment.base, lang)}, "
                  f"{BASE_KINDS[payment.base_kind][lang]})"
            for lang in PAYMENT_PARTS[part]}


def monthly_social_payments(case: SelfEmployedCase, on: date) -> SocialPayments:
    """What a payer under ``case.regime`` pays a month on ``on``: tax and social payments by part."""
    if regime(case.regime, on) is None or case.regime not in FORMULAS:
        raise RegimeNotInForce(case.regime, on)
    ev = Evaluation(on)
    ev.note("monthly_income", case.monthly_income, "application (expected)")
    basis, found, basis_reasons = FORMULAS[case.regime](ev, case)
    total, parts = _round_parts({name: part.exact for name, part in found.items()})
    breakdown = {name: PaymentPart(amount=parts[name], rate=part.rate, base=part.base, base_kind=part.base_kind,
                                   kind="tax" if name in TAX_PARTS else "social")
                 for name, part in found.items()}
    for name, amount in parts.items():
        ev.note(f"part.{name}", amount, f"{found[name].rate} x {found[name].base} ({found[name].base_kind}) = "
                f"exact {found[name].exact}; whole tenge, largest-remainder split of the total")
    tax = sum((p.amount for p in breakdown.values() if p.kind == "tax"), Decimal(0))
    lines = join([_line(name, payment) for name, payment in breakdown.items()])
    reasons = [*basis_reasons,
               reason("payment_parts", cite=_regime_legal(case.regime, ev.on), total=total, lines=lines),
               reason("payment_rounding")]
    extra = ev.unconfirmed_reason()
    if extra:
        reasons.append(extra)
    return SocialPayments(regime=case.regime, decided_on=on, total=total, parts=parts, basis=basis,
                          reasons=reasons, trace=ev.trace, unconfirmed=ev.unconfirmed,
                          breakdown=breakdown, tax=tax, social=total - tax)
