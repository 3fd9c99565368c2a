"""`onestop up`: every process on one machine, started in order, stopped together.

Each process is the same `onestop <name>` command an operator would run alone. The
supervisor waits for each to be ready before starting the ones that need it, prints where
to go, and on Ctrl-C (or when any process dies) stops them all, newest first.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass

import httpx

from onestop import demo
from onestop.lifetime import die_with_parent
from onestop.settings import Settings


@dataclass
class Child:
    name: str
    process: subprocess.Popen


class Supervisor:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.children: list[Child] = []
        self.log_dir = settings.state_dir / "logs"

    def start(self, name: str, *args: str) -> Child:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        log = open(self.log_dir / f"{name}.log", "ab")
        process = subprocess.Popen([sys.executable, "-m", "onestop", *args], stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True, preexec_fn=die_with_parent)
        child = Child(name, process)
        self.children.append(child)
        return child

    def wait_ready(self, child: Child, *, url: str | None = None, address: str | None = None,
                   timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if child.process.poll() is not None:
                raise RuntimeError(f"{child.name} exited with {child.process.returncode}; "
                                   f"see {self.log_dir / (child.name + '.log')}")
            if url and _http_ok(url) or address and _port_open(address):
                return
            time.sleep(0.2)
        raise TimeoutError(f"{child.name} not ready after {timeout:.0f}s; see {self.log_dir / (child.name + '.log')}")

    def stop_all(self) -> None:
        for child in reversed(self.children):
            if child.process.poll() is None:
                _signal_group(child.process, signal.SIGTERM)
        deadline = time.monotonic() + 15
        for child in reversed(self.children):
            try:
                child.process.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                _signal_group(child.process, signal.SIGKILL)
                child.process.wait(5)
        self.children.clear()

    def first_exited(self) -> Child | None:
        return next((c for c in self.children if c.process.poll() is not None), None)


def _signal_group(process: subprocess.Popen, sig: int) -> None:
    try:
        os.killpg(process.pid, sig)
    except ProcessLookupError:
        pass


def _http_ok(url: str) -> bool:
    try:
        return httpx.get(url, timeout=1.0).status_code < 500
    except httpx.HTTPError:
        return False


def _port_open(address: str) -> bool:
    host, _, port = address.rpartition(":")
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex((host or "127.0.0.1", int(port))) == 0


def banner(settings: Settings, workers: int) -> str:
    portal = settings.portal_public_url
    lines = [
        "",
        "onestop is running.",
        f"  Portal           {portal}/",
        f"  API docs         {portal}/docs",
        f"  Temporal Web UI  http://{settings.temporal_address.rpartition(':')[0]}:{settings.temporal_ui_port}",
        f"  Identity         {settings.issuer_url}/.well-known/openid-configuration",
        f"  Registries       {settings.registries_url}/docs",
        f"  Workers          {workers}    logs in {settings.state_dir / 'logs'}",
        "",
        f"Demo accounts (password: {settings.demo_password}):",
    ]
    lines += [f"  citizen {c.iin}  {c.first_name} {c.last_name}: {c.shows}" for c in demo.CITIZENS]
    lines += [f"  officer {o.login}  {o.name} ({', '.join(o.roles)}, {o.agency}, {o.region_code})"
              for o in demo.OFFICERS]
    lines += [f"  agency client {c.client_id} / {c.secret}  {c.name}" for c in demo.CLIENTS]
    lines += ["", "Ctrl-C stops everything.", ""]
    return "\n".join(lines)


def run_all(settings: Settings, workers: int = 1) -> int:
    supervisor = Supervisor(settings)

    def _stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGTERM, _stop)
    try:
        temporal = supervisor.start("temporal", "temporal")
        registries = supervisor.start("registries", "registries")
        idp = supervisor.start("idp", "idp")
        migrate = supervisor.start("migrate", "migrate")
        if migrate.process.wait(120) != 0:
            raise RuntimeError(f"migrations failed; see {supervisor.log_dir / 'migrate.log'}")
        supervisor.children.remove(migrate)
        supervisor.wait_ready(temporal, address=settings.temporal_address)
        supervisor.wait_ready(registries, url=f"{settings.registries_url}/healthz")
        supervisor.wait_ready(idp, url=f"{settings.issuer_url}/.well-known/openid-configuration")
        for n in range(workers):
            supervisor.start(f"worker-{n + 1}", "worker")
        portal = supervisor.start("portal", "portal")
        supervisor.wait_ready(portal, url=f"{settings.portal_public_url}/healthz")
        print(banner(settings, workers), flush=True)
        while True:
            dead = supervisor.first_exited()
            if dead is not None:
                print(f"onestop: {dead.name} exited with {dead.process.returncode}; stopping everything "
                      f"(see {supervisor.log_dir / (dead.name + '.log')})", file=sys.stderr, flush=True)
                return 1
            time.sleep(0.5)
    except KeyboardInterrupt:
        return 0
    finally:
        supervisor.stop_all()
        print("onestop: every process stopped.", flush=True)
