"""The mock registries over real HTTP, through the connectors: data, access control, writes, knobs."""

from __future__ import annotations

import time
import uuid
from datetime import date
from decimal import Decimal

import httpx
import pytest

from connectors.access_log import fetch_access_log
from connectors.base import Purpose, RegistryClient
from connectors.businesses import NotifyRegistrationInput, fetch_business_status, notify_registration
from connectors.errors import RegistryRefusal, RegistryUnavailable
from connectors.notifications import SendNotificationInput, fetch_outbox, send_notification
from connectors.population import fetch_family, fetch_person
from connectors.tax import (
    ChangeRegimeInput,
    RegisterTaxpayerInput,
    change_regime,
    list_tax_registrations,
    register_taxpayer,
)
from onestop.settings import Settings
from policies.iin import complete
from tests.connectors.conftest import _Adults

ABENOV, SADYKOVA, VILLAGER, OMAROVA, TULEGENOV = (
    "850715300122", "900101400013", "900101300811", "770821400009", "600303300002")
NOBODY = complete("85071530999") or ""  # a valid check digit, but no seeded person has it


def _tax(iin: str, key: str, purpose: Purpose, income: str = "150000") -> RegisterTaxpayerInput:
    return RegisterTaxpayerInput(iin=iin, regime="self_employed", activity_code="96.02",
                                 monthly_income=Decimal(income), idempotency_key=key, purpose=purpose)


# --- population -------------------------------------------------------------------------

async def test_demo_persons_as_the_registry_tells_them(client: RegistryClient, purpose: Purpose) -> None:
    abenov = await fetch_person(client, ABENOV, purpose)
    assert (abenov.last_name, abenov.first_name, abenov.birth_date) == ("Abenov", "Nurlan", date(1985, 7, 15))
    assert abenov.address.region_code == "astana" and abenov.address.urban
    assert abenov.address.region_name == {"kk": "Астана", "ru": "Астана", "en": "Astana"}
    assert (abenov.phone, abenov.email) == ("+77011234567", "nurlan.abenov@example.kz")
    assert not abenov.deceased and abenov.death_date is None

    villager = await fetch_person(client, VILLAGER, purpose)
    assert villager.address.locality == "Shayan village"
    assert villager.address.urban is False and villager.address.region_code == "turkistan"
    assert villager.address.region_name["en"] == "Turkistan Region"

    deceased = await fetch_person(client, TULEGENOV, purpose)
    assert deceased.deceased and deceased.death_date is not None


async def test_family_links_both_ways(client: RegistryClient, purpose: Purpose) -> None:
    family = await fetch_family(client, OMAROVA, purpose)
    assert family.spouse is not None and family.spouse.iin == "881111300008"
    assert [c.iin for c in family.children] == ["100505500009"]
    child = await fetch_family(client, "100505500009", purpose)
    assert {p.iin for p in child.parents} == {OMAROVA, "881111300008"}


async def test_bad_or_unknown_iin_is_a_refusal(client: RegistryClient, purpose: Purpose) -> None:
    with pytest.raises(RegistryRefusal) as bad:
        await fetch_person(client, "850715300123", purpose)
    assert (bad.value.code, bad.value.status, bad.value.registry) == ("invalid_iin", 422, "population")
    assert set(bad.value.titles) == {"kk", "ru", "en"}
    with pytest.raises(RegistryRefusal) as unknown:
        await fetch_person(client, NOBODY, purpose)
    assert (unknown.value.code, unknown.value.status) == ("person_not_found", 404)
    assert NOBODY not in str(unknown.value)


# --- access control and purpose ------------------------------------------------------------

@pytest.mark.parametrize("system, key", [
    ("onestop", "wrong-key"),
    ("nobody", "change-me-in-production"),
])
async def test_unknown_system_or_wrong_key_is_forbidden(registries: Settings, purpose: Purpose,
                                                        system: str, key: str) -> None:
    settings = registries.model_copy(update={"registries_system_id": system, "registries_api_key": key})
    async with RegistryClient(settings) as stranger:
        with pytest.raises(RegistryRefusal) as refused:
            await fetch_person(stranger, ABENOV, purpose)
    assert (refused.value.code, refused.value.status) == ("forbidden", 403)


