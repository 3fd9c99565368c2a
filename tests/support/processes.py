"""Start the project's processes for tests: free ports, readiness, and a clean stop."""

from __future__ import annotations

import os
import random
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from onestop.lifetime import die_with_parent

ROOT = Path(__file__).resolve().parents[2]


_random = random.SystemRandom()  # not the test's seeded random: each pick must differ


def _ephemeral_ports() -> range:
    try:
        low, high = map(int, Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split())
    except (OSError, ValueError):
        low, high = 32768, 60999
    return range(low, high + 1)


def free_port() -> int:
    """A port to listen on that nothing else will take before the child binds it.

    Not one the kernel hands out (bind to port 0): those come from the ephemeral range, where
    every outgoing connection also takes its source port. On PostgreSQL the suite opens
    hundreds of connections to 127.0.0.1, and any of them can take a port picked that way
    between the pick and the child's bind (CI once saw `onestop up`'s registries exit at
    start-up on PostgreSQL only, which is what a lost bind looks like).
    """
    ephemeral = _ephemeral_ports()
    candidates = [port for port in range(10_000, 32_768) if port not in ephemeral]
    for port in _random.sample(candidates, min(200, len(candidates))):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    with socket.socket() as s:  # a machine whose ephemeral range leaves nothing else
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, timeout: float = 30.0, process: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    last: Exception | None = None
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"process for {url} exited with {process.returncode}")
        try:
            if httpx.get(url, timeout=1.0).status_code < 500:
                return
        except httpx.HTTPError as exc:
            last = exc
        time.sleep(0.1)
    raise TimeoutError(f"{url} not ready after {timeout}s: {last}")


def wait_port(port: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise TimeoutError(f"port {port} not open after {timeout}s")


def onestop_env(**overrides: object) -> dict[str, str]:
    """The environment of a child process: this one's, with ONESTOP_ settings overridden."""
    env = dict(os.environ)
    env.update({f"ONESTOP_{k.upper()}": str(v) for k, v in overrides.items()})
    env["PYTHONPATH"] = str(ROOT)
    return env


def start(args: list[str], env: dict[str, str], log_path: Path) -> subprocess.Popen:
    log = open(log_path, "ab")
    return subprocess.Popen([sys.executable, "-m", "onestop", *args], cwd=ROOT, env=env,
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
                            preexec_fn=die_with_parent)


def stop(process: subprocess.Popen, timeout: float = 10.0) -> None:
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait(5)


@contextmanager
def running(args: list[str], env: dict[str, str], log_path: Path, health_url: str | None = None,
            port: int | None = None, timeout: float = 30.0) -> Iterator[subprocess.Popen]:
    process = start(args, env, log_path)
    try:
        if health_url:
            wait_http(health_url, timeout, process)
        elif port:
            wait_port(port, timeout)
        yield process
    except BaseException:
        print(log_path.read_text(errors="replace")[-4000:], file=sys.stderr)
        raise
    finally:
        stop(process)
