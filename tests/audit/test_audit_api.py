"""GET /api/v1/audit and GET /api/v1/me/data-access over HTTP, with real tokens, on the running stack."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from connectors.access_log import PERSON_FIELDS
from services.catalogue import get_service
from store import audit
from store.engine import get_engine, session_scope
from tests.support.api import CODE, api_client, client_as, submit, wait_finished
from tests.support.citizens import next_citizen
from tests.support.stack import Stack

PROBLEM = "application/problem+json"


@dataclass(frozen=True)
class Finished:
    iin: str
    application_id: str
    view: dict[str, Any]


@pytest.fixture(scope="module")
async def finished(stack: Stack) -> Finished:
    """One application of a fresh citizen, submitted through the API and run to its end."""
    iin = next_citizen()
    async with await api_client(stack, iin) as client:
        accepted = await submit(client)
        assert accepted.status_code == 202, accepted.text
        view = await wait_finished(client, accepted.json()["id"])
    return Finished(iin, view["id"], view)


# --- the audit trail ------------------------------------------------------------------------

async def test_a_supervisor_reads_the_status_changes_of_an_application(healthy_stack: Stack,
                                                                       finished: Finished) -> None:
    async with await client_as(healthy_stack, officer="tax.astana.supervisor") as supervisor:
        response = await supervisor.get("/audit", params={"object_type": "application",
                                                          "object_id": finished.application_id})
    assert response.status_code == 200, response.text
    rows = response.json()["items"]
    seqs = [r["seq"] for r in rows]
    assert seqs == sorted(seqs, reverse=True)  # newest first
    oldest_first = [(r["action"], r["after"]["status"]) for r in reversed(rows)]
    assert oldest_first[0] == ("application.status_changed", "in_progress")
    assert ("service.decided", "completed") in oldest_first
    assert oldest_first[-1] == ("application.status_changed", finished.view["status"])
    decided = next(r for r in rows if r["action"] == "service.decided")
    assert decided["after"]["outcome"] == finished.view["services"][0]["decision"]["outcome"]
    assert {(r["actor"], r["actor_role"], r["agency"]) for r in rows} == {("system", "workflow", "tax")}
    assert all(finished.iin not in repr(r) for r in rows)
    with session_scope(get_engine(healthy_stack.database_url)) as session:
        assert audit.verify_chain(session).first_broken is None


async def test_a_supervisor_sees_only_their_agency_page_by_page(healthy_stack: Stack) -> None:
    marker = f"audit-test-{next_citizen()[-6:]}"
    with session_scope(get_engine(healthy_stack.database_url)) as session:
        for n in range(3):
            audit.append(session, actor="tax.astana.officer", actor_role="officer", agency="tax",
                         action="task.claimed", object_type="task", object_id=marker, after={"n": n})
        audit.append(session, actor="akimat.officer", actor_role="officer", agency="akimat",
                     action="task.claimed", object_type="task", object_id=marker, after={"n": 99})
    async with await client_as(healthy_stack, officer="tax.astana.supervisor") as supervisor:
        first = (await supervisor.get("/audit", params={"object_id": marker, "limit": 2})).json()
        second = (await supervisor.get("/audit", params={"object_id": marker, "limit": 2,
                                                         "before": first["next_before"]})).json()
        other_action = (await supervisor.get("/audit", params={"object_id": marker,
                                                               "action": "task.completed"})).json()
    assert [r["after"]["n"] for r in first["items"]] == [2, 1] and first["next_before"] is not None
    assert [r["after"]["n"] for r in second["items"]] == [0] and second["next_before"] is None
    assert other_action["items"] == []


@pytest.mark.parametrize("who", ["officer", "citizen", "client"])
async def test_anyone_but_a_supervisor_is_forbidden(healthy_stack: Stack, who: str) -> None:
    caller = {"officer": {"officer": "tax.astana.officer"}, "citizen": {"citizen": next_citizen()},
              "client": {"client": "akimat-astana", "secret": "akimat-astana-secret"}}[who]
    async with await client_as(healthy_stack, **caller) as client:
        response = await client.get("/audit")
    assert response.status_code == 403
    assert response.headers["content-type"].startswith(PROBLEM)
    assert response.json()["type"].endswith("/forbidden")


async def test_the_audit_trail_needs_a_login(healthy_stack: Stack) -> None:
    async with await api_client(healthy_stack, None) as anonymous:
        response = await anonymous.get("/audit")
    assert response.status_code == 401 and response.headers["content-type"].startswith(PROBLEM)


# --- who read my data -------------------------------------------------------------------------

async def test_a_citizen_sees_the_reads_made_for_their_application(healthy_stack: Stack,
                                                                   finished: Finished) -> None:
    async with await api_client(healthy_stack, finished.iin) as client:
        response = await client.get("/me/data-access")
    assert response.status_code == 200, response.text
    items = response.json()["items"]
    mine = [e for e in items if e["purpose"]["application_id"] == finished.application_id]
    assert mine, items
    times = [e["at"] for e in items]
    assert times == sorted(times, reverse=True)  # newest first
    person_read = next(e for e in mine if e["registry"] == "population" and e["action"] == "read")
    assert [f["code"] for f in person_read["fields"]] == list(PERSON_FIELDS)
    assert all(set(f["title"]) == {"kk", "ru", "en"} for f in person_read["fields"])
    assert person_read["system"] == healthy_stack.settings.registries_system_id
    assert set(person_read["system_title"]) == set(person_read["registry_title"]) == {"kk", "ru", "en"}
    spec = get_service(CODE)
    assert spec is not None
    assert person_read["purpose"] == {"application_id": finished.application_id, "service_code": CODE,
                                      "service_title": dict(spec.title)}
    # The registration itself wrote to the tax and businesses registries: shown as writes.
    assert {(e["registry"], e["action"]) for e in mine} >= {("population", "read"), ("tax", "write"),
                                                           ("businesses", "write")}


async def test_a_citizen_does_not_see_other_peoples_reads(healthy_stack: Stack, finished: Finished) -> None:
    async with await api_client(healthy_stack, next_citizen()) as other:
        response = await other.get("/me/data-access")
    assert response.status_code == 200
    assert all(e["purpose"]["application_id"] != finished.application_id for e in response.json()["items"])


async def test_only_citizens_have_a_data_access_list(healthy_stack: Stack) -> None:
    async with await client_as(healthy_stack, officer="tax.astana.supervisor") as supervisor:
        response = await supervisor.get("/me/data-access")
    assert response.status_code == 403 and response.headers["content-type"].startswith(PROBLEM)
