"""axe-core on a page in Chromium: a serious or critical violation fails the test.

The vendored vendor/axe.min.js is axe-core 4.14.1 from npm (`npm pack axe-core`), Mozilla
Public License 2.0 (vendor/axe-core.LICENSE, third-party notices beside it); nothing is
downloaded at run time. It is evaluated through the DevTools protocol, which the pages'
Content-Security-Policy does not apply to: a <script> tag would be refused, as it should be.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.async_api import Page

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
AXE_VERSION = "4.14.1"
BLOCKING_IMPACTS = frozenset({"serious", "critical"})

_RUN = """async () => {
  const results = await window.axe.run(document, {resultTypes: ["violations"]});
  return results.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                       targets: v.nodes.slice(0, 5).map(n => n.target.join(" "))}));
}"""


def _source() -> str:
    return AXE.read_text(encoding="utf-8")


async def violations(page: Page) -> list[dict[str, Any]]:
    """Every violation axe finds on the page as it is now, whatever its impact."""
    if not await page.evaluate("() => typeof window.axe === 'object'"):
        await page.evaluate(_source())
        version = await page.evaluate("() => window.axe.version")
        assert version == AXE_VERSION, f"the vendored axe-core is {version}, expected {AXE_VERSION}"
    found: list[dict[str, Any]] = await page.evaluate(_RUN)
    return found


async def assert_accessible(page: Page) -> None:
    """No serious or critical violation on the page; the message names each rule and where it failed."""
    blocking = [v for v in await violations(page) if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, f"axe-core on {page.url}: " + "; ".join(
        f"{v['id']} ({v['impact']}): {v['help']} at {', '.join(v['targets'])}" for v in blocking)


__all__ = ["AXE_VERSION", "BLOCKING_IMPACTS", "assert_accessible", "violations"]
