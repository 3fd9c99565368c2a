"""The mock registries as a real process for the whole session, and clients to call it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from connectors.base import Purpose, RegistryClient
from connectors.mock.admin_token import HEADER as ADMIN_HEADER
from connectors.mock.admin_token import read_admin_token
from onestop.settings import Settings
from tests.support.processes import free_port, onestop_env, running


def mock_settings(port: int, state_dir: Path, **overrides: Any) -> Settings:
    return Settings(_env_file=None, registries_port=port, state_dir=state_dir,
                    registries_url=f"http://127.0.0.1:{port}", **overrides)


@pytest.fixture(scope="session")
def registries(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    port = free_port()
    state_dir = tmp_path_factory.mktemp("registries")
    env = onestop_env(registries_port=port, state_dir=state_dir)
    with running(["registries"], env=env, log_path=state_dir / "registries.log",
                 health_url=f"http://127.0.0.1:{port}/healthz"):
        yield mock_settings(port, state_dir)


@pytest.fixture
async def client(registries: Settings) -> AsyncIterator[RegistryClient]:
    async with RegistryClient(registries) as c:
        yield c


@pytest.fixture
def purpose() -> Purpose:
    return Purpose(application_id="application-test-1", service_code="self-employed-registration")


def admin_headers(registries: Settings) -> dict[str, str]:
    """The admin token the registries generated into their state dir."""
    return {ADMIN_HEADER: read_admin_token(registries.state_dir)}


@pytest.fixture
def admin(registries: Settings) -> Iterator[httpx.Client]:
    """A client of the registries with the admin token."""
    with httpx.Client(base_url=registries.registries_url, headers=admin_headers(registries)) as client:
        yield client


@pytest.fixture
def knobs(registries: Settings, admin: httpx.Client) -> Iterator[str]:
    """The knobs URL; every knob is back to normal after the test."""
    url = f"{registries.registries_url}/_admin/knobs"
    yield url
    admin.put(url, json={}).raise_for_status()


class _Adults:
    """Living adults with no business, each handed out once per session."""

    def __init__(self, registries: Settings) -> None:
        found = httpx.get(f"{registries.registries_url}/_admin/persons", headers=admin_headers(registries), params={
            "adult": True, "deceased": False, "active_entrepreneur": False, "limit": 200}).json()
        self._iins: list[str] = found["iins"]

    def take(self) -> str:
        return self._iins.pop()


@pytest.fixture(scope="session")
def adults(registries: Settings) -> _Adults:
    return _Adults(registries)
