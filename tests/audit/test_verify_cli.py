"""`onestop audit verify` as an operator runs it: a process, the database URL in its environment."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path

from sqlalchemy import text

from onestop.settings import Settings
from onestop.worker import checkpoint_audit_chain
from store.activities import ReadModelActivities, SetApplicationStatusInput, SetServiceStatusInput
from store.engine import get_engine, session_scope
from tests.audit.conftest import new_application
from tests.support.processes import ROOT, onestop_env


def _audit(command: str, database_url: str, state_dir: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = onestop_env(database_url=database_url, **({"state_dir": state_dir} if state_dir else {}))
    return subprocess.run([sys.executable, "-m", "onestop", "audit", command], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, env=env)


def _verify(database_url: str, state_dir: Path | None = None) -> subprocess.CompletedProcess[str]:
    return _audit("verify", database_url, state_dir)


async def _fill(database_url: str, iin: str) -> None:
    engine = get_engine(database_url)
    activities = ReadModelActivities(engine)
    for _ in range(2):
        application_id = new_application(engine, iin)
        activities.set_application_status(SetApplicationStatusInput(application_id=application_id,
                                                              status="in_progress"))
        activities.set_service_status(SetServiceStatusInput(
            application_id=application_id, service_code="self-employed-registration", status="refused",
            decision={"outcome": "refused", "reasons": []}))
        activities.set_application_status(SetApplicationStatusInput(application_id=application_id,
                                                              status="refused"))


async def test_an_intact_chain_is_reported_with_its_length(own_database_url: str, iin: str) -> None:
    await _fill(own_database_url, iin)
    result = _verify(own_database_url)
    assert (result.returncode, result.stdout.strip()) == (0, "audit chain intact: 6 rows"), result.stderr


async def test_an_edited_row_is_named(own_database_url: str, iin: str) -> None:
    await _fill(own_database_url, iin)
    with session_scope(get_engine(own_database_url)) as session:
        # The decision of the second application quietly turned into an approval.
        session.execute(text("UPDATE audit_events SET after = :after WHERE seq = 5"),
                        {"after": '{"service_code": "self-employed-registration", "status": "completed", '
                                  '"outcome": "approved"}'})
    result = _verify(own_database_url)
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout.startswith("row 5 "), result.stdout
    assert "edited" in result.stdout


async def test_a_deleted_row_is_named_by_the_row_after_it(own_database_url: str, iin: str) -> None:
    await _fill(own_database_url, iin)
    with session_scope(get_engine(own_database_url)) as session:
        session.execute(text("DELETE FROM audit_events WHERE seq = 2"))
    result = _verify(own_database_url)
    assert (result.returncode, result.stdout.split(" ")[:2]) == (1, ["row", "3"]), result.stdout


def test_an_empty_trail_is_intact(own_database_url: str) -> None:
    result = _verify(own_database_url)
    assert (result.returncode, result.stdout.strip()) == (0, "audit chain intact: 0 rows"), result.stderr


async def test_a_deleted_tail_is_named_against_the_last_checkpoint(own_database_url: str, iin: str,
                                                                   tmp_path: Path) -> None:
    await _fill(own_database_url, iin)
    written = _audit("checkpoint", own_database_url, tmp_path)
    assert written.returncode == 0 and "audit checkpoint written" in written.stdout, written.stderr
    assert _verify(own_database_url, tmp_path).stdout.strip() == "audit chain intact: 6 rows"

    # The last three rows go: what is left is still a chain, which only the checkpoint can tell.
    with session_scope(get_engine(own_database_url)) as session:
        session.execute(text("DELETE FROM audit_events WHERE seq > 3"))
    assert _verify(own_database_url).returncode == 0  # without the checkpoint nothing shows
    result = _verify(own_database_url, tmp_path)
    assert result.returncode == 1, result.stdout
    assert result.stdout.startswith("row 4 ") and "deleted tail" in result.stdout and "3 rows" in result.stdout


async def test_a_forged_checkpoint_is_not_trusted(own_database_url: str, iin: str, tmp_path: Path) -> None:
    await _fill(own_database_url, iin)
    _audit("checkpoint", own_database_url, tmp_path)
    [checkpoint] = (tmp_path / "audit-checkpoints").glob("checkpoint-*.json")
    record = json.loads(checkpoint.read_text())
    checkpoint.write_text(json.dumps({**record, "rows": 2}))  # made to fit a shortened chain
    result = _verify(own_database_url, tmp_path)
    assert result.returncode == 1 and "cannot be trusted" in result.stdout, result.stdout


async def test_the_worker_writes_checkpoints_on_its_schedule(own_database_url: str, iin: str, tmp_path: Path) -> None:
    await _fill(own_database_url, iin)
    settings = Settings(database_url=own_database_url, state_dir=tmp_path, audit_checkpoint_minutes=0.005)
    stop = asyncio.Event()
    schedule = asyncio.create_task(checkpoint_audit_chain(settings, stop))
    folder = tmp_path / "audit-checkpoints"
    for _ in range(100):
        if len(list(folder.glob("checkpoint-*.json"))) >= 1:
            break
        await asyncio.sleep(0.1)
    stop.set()
    await asyncio.wait_for(schedule, 10)
    [first, *_] = sorted(folder.glob("checkpoint-*.json"))
    assert json.loads(first.read_text())["rows"] == 6
