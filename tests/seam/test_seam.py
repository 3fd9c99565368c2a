"""The service seam, proved with toy services defined only here (tests/seam/toys/).

They reach the catalogue, the worker, the pages and prefill of real processes through one
setting, ONESTOP_SERVICE_MODULES, and no other file. Through the API with real tokens:
a service that depends on another in the same application, on an earlier application, on one
that was refused; a long-running service whose application is decided while it runs on.
"""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
from playwright.async_api import Browser, async_playwright, expect
from sqlmodel import select

from store.audit import trail
from store.engine import get_engine, read_scope
from store.models import Application
from tests.support.api import client_as, submit, task_of, until, view, wait_finished
from tests.support.citizens import citizen_of, next_citizen
from tests.support.processes import ROOT, onestop_env
from tests.support.stack import Stack

TOYS = ("tests.seam.toys.status,tests.seam.toys.dependant,tests.seam.toys.allowance,tests.seam.toys.consent,"
        "tests.seam.toys.business")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def toy_stack(tmp_path_factory: pytest.TempPathFactory, database_url: str) -> Iterator[Stack]:
    """Every process, as `onestop up` starts them, with the toy services switched on by the setting."""
    stack = Stack.configure(tmp_path_factory.mktemp("seam"), database_url, service_modules=TOYS)
    try:
        stack.start_all()
        yield stack
    finally:
        stack.stop_all()


@pytest.fixture
async def citizen(toy_stack: Stack) -> AsyncIterator[tuple[str, httpx.AsyncClient]]:
    iin = next_citizen()
    async with await client_as(toy_stack, citizen=iin) as client:
        yield iin, client


def order(*services: tuple[str, dict[str, Any]]) -> dict[str, Any]:
    return {"services": [code for code, _ in services], "answers": {code: answers for code, answers in services}}


def service(application: dict[str, Any], code: str) -> dict[str, Any]:
    return next(s for s in application["services"] if s["code"] == code)


async def test_the_catalogue_offers_a_service_defined_only_in_tests(toy_stack: Stack) -> None:
    async with httpx.AsyncClient(base_url=f"{toy_stack.portal_url}/api/v1") as anyone:
        cards = (await anyone.get("/services")).json()
    codes = [card["code"] for card in cards]
    assert {"toy-status", "toy-dependant", "toy-allowance"} <= set(codes)
    assert codes[0] == "self-employed-registration"  # the catalogue's own services first


async def test_a_dependant_starts_once_the_service_it_needs_in_the_same_application_is_decided(
        citizen: tuple[str, httpx.AsyncClient]) -> None:
    _, client = citizen
    accepted = await submit(client, order(("toy-dependant", {}), ("toy-status", {"outcome": "grant"})))
    assert accepted.status_code == 202, accepted.text
    done = await wait_finished(client, accepted.json()["id"])

    assert done["status"] == "completed"
    status, dependant = service(done, "toy-status"), service(done, "toy-dependant")
    assert status["status"] == dependant["status"] == "completed"
    # Started after the status was granted, though named first.
    assert dependant["started_at"] >= status["completed_at"]


async def test_a_dependency_is_met_by_an_earlier_application(citizen: tuple[str, httpx.AsyncClient]) -> None:
    _, client = citizen
    first = await submit(client, order(("toy-status", {"outcome": "grant"})))
    assert (await wait_finished(client, first.json()["id"]))["status"] == "completed"

    later = await submit(client, order(("toy-dependant", {})))
    done = await wait_finished(client, later.json()["id"])
    assert done["status"] == "completed"
    assert service(done, "toy-dependant")["status"] == "completed"


