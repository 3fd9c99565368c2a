"""The labour exchange read by other services' workflows: who is a job seeker, on a measure, or refused
a suitable offer (services/labour_participation.py says why each matters). A job seeker is one whose
registration is active on the date (store.labour.active_registrations): a lapsed one no longer counts."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine
from sqlmodel import col, select

from onestop.thread_activity import thread_activity
from services.labour_participation import MemberParticipation, OfferRefusal, Participation, ParticipationInput
from services.support_measure import PARTICIPANT_STATUS
from store import labour, repository
from store.engine import read_scope
from store.models import ServiceRequest


class LabourExchangeActivities:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @thread_activity("store.labour_participation")
    def participation(self, input: ParticipationInput) -> Participation:
        with read_scope(self.engine) as session:
            seekers = labour.active_registrations(session, input.iins, input.on)
            refused = labour.suitable_refusals(session, input.iins, input.refusals_since, input.on)
            titles = {r.vacancy_id: _title(session, r.vacancy_id) for r in refused}
            members = []
            for iin in input.iins:
                mine = [OfferRefusal(refused_on=r.refused_on, vacancy_title=titles[r.vacancy_id],
                                     monthly_pay=Decimal(str((r.offer or {}).get("monthly_pay", 0))),
                                     suitability=(r.suitability or {}).get("reasons", []))
                        for r in refused if r.seeker_iin == iin]
                profile = seekers[iin].profile if iin in seekers else {}
                members.append(MemberParticipation(
                    iin=iin, job_seeker=iin in seekers, refusals=mine,
                    willing_to_relocate=bool(profile.get("willing_to_relocate")),
                    desired_occupations=list(profile.get("desired_occupations") or []),
                    in_support_measure=repository.standing_status(session, iin, PARTICIPANT_STATUS,
                                                                  input.on) is not None))
        return Participation(members=members)

    def all(self) -> list[Callable[..., Any]]:
        return [self.participation]


def _title(session: Any, vacancy_id: str) -> str:
    decision = session.exec(select(ServiceRequest.decision).where(
        col(ServiceRequest.application_id) == vacancy_id)).first()
    return str(((decision or {}).get("vacancy") or {}).get("title") or vacancy_id)
