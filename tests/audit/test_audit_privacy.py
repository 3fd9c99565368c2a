"""GET /api/v1/audit over HTTP: a supervisor bound to a region reads no row about another region's
queue, and never a citizen's IIN but a pseudonym, which only an auditor of the agency resolves."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import Engine

from store import audit
from store.engine import get_engine, session_scope
from store.workbench import Task
from tests.audit.conftest import new_application
from tests.support.api import client_as
from tests.support.stack import Stack

PROBLEM = "application/problem+json"


def _task_in(engine: Engine, application_id: str, region: str) -> str:
    task = Task(task_key=f"privacy-{uuid.uuid4()}", application_id=application_id,
                service_code="self-employed-registration", workflow_id=f"application-{application_id}",
                kind="manual_review", title={"en": "review"}, agency="tax", region=region, role="officer",
                deadline=date(2027, 1, 15))
    with session_scope(engine) as session:
        session.add(task)
        session.flush()
        return task.id


async def _rows(stack: Stack, officer: str, **params: str) -> list[dict[str, Any]]:
    async with await client_as(stack, officer=officer) as supervisor:
        response = await supervisor.get("/audit", params={"limit": "200", **params})
    assert response.status_code == 200, response.text
    return response.json()["items"]


async def test_a_supervisor_reads_only_their_regions_rows(healthy_stack: Stack, iin: str) -> None:
    engine = get_engine(healthy_stack.database_url)
    in_almaty = new_application(engine, iin)
    task_id = _task_in(engine, in_almaty, "almaty")
    no_queue_yet = new_application(engine, iin)
    with session_scope(engine) as session:
        audit.append(session, actor="tax.almaty.officer", actor_role="officer", agency="tax", action="task.claimed",
                     object_type="task", object_id=task_id)
        audit.append(session, actor="system", actor_role="workflow", agency="tax",
                     action="application.status_changed", object_type="application", object_id=in_almaty)
        audit.append(session, actor="system", actor_role="workflow", agency="tax",
                     action="application.status_changed", object_type="application", object_id=no_queue_yet)

    def seen(rows: list[dict[str, Any]]) -> set[str]:
        return {r["object_id"] for r in rows} & {task_id, in_almaty, no_queue_yet}

    assert seen(await _rows(healthy_stack, "tax.almaty.supervisor")) == {task_id, in_almaty, no_queue_yet}
    assert seen(await _rows(healthy_stack, "tax.astana.supervisor")) == {no_queue_yet}
    assert await _rows(healthy_stack, "tax.astana.supervisor", object_id=task_id) == []


async def test_citizens_are_pseudonyms_that_only_an_auditor_resolves(healthy_stack: Stack, iin: str) -> None:
    engine = get_engine(healthy_stack.database_url)
    application_id = new_application(engine, iin)
    with session_scope(engine) as session:
        for action in ("application.submitted", "appeal.filed"):
            audit.append(session, actor=iin, actor_role="citizen", agency="tax", action=action,
                         object_type="application", object_id=application_id, after={"acting_for": iin})
    rows = await _rows(healthy_stack, "tax.astana.supervisor", object_id=application_id)
    assert [r["action"] for r in rows] == ["appeal.filed", "application.submitted"]
    assert all(iin not in repr(r) for r in rows)
    pseudonym = rows[0]["actor"]
    assert pseudonym.startswith("p-") and rows[1]["actor"] == pseudonym  # one person, one pseudonym
    assert rows[0]["after"]["acting_for"] == pseudonym

    async with await client_as(healthy_stack, officer="tax.astana.supervisor") as supervisor:
        refused = await supervisor.get(f"/audit/actors/{pseudonym}")
    assert refused.status_code == 403 and refused.headers["content-type"].startswith(PROBLEM)
    async with await client_as(healthy_stack, officer="tax.auditor") as auditor:
        resolved = await auditor.get(f"/audit/actors/{pseudonym}")
        forged = await auditor.get(f"/audit/actors/{pseudonym[:-4]}AAAA")
    assert resolved.status_code == 200, resolved.text
    assert resolved.json() == {"pseudonym": pseudonym, "iin": iin}
    assert forged.status_code == 404 and forged.json()["field"] == "pseudonym"
    with session_scope(engine) as session:
        resolutions = [e for e in audit.trail(session, agency="tax", action="audit.actor_resolved", limit=20)
                       if e.object_id == pseudonym]
    assert [e.actor for e in resolutions] == ["tax.auditor"]
