"""Civil servants in Chromium: log in, find the task, claim, ask, decide; a supervisor reassigns and reads the trail.

The application comes from the API (an Astana citizen's registration with an activity off the
list, which goes to Astana's tax officers); everything the officers do, they do on the pages.
axe-core checks every page in Kazakh and in English.
"""

from __future__ import annotations

import re
from datetime import timedelta
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest
from playwright.async_api import BrowserContext, Page, expect

from portal.applications.submission import today_in_kazakhstan
from store.engine import get_engine, session_scope
from store.workbench import Task
from tests.browser.axe import assert_accessible
from tests.browser.test_citizen_journey import log_in
from tests.support.api import apply_for_review, client_as, signed_in, task_of, until
from tests.support.citizens import citizen_of
from tests.support.stack import Stack

pytestmark = pytest.mark.browser

OFFICER, OFFICER2, SUPERVISOR = "tax.astana.officer", "tax.astana.officer2", "tax.astana.supervisor"
OTHER_REGION = "tax.almaty.officer"
QUESTION_LIMIT = 4000


async def logged_in(context: BrowserContext, stack: Stack, user: str, path: str, lang: str) -> Page:
    """A page of `path`, reached through the identity provider's login form as a person would."""
    page = await context.new_page()
    await page.goto(f"{stack.portal_url}{path}?lang={lang}")
    await expect(page).to_have_url(re.compile(re.escape(stack.settings.issuer_url)))
    await log_in(page, user, stack.settings.demo_password)
    await expect(page.get_by_test_id("user-name")).to_be_visible()
    assert page.url.startswith(stack.portal_url + path)
    return page


async def in_both_languages(page: Page) -> None:
    """axe on the page as it is, in Kazakh and in English (the page is reloaded in each)."""
    for lang in ("kk", "en"):
        url = urlsplit(page.url)
        query = [(k, v) for k, v in parse_qsl(url.query, keep_blank_values=True) if k != "lang"] + [("lang", lang)]
        await page.goto(urlunsplit(url._replace(query=urlencode(query))))
        assert await page.get_attribute("html", "lang") == lang
        await assert_accessible(page)


async def history_count(page: Page, action: str) -> int:
    return await page.locator(f"#history [data-action='{action}']").count()


async def claim_from_the_keyboard(page: Page) -> None:
    """Tab from the top of the page to the claim button and press Enter: no mouse."""
    await page.locator("body").focus()
    for _ in range(80):
        await page.keyboard.press("Tab")
        if await page.evaluate("() => document.activeElement && document.activeElement.id") == "claim":
            await page.keyboard.press("Enter")
            return
    raise AssertionError("the claim button cannot be reached with the Tab key")


async def review_application(stack: Stack) -> tuple[str, str, str]:
    """(citizen IIN, application id, task id) of a registration waiting for Astana's tax officers."""
    iin = citizen_of("astana")
    async with await client_as(stack, citizen=iin) as citizen, await client_as(stack, officer=OFFICER) as officer:
        application_id = await apply_for_review(citizen)
        task = await task_of(officer, application_id)
    return iin, application_id, task["id"]


