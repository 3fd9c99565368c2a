"""The whole system started as `make run` starts it (`onestop up`), used as a citizen would."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
import psutil
import pytest

from documents.signer import verify_with_jwks
from onestop.settings import Settings
from onestop.token import obtain_token_async
from tests.support.api import body, wait_finished
from tests.support.processes import ROOT, free_port, onestop_env, wait_http

pytestmark = pytest.mark.e2e


@pytest.fixture
def onestop_up(tmp_path: Path, database_url: str):
    settings: dict[str, Any] = dict(state_dir=tmp_path / "state", database_url=database_url,
                    temporal_address=f"127.0.0.1:{free_port()}", temporal_ui_port=free_port(),
                    portal_port=free_port(), idp_port=free_port(), registries_port=free_port(),
                    temporal_task_queue=f"e2e-{uuid.uuid4().hex[:8]}")
    env = onestop_env(**settings)
    log = open(tmp_path / "up.log", "wb")
    process = subprocess.Popen([sys.executable, "-m", "onestop", "up"], cwd=ROOT, env=env, stdout=log,
                               stderr=subprocess.STDOUT, start_new_session=True)
    config = Settings(**settings)
    try:
        wait_http(f"{config.portal_public_url}/healthz", 90, process)
        deadline = time.monotonic() + 30
        while "Ctrl-C stops everything" not in (tmp_path / "up.log").read_text() and time.monotonic() < deadline:
            time.sleep(0.1)
        yield config, process, tmp_path / "up.log"
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        print((tmp_path / "up.log").read_text()[-3000:])
        for child_log in sorted((tmp_path / "state" / "logs").glob("*.log")):
            print(f"--- {child_log.name}", child_log.read_text(errors="replace")[-1500:], sep="\n")


async def test_login_apply_and_receive_the_certificate_then_ctrl_c_stops_everything(onestop_up) -> None:
    settings, process, log = onestop_up
    banner = log.read_text()
    for where in (settings.portal_public_url, "/docs", f":{settings.temporal_ui_port}", "850715300122"):
        assert where in banner
    children = psutil.Process(process.pid).children(recursive=True)
    assert len(children) >= 5

    token = await obtain_token_async(settings, citizen="010203500038")
    async with httpx.AsyncClient(base_url=f"{settings.portal_public_url}/api/v1",
                                 headers={"Authorization": f"Bearer {token}"}, timeout=30) as client:
        accepted = await client.post("/applications", json=body(phone="+77051234567"),
                                     headers={"Idempotency-Key": str(uuid.uuid4())})
        assert accepted.status_code == 202, accepted.text
        view = await wait_finished(client, accepted.json()["id"], timeout=60)
        assert view["status"] == "completed"
        document = (await client.get(f"/documents/{view['documents'][0]['id']}")).json()
        jwks = (await client.get("/documents/jwks.json")).json()
    assert verify_with_jwks(document["jws"], jwks)["application_id"] == view["id"]

    process.send_signal(signal.SIGINT)
    assert process.wait(30) == 0
    await asyncio.sleep(0.5)
    assert [c.pid for c in children if c.is_running() and c.status() != psutil.STATUS_ZOMBIE] == []
    assert "every process stopped" in log.read_text()
    logs = "".join(p.read_text(errors="replace") for p in (settings.state_dir / "logs").glob("*.log"))
    assert "010203500038" not in logs and "010203500038" not in view["id"]
