"""A family member answers, on /me/tasks, the consent someone else's application asks of them.

The consent comes from a toy service of tests/seam/toys (no catalogued service asks one yet),
switched on by ONESTOP_SERVICE_MODULES in the seam tests' own stack (tests/seam/test_seam.py).
"""

from __future__ import annotations

import pytest
from playwright.async_api import BrowserContext, expect

from tests.browser.axe import assert_accessible
from tests.browser.test_officer_journey import in_both_languages, logged_in
from tests.seam.test_seam import toy_stack  # noqa: F401  (the seam's stack, with the toy services on)
from tests.support.api import client_as, submit, until, wait_finished
from tests.support.citizens import next_citizen
from tests.support.stack import Stack

pytestmark = pytest.mark.browser


async def test_a_family_member_consents_on_a_page_and_the_application_goes_on(
        toy_stack: Stack, context: BrowserContext) -> None:  # noqa: F811  (the fixture imported above)
    applicant_iin, member_iin = next_citizen(), next_citizen()
    async with await client_as(toy_stack, citizen=applicant_iin) as applicant, \
            await client_as(toy_stack, citizen=member_iin) as member:
        accepted = await submit(applicant, {"services": ["toy-consent"],
                                            "answers": {"toy-consent": {"member_iin": member_iin}}})
        assert accepted.status_code == 202, accepted.text
        application_id = accepted.json()["id"]
        found = await until(lambda: member.get("/me/tasks"), lambda r: r.json()["items"], timeout=30)
        task_id = found.json()["items"][0]["id"]

        page = await logged_in(context, toy_stack, member_iin, "/applications", "en")
        await page.get_by_role("link", name="My tasks").click()
        card = page.locator(f"section[data-task='{task_id}']")
        await expect(card.locator(".question")).to_have_text(
            "Do you agree that your data are used for this application?")
        await in_both_languages(page)

        # Bad input: no answer chosen comes back on its field, and nothing is answered.
        await page.click(f"#answer-{task_id}")
        await expect(page.locator("#field-outcome-error")).to_have_text("Choose your answer.")
        await expect(page.locator(f"#field-outcome-{task_id}")).to_have_attribute(
            "aria-describedby", "field-outcome-error")
        await assert_accessible(page)
        assert (await member.get("/me/tasks")).json()["items"][0]["status"] == "open"

        await page.check(f"#outcome-{task_id}-agree")
        await page.dblclick(f"#answer-{task_id}")
        await expect(page.locator(f"tr[data-task='{task_id}']")).to_have_attribute("data-outcome", "agree")
        await expect(page.locator("#no-tasks")).to_be_visible()
        await in_both_languages(page)
        done = await wait_finished(applicant, application_id)
        assert done["status"] == "completed"
    await page.close()
