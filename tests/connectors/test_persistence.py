"""Writes to the mock registries survive a restart of its process."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from connectors.base import Purpose, RegistryClient
from connectors.tax import RegisterTaxpayerInput, list_tax_registrations, register_taxpayer
from tests.connectors.conftest import mock_settings
from tests.support.processes import free_port, onestop_env, running

ABENOV = "850715300122"


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
