"""The whole system as processes, the way `onestop up` runs it, on free ports in a temp dir.

Tests use it to go through real HTTP with real tokens, to kill and restart a worker or the
Temporal server, and to read what the mock registries were asked to do.
"""

from __future__ import annotations

import os
import signal
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from connectors.mock.admin_token import HEADER as ADMIN_HEADER
from connectors.mock.admin_token import read_admin_token
from onestop.settings import Settings
from tests.support.processes import free_port, onestop_env, start, stop, wait_http, wait_port


@dataclass
class Stack:
    state_dir: Path
    database_url: str
    env: dict[str, str] = field(default_factory=dict)
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)

    @classmethod
    def configure(cls, state_dir: Path, database_url: str, **overrides: Any) -> Stack:
        temporal_port = free_port()
        settings: dict[str, Any] = dict(
            state_dir=state_dir, database_url=database_url,
            temporal_address=f"127.0.0.1:{temporal_port}", temporal_ui_port=free_port(),
            temporal_task_queue="onestop-test", portal_port=free_port(), idp_port=free_port(),
            registries_port=free_port(), log_level="INFO",
            # the tests' webhook receivers listen on loopback, which no one else may register
            webhook_allowed_hosts="localhost",
        )
        settings.update(overrides)
        stack = cls(state_dir=state_dir, database_url=database_url, env=onestop_env(**settings))
        return stack

    @property
    def settings(self) -> Settings:
        values: dict[str, Any] = {k[len("ONESTOP_"):].lower(): v for k, v in self.env.items()
                                  if k.startswith("ONESTOP_")}
        return Settings(**values)

    @property
    def portal_url(self) -> str:
        return self.settings.portal_public_url

    @property
    def registries_url(self) -> str:
        return self.settings.registries_url

    def log(self, name: str) -> Path:
        (self.state_dir / "logs").mkdir(parents=True, exist_ok=True)
        return self.state_dir / "logs" / f"{name}.log"

    def start(self, name: str, *args: str) -> subprocess.Popen:
        command = list(args) or [name.split("-")[0]]
        process = start(command, self.env, self.log(name))
        self.processes[name] = process
        settings = self.settings
        ready = {
            "temporal": lambda: wait_port(int(settings.temporal_address.rpartition(":")[2]), 60),
            "registries": lambda: wait_http(f"{settings.registries_url}/healthz", 60, process),
            "idp": lambda: wait_http(f"{settings.issuer_url}/.well-known/openid-configuration", 60, process),
            "portal": lambda: wait_http(f"{settings.portal_public_url}/healthz", 60, process),
        }.get(name.split("-")[0])
        try:
            if ready:
                ready()
        except BaseException:
            print(self.log(name).read_text(errors="replace")[-3000:])
            raise
        return process

    def at_rest(self) -> None:
        """Every process up, every registry knob at rest: what a test may assume of the shared stack."""
        for name in ("temporal", "registries", "idp", "worker", "portal"):
            if name not in self.processes:
                self.start(name)
        self.reset_knobs()

    def kill(self, name: str) -> None:
        """SIGKILL: no goodbye, as when a machine dies."""
        process = self.processes.pop(name)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)

    def stop(self, name: str) -> None:
        stop(self.processes.pop(name))

    def start_all(self) -> None:
        self.start("temporal")
        self.start("registries")
        self.start("idp")
        self.start("worker")
        self.start("portal")

    def stop_all(self) -> None:
        for name in reversed(list(self.processes)):
            stop(self.processes.pop(name))

    # --- the mock registries' admin side ------------------------------------------------

    @property
    def admin_headers(self) -> dict[str, str]:
        """The mock registries' admin token, read where they generated it."""
        return {ADMIN_HEADER: read_admin_token(self.state_dir)}

    def knobs(self, registry: str, **values: Any) -> None:
        url = f"{self.registries_url}/_admin/knobs/{registry}"
        current = httpx.get(url, headers=self.admin_headers).json()
        current.update(values)
        httpx.put(url, json=current, headers=self.admin_headers).raise_for_status()

    def reset_knobs(self) -> None:
        for registry in ("population", "businesses", "tax", "notifications"):
            httpx.put(f"{self.registries_url}/_admin/knobs/{registry}", headers=self.admin_headers,
                      json={"latency_ms": 0, "error_rate": 0.0, "outage": False}).raise_for_status()

    def _audit_get(self, path: str, **params: str) -> Any:
        """A read by the test, as an auditor system would make it: named, with a purpose."""
        headers = {"X-Calling-System": self.settings.registries_system_id,
                   "X-Api-Key": self.settings.registries_api_key,
                   "X-Purpose-Application": "test-audit", "X-Purpose-Service": "test"}
        response = httpx.get(f"{self.registries_url}{path}", params=params, headers=headers)
        response.raise_for_status()
        return response.json()

    def tax_registrations(self, iin: str) -> list[dict[str, Any]]:
        body = self._audit_get("/tax/registrations", iin=iin)
        return body["registrations"] if isinstance(body, dict) else body

    def payments(self, beneficiary_iin: str) -> list[dict[str, Any]]:
        """What the payments gateway paid to the person, each with its idempotency key."""
        return self._audit_get("/payments", beneficiary_iin=beneficiary_iin)["payments"]

    def outbox(self, to: str) -> list[dict[str, Any]]:
        return self._audit_get("/notifications/outbox", to=to)["messages"]