async def test_an_unmet_dependency_ends_the_dependant_with_a_reason_that_names_it(
        citizen: tuple[str, httpx.AsyncClient]) -> None:
    _, client = citizen
    accepted = await submit(client, order(("toy-status", {"outcome": "refuse"}), ("toy-dependant", {})))
    done = await wait_finished(client, accepted.json()["id"])

    assert service(done, "toy-status")["status"] == "refused"
    dependant = service(done, "toy-dependant")
    assert dependant["status"] == "refused"
    assert dependant["started_at"] is not None or dependant["decision"] is not None
    reason = dependant["decision"]["reasons"][0]
    assert reason["code"] == "dependency_unmet"
    assert reason["params"] == {"service": "toy-status", "outcome": "toy-status-granted"}
    assert "Toy status" in reason["text"]["en"] and set(reason["text"]) == {"kk", "ru", "en"}
    assert done["status"] == "refused"


async def test_a_long_running_service_decides_its_application_and_runs_on(
        citizen: tuple[str, httpx.AsyncClient]) -> None:
    _, client = citizen
    accepted = await submit(client, order(("toy-allowance", {"months": 2, "interval_seconds": 2})))
    application_id = accepted.json()["id"]

    # The application is done (the long poll's and the list's status) while the service goes on paying.
    decided = await wait_finished(client, application_id, timeout=30)
    assert decided["status"] == "completed"
    assert service(decided, "toy-allowance")["status"] == "decided"
    assert not [e for e in decided["timeline"] if e["kind"] == "payment"]

    # Its later events still reach the application's timeline, after the parent ended.
    paid = await until(lambda: view(client, application_id),
                       lambda v: service(v, "toy-allowance")["status"] == "completed", timeout=30)
    payments = [e for e in paid["timeline"] if e["kind"] == "payment"]
    assert [p["detail"]["month"] for p in payments] == [1, 2]
    assert paid["status"] == "completed"


async def test_an_appeal_overturns_a_refused_long_running_service_which_then_pays_on(toy_stack: Stack) -> None:
    async with await client_as(toy_stack, citizen=citizen_of("astana")) as client, \
            await client_as(toy_stack, officer="tax.astana.supervisor") as supervisor:
        accepted = await submit(client, order(("toy-allowance", {"months": 2, "interval_seconds": 2, "refuse": True})))
        application_id = accepted.json()["id"]
        assert (await wait_finished(client, application_id))["status"] == "refused"

        filed = await client.post(f"/applications/{application_id}/appeals",
                                  json={"service_code": "toy-allowance", "grounds": "I qualify."})
        assert filed.status_code == 202, filed.text
        task = await task_of(supervisor, application_id, "appeal.review")
        assert (await supervisor.post(f"/tasks/{task['id']}/claim")).status_code == 200
        done = await supervisor.post(f"/tasks/{task['id']}/complete",
                                     json={"outcome": "overturned", "reasons": ["grounds_confirmed"]})
        assert done.status_code == 200, done.text

        # The appeal settles the application once the service is decided, while the service pays on.
        decided = await until(lambda: view(client, application_id),
                              lambda v: v["appeals"][0]["outcome"] == "overturned" and v["status"] == "completed",
                              timeout=30)
        assert service(decided, "toy-allowance")["decision"]["overturned_by_appeal"] == filed.json()["id"]
        paid = await until(lambda: view(client, application_id),
                           lambda v: service(v, "toy-allowance")["status"] == "completed", timeout=30)
        assert [e["detail"]["month"] for e in paid["timeline"] if e["kind"] == "payment"] == [1, 2]


