"""Targeted social assistance in Chromium, every person on their own page: Zhanar Utemisova applies,
her husband Serik consents on his account, the district commission decides on the officer's page,
and the first payment shows on her application's page."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import Browser, expect

from services.tsa import CODE
from tests.browser.axe import assert_accessible
from tests.browser.test_officer_journey import logged_in
from tests.support.api import client_as, signed_in, task_of, until
from tests.support.stack import Stack

pytestmark = pytest.mark.browser

ZHANAR, SERIK = "880412400711", "850930300439"
COMMISSION_OFFICER = "social.turkistan.officer"


async def test_a_family_applies_consents_the_commission_decides_and_the_first_payment_shows(
        healthy_stack: Stack, browser: Browser) -> None:
    contexts = [await browser.new_context(locale="en-US") for _ in range(3)]
    try:
        applicant, member, officer = contexts
        page = await logged_in(applicant, healthy_stack, ZHANAR, f"/apply/{CODE}", "en")
        await assert_accessible(page)
        await page.click("#submit")  # nothing to type: the family, incomes and account come from the registries
        await expect(page).to_have_url(re.compile(r"/applications/[0-9a-f-]{36}$"))
        application_id = page.url.rsplit("/", 1)[1]

        async with await client_as(healthy_stack, citizen=SERIK) as serik:
            found = await until(lambda: serik.get("/me/tasks"), lambda r: [
                t for t in r.json()["items"] if t["application_id"] == application_id], timeout=30)
        task_id = next(t["id"] for t in found.json()["items"] if t["application_id"] == application_id)
        consent = await logged_in(member, healthy_stack, SERIK, "/me/tasks", "en")
        await consent.check(f"#outcome-{task_id}-agree")
        await consent.click(f"#answer-{task_id}")
        await expect(consent.locator(f"tr[data-task='{task_id}']")).to_have_attribute("data-outcome", "agree")
        await assert_accessible(consent)

        await signed_in(healthy_stack, COMMISSION_OFFICER)
        async with await client_as(healthy_stack, officer=COMMISSION_OFFICER) as api:
            review = await task_of(api, application_id, kind="tsa.commission")
        commission = await logged_in(officer, healthy_stack, COMMISSION_OFFICER, f"/officer/tasks/{review['id']}",
                                     "en")
        await commission.click("#claim")
        await commission.check("#outcome-approve")
        await commission.check("#reason-composition_confirmed")
        await commission.click("#decide")
        await expect(commission.locator("[data-outcome]")).to_have_attribute("data-outcome", "approve")

        # Back on her page (it refreshes itself): decided, and the month's payment made.
        await page.reload()
        service = page.locator(f"section[data-service='{CODE}']")
        await expect(service.locator("[data-service-status]")).to_have_attribute(
            "data-service-status", re.compile("decided|completed"), timeout=30_000)
        await expect(service.locator("[data-step='payment']")).to_have_attribute(
            "data-step-status", "completed", timeout=30_000)
        await assert_accessible(page)
    finally:
        for context in contexts:
            await context.close()
