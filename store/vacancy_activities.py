"""The activities that write vacancy rows: one published by its workflow, and the daily archiving."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from pydantic import BaseModel
from sqlalchemy import Engine
from temporalio import activity

from store import vacancies
from store.engine import session_scope


class PublishVacancyInput(BaseModel):
    vacancy: dict[str, Any]  # the decision's `vacancy`: the form with id, employer and publication date


class ArchiveVacanciesInput(BaseModel):
    on: date  # vacancies whose last day is before this are archived


class ArchiveVacanciesResult(BaseModel):
    archived: int


class VacancyActivities:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @activity.defn(name="store.publish_vacancy")
    def publish(self, input: PublishVacancyInput) -> None:
        row = vacancies.row_of(input.vacancy)  # idempotent: a retry finds the row and keeps it
        with session_scope(self.engine) as session:
            vacancies.insert_vacancies(session.connection(), [row])

    @activity.defn(name="store.archive_expired_vacancies")
    def archive_expired(self, input: ArchiveVacanciesInput) -> ArchiveVacanciesResult:
        with session_scope(self.engine) as session:
            return ArchiveVacanciesResult(archived=vacancies.archive_expired(session.connection(), input.on))

    def all(self) -> list[Callable[..., Any]]:
        return [self.publish, self.archive_expired]
