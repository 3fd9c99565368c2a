"""A job seeker in Chromium: registers through the form page, then reads the vacancies ranked for them,
every part of the score explained, in kk, ru and en."""

from __future__ import annotations

import re
import uuid
from collections.abc import AsyncIterator
from datetime import date, timedelta

import pytest
from playwright.async_api import Browser, Page, async_playwright, expect

from tests.api.test_business_applications import MODERATOR, flagged_and_asked, flagged_and_refused
from tests.browser.axe import assert_accessible
from tests.labour.people import employer, out_of_work
from tests.support.api import client_as, until
from tests.support.stack import Stack

pytestmark = pytest.mark.browser

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
HEADINGS = {"kk": "Сізге сәйкес бос орындар", "ru": "Подходящие вам вакансии", "en": "Vacancies that fit you"}
WHY = {"kk": "Себебі", "ru": "Почему", "en": "Why"}


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        chromium = await playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            await chromium.close()


async def logged_in(browser: Browser, stack: Stack, path: str, iin: str, locale: str) -> Page:
    """A page of the portal opened by a person who logs in at the identity provider on the way."""
    page = await browser.new_page(locale=locale)
    page.set_default_timeout(10_000)
    await page.goto(f"{stack.portal_url}{path}")
    await page.fill("input[name=username]", iin)
    await page.fill("input[name=password]", stack.settings.demo_password)
    await page.click("button[type=submit]")
    return page


async def published_vacancy(stack: Stack) -> str:
    head_iin, business = employer()
    form = {"title": "Accountant of a building company", "occupation_code": "2411", "region": "astana",
            "settlement": "Astana", "salary_min": 300000, "required_skills": ["1C", "Excel"],
            "expires_on": (date.today() + timedelta(days=30)).isoformat()}
    async with await client_as(stack, citizen=head_iin) as head:
        headers = {"Onestop-Acting-For": business}
        accepted = await head.post("/applications", json={"services": ["vacancy-publication"],
                                                          "answers": {"vacancy-publication": form}},
                                   headers={**headers, "Idempotency-Key": str(uuid.uuid4())})
        assert accepted.status_code == 202, accepted.text
        application_id = accepted.json()["id"]
        await until(lambda: head.get(f"/applications/{application_id}", headers=headers),
                    lambda r: r.json()["status"] == "completed", timeout=60)
    return application_id


async def test_a_job_seeker_registers_on_the_page_and_reads_their_matches_explained(
        healthy_stack: Stack, browser: Browser) -> None:
    vacancy_id = await published_vacancy(healthy_stack)
    iin = out_of_work()
    page = await logged_in(browser, healthy_stack, "/labour/matches?lang=en", iin, "en-GB")
    await expect(page.locator("#not-registered")).to_be_visible()

    await page.click("a[href='/apply/job-seeker-registration']")
    await expect(page.get_by_label("Occupations you want")).to_be_visible()
    await page.fill("#field-desired_occupations", "2411")
    await page.fill("#field-skills", "1C, Excel")
    await page.fill("#field-regions", "astana")
    await page.check("#field-request_unemployed_status")
    if not await page.input_value("#field-phone") and not await page.input_value("#field-email"):
        await page.fill("#field-phone", "+77011234567")
    await page.click("#submit")
    await expect(page).to_have_url(re.compile(r"/applications/[0-9a-f-]{36}$"))
    await expect(page.locator("#application-status")).to_have_attribute("data-status", "completed",
                                                                        timeout=30_000)

    for language in ("kk", "ru", "en"):
        await page.goto(f"{healthy_stack.portal_url}/labour/matches?lang={language}")
        await expect(page.get_by_role("heading", level=1)).to_have_text(HEADINGS[language])
        first = page.locator("section.match").first
        await expect(first).to_have_attribute("data-vacancy", vacancy_id)
        await expect(first.locator("th").nth(2)).to_have_text(WHY[language])
        assert await first.locator("tr[data-part]").count() == 5
    await expect(page.locator("section.match").first.locator("tr[data-part=skills] td").nth(2)).to_contain_text(
        "2 of the 2")
    await page.close()


async def test_an_employer_publishes_on_the_page_for_the_business_they_head_and_no_other(
        healthy_stack: Stack, browser: Browser) -> None:
    head_iin, business = employer()
    _, other = employer()
    page = await logged_in(browser, healthy_stack, f"/labour/employer/{business}?lang=ru", head_iin, "ru-RU")
    await expect(page.locator("#no-vacancies")).to_have_text("Вакансий пока нет.")

    await page.fill("#field-title", "Кладовщик")
    await page.select_option("#field-occupation_code", "4321")
    await page.select_option("#field-region", "astana")
    await page.fill("#field-settlement", "Астана")
    await page.fill("#field-salary_min", "50000")
    await page.fill("#field-expires_on", (date.today() + timedelta(days=30)).isoformat())
    await page.click("#submit")
    # Under the minimum wage: refused next to the wage, in the page's language, and nothing stored.
    await expect(page.locator("#field-salary_min-error")).to_have_text("Зарплата не может быть ниже минимальной.")
    await expect(page.locator("#no-vacancies")).to_be_visible()

    await page.fill("#field-salary_min", "250000")
    await page.click("#submit")
    row = page.locator("tr[data-vacancy]")
    await expect(row).to_have_count(1)
    await expect(row.locator("td").first).to_have_text("Кладовщик")
    for _ in range(60):
        if await row.locator("[data-status]").get_attribute("data-status") == "completed":
            break
        await page.wait_for_timeout(500)
        await page.reload()
    await expect(row.locator("[data-status]")).to_have_attribute("data-status", "completed")

    not_his = await page.goto(f"{healthy_stack.portal_url}/labour/employer/{other}?lang=en")
    assert not_his is not None and not_his.status == 403
    await page.close()