async def test_an_officer_claims_asks_and_decides_and_the_citizen_sees_the_decision(
        healthy_stack: Stack, context: BrowserContext, browser) -> None:
    iin, application_id, task_id = await review_application(healthy_stack)
    page = await logged_in(context, healthy_stack, OFFICER, "/officer/tasks", "kk")
    refused_by_csp: list[str] = []
    page.on("console", lambda message: refused_by_csp.append(message.text)
            if "Content Security Policy" in message.text else None)
    await expect(page.get_by_role("heading", level=1)).to_have_text("Кіріс тапсырмалар")
    await in_both_languages(page)

    # The inbox's filters are a plain GET form: the task is among my queue's open self-employed reviews.
    await page.select_option("#filter-kind", "self-employed.manual-review")
    await page.select_option("#filter-status", "open")
    await page.click("#filter-submit")
    row = page.locator(f"tr[data-application='{application_id}']")
    await expect(row).to_be_visible()
    days_left = await row.locator("[data-days-left]").get_attribute("data-days-left")
    assert days_left is not None and int(days_left) >= 0
    await row.get_by_role("link").click()
    await expect(page).to_have_url(re.compile(f"/officer/tasks/{task_id}$"))
    await expect(page.locator("#task-status")).to_have_attribute("data-status", "open")
    # Everything needed to decide: the applicant's answers and what the population registry holds.
    await expect(page.locator("[data-answer=activity_description]")).to_have_text("Repair of felt yurts")
    await expect(page.locator("#registries")).to_contain_text("astana")
    await in_both_languages(page)

    # A double click is one claim, from the keyboard as well as the mouse.
    await page.dblclick("#claim")
    await expect(page.locator("#task-status")).to_have_attribute("data-status", "claimed")
    await expect(page.locator("#task-assignee")).to_have_attribute("data-assignee", OFFICER)
    assert await history_count(page, "task.claimed") == 1

    # Bad input: a question over the API's limit comes back on its field, and nothing is asked.
    await page.fill("#field-question", "x" * (QUESTION_LIMIT + 1))
    await page.click("#ask")
    await expect(page.locator("#field-question-error")).to_have_text(
        f"The question is longer than {QUESTION_LIMIT} characters.")
    await expect(page.locator("#field-question")).to_have_attribute("aria-invalid", "true")
    assert "field-question-error" in (await page.get_attribute("#field-question", "aria-describedby") or "")
    assert len(await page.input_value("#field-question")) == QUESTION_LIMIT + 1  # what was typed stays
    await expect(page.locator("#task-status")).to_have_attribute("data-status", "claimed")
    await assert_accessible(page)

    await page.fill("#field-question", "Do you also sell yurts, or only repair them?")
    await page.focus("#ask")
    await page.keyboard.press("Enter")
    await expect(page.locator("#task-status")).to_have_attribute("data-status", "awaiting_applicant")
    await expect(page.locator("#asked")).to_have_text("Do you also sell yurts, or only repair them?")
    assert await history_count(page, "task.info_requested") == 1
    await assert_accessible(page)

    # While the applicant is asked the page keeps itself current (a script from /assets, no inline script).
    await expect(page.locator("main")).to_have_attribute("data-refresh-seconds", "5")
    await expect(page.locator("#refresh-pause")).to_be_visible()
    # The citizen answers on a page of their own; an empty answer comes back on its field first.
    citizen_context = await browser.new_context(locale="en-US")
    citizen_context.set_default_timeout(10_000)
    status = await logged_in(citizen_context, healthy_stack, iin, f"/applications/{application_id}/answer", "en")
    await expect(status.locator("#question")).to_have_text("Do you also sell yurts, or only repair them?")
    await in_both_languages(status)
    await status.click("#send-answer")
    await expect(status.locator("#field-answer-error")).to_have_text("Write your answer.")
    await expect(status.locator("#field-answer")).to_have_attribute("aria-describedby", "field-answer-error")
    await assert_accessible(status)
    await status.fill("#field-answer", "Only repair.")
    await status.dblclick("#send-answer")
    await expect(status).to_have_url(re.compile(f"/applications/{application_id}$"))
    await expect(page.locator("#task-status")).to_have_attribute("data-status", "claimed", timeout=15_000)
    await expect(page.locator("#answered")).to_have_text("Only repair.")
    assert await history_count(page, "task.info_answered") == 1  # the double click answered once
    await expect(page.locator("#refresh-pause")).to_be_hidden()
    await page.reload()

    # Bad input: a decision without a reason comes back with the error on the reasons, and nothing is decided.
    await page.check("#outcome-approve")
    await page.click("#decide")
    await expect(page.locator("#field-reasons-error")).to_have_text("Choose at least one reason.")
    await expect(page.locator("#field-reasons")).to_have_attribute("aria-describedby", "field-reasons-error")
    await expect(page.locator("#outcome-approve")).to_be_checked()
    await expect(page.locator("#task-status")).to_have_attribute("data-status", "claimed")
    assert await history_count(page, "task.completed") == 0
    await assert_accessible(page)

    await page.check("#reason-activity_allowed_by_analogy")
    await page.fill("#field-comment", "Felt yurt repair is tailoring.")
    await page.dblclick("#decide")
    await expect(page.locator("#task-status")).to_have_attribute("data-status", "completed")
    await expect(page.locator("[data-outcome]")).to_have_attribute("data-outcome", "approve")
    assert await history_count(page, "task.completed") == 1
    await in_both_languages(page)
    assert refused_by_csp == []

    # The citizen sees the decision on the application's page.
    try:
        await status.goto(f"{healthy_stack.portal_url}/applications/{application_id}?lang=en")
        await expect(status.locator("#application-status")).to_have_attribute("data-status", "completed",
                                                                              timeout=60_000)
        await expect(status.locator("[data-outcome]")).to_have_attribute("data-outcome", "approved")
        # And who read their data for it, and why: one link away from any page.
        await status.get_by_role("link", name="Who read my data").click()
        read = status.locator(f"tr[data-application='{application_id}'][data-registry=population]")
        await expect(read.first).to_contain_text("Registration as self-employed")
        await in_both_languages(status)
    finally:
        await citizen_context.close()
    await page.close()


