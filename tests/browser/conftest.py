"""Chromium (Debian's, driven by Playwright) for every browser test, a fresh context per test, and the
portal in-process (TestClient) for the tests of the pages' parts."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from playwright.async_api import Browser, BrowserContext, async_playwright

from onestop.settings import Settings

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
async def browser() -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        chromium = await playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            await chromium.close()


@pytest.fixture
async def context(browser: Browser) -> AsyncIterator[BrowserContext]:
    context = await browser.new_context(accept_downloads=True, locale="ru-RU")
    context.set_default_timeout(10_000)
    try:
        yield context
    finally:
        await context.close()


@pytest.fixture
def client(tmp_path: Path, database_url: str) -> Iterator[TestClient]:
    """The portal in this process, on the session's database, without its background sweeps."""
    from portal.app import create_app

    settings = Settings(database_url=database_url, state_dir=tmp_path)
    with TestClient(create_app(settings, sweep=False), base_url="http://127.0.0.1") as client:
        yield client
