"""Policies as activities, so each decision and the figures it used are recorded in history."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel
from temporalio import activity

from policies.decision import Decision
from policies.identity import PersonFacts, applicant_capacity
from policies.self_employed import SelfEmployedCase, SocialPayments, monthly_social_payments, regime_eligibility


class CapacityInput(BaseModel):
    facts: PersonFacts
    on: date


class SelfEmployedInput(BaseModel):
    case: SelfEmployedCase
    on: date


class PolicyActivities:
    @activity.defn(name="policies.applicant_capacity")
    def applicant_capacity(self, input: CapacityInput) -> Decision:
        return applicant_capacity(input.facts, input.on)

    @activity.defn(name="policies.self_employed_eligibility")
    def self_employed_eligibility(self, input: SelfEmployedInput) -> Decision:
        return regime_eligibility(input.case, input.on)

    @activity.defn(name="policies.self_employed_payments")
    def self_employed_payments(self, input: SelfEmployedInput) -> SocialPayments:
        return monthly_social_payments(input.case, input.on)

    def all(self) -> list:
        return [self.applicant_capacity, self.self_employed_eligibility, self.self_employed_payments]
