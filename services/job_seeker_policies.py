"""The job seeker's policies as activities, so each decision and its figures are recorded in history."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from pydantic import BaseModel

from onestop.thread_activity import thread_activity
from policies.decision import Decision
from policies.labour.unemployment import JobSeekerFacts, job_seeker_registration, unemployed_status


class JobSeekerInput(BaseModel):
    facts: JobSeekerFacts
    on: date


class JobSeekerPolicies:
    @thread_activity("policies.job_seeker_registration")
    def registration(self, input: JobSeekerInput) -> Decision:
        return job_seeker_registration(input.facts, input.on)

    @thread_activity("policies.unemployed_status")
    def unemployed_status(self, input: JobSeekerInput) -> Decision:
        return unemployed_status(input.facts, input.on)

    def all(self) -> list[Callable[..., Any]]:
        return [self.registration, self.unemployed_status]
