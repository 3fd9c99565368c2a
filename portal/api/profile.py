"""GET /me: who is logged in, prefilled from the population registry (the once-only principle)."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel

from connectors.base import Purpose
from connectors.errors import RegistryRefusal, RegistryUnavailable
from connectors.population import fetch_person
from portal.applications.prefill import prefill_for
from portal.auth import CurrentPrincipal
from portal.problems import NotFound, Unavailable
from services.catalogue import CATALOGUE

router = APIRouter(tags=["profile"])

# Reading one's own profile is a purpose of its own in the registry's access log.
PROFILE_PURPOSE = Purpose(application_id="profile", service_code="profile-prefill")


class Profile(BaseModel):
    subject: str
    kind: str
    roles: list[str]
    name: str | None
    agency: str | None = None
    region: str | None = None
    iin: str | None = None
    birth_date: date | None = None
    address: dict[str, Any] | None = None
    phone: str | None = None
    email: str | None = None
    prefill: dict[str, dict[str, Any]] = {}


@router.get("/me", response_model=Profile, summary="The caller, prefilled from the registries",
            responses={404: {"description": "a citizen not in the population registry"},
                       503: {"description": "the population registry does not answer"}})
async def me(request: Request, principal: CurrentPrincipal) -> Profile:
    profile = Profile(subject=principal.subject, kind=principal.kind, roles=list(principal.roles),
                      name=principal.name, agency=principal.agency, region=principal.region)
    if principal.kind != "citizen" or not principal.iin:
        return profile
    try:
        person = await fetch_person(request.app.state.registries, principal.iin, PROFILE_PURPOSE)
    except RegistryRefusal as exc:
        raise NotFound("you are not in the population registry") from exc
    except RegistryUnavailable as exc:
        raise Unavailable("the population registry does not answer; try again shortly",
                          slug="registry-unavailable", headers={"Retry-After": "30"}) from exc
    profile.iin = person.iin
    profile.name = " ".join(p for p in (person.last_name, person.first_name, person.middle_name) if p)
    profile.birth_date = person.birth_date
    profile.address = person.address.model_dump(mode="json")
    profile.phone, profile.email = person.phone, person.email
    profile.prefill = {code: prefill_for(spec, person) for code, spec in CATALOGUE.items()}
    return profile
