"""Businesses registry: legal entities and their heads, whether a person is an entrepreneur,
and the notice that makes them one.

A business is named by its BIN, or an individual entrepreneur by their IIN (the 5th digit
tells which: policies.iin.looks_like_bin).
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel
from temporalio import activity

from connectors.base import Purpose, RegistryClient
from connectors.errors import refusals_as_application_errors

__all__ = ["Business", "BusinessActivities", "BusinessHead", "BusinessNotice", "BusinessRegistration",
           "BusinessStatus", "CheckHeadInput", "GetBusinessInput", "GetBusinessStatusInput",
           "NotifyRegistrationInput", "Representation", "check_head", "fetch_business",
           "fetch_business_status", "fetch_businesses_headed", "notify_registration"]

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


class BusinessHead(BaseModel):
    iin: str
    last_name: str | None = None
    first_name: str | None = None
    middle_name: str | None = None
    position: dict[str, str]  # kk / ru / en
    since: date


class Business(BaseModel):
    """A legal entity (or its branch) by BIN, or an individual entrepreneur by IIN."""

    id: str  # the BIN, or the entrepreneur's IIN
    kind: Literal["legal_entity", "branch", "individual_entrepreneur"]
    bin: str | None = None
    name: dict[str, str]  # kk / ru / en, with the legal form
    legal_form: str  # "llp", "jsc", "state_institution", "individual_entrepreneur"
    status: str  # "active"; "liquidated" (legal entity) or "closed" (entrepreneur)
    registered_on: date
    closed_on: date | None = None
    region_code: str
    locality: str
    address_line: str
    activity_code: str | None = None
    employees: int = 0
    parent_bin: str | None = None
    head: BusinessHead


class Representation(BaseModel):
    """The registry's answer to "does this person head this business now"."""

    business_id: str
    iin: str
    heads: bool
    reason: Literal["not_head", "business_closed"] | None = None
    business: Business


class GetBusinessInput(BaseModel):
    business_id: str  # BIN or an entrepreneur's IIN
    purpose: Purpose


class CheckHeadInput(BaseModel):
    iin: str
    business_id: str
    purpose: Purpose


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


async def fetch_business(client: RegistryClient, business_id: str, purpose: Purpose) -> Business:
    """Refusals: `invalid_bin`, `invalid_iin`, `business_not_found`, `person_not_found`."""
    body = await client.get(REGISTRY, f"/businesses/entities/{business_id}", purpose=purpose)
    return Business.model_validate(body)


async def check_head(client: RegistryClient, iin: str, business_id: str,
                     purpose: Purpose) -> Representation:
    """Whether `iin` heads the business now: a legal entity's registered head, or the
    entrepreneur themself; a liquidated or closed business is headed by nobody.

    Refusals: `invalid_bin`, `invalid_iin`, `business_not_found` (also for the IIN of a person
    who is no entrepreneur), `person_not_found`. A caller that acts for a business checks the
    number's shape first (policies.iin.is_valid_bin / is_valid_iin) and treats a refusal or
    `heads=False` alike: this person may not act for that number.
    """
    body = await client.get(REGISTRY, f"/businesses/entities/{business_id}/heads/{iin}",
                            purpose=purpose)
    return Representation.model_validate(body)


async def fetch_businesses_headed(client: RegistryClient, iin: str, purpose: Purpose) -> list[Business]:
    """Every business the person heads or headed, their own as an entrepreneur first."""
    body = await client.get(REGISTRY, f"/businesses/persons/{iin}/headed", purpose=purpose)
    return [Business.model_validate(b) for b in body["businesses"]]


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

    @activity.defn(name="businesses.get_business")
    async def get_business(self, input: GetBusinessInput) -> Business:
        with refusals_as_application_errors():
            return await fetch_business(self.client, input.business_id, input.purpose)

    @activity.defn(name="businesses.check_head")
    async def check_head(self, input: CheckHeadInput) -> Representation:
        with refusals_as_application_errors():
            return await check_head(self.client, input.iin, input.business_id, input.purpose)

    @activity.defn(name="businesses.notify_registration")
    async def notify_registration(self, input: NotifyRegistrationInput) -> BusinessNotice:
        with refusals_as_application_errors():
            return await notify_registration(self.client, input)
