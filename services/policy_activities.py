"""Policies every service uses, as activities; a service's own are named in its spec (`activities`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from pydantic import BaseModel

from onestop.thread_activity import thread_activity
from policies.decision import Decision
from policies.identity import PersonFacts, applicant_capacity


class CapacityInput(BaseModel):
    facts: PersonFacts
    on: date


class PolicyActivities:
    @thread_activity("policies.applicant_capacity")
    def applicant_capacity(self, input: CapacityInput) -> Decision:
        return applicant_capacity(input.facts, input.on)

    def all(self) -> list[Callable[..., Any]]:
        return [self.applicant_capacity]
