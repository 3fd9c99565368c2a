"""Businesses registry: is a person an entrepreneur, and the notice that makes them one."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel
from temporalio import activity

from connectors.base import Purpose, RegistryClient
from connectors.errors import refusals_as_application_errors

__all__ = ["BusinessActivities", "BusinessNotice", "BusinessRegistration", "BusinessStatus",
           "GetBusinessStatusInput", "NotifyRegistrationInput", "fetch_business_status",
           "notify_registration"]

REGISTRY = "businesses"


class BusinessRegistration(BaseModel):
    notice_id: str
    kind: str  # "individual_entrepreneur" / "self_employed"
    regime: str
    activity_code: str | None = None
    registered_on: date
    status: str  # "active" / "closed"


class BusinessStatus(BaseModel):
    iin: str
    active_entrepreneur: bool
    registrations: list[BusinessRegistration] = []


class BusinessNotice(BaseModel):
    notice_id: str
    registered_on: date


class GetBusinessStatusInput(BaseModel):
    iin: str
    purpose: Purpose


class NotifyRegistrationInput(BaseModel):
    iin: str
    regime: str
    activity_code: str
    address_line: str
    idempotency_key: str
    purpose: Purpose


async def fetch_business_status(client: RegistryClient, iin: str, purpose: Purpose) -> BusinessStatus:
    body = await client.get(REGISTRY, f"/businesses/entrepreneurs/{iin}", purpose=purpose)
    return BusinessStatus.model_validate(body)


async def notify_registration(client: RegistryClient, input: NotifyRegistrationInput) -> BusinessNotice:
    """File the notice; a repeat with the same key returns the same notice.

    Refusals: `already_registered`, `person_deceased`, `person_not_found`, `invalid_iin`.
    """
    body = await client.post(
        REGISTRY, "/businesses/notifications", purpose=input.purpose,
        json={"iin": input.iin, "regime": input.regime, "activity_code": input.activity_code,
              "address_line": input.address_line},
        idempotency_key=input.idempotency_key)
    return BusinessNotice.model_validate(body)


class BusinessActivities:
    def __init__(self, client: RegistryClient) -> None:
        self.client = client

    @activity.defn(name="businesses.get_status")
    async def get_status(self, input: GetBusinessStatusInput) -> BusinessStatus:
        with refusals_as_application_errors():
            return await fetch_business_status(self.client, input.iin, input.purpose)

    @activity.defn(name="businesses.notify_registration")
    async def notify_registration(self, input: NotifyRegistrationInput) -> BusinessNotice:
        with refusals_as_application_errors():
            return await notify_registration(self.client, input)