async def test_a_system_reads_only_the_registries_it_was_granted(registries: Settings,
                                                                 purpose: Purpose) -> None:
    settings = registries.model_copy(update={"registries_system_id": "career-centre",
                                             "registries_api_key": "career-centre-registries-key"})
    async with RegistryClient(settings) as career_centre:
        assert (await fetch_person(career_centre, ABENOV, purpose)).iin == ABENOV
        with pytest.raises(RegistryRefusal) as refused:
            await list_tax_registrations(career_centre, ABENOV, purpose)
    assert refused.value.code == "forbidden"


async def test_missing_purpose_is_a_bad_request(registries: Settings) -> None:
    headers = {"X-Calling-System": registries.registries_system_id,
               "X-Api-Key": registries.registries_api_key, "X-Purpose-Application": "application-1"}
    async with httpx.AsyncClient(base_url=registries.registries_url) as http:
        response = await http.get(f"/population/persons/{ABENOV}", headers=headers)
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["code"] == "purpose_required"
    async with RegistryClient(registries) as client:
        with pytest.raises(RegistryRefusal) as refused:
            await client.get("population", f"/population/persons/{ABENOV}", purpose=None)
    assert (refused.value.code, refused.value.status) == ("purpose_required", 400)


async def test_every_read_is_logged_with_its_purpose(client: RegistryClient) -> None:
    purpose = Purpose(application_id=f"application-{uuid.uuid4()}", service_code="tsa")
    await fetch_family(client, OMAROVA, purpose)
    for iin in (OMAROVA, "881111300008", "100505500009"):  # the family read touches all three
        entries = await fetch_access_log(client, iin)
        mine = [e for e in entries if e.application_id == purpose.application_id]
        assert len(mine) == 1, iin
        assert (mine[0].system, mine[0].registry, mine[0].service_code) == ("onestop", "population", "tsa")


# --- writes --------------------------------------------------------------------------------

async def test_tax_registration_is_idempotent(client: RegistryClient, purpose: Purpose,
                                              adults: _Adults) -> None:
    iin = adults.take()
    first = await register_taxpayer(client, _tax(iin, "app-1:tax", purpose))
    again = await register_taxpayer(client, _tax(iin, "app-1:tax", purpose))
    assert first.created and not again.created
    assert again.registration_id == first.registration_id and again.registered_at == first.registered_at
    assert len(await list_tax_registrations(client, iin, purpose)) == 1

    with pytest.raises(RegistryRefusal) as other_key:
        await register_taxpayer(client, _tax(iin, "app-2:tax", purpose))
    assert (other_key.value.code, other_key.value.status) == ("already_registered", 409)
    with pytest.raises(RegistryRefusal) as reused:
        await register_taxpayer(client, _tax(iin, "app-1:tax", purpose, income="999"))
    assert reused.value.code == "idempotency_key_reused"
    assert len(await list_tax_registrations(client, iin, purpose)) == 1


async def test_an_entrepreneurs_regime_change_keeps_his_registration(
        client: RegistryClient, purpose: Purpose, adults: _Adults) -> None:
    change = ChangeRegimeInput(iin=SADYKOVA, regime="mobile-app", activity_code="tutoring",
                               monthly_income=Decimal("300000"), idempotency_key=f"{uuid.uuid4()}:rc", purpose=purpose)
    before = await list_tax_registrations(client, SADYKOVA, purpose)
    first = await change_regime(client, change)
    again = await change_regime(client, change)
    assert first.created and not again.created and again.change_id == first.change_id
    after = await list_tax_registrations(client, SADYKOVA, purpose)
    assert [r.registration_id for r in after] == [r.registration_id for r in before] == [first.registration_id]
    assert after[0].regime == "mobile-app"
    with pytest.raises(RegistryRefusal) as nobody:  # someone with no registration has no regime to change
        await change_regime(client, change.model_copy(update={"iin": adults.take(), "idempotency_key": "rc-2"}))
    assert (nobody.value.code, nobody.value.status) == ("not_registered", 409)


async def test_a_deceased_person_cannot_be_registered(client: RegistryClient, purpose: Purpose) -> None:
    with pytest.raises(RegistryRefusal) as refused:
        await register_taxpayer(client, _tax(TULEGENOV, "dead:tax", purpose))
    assert refused.value.code == "person_deceased"


