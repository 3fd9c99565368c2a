"""What the labour exchange says of a person for targeted social assistance (issue 14 §4).

An able-bodied member meets TSA's condition of taking part in employment promotion when they are a
registered job seeker (a completed `job-seeker-registration`) or enrolled on a support measure (the
standing status of an approved `support-measure-application`). A suitable offer they refused (the
offer's suitability decided when it was made, policies/labour/suitable_offer.py) is a TSA sanction
from the day of the refusal, and its sentence names the offer.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, Field

__all__ = ["OfferRefusal", "MemberParticipation", "ParticipationInput", "Participation", "refusal_reason"]


class OfferRefusal(BaseModel):
    refused_on: date
    vacancy_title: str
    monthly_pay: Decimal
    suitability: list[dict[str, Any]] = Field(default_factory=list, description="the offer's suitable-offer reasons")


class MemberParticipation(BaseModel):
    iin: str
    job_seeker: bool = False
    # From the active registration's profile, what the support conditions read (as the support page does).
    willing_to_relocate: bool = False
    desired_occupations: list[str] = Field(default_factory=list)
    in_support_measure: bool = False
    refusals: list[OfferRefusal] = Field(default_factory=list)


class ParticipationInput(BaseModel):
    iins: list[str]
    on: date
    refusals_since: date


class Participation(BaseModel):
    members: list[MemberParticipation] = Field(default_factory=list)

    def of(self, iin: str) -> MemberParticipation:
        return next((m for m in self.members if m.iin == iin), MemberParticipation(iin=iin))


_REFUSED = {"kk": "{name} «{title}» ұсынысынан бас тартты (айына {pay} теңге), ол лайықты деп танылған",
            "ru": "{name} отказал(ась) от подходящего предложения «{title}» ({pay} тенге в месяц)",
            "en": "{name} refused the suitable offer “{title}” ({pay} tenge a month)"}


def refusal_reason(name: str, refusal: OfferRefusal) -> dict[str, str]:
    pay = f"{int(refusal.monthly_pay):,}".replace(",", " ")
    return {lang: text.format(name=name, title=refusal.vacancy_title, pay=pay) for lang, text in _REFUSED.items()}
