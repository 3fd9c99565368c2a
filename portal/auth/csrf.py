"""The CSRF token of a browser session: one per session, sent back by every form as a hidden field.

A login starts a new session (portal/auth/login.py), so a token planted before it is worthless after.
"""

from __future__ import annotations

import secrets

from fastapi import Request

CSRF_SESSION_KEY = "csrf"
CSRF_FIELD = "csrf"


def csrf_token(request: Request) -> str:
    token = request.session.get(CSRF_SESSION_KEY)
    if not token:
        token = secrets.token_urlsafe(32)
        request.session[CSRF_SESSION_KEY] = token
    return str(token)


def csrf_valid(request: Request, posted: object) -> bool:
    expected = request.session.get(CSRF_SESSION_KEY)
    return bool(expected) and isinstance(posted, str) and secrets.compare_digest(str(expected), posted)


__all__ = ["CSRF_FIELD", "CSRF_SESSION_KEY", "csrf_token", "csrf_valid"]
