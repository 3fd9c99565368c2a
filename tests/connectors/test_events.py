"""The registry events feed over real HTTP: an event appended through the admin route is on the
feed after the cursor, and the registries show what it changed; a bad event is refused and
never published; outages retryable."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest
from temporalio.testing import ActivityEnvironment

from connectors.base import Purpose, RegistryClient
from connectors.contracts import fetch_employment_record
from connectors.contributions import fetch_pension_contributions
from connectors.errors import RegistryRefusal, RegistryUnavailable
from connectors.events import EventActivities, ReadEventsInput, fetch_events
from connectors.population import fetch_family, fetch_person
from onestop.settings import Settings
from policies.iin import complete
from tests.connectors.conftest import _Adults, admin_headers

ASTANA_BUILD = "090440003173"
TULEGENOV = "600303300002"


def _append(registries: Settings, **event: Any) -> httpx.Response:
    return httpx.post(f"{registries.registries_url}/_admin/events", json=event, headers=admin_headers(registries))


async def _tail(client: RegistryClient) -> str:
    """The cursor after every event so far."""
    page = await fetch_events(client, limit=1000)
    while page.events:
        page = await fetch_events(client, page.cursor, limit=1000)
    return page.cursor


def _month(day: date) -> str:
    return f"{day:%Y-%m}"


async def test_a_new_contract_is_published_and_the_registries_show_it(
        registries: Settings, client: RegistryClient, purpose: Purpose, adults: _Adults) -> None:
    iin = adults.take()
    cursor = await _tail(client)
    start = (date.today().replace(day=1) - timedelta(days=1)).replace(day=1)  # last month's first day
    answer = _append(registries, kind="contract_started", iin=iin, employer_bin=ASTANA_BUILD,
                     position="Site engineer", start_date=start.isoformat(), monthly_wage=310_000)
    assert answer.status_code == 201
    page = await fetch_events(client, cursor)
    assert [(e.kind, e.iin) for e in page.events] == [("contract_started", iin)]
    event = page.events[0]
    assert (event.cursor, page.cursor) == (str(event.id), event.cursor)
    contract_id = event.data["contract_id"]
    assert event.data | {"contract_id": None} == {
        "contract_id": None, "employer_bin": ASTANA_BUILD, "position": "Site engineer",
        "start_date": start.isoformat(), "monthly_wage": 310_000}
    record = await fetch_employment_record(client, iin, purpose)
    new = [c for c in record.contracts if c.contract_id == contract_id]
    assert [(c.employer_bin, c.start_date, c.status, c.monthly_wage) for c in new] == [
        (ASTANA_BUILD, start, "active", Decimal("310000.00"))]
    paid = await fetch_pension_contributions(client, iin, purpose, _month(start), _month(start))
    assert (_month(start), ASTANA_BUILD, Decimal("310000.00")) in {
        (c.month, c.payer_id, c.income) for c in paid.contributions}
    assert (await fetch_events(client, page.cursor)).events == []


async def test_a_wage_change_and_an_end_follow_the_contract(
        registries: Settings, client: RegistryClient, purpose: Purpose, adults: _Adults) -> None:
    iin = adults.take()
    _append(registries, kind="contract_started", iin=iin, employer_bin=ASTANA_BUILD, position="Foreman",
            start_date="2024-01-10", monthly_wage=200_000).raise_for_status()
    cursor = await _tail(client)
    contract_id = next(c.contract_id for c in (await fetch_employment_record(client, iin, purpose)).contracts
                       if c.start_date == date(2024, 1, 10))
    _append(registries, kind="income_changed", iin=iin, contract_id=contract_id, monthly_wage=260_000,
            from_date="2024-07-01").raise_for_status()
    _append(registries, kind="contract_ended", iin=iin, contract_id=contract_id,
            end_date="2024-12-31").raise_for_status()
    page = await fetch_events(client, cursor, limit=1)
    assert [e.kind for e in page.events] == ["income_changed"]
    page = await fetch_events(client, page.cursor, limit=1)
    assert [(e.kind, e.data["end_date"]) for e in page.events] == [("contract_ended", "2024-12-31")]
    paid = await fetch_pension_contributions(client, iin, purpose, "2024-05", "2025-01")
    ours = [(c.month, c.income) for c in paid.contributions if c.payer_id == ASTANA_BUILD]
    assert ours == [("2024-05", Decimal("200000.00")), ("2024-06", Decimal("200000.00"))] + [
        (f"2024-{m:02d}", Decimal("260000.00")) for m in range(7, 13)]
    contract = next(c for c in (await fetch_employment_record(client, iin, purpose)).contracts
                    if c.contract_id == contract_id)
    assert (contract.status, contract.end_date) == ("ended", date(2024, 12, 31))


async def test_a_death_is_published_and_the_population_registry_shows_it(
        registries: Settings, client: RegistryClient, purpose: Purpose, adults: _Adults) -> None:
    iin = adults.take()
    cursor = await _tail(client)
    died = date.today() - timedelta(days=3)
    _append(registries, kind="death", iin=iin, date=died.isoformat()).raise_for_status()
    assert [(e.kind, e.iin, e.data) for e in (await fetch_events(client, cursor)).events] == [
        ("death", iin, {"date": died.isoformat()})]
    person = await fetch_person(client, iin, purpose)
    assert person.deceased and person.death_date == died
    record = await fetch_employment_record(client, iin, purpose)
    assert all(c.end_date is not None and c.end_date <= died for c in record.contracts)
    again = _append(registries, kind="death", iin=iin, date=died.isoformat())
    assert (again.status_code, again.json()["code"]) == (422, "person_deceased")


async def test_a_birth_adds_a_child_to_the_family(registries: Settings, client: RegistryClient,
                                                  purpose: Purpose, adults: _Adults) -> None:
    mother = adults.take()
    while (await fetch_person(client, mother, purpose)).sex != "F":
        mother = adults.take()
    spouse = (await fetch_family(client, mother, purpose)).spouse
    father = spouse.iin if spouse is not None and not spouse.deceased else None
    born = date.today() - timedelta(days=10)
    # Nobody seeded was born after the seed's reference date (2025-07-01): any such IIN is free.
    child = next(n for s in range(uuid.uuid4().int % 9000, 10_000) if (n := complete(f"{born:%y%m%d}5{s:04d}")))
    cursor = await _tail(client)
    _append(registries, kind="birth", iin=child, mother_iin=mother, father_iin=father, birth_date=born.isoformat(),
            sex="M", last_name="Serikov", first_name="Alikhan").raise_for_status()
    [event] = (await fetch_events(client, cursor)).events
    assert (event.kind, event.iin, event.data["mother_iin"]) == ("birth", child, mother)
    baby = await fetch_person(client, child, purpose)
    assert (baby.last_name, baby.first_name, baby.birth_date, baby.sex) == ("Serikov", "Alikhan", born, "M")
    if father is not None:
        husband = await fetch_person(client, father, purpose)
        assert baby.middle_name is not None and baby.middle_name.startswith(husband.first_name[:3])
        assert baby.middle_name.endswith("ich")
    assert baby.address == (await fetch_person(client, mother, purpose)).address
    assert child in [c.iin for c in (await fetch_family(client, mother, purpose)).children]
    assert {p.iin for p in (await fetch_family(client, child, purpose)).parents} == {mother, father} - {None}
    twice = _append(registries, kind="birth", iin=child, mother_iin=mother, birth_date=born.isoformat(),
                    sex="M", last_name="Serikov", first_name="Alikhan")
    assert (twice.status_code, twice.json()["code"]) == (409, "person_exists")


@pytest.mark.parametrize("event, status, code", [
    ({"kind": "contract_started", "iin": "850715300122", "employer_bin": complete("09044099999"),
      "position": "X", "start_date": "2025-01-01", "monthly_wage": 1}, 404, "business_not_found"),
    ({"kind": "contract_started", "iin": "850715300122", "employer_bin": "090440003174",
      "position": "X", "start_date": "2025-01-01", "monthly_wage": 1}, 422, "invalid_bin"),
    ({"kind": "contract_started", "iin": "850715300122", "employer_bin": ASTANA_BUILD,
      "position": "X", "start_date": "2009-01-01", "monthly_wage": 1}, 422, "invalid_request"),
    ({"kind": "contract_ended", "iin": "850715300122", "contract_id": "EC-nothing",
      "end_date": "2025-01-01"}, 404, "contract_not_found"),
    ({"kind": "death", "iin": TULEGENOV, "date": "2024-01-01"}, 422, "person_deceased"),
    ({"kind": "death", "iin": "850715300122", "date": "2999-01-01"}, 422, "invalid_request"),
    ({"kind": "birth", "iin": "850715300122", "mother_iin": "770821400009", "birth_date": "2025-01-01",
      "sex": "F", "last_name": "A", "first_name": "B"}, 409, "person_exists"),
    ({"kind": "promotion", "iin": "850715300122"}, 422, "invalid_request"),
])
async def test_a_bad_event_is_refused_and_never_published(registries: Settings, client: RegistryClient,
                                                          event: dict[str, Any], status: int, code: str) -> None:
    cursor = await _tail(client)
    answer = _append(registries, **event)
    assert (answer.status_code, answer.json()["code"]) == (status, code)
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert (await fetch_events(client, cursor)).events == []
    assert (await fetch_person(client, "850715300122", Purpose(application_id="a", service_code="s"))).deceased is False


async def test_the_feed_refuses_a_bad_cursor_and_strangers(registries: Settings, client: RegistryClient) -> None:
    with pytest.raises(RegistryRefusal) as bad:
        await fetch_events(client, "not-a-cursor")
    assert (bad.value.code, bad.value.status) == ("invalid_request", 422)
    stranger = registries.model_copy(update={"registries_api_key": "wrong"})
    async with RegistryClient(stranger) as other:
        with pytest.raises(RegistryRefusal) as forbidden:
            await fetch_events(other)
    assert forbidden.value.code == "forbidden"
    far = await fetch_events(client, "999999999")
    assert (far.events, far.cursor) == ([], "999999999")


async def test_an_outage_of_the_feed_is_retryable(client: RegistryClient, knobs: str, admin: httpx.Client) -> None:
    admin.put(f"{knobs}/events", json={"outage": True}).raise_for_status()
    with pytest.raises(RegistryUnavailable) as down:
        await fetch_events(client)
    assert (down.value.status, down.value.registry) == (503, "events")


async def test_the_activity_reads_a_page(registries: Settings, client: RegistryClient, adults: _Adults) -> None:
    cursor = await _tail(client)
    iin = adults.take()
    _append(registries, kind="death", iin=iin, date="2025-05-05").raise_for_status()
    page = await ActivityEnvironment().run(EventActivities(client).read, ReadEventsInput(after=cursor, limit=10))
    assert [(e.kind, e.iin) for e in page.events] == [("death", iin)]