async def test_a_supervisor_reassigns_a_stale_form_is_refused_and_another_region_sees_nothing(
        healthy_stack: Stack, context: BrowserContext, browser) -> None:
    iin, application_id, task_id = await review_application(healthy_stack)
    await signed_in(healthy_stack, OFFICER2)  # a task goes only to an officer the portal has seen
    officer = await logged_in(context, healthy_stack, OFFICER, f"/officer/tasks/{task_id}", "en")
    await claim_from_the_keyboard(officer)
    await expect(officer.locator("#task-status")).to_have_attribute("data-status", "claimed")

    others = []
    try:
        supervisor_context = await browser.new_context(locale="kk-KZ")
        others.append(supervisor_context)
        supervisor = await logged_in(supervisor_context, healthy_stack, SUPERVISOR, "/officer/tasks", "kk")
        await supervisor.goto(f"{healthy_stack.portal_url}/officer/tasks?mine=&status=claimed")
        await supervisor.locator(f"tr[data-application='{application_id}'] a").click()
        await in_both_languages(supervisor)

        # Bad input: no officer chosen comes back on the field.
        await supervisor.click("#reassign")
        await expect(supervisor.locator("#field-to-error")).to_have_text("Choose an officer.")
        await expect(supervisor.locator("#field-to")).to_have_attribute("aria-describedby", "field-to-error")
        assert await history_count(supervisor, "task.reassigned") == 0
        assert OFFICER not in await supervisor.locator("#field-to option").all_inner_texts()  # holds it already
        await supervisor.select_option("#field-to", OFFICER2)
        await supervisor.dblclick("#reassign")
        await expect(supervisor.locator("#task-assignee")).to_have_attribute("data-assignee", OFFICER2)
        assert await history_count(supervisor, "task.reassigned") == 1

        # The new officer decides (through the API); the first officer's page is now stale.
        async with await client_as(healthy_stack, officer=OFFICER2) as officer2:
            decided = await officer2.post(f"/tasks/{task_id}/complete",
                                          json={"outcome": "refuse", "reasons": ["activity_not_permitted"]})
            assert decided.status_code == 200, decided.text
        await officer.check("#outcome-approve")
        await officer.check("#reason-activity_allowed_by_analogy")
        await officer.click("#decide")
        await expect(officer.locator("#notice")).to_have_text(
            "The task changed since this page was opened: check it and act again.")
        await expect(officer.locator("#task-status")).to_have_attribute("data-status", "completed")
        await expect(officer.locator("[data-outcome]")).to_have_attribute("data-outcome", "refuse")
        await assert_accessible(officer)

        # The supervisor's audit trail, filtered to the task.
        await supervisor.goto(f"{healthy_stack.portal_url}/officer/audit?lang=en")
        await supervisor.fill("#filter-object_id", task_id)
        await supervisor.click("#filter-submit")
        actions = await supervisor.locator("[data-audit-action]").evaluate_all(
            "rows => rows.map(r => r.dataset.auditAction)")
        assert {"task.claimed", "task.reassigned", "task.completed"} <= set(actions), actions
        assert set(await supervisor.locator("[data-object]").evaluate_all(
            "rows => rows.map(r => r.dataset.object)")) == {task_id}
        await in_both_languages(supervisor)

        # An officer of another region: no such task, on a page.
        region_context = await browser.new_context(locale="en-US")
        others.append(region_context)
        outsider = await logged_in(region_context, healthy_stack, OTHER_REGION, f"/officer/tasks/{task_id}", "en")
        await expect(outsider.get_by_role("heading", level=1)).to_have_text("Not found")
        await in_both_languages(outsider)
        await outsider.goto(f"{healthy_stack.portal_url}/officer/tasks?status=completed")
        await expect(outsider.locator(f"tr[data-application='{application_id}']")).to_have_count(0)
        audit = await outsider.goto(f"{healthy_stack.portal_url}/officer/audit")
        assert audit is not None and audit.status == 403

        # A citizen who opens the workbench is refused.
        citizen_context = await browser.new_context(locale="en-US")
        others.append(citizen_context)
        citizen = await citizen_context.new_page()
        await citizen.goto(f"{healthy_stack.portal_url}/officer/tasks?lang=en")
        await log_in(citizen, iin, healthy_stack.settings.demo_password)
        await expect(citizen.locator("#refusal")).to_have_text("This page is for civil servants.")
        await in_both_languages(citizen)
    finally:
        for other in others:
            await other.close()
    await officer.close()