async def test_business_notice_is_idempotent_and_makes_an_entrepreneur(
        client: RegistryClient, purpose: Purpose, adults: _Adults) -> None:
    iin = adults.take()
    assert not (await fetch_business_status(client, iin, purpose)).active_entrepreneur
    notice = NotifyRegistrationInput(iin=iin, regime="self_employed", activity_code="96.02",
                                     address_line="Astana, Abai avenue 1", idempotency_key="n-1",
                                     purpose=purpose)
    first = await notify_registration(client, notice)
    again = await notify_registration(client, notice)
    assert again == first and first.registered_on == date.today()
    status = await fetch_business_status(client, iin, purpose)
    assert status.active_entrepreneur and len(status.registrations) == 1
    with pytest.raises(RegistryRefusal) as refused:
        await notify_registration(client, notice.model_copy(update={"idempotency_key": "n-2"}))
    assert refused.value.code == "already_registered"


async def test_an_active_entrepreneur_is_refused_a_new_notice(client: RegistryClient,
                                                              purpose: Purpose) -> None:
    status = await fetch_business_status(client, SADYKOVA, purpose)
    assert status.active_entrepreneur and status.registrations[0].status == "active"
    with pytest.raises(RegistryRefusal) as refused:
        await notify_registration(client, NotifyRegistrationInput(
            iin=SADYKOVA, regime="self_employed", activity_code="47.91", address_line="Almaty",
            idempotency_key="sadykova-1", purpose=purpose))
    assert (refused.value.code, refused.value.status) == ("already_registered", 409)


async def test_notifications_are_sent_once_per_key(client: RegistryClient, purpose: Purpose) -> None:
    to = f"+7701{uuid.uuid4().int % 10_000_000:07d}"
    message = SendNotificationInput(channel="sms", to=to, language="kk", subject="",
                                    body="Өтінішіңіз қабылданды", idempotency_key=f"{to}:1",
                                    purpose=purpose)
    first = await send_notification(client, message)
    assert (await send_notification(client, message)).message_id == first.message_id
    outbox = await fetch_outbox(client, to, purpose)
    assert [(m.message_id, m.language, m.body, m.application_id) for m in outbox] == [
        (first.message_id, "kk", "Өтінішіңіз қабылданды", purpose.application_id)]
    with pytest.raises(RegistryRefusal) as refused:
        await send_notification(client, message.model_copy(update={"to": "not-a-phone",
                                                                   "idempotency_key": "x"}))
    assert refused.value.code == "invalid_request"


# --- knobs ---------------------------------------------------------------------------------

async def test_outage_makes_the_registry_unavailable(client: RegistryClient, purpose: Purpose,
                                                     knobs: str, admin: httpx.Client) -> None:
    admin.put(f"{knobs}/population", json={"outage": True}).raise_for_status()
    assert admin.get(f"{knobs}/population").json() == {"latency_ms": 0, "reply_latency_ms": 0, "error_rate": 0.0,
                                                        "outage": True}
    with pytest.raises(RegistryUnavailable) as down:
        await fetch_person(client, ABENOV, purpose)
    assert down.value.status == 503 and ABENOV not in str(down.value)
    # Other registries are not affected, and a reset brings population back.
    assert not (await fetch_business_status(client, ABENOV, purpose)).active_entrepreneur
    admin.put(knobs, json={}).raise_for_status()
    assert (await fetch_person(client, ABENOV, purpose)).iin == ABENOV


async def test_error_rate_gives_server_errors(client: RegistryClient, purpose: Purpose,
                                              knobs: str, admin: httpx.Client) -> None:
    admin.put(f"{knobs}/tax", json={"error_rate": 1.0}).raise_for_status()
    for _ in range(5):
        with pytest.raises(RegistryUnavailable) as failed:
            await list_tax_registrations(client, ABENOV, purpose)
        assert failed.value.status in (500, 503)


async def test_latency_slows_calls_and_a_timeout_is_unavailable(
        registries: Settings, client: RegistryClient, purpose: Purpose, knobs: str, admin: httpx.Client) -> None:
    admin.put(f"{knobs}/population", json={"latency_ms": 300}).raise_for_status()
    started = time.perf_counter()
    await fetch_person(client, ABENOV, purpose)
    assert time.perf_counter() - started >= 0.3
    async with RegistryClient(registries, timeout=0.1) as impatient:
        with pytest.raises(RegistryUnavailable) as timed_out:
            await fetch_person(impatient, ABENOV, purpose)
    assert timed_out.value.status is None and "timed out" in str(timed_out.value)


