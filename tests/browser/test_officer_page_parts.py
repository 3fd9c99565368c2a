"""The officers' pages and the data-access page without a browser: who may open them, in which language."""

from __future__ import annotations

import re

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from portal.auth.tokens import Principal
from portal.pages.officer_texts import ACTION_ERRORS, TASK_STATUSES
from portal.tasks.refusals import _PROBLEMS
from store.workbench import TASK_STATUSES as STATUS_CODES

OFFICER = Principal(subject="tax.astana.officer", kind="officer", roles=("officer",), scopes=frozenset(),
                    agency="tax", region="astana", name="Asel Bekova")
SUPERVISOR = Principal(subject="tax.astana.supervisor", kind="officer", roles=("supervisor",), scopes=frozenset(),
                       agency="tax", region="astana", name="Marat Iskakov")
CITIZEN = Principal(subject="900101300811", kind="citizen", roles=(), scopes=frozenset())


def test_every_task_status_and_every_refusal_of_the_workflow_has_words() -> None:
    assert set(STATUS_CODES) <= set(TASK_STATUSES)
    outside_action_errors = {"not-found", "nothing-to-answer", "already-decided", "already-withdrawn",
                             "validation-failed"}
    assert {slug for _, slug, _ in _PROBLEMS.values()} - outside_action_errors <= set(ACTION_ERRORS)


def _as(client: TestClient, principal: Principal) -> None:
    from portal.auth.dependencies import optional_principal

    assert isinstance(client.app, FastAPI)
    client.app.dependency_overrides[optional_principal] = lambda: principal


@pytest.mark.parametrize("path", ["/officer/tasks", "/officer/tasks/some-id", "/officer/audit", "/me/data-access",
                                  "/applications/some-id/answer", "/applications/some-id/withdraw",
                                  "/applications/some-id/appeal", "/me/tasks"])
def test_a_stranger_is_sent_to_log_in_and_back(client: TestClient, path: str) -> None:
    answer = client.get(path, follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/login?next=" + path.replace("/", "%2F"))


@pytest.mark.parametrize("path", ["/officer", "/officer/tasks", "/officer/tasks/some-id", "/officer/audit"])
def test_a_citizen_on_the_officers_pages_gets_403(client: TestClient, path: str) -> None:
    _as(client, CITIZEN)
    page = client.get(path + "?lang=en", follow_redirects=False)
    assert page.status_code == 403 and "This page is for civil servants." in page.text


def test_a_post_of_a_citizen_does_nothing(client: TestClient) -> None:
    _as(client, CITIZEN)
    page = client.post("/officer/tasks/some-id/decide?lang=ru", data={"outcome": "approve"}, follow_redirects=False)
    assert page.status_code == 403 and "государственных служащих" in page.text


@pytest.mark.parametrize(("language", "heading"), [("kk", "Кіріс тапсырмалар"), ("ru", "Входящие задачи"),
                                                   ("en", "Inbox")])
def test_the_inbox_speaks_the_officers_language(client: TestClient, language: str, heading: str) -> None:
    _as(client, OFFICER)
    page = client.get(f"/officer/tasks?lang={language}&status=bogus&offset=x")
    assert page.status_code == 200 and f'<html lang="{language}">' in page.text and heading in page.text
    assert 'href="/officer/audit"' not in page.text  # officers have no audit trail


def test_a_task_outside_the_queue_is_the_404_page(client: TestClient) -> None:
    _as(client, OFFICER)
    page = client.get("/officer/tasks/no-such-task?lang=en")
    assert page.status_code == 404 and "There is no such page" in page.text


def test_only_a_supervisor_reads_the_audit_trail(client: TestClient) -> None:
    _as(client, OFFICER)
    assert client.get("/officer/audit?lang=en").status_code == 403
    _as(client, SUPERVISOR)
    page = client.get("/officer/audit?lang=en&before=zz&action=" + "x" * 500)
    assert page.status_code == 200 and "Audit trail" in page.text


@pytest.mark.parametrize("path", ["/me/data-access", "/me/tasks"])
def test_an_officer_has_no_citizen_page_of_their_own(client: TestClient, path: str) -> None:
    _as(client, OFFICER)
    page = client.get(f"{path}?lang=en")
    assert page.status_code == 403 and "a citizen sees their own data" in page.text
    assert client.post("/me/tasks/some-task/answer", data={"outcome": "agree"}).status_code == 403


@pytest.mark.parametrize("path", ["/", "/officer/tasks", "/officer/tasks/no-such-task", "/officer/audit"])
def test_every_page_forbids_inline_script_and_carries_none(client: TestClient, path: str) -> None:
    _as(client, SUPERVISOR)
    page = client.get(path)
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert not re.search(r"<script(?![^>]*\bsrc=)", page.text)


def test_the_refresh_script_is_served_from_the_portal(client: TestClient) -> None:
    script = client.get("/assets/refresh.js")
    assert script.status_code == 200 and script.headers["content-type"].startswith("text/javascript")
    assert "data-refresh-seconds" in script.text


@pytest.mark.parametrize("action", ["answer", "withdraw", "appeal"])
@pytest.mark.parametrize("who", [OFFICER, CITIZEN], ids=["officer", "citizen"])
def test_an_application_that_is_not_the_callers_is_the_404_page_and_a_post_does_nothing(
        client: TestClient, action: str, who: Principal) -> None:
    _as(client, who)
    assert client.get(f"/applications/no-such-application/{action}?lang=en").status_code == 404
    page = client.post(f"/applications/no-such-application/{action}?lang=en", data={"answer": "x", "grounds": "x"})
    assert page.status_code == 404 and "There is no such page" in page.text


@pytest.mark.browser
async def test_without_script_a_running_status_page_offers_a_refresh_link(browser) -> None:
    """JavaScript off: nothing refreshes by itself, so the page says how to (and the pause button stays hidden)."""
    from jinja2 import Environment, FileSystemLoader

    from portal.pages.officer_texts import OfficerTexts
    from portal.pages.rendering import TEMPLATES
    from portal.pages.texts import Texts

    class Url:
        path = "/applications/some-id"

    html = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True).get_template("base.html").render(
        lang="en", t=Texts("en"), o=OfficerTexts("en"), languages=[], principal=None, refresh_seconds=2,
        request=type("R", (), {"url": Url})())
    context = await browser.new_context(java_script_enabled=False)
    page = await context.new_page()
    await page.set_content(html)
    assert await page.get_by_role("link", name="Refresh the page").get_attribute("href") == Url.path
    assert not await page.locator("#refresh-pause").is_visible()
    await context.close()
