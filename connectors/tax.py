"""Tax registry (State Revenue Committee): registration of a taxpayer under a special regime."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from pydantic import BaseModel
from temporalio import activity

from connectors.base import Purpose, RegistryClient
from connectors.errors import refusals_as_application_errors

__all__ = ["ChangeRegimeInput", "RegimeChange", "change_regime", "RegisterTaxpayerInput", "TaxActivities",
           "TaxRegistration", "TaxRegistrationRecord", "list_tax_registrations", "register_taxpayer"]

REGISTRY = "tax"


class RegisterTaxpayerInput(BaseModel):
    iin: str
    regime: str
    activity_code: str
    monthly_income: Decimal
    idempotency_key: str
    purpose: Purpose


class TaxRegistration(BaseModel):
    registration_id: str
    regime: str
    registered_at: datetime
    created: bool  # False when the same idempotency key was seen before


class TaxRegistrationRecord(BaseModel):
    """One registration as the registry lists it."""

    registration_id: str
    regime: str
    activity_code: str | None = None
    monthly_income: Decimal | None = None
    registered_at: datetime
    status: str


async def register_taxpayer(client: RegistryClient, input: RegisterTaxpayerInput) -> TaxRegistration:
    """Register; a repeat with the same key returns the same registration with created=False.

    Refusals: `already_registered` (active registration under another key), `person_deceased`,
    `person_not_found`, `invalid_iin`.
    """
    body = await client.post(
        REGISTRY, "/tax/registrations", purpose=input.purpose,
        json={"iin": input.iin, "regime": input.regime, "activity_code": input.activity_code,
              "monthly_income": str(input.monthly_income)},
        idempotency_key=input.idempotency_key)
    return TaxRegistration.model_validate(body)


class ChangeRegimeInput(BaseModel):
    iin: str
    regime: str
    activity_code: str
    monthly_income: Decimal
    idempotency_key: str
    purpose: Purpose


class RegimeChange(BaseModel):
    change_id: str
    registration_id: str  # the entrepreneur's registration, which stays
    previous_regime: str
    regime: str
    changed_at: datetime
    created: bool  # False when the same idempotency key was seen before


async def change_regime(client: RegistryClient, input: ChangeRegimeInput) -> RegimeChange:
    """An active entrepreneur's notice of a change of special regime: no new registration.

    Refusals: `not_registered` (no active registration), `person_deceased`, `person_not_found`, `invalid_iin`.
    """
    body = await client.post(
        REGISTRY, "/tax/regime-changes", purpose=input.purpose,
        json={"iin": input.iin, "regime": input.regime, "activity_code": input.activity_code,
              "monthly_income": str(input.monthly_income)},
        idempotency_key=input.idempotency_key)
    return RegimeChange.model_validate(body)


async def list_tax_registrations(client: RegistryClient, iin: str,
                                 purpose: Purpose) -> list[TaxRegistrationRecord]:
    body = await client.get(REGISTRY, "/tax/registrations", purpose=purpose, params={"iin": iin})
    return [TaxRegistrationRecord.model_validate(r) for r in body["registrations"]]


class TaxActivities:
    def __init__(self, client: RegistryClient) -> None:
        self.client = client

    @activity.defn(name="tax.register_taxpayer")
    async def register_taxpayer(self, input: RegisterTaxpayerInput) -> TaxRegistration:
        with refusals_as_application_errors():
            return await register_taxpayer(self.client, input)

    @activity.defn(name="tax.change_regime")
    async def change_regime(self, input: ChangeRegimeInput) -> RegimeChange:
        with refusals_as_application_errors():
            return await change_regime(self.client, input)
