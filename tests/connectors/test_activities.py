"""Activities: a refusal fails for good (non-retryable ApplicationError), an outage stays retryable."""

from __future__ import annotations

import httpx
import pytest
from temporalio.exceptions import ApplicationError
from temporalio.testing import ActivityEnvironment

from connectors import REFUSAL_ERROR_TYPE, registry_activities
from connectors.base import Purpose, RegistryClient
from connectors.businesses import GetBusinessStatusInput
from connectors.errors import RegistryRefusal, RegistryUnavailable
from connectors.population import GetPersonInput, Person, PopulationActivities
from onestop.settings import Settings

ABENOV = "850715300122"


async def test_get_person_returns_the_person(client: RegistryClient, purpose: Purpose) -> None:
    person = await ActivityEnvironment().run(PopulationActivities(client).get_person,
                                             GetPersonInput(iin=ABENOV, purpose=purpose))
    assert isinstance(person, Person) and person.first_name == "Nurlan"


async def test_a_refusal_becomes_a_non_retryable_application_error(client: RegistryClient,
                                                                   purpose: Purpose) -> None:
    with pytest.raises(ApplicationError) as failed:
        await ActivityEnvironment().run(PopulationActivities(client).get_person,
                                        GetPersonInput(iin="850715300123", purpose=purpose))
    error = failed.value
    assert error.type == REFUSAL_ERROR_TYPE == "RegistryRefusal"
    assert error.non_retryable
    details = error.details[0]
    assert (details["code"], details["registry"]) == ("invalid_iin", "population")
    assert set(details["titles"]) == {"kk", "ru", "en"}
    assert isinstance(error.__cause__, RegistryRefusal)


async def test_an_outage_stays_a_plain_retryable_error(client: RegistryClient, purpose: Purpose,
                                                       knobs: str, admin: httpx.Client) -> None:
    admin.put(f"{knobs}/businesses", json={"outage": True}).raise_for_status()
    activities = {a.__temporal_activity_definition.name: a  # type: ignore[attr-defined]
                  for a in registry_activities(Settings(_env_file=None), client)}
    with pytest.raises(RegistryUnavailable):
        await ActivityEnvironment().run(activities["businesses.get_status"],
                                        GetBusinessStatusInput(iin=ABENOV, purpose=purpose))


async def test_registry_activities_share_one_client_and_close_it() -> None:
    activities = registry_activities(Settings(_env_file=None))
    names = {a.__temporal_activity_definition.name for a in activities}  # type: ignore[attr-defined]
    assert names == {"population.get_person", "population.get_family", "businesses.get_status",
                     "businesses.get_business", "businesses.check_head", "contracts.get_record",
                     "pensions.get_contributions", "social_insurance.get_contributions",
                     "social_payments.get_payments", "property.get_property", "payments.pay",
                     "events.read",
                     "businesses.notify_registration", "tax.register_taxpayer", "tax.change_regime",
                     "notifications.send", "education.get_diplomas",
                     "special_records.get_releases"}
    assert {id(a.__self__.client) for a in activities} == {id(activities.client)}  # type: ignore[attr-defined]
    await activities.aclose()
    assert activities.client._http.is_closed
