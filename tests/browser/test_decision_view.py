"""The status page tells the law beside each reason and how the decision was reached, in kk/ru/en (Chromium)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from playwright.async_api import Browser, BrowserContext, expect
from sqlmodel import select

from portal.pages.decision_view import citation, trace
from store import repository
from store import tasks as task_store
from store.engine import get_engine, session_scope
from store.models import ServiceRequest
from store.workbench import Appeal
from tests.browser.axe import assert_accessible
from tests.browser.test_citizen_journey import FINISH_SECONDS, open_form_logged_in
from tests.browser.test_officer_journey import logged_in
from tests.support.citizens import citizen_of, next_citizen
from tests.support.stack import Stack
from tests.support.workflows import eventually

pytestmark = pytest.mark.browser

LEGAL_BASIS = {"kk": "Құқықтық негіз", "ru": "Правовое основание", "en": "Legal basis"}
HOW_DECIDED = {"kk": "Шешім қалай қабылданды", "ru": "Как принято решение", "en": "How this was decided"}
MINIMUM_WAGE = {"kk": "ең төменгі жалақы", "ru": "минимальная заработная плата", "en": "the minimum wage"}


async def test_each_reason_shows_its_law_and_the_page_shows_how_it_was_decided(
        healthy_stack: Stack, context: BrowserContext) -> None:
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
        await assert_accessible(page)
    await page.close()


def test_a_decision_stored_before_references_reads_reference_not_recorded() -> None:
    old_reason = {"code": "income_within_ceiling", "text": {"kk": "…", "ru": "…", "en": "…"}, "params": {}}
    assert citation(old_reason) == ({"kk": "құқықтық негіз жазылмаған", "ru": "правовое основание не записано",
                                     "en": "reference not recorded"}, None)
    assert trace({"outcome": "approved", "reasons": [old_reason]}) == []
    assert trace(None) == []


async def test_a_late_appeal_page_asks_why_it_is_late_and_the_reviewer_reads_it(
        healthy_stack: Stack, context: BrowserContext, browser: Browser) -> None:
    page = await context.new_page()
    await open_form_logged_in(page, healthy_stack, citizen_of("astana"), "ru")
    await page.select_option("#field-activity_code", "tutoring")
    await page.select_option("#field-regime", "self-employed")
    await page.fill("#field-expected_monthly_income", "5000000")  # over the ceiling: refused
    if not await page.input_value("#field-phone") and not await page.input_value("#field-email"):
        await page.fill("#field-phone", "+77011234567")
    await page.click("#submit")
    await expect(page).to_have_url(re.compile(r"/applications/[0-9a-f-]{36}$"), timeout=10_000)
    await expect(page.locator("#application-status")).to_have_attribute(
        "data-status", "refused", timeout=FINISH_SECONDS * 1000)
    application_id = page.url.rsplit("/", 1)[1]
    # Decided 95 days ago: past the three months of APPK Art. 92.
    with session_scope(get_engine(healthy_stack.settings.database_url)) as session:
        row = session.exec(select(ServiceRequest).where(ServiceRequest.application_id == application_id)).one()
        assert row.completed_at is not None
        row.completed_at = row.completed_at - timedelta(days=95)
        session.add(row)

    await page.click("#action-appeal")
    await expect(page).to_have_url(re.compile(rf"/applications/{application_id}/appeal$"))
    await expect(page.get_by_label(re.compile("Причина пропуска срока"))).to_be_visible()
    await page.fill("#field-grounds", "Мой доход будет меньше.")
    await page.click("#file-appeal")
    await expect(page.locator("#field-late_reason-error")).to_have_text(
        "Срок подачи жалобы (три месяца) истёк: жалобу примут, но напишите причину пропуска срока.")
    assert await page.input_value("#field-grounds") == "Мой доход будет меньше."  # kept as typed
    with session_scope(get_engine(healthy_stack.settings.database_url)) as session:
        assert session.exec(select(Appeal).where(Appeal.application_id == application_id)).all() == []
    await assert_accessible(page)

    await page.fill("#field-late_reason", "Я был в больнице.")
    await page.click("#file-appeal")
    await expect(page).to_have_url(re.compile(rf"/applications/{application_id}$"))
    with session_scope(get_engine(healthy_stack.settings.database_url)) as session:
        appeals = session.exec(select(Appeal).where(Appeal.application_id == application_id)).all()
        late = [e.detail for e in repository.timeline(session, application_id) if e.kind == "appeal.late"]
    assert [a.grounds for a in appeals] == ["Мой доход будет меньше."]
    assert [d["late_reason"] for d in late] == ["Я был в больнице."] and late[0]["days_late"] >= 1
    await page.close()

    # The supervisor reviewing it reads that it is late, why, and may say whether the term is restored.
    review = await eventually(healthy_stack.settings.database_url,
                              lambda s: [t for t in task_store.open_tasks_of(s, application_id)
                                         if t.kind == "appeal.review"])
    reviewer_context = await browser.new_context(locale="en-US")
    try:
        reviewer = await logged_in(reviewer_context, healthy_stack, "tax.astana.supervisor",
                                   f"/officer/tasks/{review[0].id}", "en")
        await expect(reviewer.locator("#appeal-late h2")).to_have_text("The appeal came after its term")
        await expect(reviewer.locator("#appeal-late-reason")).to_have_text("Я был в больнице.")
        await expect(reviewer.locator("#appeal-days-late")).to_have_text(str(late[0]["days_late"]))
        assert "term_restored" in await reviewer.content()
        await assert_accessible(reviewer)
    finally:
        await reviewer_context.close()
