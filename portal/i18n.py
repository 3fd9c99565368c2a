"""The caller's language: kk, ru or en, from ?lang=, the session, or Accept-Language."""

from __future__ import annotations

from fastapi import Request

LANGUAGES = ("kk", "ru", "en")
DEFAULT_LANGUAGE = "kk"


def language_of(request: Request) -> str:
    asked = request.query_params.get("lang")
    if asked in LANGUAGES:
        return asked
    if "session" in request.scope:
        remembered = request.session.get("lang")
        if remembered in LANGUAGES:
            return remembered
    for part in request.headers.get("accept-language", "").split(","):
        tag = part.split(";")[0].strip().lower()[:2]
        if tag in LANGUAGES:
            return tag
    return DEFAULT_LANGUAGE
