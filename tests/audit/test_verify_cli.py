"""`onestop audit verify` as an operator runs it: a process, the database URL in its environment."""

from __future__ import annotations

import subprocess
import sys

from sqlalchemy import text

from store.activities import ReadModelActivities, SetApplicationStatusInput, SetServiceStatusInput
from store.engine import get_engine, session_scope
from tests.audit.conftest import new_application
from tests.support.processes import ROOT, onestop_env


def _verify(database_url: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "onestop", "audit", "verify"], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, env=onestop_env(database_url=database_url))


async def _fill(database_url: str, iin: str) -> None:
    engine = get_engine(database_url)
    activities = ReadModelActivities(engine)
    for _ in range(2):
        application_id = new_application(engine, iin)
        await activities.set_application_status(SetApplicationStatusInput(application_id=application_id,
                                                                    status="in_progress"))
        await activities.set_service_status(SetServiceStatusInput(
            application_id=application_id, service_code="self-employed-registration", status="refused",
            decision={"outcome": "refused", "reasons": []}))
        await activities.set_application_status(SetApplicationStatusInput(application_id=application_id,
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