async def test_a_withdrawal_reaches_the_run_an_appeal_started_again(toy_stack: Stack) -> None:
    async with await client_as(toy_stack, citizen=citizen_of("astana")) as client, \
            await client_as(toy_stack, officer="tax.astana.supervisor") as supervisor:
        accepted = await submit(client, order(("toy-allowance", {"months": 12, "interval_seconds": 600,
                                                                 "refuse": True})))
        application_id = accepted.json()["id"]
        await wait_finished(client, application_id)
        await client.post(f"/applications/{application_id}/appeals",
                          json={"service_code": "toy-allowance", "grounds": "I qualify."})
        task = await task_of(supervisor, application_id, "appeal.review")
        await supervisor.post(f"/tasks/{task['id']}/claim")
        await supervisor.post(f"/tasks/{task['id']}/complete",
                              json={"outcome": "overturned", "reasons": ["grounds_confirmed"]})
        await until(lambda: view(client, application_id),
                    lambda v: service(v, "toy-allowance")["status"] == "decided", timeout=30)

        withdrawn = await client.post(f"/applications/{application_id}/withdraw", json={})
        assert withdrawn.status_code == 202, withdrawn.text
        await until(lambda: view(client, application_id),
                    lambda v: service(v, "toy-allowance")["status"] == "withdrawn", timeout=30)


async def test_a_withdrawal_still_reaches_a_long_running_service_after_its_application_ended(
        citizen: tuple[str, httpx.AsyncClient]) -> None:
    _, client = citizen
    accepted = await submit(client, order(("toy-allowance", {"months": 12, "interval_seconds": 600})))
    application_id = accepted.json()["id"]
    await wait_finished(client, application_id, timeout=30)

    withdrawn = await client.post(f"/applications/{application_id}/withdraw", json={"reason": "found a job"})
    assert withdrawn.status_code == 202, withdrawn.text
    assert withdrawn.json()["services"] == ["toy-allowance"]
    stopped = await until(lambda: view(client, application_id),
                          lambda v: service(v, "toy-allowance")["status"] == "withdrawn", timeout=30)
    assert not [e for e in stopped["timeline"] if e["kind"] == "payment"]

    again = await client.post(f"/applications/{application_id}/withdraw", json={})
    assert again.status_code == 409


async def test_a_long_running_service_hears_only_a_signed_withdrawal(
        toy_stack: Stack, citizen: tuple[str, httpx.AsyncClient]) -> None:
    from temporalio.client import WorkflowUpdateFailedError

    from onestop.temporal_client import connect
    from tests.support.signing import SigningHandle
    from workflows.inputs import service_workflow_id
    from workflows.service import WithdrawServiceInput, WithdrawServiceResult

    iin, client = citizen
    accepted = await submit(client, order(("toy-allowance", {"months": 12, "interval_seconds": 600})))
    application_id = accepted.json()["id"]
    await wait_finished(client, application_id, timeout=30)
    temporal = await connect(toy_stack.settings)
    handle = SigningHandle(temporal.get_workflow_handle(service_workflow_id(application_id, "toy-allowance")),
                           toy_stack.settings)

    # Anyone who reaches Temporal without the portal's key is refused, and the service goes on.
    with pytest.raises(WorkflowUpdateFailedError) as refused:
        await handle.unsigned.execute_update("withdraw", WithdrawServiceInput(actor=iin),
                                             result_type=WithdrawServiceResult)
    assert getattr(refused.value.cause, "type", None) == "ActionNotSigned"
    assert service(await view(client, application_id), "toy-allowance")["status"] == "decided"

    # Signed as the portal signs it, the same update stops the service.
    result = await handle.execute_update("withdraw", WithdrawServiceInput(actor=iin),
                                         result_type=WithdrawServiceResult)
    assert result.service_code == "toy-allowance"
    await until(lambda: view(client, application_id),
                lambda v: service(v, "toy-allowance")["status"] == "withdrawn", timeout=30)
    history = await handle.fetch_history()
    kinds = {e.WhichOneof("attributes") for e in history.events}
    assert "workflow_execution_update_accepted_event_attributes" in kinds
    assert "workflow_execution_signaled_event_attributes" not in kinds  # the portal's path sends no signal


