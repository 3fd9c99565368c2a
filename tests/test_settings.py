"""Settings: every one documented in .env.example, derived defaults, no placeholder secrets in production."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from onestop.settings import Settings

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


def test_placeholder_secrets_are_refused_outside_development() -> None:
    with pytest.raises(ValidationError, match="ONESTOP_PORTAL_CLIENT_SECRET"):
        Settings(_env_file=None, environment="production")
    Settings(_env_file=None, environment="production", portal_client_secret="s1", session_secret="s2",
             registries_api_key="s3")
