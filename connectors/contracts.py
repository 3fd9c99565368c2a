"""Employment contracts registry (the e-employment record): who a person works or worked for."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel
from temporalio import activity

from connectors.base import Purpose, RegistryClient
from connectors.errors import refusals_as_application_errors

__all__ = ["ContractActivities", "EmploymentContract", "EmploymentRecord", "GetEmploymentRecordInput",
           "fetch_employment_record"]

REGISTRY = "contracts"


class EmploymentContract(BaseModel):
    contract_id: str
    employer_bin: str
    employer_name: dict[str, str] | None = None  # kk / ru / en
    position: str
    start_date: date
    end_date: date | None = None
    monthly_wage: Decimal
    status: Literal["active", "ended"]

    def active_on(self, day: date) -> bool:
        return self.start_date <= day and (self.end_date is None or self.end_date >= day)


class EmploymentRecord(BaseModel):
    iin: str
    contracts: list[EmploymentContract] = []  # oldest first

    def active_on(self, day: date) -> list[EmploymentContract]:
        return [c for c in self.contracts if c.active_on(day)]


class GetEmploymentRecordInput(BaseModel):
    iin: str
    purpose: Purpose


async def fetch_employment_record(client: RegistryClient, iin: str, purpose: Purpose) -> EmploymentRecord:
    """Refusals: `invalid_iin`, `person_not_found`."""
    body = await client.get(REGISTRY, f"/contracts/persons/{iin}", purpose=purpose)
    return EmploymentRecord.model_validate(body)


class ContractActivities:
    def __init__(self, client: RegistryClient) -> None:
        self.client = client

    @activity.defn(name="contracts.get_record")
    async def get_record(self, input: GetEmploymentRecordInput) -> EmploymentRecord:
        with refusals_as_application_errors():
            return await fetch_employment_record(self.client, input.iin, input.purpose)
