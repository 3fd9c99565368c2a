"""Background processes ask to be scheduled as background work; the ones that answer people do not."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from onestop.scheduling import POLICIES

ROOT = Path(__file__).resolve().parents[1]
linux_only = pytest.mark.skipif(not hasattr(os, "sched_getscheduler"), reason="scheduling policies are Linux's")


@linux_only
@pytest.mark.parametrize("policy", sorted(POLICIES))
def test_a_thread_takes_the_policy_and_what_it_starts_inherits_it(policy: str) -> None:
    code = ("import os, threading; from onestop.scheduling import run_as_background; "
            f"assert run_as_background({policy!r}); seen = []; "
            "t = threading.Thread(target=lambda: seen.append(os.sched_getscheduler(0))); t.start(); t.join(); "
            "print(os.sched_getscheduler(0), seen[0])")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    expected = getattr(os, POLICIES[policy])
    assert out.split() == [str(expected), str(expected)]


@linux_only
def test_the_worker_runs_as_batch_by_default_and_as_configured(tmp_path: Path) -> None:
    """`onestop worker` asks at start, before its threads; the setting picks the policy."""
    with socket.create_server(("127.0.0.1", 0)) as silent:  # accepts and never answers: the worker waits to connect
        address = f"127.0.0.1:{silent.getsockname()[1]}"
        for setting, expected in ((None, os.SCHED_BATCH), ("idle", os.SCHED_IDLE)):
            env = {**os.environ, "ONESTOP_STATE_DIR": str(tmp_path), "ONESTOP_TEMPORAL_ADDRESS": address}
            env.pop("ONESTOP_BACKGROUND_SCHEDULING", None)
            if setting:
                env["ONESTOP_BACKGROUND_SCHEDULING"] = setting
            worker = subprocess.Popen([sys.executable, "-m", "onestop", "worker"], cwd=ROOT, env=env,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                deadline = time.monotonic() + 20
                policy = os.sched_getscheduler(worker.pid)
                while policy != expected and worker.poll() is None and time.monotonic() < deadline:
                    time.sleep(0.05)
                    policy = os.sched_getscheduler(worker.pid)
                assert policy == expected
            finally:
                worker.kill()
                worker.wait(10)


def test_an_unknown_policy_is_refused_by_the_settings() -> None:
    from pydantic import ValidationError

    from onestop.settings import Settings

    with pytest.raises(ValidationError, match="background_scheduling"):
        Settings(background_scheduling="realtime")
