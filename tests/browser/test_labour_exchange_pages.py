"""The exchange's pages between people, in Chromium and checked by axe: the guidance test clicked through
(a missing answer named, the result drawn and explained), and an offer made and refused on the pages —
the employer sees an unnamed candidate, the person applies, the employer offers, the person sees that
the offer is suitable and refuses it; the support measures page with each reason and its registry, and a
training course free for the person with the reason."""

from __future__ import annotations

import pytest
from playwright.async_api import Browser, expect

from tests.api.test_labour_exchange_api import _published, _registered
from tests.api.test_support_api import _unemployed
from tests.browser.axe import assert_accessible
from tests.browser.test_officer_journey import logged_in
from tests.labour.people import employer, livelihood, out_of_work, recent_graduate
from tests.support.api import client_as
from tests.support.stack import Stack

pytestmark = pytest.mark.browser

HEADINGS = {"kk": "Кәсіби бағдар тесті", "ru": "Тест на профориентацию", "en": "Vocational guidance test"}


async def test_the_guidance_test_names_a_missing_answer_then_draws_and_explains_the_result(
        healthy_stack: Stack, browser: Browser) -> None:
    context = await browser.new_context(locale="en-GB")
    try:
        page = await context.new_page()
        for language in ("kk", "ru", "en"):
            await page.goto(f"{healthy_stack.portal_url}/labour/guidance?lang={language}")
            await expect(page.get_by_role("heading", level=1)).to_have_text(HEADINGS[language])
        await assert_accessible(page)
        questions = page.locator("fieldset[id^=question-]")
        assert await questions.count() == 30
        # Investigative items strongly, everything else "not at all"; q30 left unanswered first.
        for i in range(30):
            fieldset = questions.nth(i)
            qid = (await fieldset.get_attribute("id") or "").removeprefix("question-")
            if qid == "q30":
                continue
            choice = 5 if await _is_type(healthy_stack, qid, "I") else 1
            await fieldset.locator(f"input[value='{choice}']").check()
        await page.click("#submit")
        await expect(page.locator("#form-errors")).to_be_visible()
        await expect(page.locator("#q30-error")).to_be_visible()
        await assert_accessible(page)
        # The answers given are kept; answer the last one and send again.
        assert await page.locator("#question-q01 input:checked").count() == 1
        choice = 5 if await _is_type(healthy_stack, "q30", "I") else 1
        await page.locator(f"#question-q30 input[value='{choice}']").check()
        await page.click("#submit")
        await expect(page.locator("#guidance-result")).to_be_visible()
        assert (await page.locator("#guidance-result").get_attribute("data-holland") or "").startswith("I")
        await expect(page.locator("#guidance-profile tr[data-type=I] td").nth(1)).to_have_text("100.0")
        await expect(page.locator("#guidance-profile tr[data-type=R] td").nth(1)).to_have_text("0.0")
        assert await page.locator("svg.chart rect").count() == 6
        assert await page.locator("#recommendations li").count() >= 1
        await assert_accessible(page)
    finally:
        await context.close()


_TYPES: dict[str, str] = {}


async def _is_type(stack: Stack, qid: str, kind: str) -> bool:
    if not _TYPES:
        import httpx

        async with httpx.AsyncClient(base_url=f"{stack.portal_url}/api/v1") as anyone:
            form = (await anyone.get("/guidance-test")).json()
        _TYPES.update({q["id"]: q["type"] for q in form["questions"]})
    return _TYPES[qid] == kind


