"""Public endpoints (vacancy search, the guidance test) limited per client address: 429 with Retry-After.

No token names the caller there, so the address does (the peer, or what a trusted proxy put in
front of it through uvicorn's proxy headers). A fixed window per address, in this portal process:
a replica counts its own callers, so N replicas let an address N times the limit, which is enough
to stop one scraper or one loop without a shared store on the way of every search.

The limit is a setting (onestop/settings.py, quota_public_*), far above what a person does.
"""

from __future__ import annotations

import time
from typing import Annotated

from fastapi import Depends, Request

from portal.problems import TooManyRequests

_PRUNE_AT = 50_000  # addresses remembered before the windows already over are dropped


class AddressWindows:
    """Requests per client address in the current window of each."""

    def __init__(self, per_window: int, window_seconds: int) -> None:
        self.per_window, self.window_seconds = per_window, window_seconds
        self._windows: dict[str, tuple[float, int]] = {}

    def take(self, address: str, now: float | None = None) -> int | None:
        """Count one request; None when allowed, else the seconds until the address may ask again."""
        now = time.monotonic() if now is None else now
        started, count = self._windows.get(address, (now, 0))
        if now - started >= self.window_seconds:
            started, count = now, 0
        if count >= self.per_window:
            return int(started + self.window_seconds - now) + 1
        if len(self._windows) >= _PRUNE_AT:
            self._windows = {a: w for a, w in self._windows.items() if now - w[0] < self.window_seconds}
        self._windows[address] = (started, count + 1)
        return None


def _windows(request: Request) -> AddressWindows:
    windows = getattr(request.app.state, "public_windows", None)
    if windows is None:
        settings = request.app.state.settings
        windows = AddressWindows(settings.quota_public_requests_per_address, settings.quota_public_window_seconds)
        request.app.state.public_windows = windows
    return windows


async def limit_per_address(request: Request) -> None:
    address = request.client.host if request.client else "unknown"
    retry_after = _windows(request).take(address)
    if retry_after is not None:
        windows = _windows(request)
        raise TooManyRequests(f"at most {windows.per_window} requests in {windows.window_seconds} seconds from "
                              "one address; try again later", retry_after=retry_after)


PublicLimit = Annotated[None, Depends(limit_per_address)]

__all__ = ["AddressWindows", "PublicLimit", "limit_per_address"]
