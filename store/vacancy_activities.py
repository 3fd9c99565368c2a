"""The activities that write vacancy rows (one published by its workflow, the daily archiving) and the job
seekers' offered vacancies ranked over them (store/job_matches.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from pydantic import BaseModel
from sqlalchemy import Engine
from temporalio import activity

from onestop.thread_activity import stop_if_asked, thread_activity
from store import job_matches, labour, vacancies
from store.engine import session_scope


class PublishVacancyInput(BaseModel):
    vacancy: dict[str, Any]  # the decision's `vacancy`: the form with id, employer and publication date


class ArchiveVacanciesInput(BaseModel):
    on: date  # vacancies whose last day is before this are archived


class ArchiveVacanciesResult(BaseModel):
    archived: int
    offers_refreshed: int = 0  # job seekers whose offered vacancies were ranked afresh after archiving


class OfferVacanciesInput(BaseModel):
    iin: str
    profile_key: str  # the registration's application id
    profile: dict[str, Any]
    on: date


class OfferVacanciesResult(BaseModel):
    offered: int
    best_score: float | None = None


class RefreshOffersInput(BaseModel):
    on: date
    batch: int = 100
    shard: int | None = None  # job_matches.SHARDS: the IINs of one last serial digit; None: everyone's


class RefreshOffersResult(BaseModel):
    refreshed: int


class VacancyActivities:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @thread_activity("store.publish_vacancy")
    def publish(self, input: PublishVacancyInput) -> None:
        row = vacancies.row_of(input.vacancy)  # idempotent: a retry finds the row and keeps it
        with session_scope(self.engine) as session:
            vacancies.insert_vacancies(session.connection(), [row])

    @thread_activity("store.archive_expired_vacancies")
    def archive_expired(self, input: ArchiveVacanciesInput) -> ArchiveVacanciesResult:
        with session_scope(self.engine) as session:
            return ArchiveVacanciesResult(archived=vacancies.archive_expired(session.connection(), input.on))

    @thread_activity("store.offer_vacancies")
    def offer(self, input: OfferVacanciesInput) -> OfferVacanciesResult:
        with session_scope(self.engine) as session:
            ranked = job_matches.rank_and_keep(session.connection(), input.iin, input.profile_key, input.profile,
                                               input.on)
        return OfferVacanciesResult(offered=len(ranked), best_score=float(ranked[0].score) if ranked else None)

    @thread_activity("store.refresh_offers")
    def refresh_offers(self, input: RefreshOffersInput) -> RefreshOffersResult:
        """Rank afresh a batch of the lists ranked before the day (each in its own unit of work)."""
        with session_scope(self.engine) as session:
            due = job_matches.stale_lists(session.connection(), input.on, input.batch, input.shard)
        for iin in due:
            stop_if_asked()
            with session_scope(self.engine) as session:
                connection = session.connection()
                registration = labour.latest_registration(session, iin)
                if registration is None or not registration.active_on(input.on):  # lapsed: nothing to offer
                    job_matches.forget(connection, iin)
                else:
                    job_matches.rank_and_keep(connection, iin, registration.application_id, registration.profile,
                                              input.on)
            activity.heartbeat(iin)
        return RefreshOffersResult(refreshed=len(due))

    def all(self) -> list[Callable[..., Any]]:
        return [self.publish, self.archive_expired, self.offer, self.refresh_offers]
