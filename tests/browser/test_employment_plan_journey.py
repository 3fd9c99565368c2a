"""A career-centre officer sets a job seeker's individual employment plan on the pages; the citizen reads it.

The registration comes from the API (someone out of work, granted the unemployed status); the officer
works on the pages only: a plan with a date in the past is refused next to its field and nothing is
sent, then the plan is set. The citizen sees it on their application's page. axe-core checks the
officer's form in Kazakh and in English.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.async_api import Browser, BrowserContext, expect

from portal.applications.submission import today_in_kazakhstan
from services import job_seeker
from tests.browser.test_officer_journey import in_both_languages, logged_in
from tests.labour.people import career_centre_officer, in_work, out_of_work, with_a_career_centre
from tests.support.api import client_as, submit, task_of, until, view, wait_finished
from tests.support.stack import Stack

pytestmark = pytest.mark.browser

CODE = job_seeker.CODE


async def registered(stack: Stack, iin: str) -> tuple[str, str]:
    """(application id, plan task id) of a registration granted, its plan to be set."""
    form = {"desired_occupations": ["2512"], "skills": ["Python"], "regions": ["astana"],
            "request_unemployed_status": True, "phone": "+77019990014", "language": "en"}
    async with await client_as(stack, citizen=iin) as citizen, \
            await client_as(stack, officer=career_centre_officer(iin)) as officer:
        accepted = await submit(citizen, {"services": [CODE], "answers": {CODE: form}})
        assert accepted.status_code == 202, accepted.text
        application_id = accepted.json()["id"]
        await wait_finished(citizen, application_id)
        task = await task_of(officer, application_id, kind=job_seeker.PLAN_KIND)
    return application_id, task["id"]


async def test_an_officer_sets_the_plan_on_the_pages_and_the_citizen_sees_it(
        healthy_stack: Stack, context: BrowserContext, browser: Browser) -> None:
    iin = with_a_career_centre(out_of_work)
    application_id, task_id = await registered(healthy_stack, iin)
    today = today_in_kazakhstan()

    page = await logged_in(context, healthy_stack, career_centre_officer(iin), f"/officer/tasks/{task_id}", "en")
    form = page.locator("#result-form")
    await expect(form.get_by_role("heading", level=3)).to_have_text("The individual plan")
    await expect(page.locator("form[action$='/decide']")).to_have_count(0)  # a plan, not a yes or no
    await expect(page.get_by_label("What").first).to_be_visible()
    await in_both_languages(page)
    await page.goto(f"{healthy_stack.portal_url}/officer/tasks/{task_id}?lang=ru")
    await expect(page.locator("label[for='field-items-0-due_on']")).to_have_text("Срок")
    await page.goto(f"{healthy_stack.portal_url}/officer/tasks/{task_id}?lang=en")

    # A date in the past: refused next to the date, what was typed kept, nothing sent.
    await page.select_option("#field-items-0-action", "consultation")
    await page.fill("#field-items-0-due_on", (today - timedelta(days=2)).isoformat())
    await page.fill("#field-items-0-detail", "Career adviser, room 12")
    await page.click("#set-result")
    await expect(page.locator("#field-items-0-due_on-error")).to_have_text("The due date cannot be before today.")
    await expect(page.locator("#field-items-0-due_on")).to_have_attribute("aria-invalid", "true")
    await expect(page.locator("#field-items-0-detail")).to_have_value("Career adviser, room 12")
    await expect(page.locator("#task-status")).to_have_attribute("data-status", "open")

    first, second = (today + timedelta(days=3)).isoformat(), (today + timedelta(days=30)).isoformat()
    await page.fill("#field-items-0-due_on", first)
    # The second row left empty, the third filled: empty rows are left out.
    await page.select_option("#field-items-2-action", "training")
    await page.fill("#field-items-2-due_on", second)
    await page.fill("#field-items-2-detail", "Welding course, Astana college")
    await page.fill("#field-note", "Bring your diploma.")
    await page.click("#set-result")
    await expect(page.locator("#task-status")).to_have_attribute("data-status", "completed")
    await expect(page.locator("#decision [data-outcome]")).to_have_text("Plan set")
    await expect(page.locator("#result li")).to_have_count(2)
    await expect(page.locator("#result li[data-action='training']")).to_contain_text("Welding course")
    await page.close()

    async with await client_as(healthy_stack, citizen=iin) as citizen:
        await until(lambda: view(citizen, application_id),
                    lambda v: next(s for s in v["services"] if s["code"] == CODE)["status"] == "completed")
    own = await browser.new_context(locale="en-GB")
    try:
        mine = await logged_in(own, healthy_stack, iin, f"/applications/{application_id}", "en")
        plan = mine.locator(f"#employment-plan-{CODE}")
        await expect(plan).to_have_attribute("data-plan-status", "set")
        await expect(plan.locator("tr[data-plan-action]")).to_have_count(2)
        await expect(plan.locator("tr[data-plan-action='consultation'] td").first).to_contain_text(
            "A career adviser's consultation")
        await expect(plan.locator("tr[data-plan-action='training'] td").first).to_contain_text("Welding course")
        await expect(plan.locator("#plan-note")).to_have_text("Bring your diploma.")
        await expect(mine.locator(f"#unemployed-status-{CODE} [data-unemployed-status]")).to_have_text("Granted")
        await mine.goto(f"{healthy_stack.portal_url}/applications/{application_id}?lang=kk")
        await expect(plan.get_by_role("heading", level=4)).to_have_text("Жұмыспен қамтудың жеке жоспары")
        await expect(plan.locator("tr[data-plan-action='training'] td").first).to_contain_text("Кәсіптік оқыту")
    finally:
        await own.close()


async def test_an_officer_reviews_an_excluded_status_on_the_page_with_the_registries_facts(
        healthy_stack: Stack, context: BrowserContext) -> None:
    iin = with_a_career_centre(in_work)
    form = {"desired_occupations": ["2512"], "request_unemployed_status": True, "phone": "+77019990015",
            "language": "ru"}
    async with await client_as(healthy_stack, citizen=iin) as citizen, \
            await client_as(healthy_stack, officer=career_centre_officer(iin)) as officer:
        accepted = await submit(citizen, {"services": [CODE], "answers": {CODE: form}})
        assert accepted.status_code == 202, accepted.text
        application_id = accepted.json()["id"]
        task = await task_of(officer, application_id, kind=job_seeker.STATUS_REVIEW_KIND)

        page = await logged_in(context, healthy_stack, career_centre_officer(iin), f"/officer/tasks/{task['id']}",
                               "kk")
        await expect(page.get_by_role("heading", level=1)).to_have_text("Жұмыссыз мәртебесін тексеру")
        await expect(page.locator("#registries [data-registry='contracts']")).to_be_visible()
        await expect(page.locator("#registries")).to_contain_text("Еңбек шарттары")
        await expect(page.locator("#registries")).to_contain_text("Жасына байланысты зейнетақы")
        await in_both_languages(page)
        await page.check("#outcome-refuse")
        await page.check("#reason-employed")
        await page.click("#decide")
        await expect(page.locator("#task-status")).to_have_attribute("data-status", "completed")
        done = await wait_finished(citizen, application_id)
    status = next(s for s in done["services"] if s["code"] == CODE)["decision"]["unemployed_status"]
    assert status["outcome"] == "refused" and "employed" in status["decisive"]
