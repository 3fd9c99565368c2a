"""The TSA case from what the registries say of each member of the family, never retyped.

The family is the applicant, their spouse and children of the population registry; a member
registered at another address is kept on the case but not counted (the policy says so). For each
member, for the quarter before the quarter of application:
- wages and an entrepreneur's own income from the pension contributions (each month's income);
- pensions and benefits from the social payments registry, by kind;
and, on the application date, whether they work (an active contract of the e-employment record,
or an active entrepreneur: the self-employed count as working) or else take part in employment
promotion on the labour exchange (``participation_of``), their disability group, an age pension, and
the homes and cars of the family. A suitable job offer a member refused on the exchange is a
sanction of the case, its sentence naming the offer. Each income figure keeps the registry it came from.

Where the registries disagree (a contract active in a month that paid no contribution for it), the
case says so: the district commission checks it.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field

from connectors.contracts import EmploymentRecord
from connectors.contributions import ContributionHistory
from connectors.population import Person
from connectors.property import PropertyRecord
from connectors.social_payments import SocialPaymentHistory
from policies.identity import age_on
from policies.tsa import Employment, Member, Property, Sanction, TsaCase, previous_quarter_start
from services.labour_participation import MemberParticipation, Participation, refusal_reason

__all__ = ["CaseFromRegistries", "IncomeFigure", "MemberFacts", "FamilyFacts", "case_from_registries",
           "income_quarter"]

# Social payments registry kinds -> the income kinds of the TSA rules.
PAYMENT_KINDS = {
    "age_pension": "pensions",
    "disability_benefit": "benefits",
    "childcare_benefit": "benefits",
    "unemployment_benefit": "benefits",
    "disabled_child_benefit": "disabled_child_benefit",
    "large_family_allowance": "large_family_allowance",
    "tsa": "tsa",
}
ADULT_AGE = 18
CHILD_CARED_FOR_UNDER = 3


class MemberFacts(BaseModel):
    """What the registries answered about one member."""

    relation: Literal["applicant", "spouse", "child"]
    person: Person
    contracts: EmploymentRecord
    contributions: ContributionHistory
    social_payments: SocialPaymentHistory
    property: PropertyRecord
    active_entrepreneur: bool = False


class FamilyFacts(BaseModel):
    on: date
    region: str
    members: list[MemberFacts]
    # None: a run from before the exchange was wired, which knew only contracts and entrepreneurs.
    exchange: Participation | None = None


class IncomeFigure(BaseModel):
    iin: str
    kind: str
    amount: Decimal
    source: Literal["pensions", "social_payments"]
    months: list[str]


class CaseFromRegistries(BaseModel):
    case: TsaCase
    incomes: list[IncomeFigure] = Field(default_factory=list)
    # Codes of what the registries say that does not fit together, each with the member concerned.
    disagreements: list[dict[str, str]] = Field(default_factory=list)


def income_quarter(on: date) -> list[str]:
    """The months (YYYY-MM) of the quarter before the quarter of application."""
    start = previous_quarter_start(on)
    return [f"{start.year:04d}-{start.month + i:02d}" for i in range(3)]


def _name(person: Person) -> str:
    return f"{person.first_name} {person.last_name}"


def _incomes(facts: MemberFacts, months: list[str]) -> list[IncomeFigure]:
    iin = facts.person.iin
    by_kind: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for c in facts.contributions.contributions:
        if c.month in months:
            by_kind[("wages" if c.payer_kind == "employer" else "business", "pensions")] += c.income
    for p in facts.social_payments.payments:
        if p.month in months:
            by_kind[(PAYMENT_KINDS.get(p.kind, "benefits"), "social_payments")] += p.amount
    return [IncomeFigure(iin=iin, kind=kind, amount=amount, source=source, months=months)
            for (kind, source), amount in sorted(by_kind.items()) if amount]


def _disagreements(facts: MemberFacts, months: list[str]) -> list[dict[str, str]]:
    paid = {c.month for c in facts.contributions.contributions if c.payer_kind == "employer"}
    found = []
    for month in months:
        mid = date.fromisoformat(f"{month}-15")  # a contract pays a month when it covers its 15th
        if facts.contracts.active_on(mid) and month not in paid:
            found.append({"code": "contract_without_contributions", "iin": facts.person.iin, "month": month})
    return found


def _disability_group(facts: MemberFacts) -> int | None:
    groups = [group for p in facts.social_payments.payments
              if p.kind == "disability_benefit" and (group := p.details.get("disability_group")) in (1, 2, 3)]
    return int(groups[-1]) if groups else None


def participation_of(m: MemberFacts, on: date, exchange: MemberParticipation | None) -> Employment:
    """Working, or else in an employment-promotion measure as the labour exchange records it."""
    if m.contracts.active_on(on):
        return "employed"
    if m.active_entrepreneur:
        return "self_employed"
    if exchange is not None and exchange.in_support_measure:
        return "support_measure"
    if exchange is not None and exchange.job_seeker:
        return "job_seeker"
    return "none"


def _sanctions(facts: FamilyFacts) -> list[Sanction]:
    if facts.exchange is None:
        return []
    return [Sanction(kind="job_offer_refused", decided_on=r.refused_on, reason=refusal_reason(_name(m.person), r))
            for m in facts.members for r in facts.exchange.of(m.person.iin).refusals]


def case_from_registries(facts: FamilyFacts) -> CaseFromRegistries:
    on = facts.on
    months = income_quarter(on)
    applicant = next(m for m in facts.members if m.relation == "applicant")
    home_line = applicant.person.address.line
    disabled_children = {p.details.get("child_iin") for m in facts.members for p in m.social_payments.payments
                         if p.kind == "disabled_child_benefit"}
    ages = {m.person.iin: age_on(m.person.birth_date, on) for m in facts.members}
    youngest = min((ages[m.person.iin] for m in facts.members if m.relation == "child"), default=None)
    # One carer per family: the mother (else the applicant) of a disabled child or of a child under 3.
    needs_carer = ("caring_disabled_child" if disabled_children & {m.person.iin for m in facts.members}
                   else "caring_child_under_3" if youngest is not None and youngest < CHILD_CARED_FOR_UNDER
                   else None)
    parents = [m for m in facts.members if m.relation in ("applicant", "spouse") and ages[m.person.iin] >= ADULT_AGE]
    carer = next((m for m in parents if m.person.sex == "F"), parents[0] if parents else None) if needs_carer else None

    members, incomes, disagreements = [], [], []
    homes: set[str] = set()
    cars: set[str] = set()
    for m in facts.members:
        iin = m.person.iin
        same_address = m.person.address.line == home_line
        mine = _incomes(m, months)
        incomes.extend(mine)
        disagreements.extend(_disagreements(m, months))
        group = _disability_group(m)
        exemption = None
        if ages[iin] >= ADULT_AGE:
            if group is not None:
                exemption = "disability"
            elif any(p.kind == "age_pension" for p in m.social_payments.payments if p.month in months):
                exemption = "pension_age"
            elif carer is m:
                exemption = needs_carer
        employment = participation_of(m, on, facts.exchange.of(iin) if facts.exchange is not None else None)
        members.append(Member(
            id=iin, name=_name(m.person), birth_date=m.person.birth_date, relation=m.relation,
            same_address=same_address, exemption=exemption,
            disability_group=group if exemption == "disability" else None,
            disabled_child=iin in disabled_children and ages[iin] < ADULT_AGE, employment=employment,
            incomes={f.kind: f.amount for f in mine}))
        if same_address or m.relation == "applicant":
            homes.update(r.cadastral_number for r in m.property.homes)
            cars.update(v.plate for v in m.property.vehicles)
    case = TsaCase(region=facts.region, members=members, property=Property(homes=len(homes), cars=len(cars)),
                   sanctions=_sanctions(facts))
    return CaseFromRegistries(case=case, incomes=incomes, disagreements=disagreements)
