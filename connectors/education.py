"""Education registry (the National education database and the higher-education system): the diplomas a
person holds, each with its level (secondary, tvet, higher), kind of institution and date of graduation."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel
from temporalio import activity

from connectors.base import Purpose, RegistryClient
from connectors.errors import refusals_as_application_errors

__all__ = ["Diploma", "Education", "EducationActivities", "GetEducationInput", "fetch_education"]

REGISTRY = "education"


class Diploma(BaseModel):
    level: Literal["secondary", "tvet", "higher"]
    institution_kind: Literal["school", "college", "university"]
    institution: str
    graduated_on: date
    full_time: bool = True


class Education(BaseModel):
    iin: str
    diplomas: list[Diploma] = []  # oldest first
    # An orphan or a child without parental care: the day they left state care (guardianship records).
    left_state_care_on: date | None = None

    def latest(self, levels: tuple[str, ...] = ("tvet", "higher")) -> Diploma | None:
        """The most recent diploma of one of these levels (a college or university by default)."""
        found = [d for d in self.diplomas if d.level in levels]
        return max(found, key=lambda d: d.graduated_on) if found else None


class GetEducationInput(BaseModel):
    iin: str
    purpose: Purpose


async def fetch_education(client: RegistryClient, iin: str, purpose: Purpose) -> Education:
    """Refusals: `invalid_iin`, `person_not_found`."""
    body = await client.get(REGISTRY, f"/education/persons/{iin}", purpose=purpose)
    return Education.model_validate(body)


class EducationActivities:
    def __init__(self, client: RegistryClient) -> None:
        self.client = client

    @activity.defn(name="education.get_diplomas")
    async def get_diplomas(self, input: GetEducationInput) -> Education:
        with refusals_as_application_errors():
            return await fetch_education(self.client, input.iin, input.purpose)
