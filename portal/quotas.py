"""Quotas per caller (a citizen, or an agency client), answered with 429 and Retry-After.

    applications   how many one caller submits in a sliding window (counted in the database, so
                   every portal replica sees the same count); a repeated Idempotency-Key is free
    officer tasks  how many tasks the caller's applications hold open in officers' queues: past it,
                   nothing that would open more (a new application, an appeal) is taken
    long polls     how many `?wait=` answers one caller holds at once, per portal replica (each one
                   holds a connection and a Temporal call; this bounds them, not the polls' total)

The limits are settings (onestop/settings.py, quota_*); their defaults sit far above normal use.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta

from fastapi import Request
from sqlmodel import Session

from onestop.settings import Settings
from portal.auth import Principal
from portal.database import in_transaction
from portal.problems import TooManyRequests
from store import quotas
from store.types import utcnow

# An open task closes when an officer decides it, in hours or days: a caller past that quota
# is told to come back in an hour rather than hammer.
OPEN_TASKS_RETRY_SECONDS = 3600
LONG_POLL_RETRY_SECONDS = 5


def _limits(settings: Settings, principal: Principal) -> tuple[int, int]:
    if principal.kind == "client":
        return settings.quota_applications_per_client, settings.quota_open_tasks_per_client
    return settings.quota_applications_per_citizen, settings.quota_open_tasks_per_citizen


async def check_new_application(request: Request, principal: Principal, caller: str,
                                idempotency_key: str | None = None, *, counts_as_application: bool = True) -> None:
    """Refuse a new application past the caller's quotas; an appeal (counts_as_application=False)
    opens a review task, so it meets the open-tasks quota only."""
    settings: Settings = request.app.state.settings
    per_window, open_tasks = _limits(settings, principal)
    window = timedelta(seconds=settings.quota_window_seconds)

    def count(session: Session) -> tuple[bool, int, int, object]:
        connection = session.connection()
        if idempotency_key is not None and quotas.is_repeat(connection, caller, idempotency_key):
            return True, 0, 0, None
        submitted, oldest = quotas.applications_since(connection, caller, utcnow() - window)
        return False, submitted, quotas.open_officer_tasks(connection, caller), oldest

    repeat, submitted, waiting, oldest = await in_transaction(request, count, read_only=True)
    if repeat:
        return
    if counts_as_application and submitted >= per_window:
        retry = settings.quota_window_seconds
        if oldest is not None:
            retry = int((oldest + window - utcnow()).total_seconds()) + 1  # type: ignore[operator]
        raise TooManyRequests(f"at most {per_window} applications in {settings.quota_window_seconds} seconds; "
                              "try again later", retry_after=retry, field="Idempotency-Key")
    if waiting >= open_tasks:
        raise TooManyRequests(f"{waiting} of your requests already wait for an officer; try again when they "
                              "are decided", retry_after=OPEN_TASKS_RETRY_SECONDS)


class LongPolls:
    """The long polls held now, per caller, in this portal process."""

    def __init__(self) -> None:
        self._held: Counter[str] = Counter()

    @asynccontextmanager
    async def held(self, settings: Settings, caller: str) -> AsyncIterator[None]:
        if self._held[caller] >= settings.quota_long_polls_per_caller:
            raise TooManyRequests(f"at most {settings.quota_long_polls_per_caller} waiting requests at once; "
                                  "wait for one to answer", retry_after=LONG_POLL_RETRY_SECONDS, field="wait")
        self._held[caller] += 1
        try:
            yield
        finally:
            self._held[caller] -= 1
            if not self._held[caller]:
                del self._held[caller]


__all__ = ["LongPolls", "check_new_application"]