async def test_an_employer_answers_the_moderator_and_withdraws_the_vacancy_on_pages(
        healthy_stack: Stack, browser: Browser) -> None:
    head_iin, business = employer("astana")
    async with await client_as(healthy_stack, citizen=head_iin) as head, \
            await client_as(healthy_stack, officer=MODERATOR) as moderator:
        application_id, task = await flagged_and_asked(head, business, moderator)
    page = await logged_in(browser, healthy_stack, f"/labour/employer/{business}?lang=en", head_iin, "en-US")
    # The business's vacancy waits for its answer: its row leads to the application, for the business.
    row = page.locator(f"tr[data-vacancy='{application_id}']")
    await expect(row.locator("[data-status]")).to_have_attribute("data-status", "awaiting_applicant")
    await row.locator("a.application-link").click()
    await expect(page).to_have_url(re.compile(f"/applications/{application_id}\\?for={business}"))
    await expect(page.locator("#action-appeal")).to_have_count(0)  # nothing decided yet: nothing to appeal
    await page.click("#action-answer")
    await expect(page.locator("#question")).to_have_text("Why does the vacancy name an age and a sex?")
    await assert_accessible(page)
    await page.fill("#field-answer", "A mistake of ours: any adult may apply.")
    await page.click("#send-answer")
    await expect(page).to_have_url(re.compile(f"/applications/{application_id}\\?for={business}$"))
    async with await client_as(healthy_stack, officer=MODERATOR) as moderator:
        detail = await until(lambda: moderator.get(f"/tasks/{task['id']}"), lambda r: r.json()["status"] == "claimed")
        assert detail.json()["info_request"]["answer"]["text"] == "A mistake of ours: any adult may apply."

    await page.click("#action-withdraw")
    await page.fill("#field-reason", "We will publish it again, reworded.")
    await page.click("#withdraw")
    await expect(page).to_have_url(re.compile(f"/applications/{application_id}\\?for={business}$"))
    await expect(page.locator("#application-status")).to_have_attribute("data-status", "withdrawn", timeout=30_000)

    # Someone who does not head the business is told so, and sees nothing of it.
    other = await logged_in(browser, healthy_stack, f"/applications/{application_id}?for={business}", out_of_work(),
                            "en-US")
    await expect(other.locator("h1")).to_be_visible()
    again = await other.goto(f"{healthy_stack.portal_url}/applications/{application_id}?for={business}")
    assert again is not None and again.status == 403
    await expect(other.locator("#message")).to_have_text("you do not head this business in the businesses registry")
    await expect(other.locator("#application-status")).to_have_count(0)
    await other.close()

    # The businesses registry down: the head is told to come back, not that they are forbidden.
    healthy_stack.knobs("businesses", outage=True)
    down = await page.goto(f"{healthy_stack.portal_url}/applications/{application_id}?for={business}&lang=ru")
    assert down is not None and down.status == 503 and down.headers.get("retry-after") == "30"
    await expect(page.locator("#message")).to_have_text("Реестр бизнеса не отвечает: повторите чуть позже")
    await expect(page.locator("#application-status")).to_have_count(0)
    await page.close()


async def test_an_employer_appeals_the_refused_vacancy_for_the_business_on_pages(
        healthy_stack: Stack, browser: Browser) -> None:
    head_iin, business = employer("astana")
    async with await client_as(healthy_stack, citizen=head_iin) as head, \
            await client_as(healthy_stack, officer=MODERATOR) as moderator:
        application_id = await flagged_and_refused(head, business, moderator)
    page = await logged_in(browser, healthy_stack, f"/applications/{application_id}?for={business}&lang=kk",
                           head_iin, "kk-KZ")
    await expect(page.locator("#application-status")).to_have_attribute("data-status", "refused")
    await page.click("#action-appeal")
    await expect(page).to_have_url(re.compile(f"/applications/{application_id}/appeal\\?for={business}$"))
    await assert_accessible(page)
    await page.fill("#field-grounds", "Жас туралы талап қате жазылды; мәтін түзетілді.")
    await page.click("#file-appeal")
    # Back on the business's application, the appeal filed and shown with it.
    await expect(page).to_have_url(re.compile(f"/applications/{application_id}\\?for={business}$"))
    await expect(page.locator("[data-appeal-status]")).to_have_attribute("data-appeal-status",
                                                                       re.compile("filed|under_review"))
    async with await client_as(healthy_stack, citizen=head_iin) as head:
        listed = (await head.get(f"/applications/{application_id}/appeals",
                                 headers={"Onestop-Acting-For": business})).json()["items"]
    assert [a["grounds"] for a in listed] == ["Жас туралы талап қате жазылды; мәтін түзетілді."]
    await page.close()