def test_knobs_are_validated_and_reset(registries: Settings, knobs: str, admin: httpx.Client) -> None:
    assert admin.put(f"{knobs}/population", json={"error_rate": 1.5}).status_code == 422
    assert admin.put(f"{knobs}/payments", json={"reply_latency_ms": -1}).status_code == 422
    assert admin.put(f"{knobs}/unknown", json={"outage": True}).json()["code"] == "unknown_registry"
    admin.put(f"{knobs}/tax", json={"latency_ms": 50}).raise_for_status()
    assert admin.put(f"{knobs}/tax", json={"outage": True}).json() == {
        "latency_ms": 50, "reply_latency_ms": 0, "error_rate": 0.0, "outage": True}
    everything = admin.put(knobs, json={}).json()
    assert set(everything) == {"population", "businesses", "tax", "contracts", "pensions",
                               "social_insurance", "social_payments", "property", "payments",
                               "events", "notifications", "education", "special_records"}
    assert all(k == {"latency_ms": 0, "reply_latency_ms": 0, "error_rate": 0.0, "outage": False}
               for k in everything.values())


async def test_the_registry_says_who_studies_full_time(registries: Settings, client: RegistryClient,
                                                       purpose: Purpose) -> None:
    from connectors.mock.seed import REFERENCE_DATE, generate_population, is_full_time_student

    settings = Settings(_env_file=None)
    people = generate_population(settings.seed, settings.seed_persons)
    today = date.today()
    student = next(p for p in people if is_full_time_student(settings.seed, p, today))
    graduate = next(p for p in people if p.birth_date < REFERENCE_DATE.replace(year=1990) and not p.deceased)
    assert (await fetch_person(client, student.iin, purpose)).full_time_student is True
    assert (await fetch_person(client, graduate.iin, purpose)).full_time_student is False


async def test_the_education_registry_holds_the_diplomas_the_studies_lead_to(
        registries: Settings, client: RegistryClient, purpose: Purpose) -> None:
    from connectors.education import fetch_education
    from connectors.mock.seed import diplomas, full_time_studies, generate_population, is_kandas, left_care_on

    settings = Settings(_env_file=None)
    people = [p for p in generate_population(settings.seed, settings.seed_persons) if not p.deceased]
    today = date.today()
    graduate = next(p for p in people if (s := full_time_studies(settings.seed, p)) and s[1] < today)
    found = await fetch_education(client, graduate.iin, purpose)
    university = found.latest()
    assert university is not None and university.level == "higher" and university.institution_kind == "university"
    assert university.graduated_on == full_time_studies(settings.seed, graduate)[1]  # type: ignore[index]
    assert found.diplomas[0].level == "secondary"  # school first
    college = next(p for p in people if any(d.level == "tvet" for d in diplomas(settings.seed, p, today)))
    assert (await fetch_education(client, college.iin, purpose)).latest().institution_kind == "college"  # type: ignore[union-attr]
    child = next(p for p in people if p.birth_date.year >= today.year - 10)
    assert (await fetch_education(client, child.iin, purpose)).diplomas == []
    kandas = next(p for p in people if is_kandas(settings.seed, p))
    assert (await fetch_person(client, kandas.iin, purpose)).kandas is True
    assert (await fetch_person(client, child.iin, purpose)).kandas is False
    cared = next(p for p in people if left_care_on(settings.seed, p, today))
    assert (await fetch_education(client, cared.iin, purpose)).left_state_care_on == left_care_on(
        settings.seed, cared, today)
    assert (await fetch_education(client, graduate.iin, purpose)).left_state_care_on is None


async def test_the_special_records_tell_a_release_from_detention(registries: Settings, client: RegistryClient,
                                                                 purpose: Purpose) -> None:
    from connectors.mock.seed import generate_population, releases
    from connectors.special_records import fetch_releases

    settings = Settings(_env_file=None)
    people = [p for p in generate_population(settings.seed, settings.seed_persons) if not p.deceased]
    today = date.today()
    released = next(p for p in people if releases(settings.seed, p, today))
    found = await fetch_releases(client, released.iin, purpose)
    assert found.last() == releases(settings.seed, released, today)[0] <= today
    assert released.birth_date.year + 19 <= found.last().year  # type: ignore[union-attr]
    never = next(p for p in people if not releases(settings.seed, p, today))
    assert (await fetch_releases(client, never.iin, purpose)).releases == []

