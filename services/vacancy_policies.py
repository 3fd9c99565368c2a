"""The vacancy checks as an activity, so the decision and the words it flagged are recorded in history."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from pydantic import BaseModel

from onestop.thread_activity import thread_activity
from policies.decision import Decision
from policies.labour.vacancy_checks import VacancyDraft, vacancy_checks


class VacancyInput(BaseModel):
    draft: VacancyDraft
    on: date


class VacancyPolicies:
    @thread_activity("policies.vacancy_checks")
    def checks(self, input: VacancyInput) -> Decision:
        return vacancy_checks(input.draft, input.on)

    def all(self) -> list[Callable[..., Any]]:
        return [self.checks]
