"""The businesses registry over real HTTP: legal entities by BIN, entrepreneurs by IIN, who heads what."""

from __future__ import annotations

import uuid

import httpx
import pytest

from connectors.access_log import BUSINESS_HEAD, fetch_access_log
from connectors.base import Purpose, RegistryClient
from connectors.businesses import check_head, fetch_business, fetch_businesses_headed
from connectors.errors import RegistryRefusal, RegistryUnavailable
from onestop.demo import BUSINESSES
from onestop.settings import Settings
from policies.iin import complete
from tests.connectors.conftest import admin_headers

ABENOV, SADYKOVA, OMAROVA, BEKTUROV = "850715300122", "900101400013", "770821400009", "790314300515"
ASTANA_BUILD, NUR_TEXTILE = "090440003173", "160240008529"


async def test_a_legal_entity_by_its_bin(client: RegistryClient, purpose: Purpose) -> None:
    business = await fetch_business(client, ASTANA_BUILD, purpose)
    assert (business.id, business.bin, business.kind, business.legal_form) == (
        ASTANA_BUILD, ASTANA_BUILD, "legal_entity", "llp")
    assert business.name == {"kk": "«Astana Build Service» ЖШС", "ru": "ТОО «Astana Build Service»",
                             "en": "Astana Build Service LLP"}
    assert (business.status, business.region_code, business.activity_code) == ("active", "astana", "41.20")
    assert (business.head.iin, business.head.last_name, business.head.first_name) == (
        BEKTUROV, "Bekturov", "Askar")
    assert business.head.position["en"] == "Director"


async def test_the_head_heads_it_and_nobody_else_does(client: RegistryClient, purpose: Purpose) -> None:
    yes = await check_head(client, BEKTUROV, ASTANA_BUILD, purpose)
    assert (yes.heads, yes.reason, yes.business.id) == (True, None, ASTANA_BUILD)
    no = await check_head(client, ABENOV, ASTANA_BUILD, purpose)
    assert (no.heads, no.reason) == (False, "not_head")
    assert not (await check_head(client, BEKTUROV, NUR_TEXTILE, purpose)).heads
    assert (await check_head(client, OMAROVA, NUR_TEXTILE, purpose)).heads


async def test_an_entrepreneur_is_a_business_by_their_own_iin(client: RegistryClient,
                                                                purpose: Purpose) -> None:
    own = await fetch_business(client, SADYKOVA, purpose)
    assert (own.id, own.bin, own.kind, own.status) == (SADYKOVA, None, "individual_entrepreneur", "active")
    assert own.name["en"] == "IE Sadykova A." and own.head.iin == SADYKOVA
    assert (await check_head(client, SADYKOVA, SADYKOVA, purpose)).heads
    assert (await check_head(client, ABENOV, SADYKOVA, purpose)).reason == "not_head"
    with pytest.raises(RegistryRefusal) as not_one:
        await fetch_business(client, ABENOV, purpose)  # a person, but no entrepreneur
    assert (not_one.value.code, not_one.value.status) == ("business_not_found", 404)


async def test_what_a_person_heads(client: RegistryClient, purpose: Purpose) -> None:
    assert [b.id for b in await fetch_businesses_headed(client, BEKTUROV, purpose)] == [ASTANA_BUILD]
    assert [b.id for b in await fetch_businesses_headed(client, SADYKOVA, purpose)] == [SADYKOVA]
    assert await fetch_businesses_headed(client, ABENOV, purpose) == []


async def test_a_liquidated_entity_is_headed_by_nobody(registries: Settings, client: RegistryClient,
                                                       purpose: Purpose) -> None:
    sample = httpx.get(f"{registries.registries_url}/_admin/businesses", headers=admin_headers(registries),
                       params={"status": "liquidated", "limit": 1}).json()["businesses"][0]
    business = await fetch_business(client, sample["bin"], purpose)
    assert business.status == "liquidated" and business.closed_on is not None
    answer = await check_head(client, sample["head_iin"], sample["bin"], purpose)
    assert (answer.heads, answer.reason) == (False, "business_closed")


async def test_a_branch_names_its_head_office(registries: Settings, client: RegistryClient,
                                              purpose: Purpose) -> None:
    sample = httpx.get(f"{registries.registries_url}/_admin/businesses", headers=admin_headers(registries),
                       params={"branch": True, "limit": 1}).json()["businesses"][0]
    branch = await fetch_business(client, sample["bin"], purpose)
    assert branch.kind == "branch" and branch.bin is not None and branch.bin[5] == "1"
    assert branch.parent_bin is not None
    assert (await fetch_business(client, branch.parent_bin, purpose)).kind == "legal_entity"


@pytest.mark.parametrize("number, code, status", [
    (ASTANA_BUILD[:11] + str((int(ASTANA_BUILD[11]) + 1) % 10), "invalid_bin", 422),
    (complete("09134000317"), "invalid_bin", 422),  # month 13: the check digit is right
    (complete("09044099999"), "business_not_found", 404),
    ("850715300123", "invalid_iin", 422),
])
async def test_bad_or_unknown_numbers_are_refusals(client: RegistryClient, purpose: Purpose,
                                                   number: str, code: str, status: int) -> None:
    with pytest.raises(RegistryRefusal) as refused:
        await check_head(client, ABENOV, number, purpose)
    assert (refused.value.code, refused.value.status, refused.value.registry) == (code, status, "businesses")
    assert set(refused.value.titles) == {"kk", "ru", "en"}


async def test_asking_who_heads_is_logged_for_the_person(client: RegistryClient) -> None:
    purpose = Purpose(application_id=f"application-{uuid.uuid4()}", service_code="vacancy-publication")
    await check_head(client, BEKTUROV, ASTANA_BUILD, purpose)
    mine = [e for e in await fetch_access_log(client, BEKTUROV) if e.application_id == purpose.application_id]
    assert [(e.registry, e.fields) for e in mine] == [("businesses", [BUSINESS_HEAD])]


async def test_an_outage_is_retryable(client: RegistryClient, purpose: Purpose, knobs: str,
                                      admin: httpx.Client) -> None:
    admin.put(f"{knobs}/businesses", json={"outage": True}).raise_for_status()
    with pytest.raises(RegistryUnavailable) as down:
        await check_head(client, BEKTUROV, ASTANA_BUILD, purpose)
    assert down.value.status == 503 and BEKTUROV not in str(down.value)


def test_every_demo_business_is_in_the_registry(registries: Settings) -> None:
    listed = httpx.get(f"{registries.registries_url}/_admin/businesses", headers=admin_headers(registries),
                       params={"limit": 10_000}).json()["businesses"]
    by_bin = {b["bin"]: b["head_iin"] for b in listed}
    for demo in BUSINESSES:
        assert demo.bin in by_bin
        if demo.head_iin:
            assert by_bin[demo.bin] == demo.head_iin