async def test_a_task_for_a_family_member_is_seen_and_answered_by_that_person_alone(
        toy_stack: Stack, citizen: tuple[str, httpx.AsyncClient]) -> None:
    _, applicant = citizen
    member_iin, stranger_iin = next_citizen(), next_citizen()
    accepted = await submit(applicant, order(("toy-consent", {"member_iin": member_iin})))
    application_id = accepted.json()["id"]

    async with await client_as(toy_stack, citizen=member_iin) as member, \
            await client_as(toy_stack, citizen=stranger_iin) as stranger:
        found = await until(lambda: member.get("/me/tasks"), lambda r: r.json()["items"], timeout=30)
        task = found.json()["items"][0]
        assert task["application_id"] == application_id and task["allowed_outcomes"] == ["agree", "refuse"]
        assert task["question"]["question"]["en"].startswith("Do you agree")
        assert (await applicant.get("/me/tasks")).json()["items"] == []

        # The person is told, from the population registry's contact.
        member_person = (await member.get("/me")).json()
        contact = member_person.get("phone") or member_person.get("email")
        notices = await until(lambda: asyncio.to_thread(toy_stack.outbox, contact), lambda m: m, timeout=30)
        assert any(task["deadline"] in m["body"] for m in notices)

        # Nobody else can answer it: to them it does not exist.
        for other in (applicant, stranger):
            refused = await other.post(f"/me/tasks/{task['id']}/answer", json={"outcome": "agree"})
            assert refused.status_code == 404, refused.text
            assert refused.headers["content-type"].startswith("application/problem+json")
        wrong = await member.post(f"/me/tasks/{task['id']}/answer", json={"outcome": "maybe"})
        assert wrong.status_code == 422 and wrong.json()["field"] == "outcome"

        answered = await member.post(f"/me/tasks/{task['id']}/answer", json={"outcome": "agree"})
        assert answered.status_code == 200, answered.text
        assert answered.json()["outcome"] == "agree"
        again = await member.post(f"/me/tasks/{task['id']}/answer", json={"outcome": "refuse"})
        assert again.status_code == 409

    done = await wait_finished(applicant, application_id)
    assert done["status"] == "completed"


async def test_notices_go_to_the_application_s_contact_or_else_to_the_registry_s(
        toy_stack: Stack, citizen: tuple[str, httpx.AsyncClient]) -> None:
    iin, client = citizen
    given = {"phone": "+77015550101"}
    refused = await submit(client, {**order(("toy-status", {"outcome": "refuse"})), "contact": given})
    await wait_finished(client, refused.json()["id"])
    assert await asyncio.to_thread(toy_stack.outbox, given["phone"])

    registry = (await client.get("/me")).json()
    again = await submit(client, order(("toy-status", {"outcome": "refuse"})))
    await wait_finished(client, again.json()["id"])
    to = registry.get("phone") or registry.get("email")
    notices = await until(lambda: asyncio.to_thread(toy_stack.outbox, to), lambda m: m, timeout=30)
    assert any(again.json()["id"][:8] in m["body"] for m in notices)

    bad = await submit(client, {**order(("toy-status", {"outcome": "grant"})), "contact": {"phone": "12345"}})
    assert bad.status_code == 422 and bad.json()["field"] == "contact.phone"


ASKAR, ASTANA_BUILD, NUR_TEXTILE = "790314300515", "090440003173", "160240008529"  # onestop/demo.py