async def test_a_supervisor_reviews_an_appeal_and_the_first_decider_may_not(
        healthy_stack: Stack, context: BrowserContext, browser) -> None:
    iin, application_id, task_id = await review_application(healthy_stack)
    async with await client_as(healthy_stack, officer=OFFICER) as officer_api, \
            await client_as(healthy_stack, citizen=iin) as citizen, \
            await client_as(healthy_stack, officer=SUPERVISOR) as supervisor_api:
        refused = await officer_api.post(f"/tasks/{task_id}/complete",
                                         json={"outcome": "refuse", "reasons": ["activity_not_permitted"]})
        assert refused.status_code == 200, refused.text
        await until(lambda: citizen.get(f"/applications/{application_id}"), lambda r: r.json()["status"] == "refused")
        appellant_context = await browser.new_context(locale="en-US")
        try:
            appellant = await logged_in(appellant_context, healthy_stack, iin,
                                        f"/applications/{application_id}/appeal", "en")
            await in_both_languages(appellant)
            await expect(appellant.locator("#service-self-employed-registration")).to_be_checked()
            await appellant.click("#file-appeal")  # no grounds
            await expect(appellant.locator("#field-grounds-error")).to_have_text("Write why the decision is wrong.")
            await expect(appellant.locator("#field-grounds")).to_have_attribute("aria-invalid", "true")
            await assert_accessible(appellant)
            assert (await citizen.get(f"/applications/{application_id}/appeals")).json()["items"] == []
            await appellant.fill("#field-grounds", "Yurt repair is a craft on the list.")
            await appellant.dblclick("#file-appeal")
            await expect(appellant).to_have_url(re.compile(f"/applications/{application_id}$"))
            # The status page follows the appeal: filed, then under a supervisor's review with its deadline.
            appeal = appellant.locator("#appeals [data-appeal]")
            await expect(appeal).to_have_count(1)
            await expect(appeal.locator("[data-kind='appeal.filed']")).to_have_count(1)
            await assert_accessible(appellant)
        finally:
            await appellant_context.close()
        assert len((await citizen.get(f"/applications/{application_id}/appeals")).json()["items"]) == 1
        review = await task_of(supervisor_api, application_id, "appeal.review")

        # The officer who refused sees the review in the queue but may not take it: four-eyes, on the page.
        first = await logged_in(context, healthy_stack, OFFICER, f"/officer/tasks/{review['id']}", "en")
        await first.click("#claim")
        await expect(first.locator("#notice")).to_have_text(
            "The officer who made the first decision may not act on this task.")
        await expect(first.locator("#task-status")).to_have_attribute("data-status", "open")
        await assert_accessible(first)

        supervisor_context = await browser.new_context(locale="en-US")
        try:
            page = await logged_in(supervisor_context, healthy_stack, SUPERVISOR, f"/officer/tasks/{review['id']}",
                                   "kk")
            await expect(page.locator("#appeal-grounds")).to_have_text("Yurt repair is a craft on the list.")
            await in_both_languages(page)
            await page.click("#claim")
            await expect(page.locator("#task-assignee")).to_have_attribute("data-assignee", SUPERVISOR)
            await page.check("#outcome-upheld")
            await page.check("#reason-decision_lawful")
            await page.click("#decide")
            await expect(page.locator("[data-outcome]")).to_have_attribute("data-outcome", "upheld")
            await in_both_languages(page)
        finally:
            await supervisor_context.close()
        final = await until(lambda: citizen.get(f"/applications/{application_id}"),
                            lambda r: r.json()["appeals"] and r.json()["appeals"][0]["outcome"] == "upheld")
        assert final.json()["status"] == "refused"
        citizen_context = await browser.new_context(locale="en-US")
        try:
            seen = await logged_in(citizen_context, healthy_stack, iin, f"/applications/{application_id}", "en")
            appeal = seen.locator("#appeals [data-appeal]")
            await expect(appeal.locator("[data-appeal-outcome]")).to_have_attribute("data-appeal-outcome", "upheld")
            await expect(appeal.locator("[data-kind='appeal.upheld']")).to_have_count(1)
            await in_both_languages(seen)
        finally:
            await citizen_context.close()
    await first.close()


