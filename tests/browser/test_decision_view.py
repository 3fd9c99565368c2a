"""The status page tells the law beside each reason and how the decision was reached, in kk/ru/en (Chromium)."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import BrowserContext, expect

from portal.pages.decision_view import citation, trace
from tests.browser.test_citizen_journey import FINISH_SECONDS, browser, context, open_form_logged_in  # noqa: F401
from tests.support.citizens import next_citizen
from tests.support.stack import Stack

pytestmark = pytest.mark.browser

LEGAL_BASIS = {"kk": "Құқықтық негіз", "ru": "Правовое основание", "en": "Legal basis"}
HOW_DECIDED = {"kk": "Шешім қалай қабылданды", "ru": "Как принято решение", "en": "How this was decided"}
MINIMUM_WAGE = {"kk": "ең төменгі жалақы", "ru": "минимальная заработная плата", "en": "the minimum wage"}


async def test_each_reason_shows_its_law_and_the_page_shows_how_it_was_decided(
        healthy_stack: Stack, context: BrowserContext) -> None:  # noqa: F811
    page = await context.new_page()
    await open_form_logged_in(page, healthy_stack, next_citizen(), "ru")
    # The declared own income is asked for, prefilled with the minimum-wage floor.
    assert await page.input_value("#field-declared_monthly_income") == "85000"
    await page.select_option("#field-activity_code", "tutoring")
    await page.select_option("#field-regime", "simplified-declaration")
    await page.fill("#field-expected_monthly_income", "300000")
    await page.fill("#field-declared_monthly_income", "150000")
    if not await page.input_value("#field-phone") and not await page.input_value("#field-email"):
        await page.fill("#field-phone", "+77011234567")
    await page.click("#submit")
    await expect(page).to_have_url(re.compile(r"/applications/[0-9a-f-]{36}$"), timeout=10_000)
    await expect(page.locator("#application-status")).to_have_attribute(
        "data-status", "completed", timeout=FINISH_SECONDS * 1000)
    status_url = page.url

    for lang in ("ru", "kk", "en"):
        await page.goto(f"{status_url}?lang={lang}")
        reasons = page.locator("ul.reasons li")
        assert await reasons.count() >= 3
        cited = await page.locator("ul.reasons li .citation").all_inner_texts()
        assert len(cited) == await reasons.count(), "a reason without its legal basis"
        assert all(c.startswith(LEGAL_BASIS[lang]) for c in cited), cited
        # the declared income's reason rests on the Social Code, with a link to the act
        declared = page.locator("li[data-reason=payment_declared_income] .citation")
        await expect(declared).to_contain_text({"kk": "Әлеуметтік кодекс", "ru": "Социальный кодекс",
                                                "en": "Social Code"}[lang])
        await expect(declared.locator("a")).to_have_attribute("href", re.compile(r"^https://adilet\.zan\.kz/"))

        details = page.locator("details.how-decided")
        await details.locator("summary").click()
        await expect(details.locator("summary")).to_have_text(HOW_DECIDED[lang])
        wage = details.locator("tr[data-trace='economy.minimum_wage']")
        await expect(wage).to_contain_text(MINIMUM_WAGE[lang])
        await expect(wage).to_contain_text("85000")
        await expect(wage).to_contain_text("2026-01-01")
        declared_row = details.locator("tr[data-trace=declared_monthly_income]")
        await expect(declared_row.first).to_contain_text("150000")
    await page.close()


def test_a_decision_stored_before_references_reads_reference_not_recorded() -> None:
    old_reason = {"code": "income_within_ceiling", "text": {"kk": "…", "ru": "…", "en": "…"}, "params": {}}
    assert citation(old_reason) == ({"kk": "құқықтық негіз жазылмаған", "ru": "правовое основание не записано",
                                     "en": "reference not recorded"}, None)
    assert trace({"outcome": "approved", "reasons": [old_reason]}) == []
    assert trace(None) == []
