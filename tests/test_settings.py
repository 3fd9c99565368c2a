"""Settings: every one documented in .env.example, derived defaults, no placeholder secrets in production."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from onestop.settings import DEV_SECRET_PLACEHOLDER, SECRET_FIELDS, Settings

ROOT = Path(__file__).resolve().parents[1]


def test_every_setting_is_documented_in_env_example() -> None:
    documented = {line.split("=", 1)[0] for line in (ROOT / ".env.example").read_text().splitlines()
                  if line.startswith("ONESTOP_")}
    assert documented == {f"ONESTOP_{name.upper()}" for name in Settings.model_fields}


def test_embedded_defaults_derive_from_the_state_dir_and_ports(tmp_path: Path) -> None:
    settings = Settings(_env_file=None, state_dir=tmp_path, portal_port=9100, idp_port=9101)
    assert settings.database_url == f"sqlite:///{(tmp_path / 'onestop.db').as_posix()}"
    assert settings.temporal_db_file == str(tmp_path / "temporal.db")
    assert settings.issuer_url == "http://127.0.0.1:9101"
    assert settings.portal_public_url == "http://127.0.0.1:9100"


def test_environment_variables_are_read_with_the_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ONESTOP_TEMPORAL_TASK_QUEUE", "queue-from-env")
    monkeypatch.setenv("ONESTOP_DATABASE_URL", "postgresql+psycopg://u@db:5432/onestop")
    settings = Settings(_env_file=None)
    assert settings.temporal_task_queue == "queue-from-env"
    assert settings.database_url == "postgresql+psycopg://u@db:5432/onestop"


def strong_secrets() -> dict[str, Any]:
    return {name: secrets.token_hex(32) for name in SECRET_FIELDS}


def test_placeholder_secrets_are_refused_outside_development() -> None:
    with pytest.raises(ValidationError, match="ONESTOP_PORTAL_CLIENT_SECRET"):
        Settings(_env_file=None, environment="production")
    Settings(_env_file=None, environment="production", **strong_secrets())


@pytest.mark.parametrize(("weak", "reason"), [
    ("", "is empty"), ("   ", "is empty"), ("REPLACE", "placeholder"), ("REPLACE_WITH_64_RANDOM_HEX", "placeholder"),
    ("change-me-in-production", "must be set"), ("s2", "shorter than 32"), ("0123456789abcdef0123456", "shorter"),
    ("ab" * 32, "too few characters"), ("my-session-secret-that-is-long-enough-1234", "placeholder"),
])
@pytest.mark.parametrize("field", SECRET_FIELDS)
def test_weak_secrets_are_refused_in_production(field: str, weak: str, reason: str) -> None:
    with pytest.raises(ValidationError, match=f"ONESTOP_{field.upper()}.*{reason}"):
        Settings(_env_file=None, environment="production", **{**strong_secrets(), field: weak})


def test_development_keeps_its_easy_defaults() -> None:
    settings = Settings(_env_file=None)
    assert settings.session_secret == DEV_SECRET_PLACEHOLDER and settings.demo_password == "demo"


@pytest.mark.parametrize("password", ["demo", secrets.token_hex(32)])
def test_production_refuses_a_demo_password(password: str) -> None:
    """Demo accounts exist only in development: production refuses the demo password, even a strong one."""
    with pytest.raises(ValidationError, match="ONESTOP_DEMO_PASSWORD is for development only"):
        Settings(_env_file=None, environment="production", demo_password=password, **strong_secrets())
    assert Settings(_env_file=None, environment="production", **strong_secrets()).demo_password == ""


@pytest.mark.parametrize("command", ["idp", "registries", "up"])
def test_development_parts_refuse_to_start_outside_development(command: str, tmp_path: Path) -> None:
    env = {**os.environ, "ONESTOP_ENVIRONMENT": "production", "ONESTOP_STATE_DIR": str(tmp_path),
           "PYTHONPATH": str(ROOT), **{f"ONESTOP_{k.upper()}": v for k, v in strong_secrets().items()},
           "ONESTOP_IDP_PORT": "1", "ONESTOP_REGISTRIES_PORT": "1", "ONESTOP_PORTAL_PORT": "1"}
    env.pop("ONESTOP_DEMO_PASSWORD", None)
    done = subprocess.run([sys.executable, "-m", "onestop", command], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "for development only (ONESTOP_ENVIRONMENT=production)" in done.stderr
    assert not (tmp_path / "keys").exists()  # refused before anything was made


def test_the_idp_has_no_demo_clients_outside_development() -> None:
    from idp.clients import build_clients
    from onestop import demo

    development = build_clients(Settings(_env_file=None))
    production = build_clients(Settings(_env_file=None, environment="production", **strong_secrets()))
    assert {c.client_id for c in demo.CLIENTS} <= set(development)
    assert not {c.client_id for c in demo.CLIENTS} & set(production)


def test_env_example_itself_loads_as_a_development_env_file() -> None:
    settings = Settings(_env_file=ROOT / ".env.example")
    assert settings.require_at_jwt is True and settings.demo_password == "demo"
    assert settings.webhook_client_hosts == {} and settings.webhook_allowed_host_list == []


def test_at_jwt_is_required_from_the_built_in_provider_and_configurable_for_others() -> None:
    assert Settings(_env_file=None).require_at_jwt is True
    assert Settings(_env_file=None, issuer_url="https://login.example.kz").require_at_jwt is False
    assert Settings(_env_file=None, issuer_url="https://login.example.kz", require_at_jwt=True).require_at_jwt is True
