"""A job seeker's pages in Chromium, kk/ru/en: the application page shows a refused unemployed status with
its reasons and offers to appeal it; the appeal page has it chosen and files it, and the supervisor's task
page names the part appealed; the matches page says until when the person is registered and how to renew."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import Browser, BrowserContext, expect

from policies.labour.unemployment import add_months
from policies.parameters import value as parameter
from portal.applications.submission import today_in_kazakhstan
from store import tasks as task_store
from tests.appeals.test_unemployed_status_appeal import registered_and_planned
from tests.browser.axe import assert_accessible
from tests.browser.test_officer_journey import logged_in
from tests.labour.people import in_work
from tests.support.api import client_as
from tests.support.stack import Stack
from tests.support.workflows import eventually

pytestmark = pytest.mark.browser

JOB_SEEKER = "job-seeker-registration"
STATUS = {"kk": "Жұмыссыз мәртебесі", "ru": "Статус безработного", "en": "Unemployed status"}
APPEAL_IT = {"kk": "Осы бас тартуға шағым беру", "ru": "Обжаловать этот отказ", "en": "Appeal this refusal"}
UNTIL = {"kk": "дейін тіркелгенсіз", "ru": "Вы зарегистрированы на бирже труда до", "en": "registered on the labour "
                                                                                      "exchange until"}


async def test_a_refused_status_is_offered_for_appeal_and_the_term_of_the_registration_is_told(
        healthy_stack: Stack, context: BrowserContext, browser: Browser) -> None:
    iin = in_work("almaty")  # its labour supervisor reviews the appeal
    async with await client_as(healthy_stack, citizen=iin) as citizen:
        application_id = (await registered_and_planned(healthy_stack, iin, citizen))["id"]

        page = await logged_in(context, healthy_stack, iin, f"/applications/{application_id}", "en")
        for lang in ("kk", "ru", "en"):
            await page.goto(f"{healthy_stack.portal_url}/applications/{application_id}?lang={lang}")
            part = page.locator(f"#unemployed-status-{JOB_SEEKER}")
            await expect(part.locator("[data-unemployed-status]")).to_have_attribute("data-unemployed-status",
                                                                                     "refused")
            await expect(part.locator("h4")).to_contain_text(STATUS[lang])
            await expect(part.locator("li[data-reason=employed]")).to_be_visible()  # the career centre's reason
            link = page.locator(f"#appeal-{JOB_SEEKER}-unemployed_status")
            await expect(link).to_have_text(APPEAL_IT[lang])
        await assert_accessible(page)

        await page.click(f"#appeal-{JOB_SEEKER}-unemployed_status")
        choice = page.locator(f"#service-{JOB_SEEKER}-unemployed_status")
        await expect(choice).to_be_checked()
        await expect(page.locator(f"label[for=service-{JOB_SEEKER}-unemployed_status]")).to_contain_text(
            STATUS["en"])
        await assert_accessible(page)
        await page.fill("#field-grounds", "My contract ended last week.")
        await page.click("#file-appeal")
        await expect(page).to_have_url(re.compile(rf"/applications/{application_id}$"))
        await expect(page.locator("section#appeals h3")).to_contain_text(STATUS["en"])
        listed = (await citizen.get(f"/applications/{application_id}/appeals")).json()["items"]
        assert [(a["service_code"], a["part"]) for a in listed] == [(JOB_SEEKER, "unemployed_status")]

        review = await eventually(healthy_stack.settings.database_url,
                                  lambda s: [t for t in task_store.open_tasks_of(s, application_id)
                                             if t.kind == "appeal.review"])
        reviewer_context = await browser.new_context(locale="en-US")
        try:
            reviewer = await logged_in(reviewer_context, healthy_stack, "labour.almaty.supervisor",
                                       f"/officer/tasks/{review[0].id}", "en")
            part = reviewer.locator("#appeal-part")
            await expect(part.locator("h2")).to_have_text("The part of the decision appealed (a refusal)")
            await expect(part).to_contain_text(STATUS["en"])
            await expect(part.locator("li[data-reason=employed]")).to_be_visible()
            await assert_accessible(reviewer)
        finally:
            await reviewer_context.close()

        today = today_in_kazakhstan()
        until = add_months(today, int(parameter("labour.job_seeker.registration_months", today))).isoformat()
        for lang in ("kk", "ru", "en"):
            await page.goto(f"{healthy_stack.portal_url}/labour/matches?lang={lang}")
            term = page.locator("#registration-term")
            await expect(term).to_have_attribute("data-lapsed", "no")
            await expect(term).to_contain_text(UNTIL[lang])
            await expect(term).to_contain_text(until)
            await expect(page.locator("#renew-registration")).to_have_attribute("href", f"/apply/{JOB_SEEKER}")
        await assert_accessible(page)
        await page.goto(f"{healthy_stack.portal_url}/labour/applications?lang=ru")
        await expect(page.locator("#registration-term")).to_contain_text(f"{UNTIL['ru']} {until}")
