"""One settings object for every process, read from the environment (prefix ONESTOP_).

Every default is an embedded one, so `onestop up` runs on a fresh machine with nothing set:
a SQLite file and the Temporal dev server under `.onestop/`, the built-in identity provider
and the mock registries on loopback ports.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEV_SECRET_PLACEHOLDER = "change-me-in-production"
# Outside development every secret must be at least this long and no known placeholder.
MIN_SECRET_LENGTH = 32
SECRET_FIELDS = ("portal_client_secret", "session_secret", "registries_api_key")
_PLACEHOLDER_WORDS = ("replace", "change-me", "changeme", "placeholder", "example", "secret", "password",
                      "demo", "xxxx", "todo")
DEMO_PASSWORD = "demo"


class DevelopmentOnly(RuntimeError):
    """A part made for development (the built-in IdP, the mock registries, demo accounts) was asked for elsewhere."""


def weakness(value: str) -> str | None:
    """Why a secret is too weak for production, or None."""
    if not value.strip():
        return "is empty"
    if any(word in value.lower() for word in _PLACEHOLDER_WORDS):
        return "is a placeholder"
    if len(value) < MIN_SECRET_LENGTH:
        return f"is shorter than {MIN_SECRET_LENGTH} characters"
    if len(set(value)) < 8:
        return "repeats too few characters"
    return None


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ONESTOP_", env_file=".env", extra="ignore")

    environment: str = "development"
    state_dir: Path = Path(".onestop")
    log_level: str = "INFO"

    database_url: str = ""  # empty: a SQLite file under state_dir

    temporal_address: str = "127.0.0.1:7233"
    temporal_namespace: str = "default"
    temporal_task_queue: str = "onestop"
    temporal_ui_port: int = 8233
    temporal_db_file: str = ""  # empty: state_dir/temporal.db
    # mTLS to a Temporal cluster (PEM file paths); all empty: plain TCP, as to the dev server.
    temporal_tls_ca: str = ""  # the CA that signed the cluster's certificate
    temporal_tls_cert: str = ""  # this client's (portal's, worker's) certificate
    temporal_tls_key: str = ""  # and its private key
    temporal_tls_server_name: str = ""  # the name in the cluster's certificate, when not the address's host

    host: str = "127.0.0.1"
    portal_port: int = 8000
    portal_public_url: str = ""  # empty: http://host:portal_port
    idp_port: int = 8001
    registries_port: int = 8002

    issuer_url: str = ""  # empty: the built-in identity provider at http://host:idp_port
    api_audience: str = "onestop-api"
    portal_client_id: str = "onestop-portal"
    portal_client_secret: str = DEV_SECRET_PLACEHOLDER
    session_secret: str = DEV_SECRET_PLACEHOLDER
    jwks_cache_seconds: int = 300
    # Access tokens must say `typ: at+jwt` (RFC 9068). Unset: required from the built-in provider
    # only (an empty issuer_url); other issuers often mint `typ: JWT`, and there an ID token is
    # told apart by its nonce / at_hash instead (portal/auth/tokens.py).
    require_at_jwt: bool | None = None
    access_token_ttl_seconds: int = 900
    cli_client_id: str = "onestop-cli"
    cli_redirect_uri: str = "http://127.0.0.1/cli/callback"

    # Agency webhooks (connectors/egress.py): hosts that skip the public-address check (only the
    # tests set it: their receiver is on 127.0.0.1), comma-separated; and, per client id, the only
    # hosts that client may register (an exact host, or ".example.kz" for its subdomains).
    webhook_allowed_hosts: str = ""
    webhook_client_hosts: dict[str, list[str]] = {}
    # The webhook secrets are stored sealed with these (onestop/webhook_secrets.py): "kid:base64-key,...",
    # 32 bytes each, the first seals, all open. Empty: one made in the state dir (development only).
    webhook_secret_keys: str = ""

    registries_url: str = ""  # empty: the mock registries at http://host:registries_port
    registries_system_id: str = "onestop"
    registries_api_key: str = DEV_SECRET_PLACEHOLDER
    registries_timeout_seconds: float = 5.0
    # The mock registries' /_admin routes (development only). Empty: generated into
    # state_dir/registries-admin-token on their first start, where the tests and the bench read it.
    registries_admin_token: str = ""

    # How often the registries' events poller reads the feed (a death, a new contract...); 0: no poller.
    events_poll_seconds: float = 30

    # The key of the audit chain's MACs (onestop/audit_mac.py): base64, at least 32 bytes, never in the
    # database. Empty: made in the state dir, shared by every process of the stack (development only).
    audit_mac_key: str = ""

    # Signed checkpoints of the audit chain (onestop audit checkpoint; the worker every N minutes), kept in a
    # folder the database cannot reach. Key: base64; empty: made in the state dir (development only).
    audit_checkpoint_key: str = ""
    audit_checkpoint_dir: str = ""  # empty: state_dir/audit-checkpoints
    audit_checkpoint_minutes: float = 60  # 0: the worker writes none

    # The key of the pseudonyms that stand for citizens in the audit trail's reads (portal/audit_pseudonyms.py):
    # base64, 64 bytes. Empty: made in the state dir (development only).
    audit_pseudonym_key: str = ""

    # HS256 keys the portal signs every update with, "kid:base64-secret,..." (first signs, all verify).
    # Empty: one made in the state dir (development only).
    action_signing_keys: str = ""

    # Workflow payloads encrypted with AES-GCM: "kid:base64-key,..." (the first encrypts, all decrypt).
    # Empty: no encryption (development, where the Temporal Web UI shows payloads).
    payload_keys: str = ""

    # More service modules for the catalogue, comma-separated (services/catalogue.py): how a service
    # defined only in tests reaches the portal and worker processes.
    service_modules: str = ""

    # Quotas (portal/quotas.py), answered with 429 and Retry-After. The defaults sit far above what a
    # person, an agency, the tests or the bench do; the quota tests set them low.
    quota_window_seconds: int = 3600
    quota_applications_per_citizen: int = 60  # applications submitted by one person per window
    quota_applications_per_client: int = 100_000  # started by one agency client per window
    quota_open_tasks_per_citizen: int = 50  # officer tasks still open on one person's applications
    quota_open_tasks_per_client: int = 50_000  # on the applications one agency client started
    quota_long_polls_per_caller: int = 8  # ?wait= answers held at once for one caller (per portal replica)
    # Public endpoints (portal/rate_limits.py): requests from one client address per window, per replica.
    quota_public_requests_per_address: int = 600
    quota_public_window_seconds: int = 60

    demo_password: str = ""  # empty: "demo" in development; refused if set elsewhere
    seed: int = 20261122
    seed_persons: int = 10_000
    seed_vacancies: int = 2_000  # `onestop migrate` in development, when the exchange has none

    max_body_bytes: int = 64 * 1024
    vacancy_archive_schedule: bool = True  # onestop/schedules.py: archive expired vacancies daily
    max_bulk_body_bytes: int = 8 * 1024 * 1024  # POST /api/v1/vacancies/bulk: up to 1,000 vacancies
    server_timing: bool = True  # portal/timing.py: each answer tells how long the portal took
    # Processes serving the portal's port, a socket each (portal/processes.py). One process answers with
    # one core at most, and when its threads (the event loop, the thread pool's) run on different cores,
    # passing the GIL between them costs about as much CPU again as the requests (bench/README.md,
    # 2026-12-03): on a host of its own, one a core. In containers, more containers (deploy/compose.yaml).
    portal_processes: int = Field(default=1, ge=1, le=64)
    worker_activity_threads: int = 32
    background_scheduling: Literal["batch", "idle", "normal"] = "batch"  # onestop/scheduling.py

    @field_validator("require_at_jwt", mode="before")
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        return None if value == "" else value

    @model_validator(mode="after")
    def _fill_derived(self) -> Settings:
        base = f"http://{self.host}"
        if not self.database_url:
            self.database_url = f"sqlite:///{(self.state_dir / 'onestop.db').as_posix()}"
        if not self.temporal_db_file:
            self.temporal_db_file = str(self.state_dir / "temporal.db")
        if not self.portal_public_url:
            self.portal_public_url = f"{base}:{self.portal_port}"
        if self.require_at_jwt is None:
            self.require_at_jwt = not self.issuer_url
        if not self.issuer_url:
            self.issuer_url = f"{base}:{self.idp_port}"
        if not self.registries_url:
            self.registries_url = f"{base}:{self.registries_port}"
        if self.is_development:
            self.demo_password = self.demo_password or DEMO_PASSWORD
            return self
        for name in SECRET_FIELDS:
            value = getattr(self, name)
            if value == DEV_SECRET_PLACEHOLDER:
                raise ValueError(f"ONESTOP_{name.upper()} must be set outside development")
            reason = weakness(value)
            if reason:
                raise ValueError(f"ONESTOP_{name.upper()} {reason}: outside development it must be a random "
                                 f"value of at least {MIN_SECRET_LENGTH} characters")
        if self.demo_password:
            raise ValueError("ONESTOP_DEMO_PASSWORD is for development only: demo accounts exist only there")
        return self

    @property
    def is_development(self) -> bool:
        return self.environment == "development"

    def require_development(self, what: str) -> None:
        """Refuse to run a development-only part (mock registries, built-in IdP) anywhere else."""
        if not self.is_development:
            raise DevelopmentOnly(f"{what} is for development only (ONESTOP_ENVIRONMENT={self.environment}); "
                                  "use the real service in this environment")

    @property
    def webhook_allowed_host_list(self) -> list[str]:
        return [h.strip() for h in self.webhook_allowed_hosts.split(",") if h.strip()]

    @property
    def keys_dir(self) -> Path:
        return self.state_dir / "keys"


@lru_cache
def get_settings() -> Settings:
    return Settings()
