"""The TSA rules as activities, so each decision, the case it was made on and the figures are in history."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from pydantic import BaseModel

from onestop.thread_activity import thread_activity
from policies.parameters import lookup
from policies.tsa import TsaCase, TsaDecision, decide, monthly_child_package
from services.tsa_family import CaseFromRegistries, FamilyFacts, case_from_registries


class TsaDecideInput(BaseModel):
    case: TsaCase
    on: date
    waived: list[str] = []  # checks an appeal overturned (policies.tsa.assess)


class ChildPackageInput(BaseModel):
    case: TsaCase
    month: date  # the first day of the month paid: children's ages are taken on it
    on: date  # the application date: the figures in force


class ProcedureInput(BaseModel):
    on: date


class TsaProcedure(BaseModel):
    """The service's own dated parameters (policies/parameters/tsa/service/)."""

    consent_deadline_working_days: int
    commission_deadline_working_days: int
    payment_day: int
    payment_settlement_deadline_working_days: int


class TsaPolicies:
    @thread_activity("policies.tsa_case")
    def case(self, input: FamilyFacts) -> CaseFromRegistries:
        return case_from_registries(input)

    @thread_activity("policies.tsa_decide")
    def decide(self, input: TsaDecideInput) -> TsaDecision:
        return decide(input.case, input.on, waived=input.waived)

    @thread_activity("policies.tsa_child_package")
    def child_package(self, input: ChildPackageInput) -> int:
        return monthly_child_package(input.case, input.month, input.on)

    @thread_activity("policies.tsa_procedure")
    def procedure(self, input: ProcedureInput) -> TsaProcedure:
        def value(name: str) -> int:
            return int(lookup(f"tsa.service.{name}", input.on).value)

        return TsaProcedure(consent_deadline_working_days=value("consent_deadline_working_days"),
                            commission_deadline_working_days=value("commission_deadline_working_days"),
                            payment_day=value("payment_day"),
                            payment_settlement_deadline_working_days=value("payment_settlement_deadline_working_days"))

    def all(self) -> list[Callable[..., Any]]:
        return [self.case, self.decide, self.child_package, self.procedure]
