"""Population registry (State database "Individuals"): who a person is, where they live, family."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel
from temporalio import activity

from connectors.base import Purpose, RegistryClient
from connectors.errors import refusals_as_application_errors

__all__ = ["Address", "Family", "GetFamilyInput", "GetPersonInput", "Person",
           "PopulationActivities", "Relative", "fetch_family", "fetch_person"]

REGISTRY = "population"


class Address(BaseModel):
    region_code: str
    region_name: dict[str, str]  # kk / ru / en
    locality: str
    street: str
    urban: bool
    # The capital, a city of republican significance or a regional centre (some rates differ).
    regional_centre: bool = False
    line: str


class Person(BaseModel):
    iin: str
    last_name: str
    first_name: str
    middle_name: str | None = None
    birth_date: date
    sex: Literal["M", "F"]
    deceased: bool
    death_date: date | None = None
    address: Address
    phone: str | None = None
    email: str | None = None
    language: Literal["kk", "ru", "en"] | None = None  # of notices, when the person has chosen one
    # In full-time education today (the education database's answer, which the gateway joins).
    full_time_student: bool = False
    # Holds kandas status (an ethnic Kazakh returnee): the migration service's record, joined the same way.
    kandas: bool = False


class Relative(BaseModel):
    iin: str
    last_name: str
    first_name: str
    middle_name: str | None = None
    birth_date: date
    sex: Literal["M", "F"]
    deceased: bool


class Family(BaseModel):
    iin: str
    spouse: Relative | None = None
    children: list[Relative] = []
    parents: list[Relative] = []


class GetPersonInput(BaseModel):
    iin: str
    purpose: Purpose


class GetFamilyInput(BaseModel):
    iin: str
    purpose: Purpose


async def fetch_person(client: RegistryClient, iin: str, purpose: Purpose) -> Person:
    """The person's registry record; RegistryRefusal `person_not_found` / `invalid_iin`."""
    body = await client.get(REGISTRY, f"/population/persons/{iin}", purpose=purpose)
    return Person.model_validate(body)


async def fetch_family(client: RegistryClient, iin: str, purpose: Purpose) -> Family:
    body = await client.get(REGISTRY, f"/population/persons/{iin}/family", purpose=purpose)
    return Family.model_validate(body)


class PopulationActivities:
    def __init__(self, client: RegistryClient) -> None:
        self.client = client

    @activity.defn(name="population.get_person")
    async def get_person(self, input: GetPersonInput) -> Person:
        with refusals_as_application_errors():
            return await fetch_person(self.client, input.iin, input.purpose)

    @activity.defn(name="population.get_family")
    async def get_family(self, input: GetFamilyInput) -> Family:
        with refusals_as_application_errors():
            return await fetch_family(self.client, input.iin, input.purpose)
