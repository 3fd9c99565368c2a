"""Contracts, contributions, social payments and property over real HTTP, through the connectors:
the demo families exactly, every seeded person consistent across registries, outages retryable."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

import httpx
import pytest

from connectors.access_log import PENSION_CONTRIBUTIONS, fetch_access_log
from connectors.base import Purpose, RegistryClient
from connectors.businesses import fetch_business
from connectors.contracts import fetch_employment_record
from connectors.contributions import fetch_pension_contributions, fetch_social_contributions
from connectors.errors import RegistryRefusal, RegistryUnavailable
from connectors.population import fetch_family
from connectors.property import fetch_property
from connectors.social_payments import fetch_social_payments
from policies.iban import is_valid_kz_iban
from tests.connectors.conftest import _Adults

ZHANAR, SERIK = "880412400711", "850930300439"
ASKAR, DINARA = "790314300515", "821002400665"
SCHOOL, PLANT = "010940005113", "981140000642"


def _last_full_quarter() -> tuple[str, str]:
    """The quarter before this one, as (first month, last month): what targeted assistance reads."""
    today = date.today()
    start_month = (today.month - 1) // 3 * 3 + 1
    year, month = (today.year, start_month - 3) if start_month > 3 else (today.year - 1, 10)
    return f"{year}-{month:02d}", f"{year}-{month + 2:02d}"


async def _family_income(client: RegistryClient, iins: list[str], purpose: Purpose) -> Decimal:
    first, last = _last_full_quarter()
    total = Decimal(0)
    for iin in iins:
        history = await fetch_pension_contributions(client, iin, purpose, first, last)
        total += sum(history.income_by_month().values(), Decimal(0))
    return total


async def test_the_poor_family_works_at_low_wages(client: RegistryClient, purpose: Purpose) -> None:
    zhanar = await fetch_employment_record(client, ZHANAR, purpose)
    assert [(c.employer_bin, c.position, c.start_date, c.end_date, c.monthly_wage, c.status)
            for c in zhanar.contracts] == [
        (SCHOOL, "Cleaner (half-time)", date(2019, 9, 2), None, Decimal("42500.00"), "active")]
    assert zhanar.contracts[0].employer_name is not None
    assert "School-gymnasium No. 5" in zhanar.contracts[0].employer_name["en"]
    serik = await fetch_employment_record(client, SERIK, purpose)
    assert [(c.position, c.status) for c in serik.contracts] == [("Apprentice", "ended"), ("Loader", "active")]
    assert [c.position for c in serik.active_on(date.today())] == ["Loader"]


async def test_the_poor_family_is_below_the_line_and_the_well_off_far_above(
        client: RegistryClient, purpose: Purpose) -> None:
    family = await fetch_family(client, ZHANAR, purpose)
    members = [ZHANAR] + [family.spouse.iin] + [c.iin for c in family.children]  # type: ignore[union-attr]
    assert len(members) == 5
    per_capita = await _family_income(client, members, purpose) / 5 / 3
    assert per_capita == Decimal("27500")  # DemoHousehold's comment: (42,500 + 95,000) x 3 / 5 / 3
    assert per_capita < Decimal("35596")  # 70% of the 2026 subsistence minimum (50,851)
    rich = await fetch_family(client, ASKAR, purpose)
    rich_members = [ASKAR, DINARA] + [c.iin for c in rich.children]
    assert await _family_income(client, rich_members, purpose) / 4 / 3 == Decimal("412500")


@pytest.mark.parametrize("head, members, per_capita", [
    (ZHANAR, 5, Decimal("27500")),       # (42,500 + 95,000) / 5
    (ASKAR, 4, Decimal("412500")),       # (1,200,000 + 450,000) / 4
    ("900518400279", 3, Decimal("79000") / 3),  # Saule Karimova's disability benefit / 3
    ("830214300620", 4, Decimal("32500")),  # (100,000 + 30,000) / 4
])
async def test_each_demo_household_has_its_per_capita_income(client: RegistryClient, purpose: Purpose,
                                                             head: str, members: int, per_capita: Decimal) -> None:
    """Wages from the contributions and benefits from the social payments, over the last full quarter."""
    family = await fetch_family(client, head, purpose)
    iins = [head, *([family.spouse.iin] if family.spouse else []), *(c.iin for c in family.children)]
    assert len(iins) == members
    first, last = _last_full_quarter()
    total = await _family_income(client, iins, purpose)
    for iin in iins:
        paid = await fetch_social_payments(client, iin, purpose, first, last)
        total += sum((p.amount for p in paid.payments), Decimal(0))
    assert total / members / 3 == per_capita


async def test_the_disabled_mother_and_the_family_with_a_car(client: RegistryClient, purpose: Purpose) -> None:
    saule = await fetch_social_payments(client, "900518400279", purpose, "2015-06", "2015-06")
    assert [(p.kind, p.amount, p.details) for p in saule.payments] == [
        ("disability_benefit", Decimal("79000.00"), {"disability_group": 2})]
    assert (await fetch_employment_record(client, "900518400279", purpose)).contracts == []
    yerbol = await fetch_property(client, "830214300620", purpose)
    asel = await fetch_property(client, "860707400187", purpose)
    assert len(yerbol.vehicles) == 1 and asel.vehicles == []
    assert [h.kind for h in yerbol.real_estate] == ["house", "land_plot"]


async def test_contributions_are_the_wage_times_the_rate(client: RegistryClient, purpose: Purpose) -> None:
    pension = await fetch_pension_contributions(client, ZHANAR, purpose, "2024-11", "2025-02")
    assert (pension.from_month, pension.to_month) == ("2024-11", "2025-02")
    assert [(c.month, c.payer_id, c.payer_kind, c.income, c.amount) for c in pension.contributions] == [
        (m, SCHOOL, "employer", Decimal("42500.00"), Decimal("4250.00"))
        for m in ("2024-11", "2024-12", "2025-01", "2025-02")]
    social = await fetch_social_contributions(client, SERIK, purpose, "2024-12", "2025-01")
    assert [(c.month, c.payer_id, c.rate, c.amount) for c in social.contributions] == [
        ("2024-12", PLANT, Decimal("0.035"), Decimal("3325.00")),
        ("2025-01", PLANT, Decimal("0.05"), Decimal("4750.00"))]
    # Serik's apprenticeship ended on 2020-12-31 and the plant took him again on 2021-03-01.
    gap = await fetch_pension_contributions(client, SERIK, purpose, "2020-12", "2021-03")
    assert [(c.month, c.income) for c in gap.contributions] == [
        ("2020-12", Decimal("60000.00")), ("2021-03", Decimal("95000.00"))]


async def test_benefits_paid_and_the_account_they_went_to(client: RegistryClient, purpose: Purpose) -> None:
    history = await fetch_social_payments(client, ZHANAR, purpose, "2023-01", "2025-12")
    assert [p.month for p in history.payments] == (
        [f"2023-{m:02d}" for m in range(9, 13)] + [f"2024-{m:02d}" for m in range(1, 13)] + ["2025-01", "2025-02"])
    assert {(p.kind, p.amount) for p in history.payments} == {("childcare_benefit", Decimal("28000.00"))}
    iban = history.last_iban()
    assert iban is not None and is_valid_kz_iban(iban)
    assert {p.iban for p in history.payments} == {iban}
    assert (await fetch_social_payments(client, SERIK, purpose, "2023-01", "2025-12")).payments == []


async def test_homes_are_shared_by_spouses_and_cars_registered_to_one(client: RegistryClient,
                                                                      purpose: Purpose) -> None:
    zhanar, serik = await fetch_property(client, ZHANAR, purpose), await fetch_property(client, SERIK, purpose)
    assert [(h.kind, sorted(h.owners), h.share) for h in zhanar.real_estate] == [
        ("apartment", sorted([ZHANAR, SERIK]), "1/2")]
    assert zhanar.real_estate == serik.real_estate and zhanar.vehicles == serik.vehicles == []
    askar, dinara = await fetch_property(client, ASKAR, purpose), await fetch_property(client, DINARA, purpose)
    assert len(askar.homes) == 2 and len(askar.real_estate) == 3 and askar.real_estate == dinara.real_estate
    assert len(askar.vehicles) + len(dinara.vehicles) == 2
    child = (await fetch_family(client, ZHANAR, purpose)).children[0].iin
    assert (await fetch_property(client, child, purpose)).real_estate == []


async def test_every_registry_agrees_about_a_sample_of_people(registries: object, client: RegistryClient,
                                                              purpose: Purpose, adults: _Adults) -> None:
    checked_contracts = 0
    for _ in range(25):
        iin = adults.take()
        record = await fetch_employment_record(client, iin, purpose)
        pension = await fetch_pension_contributions(client, iin, purpose, "2016-01", "2025-06")
        paid = {(c.month, c.payer_id) for c in pension.contributions if c.payer_kind == "employer"}
        for contract in record.contracts:
            employer = await fetch_business(client, contract.employer_bin, purpose)
            assert employer.registered_on <= contract.start_date
            month = f"{contract.start_date:%Y-%m}"
            if contract.start_date.day <= 15 and "2016-01" <= month <= "2025-06":
                assert (month, contract.employer_bin) in paid
            checked_contracts += 1
        contract_months = {(f"{m:%Y-%m}", c.employer_bin) for c in record.contracts
                           for m in _months(c.start_date, c.end_date or date(2025, 6, 30))}
        assert paid <= contract_months
        payments = await fetch_social_payments(client, iin, purpose, "2016-01", "2025-06")
        assert all(is_valid_kz_iban(p.iban) for p in payments.payments)
    assert checked_contracts > 5


def _months(first: date, last: date) -> list[date]:
    months, month = [], first.replace(day=1)
    while month <= last:
        months.append(month)
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return months


@pytest.mark.parametrize("first, last", [("2025-06", "2025-01"), ("2010-01", "2025-01"), ("2025-13", None)])
async def test_a_bad_month_range_is_refused(client: RegistryClient, purpose: Purpose,
                                            first: str, last: str | None) -> None:
    with pytest.raises(RegistryRefusal) as refused:
        await fetch_pension_contributions(client, ZHANAR, purpose, first, last)
    assert (refused.value.code, refused.value.status) == ("invalid_request", 422)


async def test_a_contributions_read_is_logged_for_the_person(client: RegistryClient) -> None:
    purpose = Purpose(application_id=f"application-{uuid.uuid4()}", service_code="social-assistance")
    await fetch_pension_contributions(client, SERIK, purpose)
    mine = [e for e in await fetch_access_log(client, SERIK) if e.application_id == purpose.application_id]
    assert [(e.registry, e.fields) for e in mine] == [("pensions", [PENSION_CONTRIBUTIONS])]


@pytest.mark.parametrize("registry, read", [
    ("contracts", lambda c, p: fetch_employment_record(c, ZHANAR, p)),
    ("pensions", lambda c, p: fetch_pension_contributions(c, ZHANAR, p)),
    ("social_insurance", lambda c, p: fetch_social_contributions(c, ZHANAR, p)),
    ("social_payments", lambda c, p: fetch_social_payments(c, ZHANAR, p)),
    ("property", lambda c, p: fetch_property(c, ZHANAR, p)),
])
async def test_each_registry_down_is_retryable_and_alone(client: RegistryClient, purpose: Purpose,
                                                         knobs: str, admin: httpx.Client, registry: str,
                                                         read: object) -> None:
    admin.put(f"{knobs}/{registry}", json={"outage": True}).raise_for_status()
    with pytest.raises(RegistryUnavailable) as down:
        await read(client, purpose)  # type: ignore[operator]
    assert (down.value.status, down.value.registry) == (503, registry)
    assert (await fetch_family(client, ZHANAR, purpose)).iin == ZHANAR
    admin.put(knobs, json={}).raise_for_status()
    await read(client, purpose)  # type: ignore[operator]