async def test_a_person_acts_for_the_business_they_head_and_for_no_other(toy_stack: Stack) -> None:
    vacancy = order(("toy-vacancy", {"position": "Crane operator"}))
    async with await client_as(toy_stack, citizen=ASKAR) as askar:
        # For himself the service is not offered: it is a business's.
        assert (await submit(askar, vacancy)).status_code == 422

        acting = {"Onestop-Acting-For": ASTANA_BUILD}
        accepted = await askar.post("/applications", json=vacancy,
                                    headers={**acting, "Idempotency-Key": str(uuid.uuid4())})
        assert accepted.status_code == 202, accepted.text
        application_id = accepted.json()["id"]
        done = await until(lambda: askar.get(f"/applications/{application_id}", headers=acting),
                           lambda r: r.json()["status"] in ("completed", "refused", "failed"), timeout=30)
        assert done.json()["status"] == "completed"
        assert done.json()["services"][0]["decision"]["employer"] == ASTANA_BUILD
        # The business's applications are the business's: not in his own list, in the business's.
        listed = (await askar.get("/applications", headers=acting)).json()["items"]
        assert [a["id"] for a in listed] == [application_id]
        assert application_id not in [a["id"] for a in (await askar.get("/applications")).json()["items"]]

        # The trail names the person and the business.
        with read_scope(get_engine(toy_stack.database_url)) as session:
            rows = trail(session, agency=None, object_id=application_id, action="application.submitted")
        assert rows and rows[0].actor == ASKAR and (rows[0].after or {})["acting_for"] == ASTANA_BUILD

        before = await count_applications(toy_stack)
        not_his = await askar.post("/applications", json=vacancy,
                                   headers={"Onestop-Acting-For": NUR_TEXTILE, "Idempotency-Key": str(uuid.uuid4())})
        assert not_his.status_code == 403, not_his.text
        assert not_his.json()["field"] == "Onestop-Acting-For"
        malformed = await askar.post("/applications", json=vacancy,
                                     headers={"Onestop-Acting-For": "090440003174", "Idempotency-Key": "k-1"})
        assert malformed.status_code == 422 and malformed.json()["field"] == "Onestop-Acting-For"
        assert malformed.headers["content-type"].startswith("application/problem+json")

        toy_stack.knobs("businesses", outage=True)
        try:
            down = await askar.post("/applications", json=vacancy,
                                    headers={**acting, "Idempotency-Key": str(uuid.uuid4())})
        finally:
            toy_stack.reset_knobs()
        assert down.status_code == 503 and int(down.headers["Retry-After"]) > 0
        assert await count_applications(toy_stack) == before  # nothing stored


async def count_applications(stack: Stack) -> int:
    def count() -> int:
        with read_scope(get_engine(stack.database_url)) as session:
            return len(list(session.exec(select(Application)).all()))
    return await asyncio.to_thread(count)


async def test_the_page_renders_and_prefills_a_toy_form_from_its_schema_and_hints(toy_stack: Stack) -> None:
    iin = next_citizen()
    async with async_playwright() as playwright:
        browser: Browser = await playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        try:
            page = await browser.new_page(locale="en-GB")
            await page.goto(f"{toy_stack.portal_url}/apply/toy-status?lang=en")
            await page.fill("input[name=username]", iin)
            await page.fill("input[name=password]", toy_stack.settings.demo_password)
            await page.click("button[type=submit]")
            await expect(page.locator("form[action='/apply/toy-status']")).to_be_visible()

            # Labels and choices from the spec's hints; the address from the population registry.
            await expect(page.locator("label[for=field-outcome]")).to_contain_text("What to decide")
            options = await page.locator("#field-outcome option").all_inner_texts()
            assert "Grant it" in options and "Refuse it" in options
            assert (await page.input_value("#field-home_address")).strip()

            await page.select_option("#field-outcome", "grant")
            await page.click("#submit")
            await expect(page).to_have_url(re.compile(r"/applications/[0-9a-f-]{36}$"))
            await expect(page.locator("body")).to_contain_text("Toy status")
        finally:
            await browser.close()


def test_a_dependency_cycle_is_refused_at_start_up(tmp_path: os.PathLike[str]) -> None:
    env = onestop_env(state_dir=tmp_path, service_modules="tests.seam.toys.cycle_a,tests.seam.toys.cycle_b")
    started = subprocess.run([sys.executable, "-m", "onestop", "worker"], cwd=ROOT, env=env, capture_output=True,
                             text=True, timeout=60)
    assert started.returncode != 0
    assert "cycle: toy-cycle-a -> toy-cycle-b -> toy-cycle-a" in started.stderr
