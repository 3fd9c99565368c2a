"""Real estate and vehicle registries: homes, land plots and vehicles a person owns.

A home owned jointly shows on each owner's record, with every owner named.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel
from temporalio import activity

from connectors.base import Purpose, RegistryClient
from connectors.errors import refusals_as_application_errors

__all__ = ["GetPropertyInput", "PropertyActivities", "PropertyRecord", "RealEstate", "Vehicle",
           "fetch_property"]

REGISTRY = "property"


class RealEstate(BaseModel):
    cadastral_number: str
    kind: Literal["apartment", "house", "land_plot"]
    address_line: str
    area_m2: int
    acquired_on: date
    owners: list[str]
    share: str  # "1/2"


class Vehicle(BaseModel):
    plate: str
    make: str
    model: str
    year: int
    registered_on: date


class PropertyRecord(BaseModel):
    iin: str
    real_estate: list[RealEstate] = []
    vehicles: list[Vehicle] = []

    @property
    def homes(self) -> list[RealEstate]:
        return [r for r in self.real_estate if r.kind != "land_plot"]


class GetPropertyInput(BaseModel):
    iin: str
    purpose: Purpose


async def fetch_property(client: RegistryClient, iin: str, purpose: Purpose) -> PropertyRecord:
    """Refusals: `invalid_iin`, `person_not_found`."""
    body = await client.get(REGISTRY, f"/property/persons/{iin}", purpose=purpose)
    return PropertyRecord.model_validate(body)


class PropertyActivities:
    def __init__(self, client: RegistryClient) -> None:
        self.client = client

    @activity.defn(name="property.get_property")
    async def get_property(self, input: GetPropertyInput) -> PropertyRecord:
        with refusals_as_application_errors():
            return await fetch_property(self.client, input.iin, input.purpose)