async def test_an_offer_is_made_and_refused_on_the_pages_its_suitability_shown(
        healthy_stack: Stack, browser: Browser) -> None:
    iin = out_of_work()
    registered = livelihood().population.get(iin)
    assert registered is not None
    home = registered.address
    head_iin, business = employer()
    async with await client_as(healthy_stack, citizen=head_iin) as head, \
            await client_as(healthy_stack, citizen=iin) as seeker:
        vacancy_id = await _published(head, business, region=home.region_code, settlement=home.locality,
                                      salary_min=3000000, salary_max=None)
        await _registered(seeker)
        await seeker.put("/jobseekers/me/visibility", json={"visible": True})

    seekers, employers = await browser.new_context(locale="en-GB"), await browser.new_context(locale="ru-RU")
    try:
        boss = await logged_in(employers, healthy_stack, head_iin, f"/labour/employer/{business}", "ru")
        await boss.click(f"tr[data-vacancy='{vacancy_id}'] a")
        unnamed = boss.locator("section.candidate").first
        await expect(unnamed).to_have_attribute("data-applied", "no")
        assert iin not in await boss.content()
        await assert_accessible(boss)

        person = await logged_in(seekers, healthy_stack, iin, "/labour/matches", "en")
        await person.locator(f"section.match[data-vacancy='{vacancy_id}'] button").click()
        await expect(person.get_by_role("heading", level=1)).to_have_text("My applications and offers")
        await expect(person.locator("section.vacancy-application")).to_have_attribute("data-status", "applied")

        await boss.reload()
        application = boss.locator("section.vacancy-application")
        await expect(application.locator("h3")).to_contain_text(iin)  # named once they applied
        await application.locator("textarea").fill("Ждём вас в понедельник.")
        await application.locator("button[value=offer]").click()
        await expect(boss.locator("section.vacancy-application")).to_have_attribute("data-status", "offered")
        await assert_accessible(boss)

        await person.reload()
        offered = person.locator("section.vacancy-application")
        await expect(offered).to_have_attribute("data-status", "offered")
        await expect(offered.locator(".suitability")).to_have_attribute("data-suitable", "yes")
        await expect(offered.locator(".suitability")).to_contain_text("refusing it is recorded")
        await expect(offered).to_contain_text("Ждём вас в понедельник.")
        await assert_accessible(person)
        await offered.locator("button[value=refuse]").click()
        await expect(person.locator("section.vacancy-application")).to_have_attribute("data-status", "refused")
        for language, said in (("kk", "Ұсыныстан бас тартылды"), ("ru", "Отказ от предложения")):
            await person.goto(f"{healthy_stack.portal_url}/labour/applications?lang={language}")
            await expect(person.locator("section.vacancy-application .status")).to_have_text(said)
    finally:
        await seekers.close()
        await employers.close()


async def test_the_support_page_shows_each_measure_with_the_registry_facts_behind_it(
        healthy_stack: Stack, browser: Browser) -> None:
    iin = recent_graduate()
    async with await client_as(healthy_stack, citizen=iin) as seeker:
        await _unemployed(seeker)
        listed = (await seeker.get("/jobseekers/me/support")).json()
    [practice] = [m for m in listed["eligible"] if m["measure"] == "youth_practice"]
    [graduated] = [r["text"] for r in practice["decision"]["reasons"] if r["code"] == "support_graduate_ok"]
    [web] = [o for o in listed["courses"] if o["course"]["course_id"] == "c-online-web"]  # wants 2512
    [free_for_you] = [r["text"] for r in web["reasons"] if r["code"] == "course_free_for_you"]

    context = await browser.new_context(locale="en-GB")
    try:
        page = await logged_in(context, healthy_stack, iin, "/labour/applications", "en")
        await page.get_by_role("link", name="Support measures open to you").click()
        await expect(page.get_by_role("heading", level=1)).to_have_text("State support measures")
        open_practice = page.locator("section.measure.eligible[data-measure='youth_practice']")
        await expect(open_practice.locator("li[data-reason='support_graduate_ok']")).to_have_text(graduated["en"])
        # The courses for the occupation wanted: this one free for them, and why.
        await expect(page.locator("#courses-heading")).to_have_text("Training courses")
        course = page.locator("section.course.free[data-course='c-online-web']")
        await expect(course.get_by_role("heading", level=3)).to_have_text("Web development basics")
        await expect(course.locator(".course-free")).to_have_text("Free for you")
        await expect(course.locator("li[data-reason='course_free_for_you']")).to_have_text(free_for_you["en"])
        await expect(page.locator("#courses-note")).to_contain_text("illustrative")
        await assert_accessible(page)
        for language, heading, title in (("kk", "Мемлекеттік қолдау шаралары", "Веб-әзірлеу негіздері"),
                                         ("ru", "Меры государственной поддержки", "Основы веб-разработки")):
            await page.goto(f"{healthy_stack.portal_url}/labour/support?lang={language}")
            await expect(page.get_by_role("heading", level=1)).to_have_text(heading)
            await expect(open_practice.locator("li[data-reason='support_graduate_ok']")).to_have_text(
                graduated[language])
            await expect(course.get_by_role("heading", level=3)).to_have_text(title)
            await expect(course.locator("li[data-reason='course_free_for_you']")).to_have_text(
                free_for_you[language])
    finally:
        await context.close()
