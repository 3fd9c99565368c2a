"""A citizen in Chromium: log in at the identity provider, apply, follow the steps, verify the certificate."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import BrowserContext, Page, expect

from tests.browser.axe import assert_accessible
from tests.support.citizens import next_citizen
from tests.support.stack import Stack

pytestmark = pytest.mark.browser

CODE = "self-employed-registration"
FINISH_SECONDS = 30


async def log_in(page: Page, iin: str, password: str) -> None:
    """On the identity provider's own page, as a person would."""
    await page.fill("input[name=username]", iin)
    await page.fill("input[name=password]", password)
    await page.click("button[type=submit]")


async def open_form_logged_in(page: Page, stack: Stack, iin: str, lang: str) -> None:
    await page.goto(f"{stack.portal_url}/?lang={lang}")
    await page.get_by_role("link", name={"kk": "Кіру", "ru": "Войти", "en": "Log in"}[lang]).click()
    await expect(page).to_have_url(re.compile(re.escape(stack.settings.issuer_url)))
    await log_in(page, iin, stack.settings.demo_password)
    await expect(page.get_by_test_id("user-name")).to_be_visible()
    assert page.url.startswith(stack.portal_url)
    await page.click(f"a[href='/apply/{CODE}']")
    await expect(page.locator("form[action='/apply/" + CODE + "']")).to_be_visible()


async def test_citizen_applies_follows_every_step_and_verifies_the_certificate(
        healthy_stack: Stack, context: BrowserContext) -> None:
    iin = next_citizen()
    page = await context.new_page()
    await open_form_logged_in(page, healthy_stack, iin, "ru")
    assert await page.get_attribute("html", "lang") == "ru"

    # The state already knows the address: the citizen does not type it.
    address = await page.input_value("#field-activity_address")
    assert address.strip(), "the address was not prefilled from the population registry"
    assert await page.input_value("#field-language") == "ru"

    await page.select_option("#field-activity_code", "tutoring")
    await page.select_option("#field-regime", "self-employed")
    await page.fill("#field-expected_monthly_income", "250000")
    if not await page.input_value("#field-phone") and not await page.input_value("#field-email"):
        await page.fill("#field-phone", "+77011234567")
    # A double click is one application: the form carries one idempotency key per render.
    await page.dblclick("#submit")
    await expect(page).to_have_url(re.compile(r"/applications/[0-9a-f-]{36}$"), timeout=10_000)

    status = page.locator("#application-status")
    await expect(status).to_have_attribute("data-status", "completed", timeout=FINISH_SECONDS * 1000)
    steps = page.locator("[data-step]")
    assert await steps.count() >= 5
    assert set(await steps.evaluate_all("rows => rows.map(r => r.dataset.stepStatus)")) == {"completed"}
    times = await page.locator("[data-step] td:nth-child(3)").all_inner_texts()
    assert all(re.match(r"\d{4}-\d\d-\d\d \d\d:\d\d", t) for t in times), times
    await expect(page.locator("[data-outcome]")).to_have_attribute("data-outcome", "approved")
    await expect(page.locator("#payments-total")).to_contain_text("тенге")
    await expect(page.get_by_text("Ежемесячные социальные платежи")).to_be_visible()
    await expect(page.get_by_text("Срок по закону")).to_be_visible()
    await expect(page.locator("main")).not_to_have_attribute("data-refresh-seconds", re.compile(".*"))
    await assert_accessible(page)

    download_link = page.locator("a[id^=download-]")
    async with page.expect_download() as info:
        await download_link.click()
    download = await info.value
    jws = (await download.path()).read_text()
    assert jws.count(".") == 2, "the download is not a compact JWS"

    await page.click("a[id^=verify-]")
    await expect(page.locator("#verdict")).to_have_attribute("data-valid", "true")
    await expect(page.locator("main")).to_contain_text(iin[:6] + "******")
    assert iin not in await page.content()

    await page.goto(f"{healthy_stack.portal_url}/applications")
    assert await page.locator("[data-application]").count() == 1, "a double click made two applications"
    await page.close()


async def test_the_pages_speak_english_when_asked(healthy_stack: Stack, context: BrowserContext) -> None:
    page = await context.new_page()
    await open_form_logged_in(page, healthy_stack, next_citizen(), "en")
    assert await page.get_attribute("html", "lang") == "en"
    await expect(page.get_by_role("heading", level=1)).to_have_text("Registration as self-employed")
    await expect(page.get_by_label("Type of activity")).to_be_visible()
    await expect(page.locator("#field-regime option[value=self-employed]")).to_have_text(
        "Special tax regime for the self-employed")
    await assert_accessible(page)
    # The choice is remembered: the next page is in English without asking again.
    await page.goto(f"{healthy_stack.portal_url}/applications")
    await expect(page.get_by_role("heading", level=1)).to_have_text("My applications")
    await assert_accessible(page)
    await page.close()


async def test_a_form_error_is_shown_next_to_its_field_and_nothing_is_filed(
        healthy_stack: Stack, context: BrowserContext) -> None:
    page = await context.new_page()
    await open_form_logged_in(page, healthy_stack, next_citizen(), "en")
    await page.select_option("#field-activity_code", "tutoring")
    await page.select_option("#field-regime", "self-employed")
    await page.fill("#field-expected_monthly_income", "250000")
    await page.fill("#field-phone", "8701")
    await page.click("#submit")

    error = page.locator("#field-phone-error")
    await expect(error).to_have_text("Enter the number as +7XXXXXXXXXX.")
    await expect(page.locator("#field-phone")).to_have_attribute("aria-invalid", "true")
    # What was typed stays; the other fields carry no error.
    assert await page.input_value("#field-expected_monthly_income") == "250000"
    assert await page.locator("p.error").count() == 1
    await assert_accessible(page)
    await page.goto(f"{healthy_stack.portal_url}/applications")
    await expect(page.get_by_text("You have no applications yet.")).to_be_visible()
    await page.close()


async def test_a_form_posted_after_the_session_expired_leads_to_the_login_not_a_blocked_page(
        healthy_stack: Stack, context: BrowserContext) -> None:
    page = await context.new_page()
    refused: list[str] = []
    page.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text
            else None)
    await open_form_logged_in(page, healthy_stack, next_citizen(), "en")
    # The session ends while the form is open (the portal's cookie goes; the provider's stays).
    portal = healthy_stack.portal_url
    await context.clear_cookies(domain=portal.split("//")[1].split(":")[0])
    await page.select_option("#field-activity_code", "tutoring")
    await page.click("#submit")
    # The form's redirects reach the identity provider's login (its cookie went too: one host): the
    # page's form-action lets every hop through, where 'self' alone blocked the form on the first one.
    await expect(page).to_have_url(re.compile("^" + re.escape(healthy_stack.settings.issuer_url)))
    await expect(page.locator("input[name=username]")).to_be_visible()
    assert not refused, refused
    await page.close()
