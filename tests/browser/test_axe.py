"""The accessibility check itself: the vendored axe-core runs in Chromium and catches what it must."""

from __future__ import annotations

import pytest
from playwright.async_api import BrowserContext

from tests.browser.axe import AXE_VERSION, assert_accessible, violations

pytestmark = pytest.mark.browser

BROKEN = ('<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><main>'
          '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><form><input type="text"></form></main></body></html>')
CLEAN = ('<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><main><h1>Hello</h1>'
         '<form><label for="a">Name</label><input id="a" type="text"></form></main></body></html>')


async def test_a_missing_alt_and_an_unlabelled_input_fail_the_check(context: BrowserContext) -> None:
    page = await context.new_page()
    await page.set_content(BROKEN)
    found = {v["id"]: v["impact"] for v in await violations(page)}
    assert found.get("image-alt") == "critical" and found.get("label") == "critical", found
    with pytest.raises(AssertionError, match="image-alt"):
        await assert_accessible(page)
    await page.close()


async def test_a_clean_page_passes(context: BrowserContext) -> None:
    page = await context.new_page()
    await page.set_content(CLEAN)
    await assert_accessible(page)
    assert await page.evaluate("() => window.axe.version") == AXE_VERSION
    await page.close()
