"""Special records (the Committee on Legal Statistics and Special Accounts of the Prosecutor General's
Office): a person's releases from places of detention."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel
from temporalio import activity

from connectors.base import Purpose, RegistryClient
from connectors.errors import refusals_as_application_errors

__all__ = ["GetReleasesInput", "Release", "Releases", "SpecialRecordActivities", "fetch_releases"]

REGISTRY = "special_records"


class Release(BaseModel):
    released_on: date
    institution_kind: str


class Releases(BaseModel):
    iin: str
    releases: list[Release] = []  # oldest first

    def last(self) -> date | None:
        return max((r.released_on for r in self.releases), default=None)


class GetReleasesInput(BaseModel):
    iin: str
    purpose: Purpose


async def fetch_releases(client: RegistryClient, iin: str, purpose: Purpose) -> Releases:
    """Refusals: `invalid_iin`, `person_not_found`."""
    body = await client.get(REGISTRY, f"/special-records/persons/{iin}/releases", purpose=purpose)
    return Releases.model_validate(body)


class SpecialRecordActivities:
    def __init__(self, client: RegistryClient) -> None:
        self.client = client

    @activity.defn(name="special_records.get_releases")
    async def get_releases(self, input: GetReleasesInput) -> Releases:
        with refusals_as_application_errors():
            return await fetch_releases(self.client, input.iin, input.purpose)