async def test_overdue_and_escalated_work_stands_out_in_the_inbox(
        healthy_stack: Stack, context: BrowserContext) -> None:
    iin, application_id, task_id = await review_application(healthy_stack)
    # The inbox reads the database: moving the row's deadline back (and marking it escalated, as the
    # workflow does at the end of the deadline day) is what an overdue task looks like to it.
    with session_scope(get_engine(healthy_stack.settings.database_url)) as session:
        task = session.get(Task, task_id)
        assert task is not None
        task.deadline, task.escalated = today_in_kazakhstan() - timedelta(days=14), True
        session.add(task)
    try:
        page = await logged_in(context, healthy_stack, SUPERVISOR, "/officer/tasks", "en")
        await page.check("#filter-overdue")
        await page.click("#filter-submit")
        row = page.locator(f"tr[data-task='{task_id}']")
        await expect(row).to_have_class(re.compile(r"\boverdue\b.*\bescalated\b"))
        await expect(row.locator(".badge.bad")).to_have_text("Overdue")
        await expect(row.locator(".badge.warn")).to_have_text("Escalated")
        assert int(await row.locator("[data-days-left]").get_attribute("data-days-left") or "0") < 0
        assert "overdue=1" in page.url
        await in_both_languages(page)
        await row.get_by_role("link").click()
        await expect(page.locator("#overdue")).to_be_visible()
        await expect(page.locator("#escalated")).to_be_visible()
    finally:
        async with await client_as(healthy_stack, citizen=iin) as citizen:  # leave nothing open behind
            assert (await citizen.post(f"/applications/{application_id}/withdraw")).status_code == 202


async def test_a_citizen_withdraws_on_a_page_once_whatever_the_clicks(
        healthy_stack: Stack, context: BrowserContext) -> None:
    iin, application_id, task_id = await review_application(healthy_stack)
    page = await logged_in(context, healthy_stack, iin, f"/applications/{application_id}", "kk")
    # The status page offers what the citizen may do now: withdraw it while it runs.
    await expect(page.locator("#action-answer")).to_have_count(0)
    await page.click("#action-withdraw")
    await expect(page).to_have_url(re.compile(f"/applications/{application_id}/withdraw$"))
    await in_both_languages(page)
    await page.fill("#field-reason", "x" * 2001)
    await page.click("#withdraw")
    await expect(page.locator("#field-reason-error")).to_have_text("The reason is longer than 2000 characters.")
    await assert_accessible(page)
    await page.fill("#field-reason", "I found work.")
    await page.dblclick("#withdraw")
    await expect(page).to_have_url(re.compile(f"/applications/{application_id}$"))
    await expect(page.locator("#application-status")).to_have_attribute("data-status", "withdrawn", timeout=30_000)
    async with await client_as(healthy_stack, officer=OFFICER) as officer:
        cancelled = await until(lambda: officer.get(f"/tasks/{task_id}"),
                                lambda r: r.json()["status"] == "cancelled")
        assert [h["action"] for h in cancelled.json()["history"]].count("task.cancelled") == 1
    await page.goto(f"{healthy_stack.portal_url}/applications/{application_id}/withdraw")
    await expect(page.locator("#cannot-withdraw")).to_be_visible()
    await page.close()
