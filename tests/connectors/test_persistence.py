"""Writes to the mock registries, and the registry events, survive a restart of its process."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import httpx

from connectors.base import Purpose, RegistryClient
from connectors.contracts import fetch_employment_record
from connectors.events import fetch_events
from connectors.population import fetch_person
from connectors.tax import RegisterTaxpayerInput, list_tax_registrations, register_taxpayer
from tests.connectors.conftest import admin_headers, mock_settings
from tests.support.processes import free_port, onestop_env, running

ABENOV, OMAROVA = "850715300122", "770821400009"


async def test_tax_registration_survives_a_restart(tmp_path: Path) -> None:
    port = free_port()
    settings = mock_settings(port, tmp_path)
    env = onestop_env(registries_port=port, state_dir=tmp_path)
    purpose = Purpose(application_id="application-restart", service_code="self-employed-registration")
    asked = RegisterTaxpayerInput(iin=ABENOV, regime="self_employed", activity_code="96.02",
                                  monthly_income=Decimal("100000"), idempotency_key="restart:tax",
                                  purpose=purpose)
    for attempt in range(2):
        with running(["registries"], env=env, log_path=tmp_path / "registries.log",
                     health_url=f"http://127.0.0.1:{port}/healthz"):
            async with RegistryClient(settings) as client:
                registration = await register_taxpayer(client, asked)
                assert registration.created is (attempt == 0)
                assert len(await list_tax_registrations(client, ABENOV, purpose)) == 1
    assert (tmp_path / "registries.db").exists()


async def test_registry_events_are_replayed_after_a_restart(tmp_path: Path) -> None:
    port = free_port()
    settings = mock_settings(port, tmp_path)
    env = onestop_env(registries_port=port, state_dir=tmp_path)
    purpose = Purpose(application_id="application-restart", service_code="social-assistance")
    for attempt in range(2):
        with running(["registries"], env=env, log_path=tmp_path / "registries.log",
                     health_url=f"http://127.0.0.1:{port}/healthz"):
            if attempt == 0:
                for event in (
                        {"kind": "contract_started", "iin": ABENOV, "employer_bin": "090440003173",
                         "position": "Engineer", "start_date": "2025-03-01", "monthly_wage": 300_000},
                        {"kind": "death", "iin": OMAROVA, "date": "2025-06-01"}):
                    httpx.post(f"{settings.registries_url}/_admin/events", json=event,
                               headers=admin_headers(settings)).raise_for_status()
            async with RegistryClient(settings) as client:
                page = await fetch_events(client)
                assert [e.kind for e in page.events] == ["contract_started", "death"]
                record = await fetch_employment_record(client, ABENOV, purpose)
                started = [c for c in record.contracts if c.contract_id == page.events[0].data["contract_id"]]
                assert [(c.employer_bin, c.monthly_wage) for c in started] == [("090440003173", Decimal("300000.00"))]
                assert (await fetch_person(client, OMAROVA, purpose)).death_date == date(2025, 6, 1)
