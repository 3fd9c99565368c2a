"""Whether a job offer is suitable: refusing a suitable offer is recorded, and it matters for TSA.

A starting point (issue 14, unconfirmed against the Social Code's definition of suitable work):
the offer is suitable when all of these hold on the date —

- its occupation is one the person wants, or that of their last job;
- it is in the person's settlement, or in a region they agreed to move to (when they are
  willing to relocate);
- it pays at least the minimum wage (``economy.minimum_wage`` on the date);
- it pays at least ``labour.suitable_offer.last_wage_share`` of the last monthly wage (when
  the e-employment record has one).

The outcome is ``eligible`` for a suitable offer and ``ineligible`` otherwise, every condition a
reason; a refusal is only held against the person when the outcome is ``eligible``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from pydantic import BaseModel, Field

from policies.decision import Decision, Text
from policies.labour.evaluation import LabourEvaluation

__all__ = ["SeekerSituation", "JobOffer", "suitable_offer"]


class SeekerSituation(BaseModel):
    desired_occupations: list[str] = Field(default_factory=list)
    last_occupation: str | None = None
    last_monthly_wage: Decimal | None = Field(default=None, ge=0)
    region: str
    settlement: str
    willing_to_relocate: bool = False
    relocation_regions: list[str] = Field(default_factory=list, description="regions they agreed to move to")


class JobOffer(BaseModel):
    occupation_code: str
    region: str
    settlement: str
    monthly_pay: Decimal = Field(ge=0, description="the pay offered a month; for a range, its lower end")


def _name(titles: Mapping[str, Text], key: str) -> Text:
    return titles.get(key) or {"kk": key, "ru": key, "en": key}


def suitable_offer(situation: SeekerSituation, offer: JobOffer, on: date,
                   titles: Mapping[str, Text] | None = None) -> Decision:
    """Is ``offer`` suitable for this person on ``on``? ``titles`` names occupations, regions and settlements."""
    names = titles or {}
    ev = LabourEvaluation(on)
    occupation = _name(names, offer.occupation_code)
    if offer.occupation_code in situation.desired_occupations:
        ev.ok("suitable_occupation_desired", occupation=occupation)
    elif offer.occupation_code == situation.last_occupation:
        ev.ok("suitable_occupation_last", occupation=occupation)
    else:
        ev.fail("unsuitable_occupation", occupation=occupation)

    if offer.region == situation.region and offer.settlement == situation.settlement:
        ev.ok("suitable_place_settlement", settlement=_name(names, offer.settlement))
    elif situation.willing_to_relocate and offer.region in situation.relocation_regions:
        ev.ok("suitable_place_relocation", region=_name(names, offer.region))
    else:
        ev.fail("unsuitable_place", settlement=_name(names, offer.settlement), region=_name(names, offer.region))

    minimum_wage = Decimal(str(ev.param("economy.minimum_wage")))
    if offer.monthly_pay >= minimum_wage:
        ev.ok("suitable_pay_minimum_wage", pay=offer.monthly_pay, minimum_wage=minimum_wage, on=on)
    else:
        ev.fail("unsuitable_pay_below_minimum_wage", pay=offer.monthly_pay, minimum_wage=minimum_wage, on=on)

    if situation.last_monthly_wage:
        share = Decimal(str(ev.param("labour.suitable_offer.last_wage_share")))
        floor = (situation.last_monthly_wage * share).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        ev.figure(last_wage_floor=floor)
        params = dict(pay=offer.monthly_pay, share=share, floor=floor)
        if offer.monthly_pay >= floor:
            ev.ok("suitable_pay_last_wage", **params)
        else:
            ev.fail("unsuitable_pay_below_last_wage", **params)
    ev.figure(minimum_wage=minimum_wage, monthly_pay=offer.monthly_pay)
    return ev.decide()
