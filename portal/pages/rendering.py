"""Rendering a page: the language (and remembering it), the CSRF token, Jinja2 with autoescape."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import InvalidOperation
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from policies.texts import format_number
from portal.applications.submission import KAZAKHSTAN
from portal.auth import Principal
from portal.auth.csrf import csrf_token, csrf_valid
from portal.i18n import LANGUAGES, language_of
from portal.pages.officer_texts import OfficerTexts
from portal.pages.texts import LANGUAGE_NAMES, STATUSES, Texts, in_language, text
from portal.problems import Problem

TEMPLATES = Path(__file__).parent / "templates"
LANGUAGE_SESSION_KEY = "lang"

_env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]),
                   trim_blocks=True, lstrip_blocks=True)


def page_language(request: Request) -> str:
    """The page's language; a ?lang= choice is remembered in the session for the next pages."""
    language = language_of(request)
    if request.query_params.get("lang") in LANGUAGES:
        request.session[LANGUAGE_SESSION_KEY] = language
    return language


def _url_with_language(request: Request, code: str) -> str:
    query = {k: v for k, v in request.query_params.items() if k != "lang"}
    query["lang"] = code
    return f"{request.url.path}?{urlencode(query)}"


def local_time(value: datetime | None) -> str:
    if value is None:
        return ""
    if value.tzinfo is None:  # the read model stores UTC
        value = value.replace(tzinfo=UTC)
    return value.astimezone(KAZAKHSTAN).strftime("%Y-%m-%d %H:%M")


def day(value: date | str | None) -> str:
    return value.isoformat() if isinstance(value, date) else (value or "")


def display_name(principal: Principal | None) -> str | None:
    if principal is None:
        return None
    if principal.name:
        return principal.name
    return principal.iin[:6] + "******" if principal.iin else principal.subject


def render(request: Request, template: str, *, principal: Principal | None, status_code: int = 200,
           **context: Any) -> HTMLResponse:
    language = page_language(request)

    def money(value: Any) -> str:
        """Written as the decision's reasons write amounts, so the table and the sentences agree."""
        try:
            return format_number(value, language)
        except (InvalidOperation, ValueError):
            return str(value)

    html = _env.get_template(template).render(
        request=request, lang=language, t=Texts(language), o=OfficerTexts(language),
        tr=lambda value: in_language(value, language),
        status_text=lambda status: text(STATUSES, status, language), principal=principal,
        user_name=display_name(principal), csrf=csrf_token(request), local_time=local_time, day=day, money=money,
        languages=[(code, LANGUAGE_NAMES[code], _url_with_language(request, code)) for code in LANGUAGES],
        **context)
    return HTMLResponse(html, status_code=status_code, headers={"Cache-Control": "no-store"})


def told(request: Request, problem: Problem) -> str:
    """A refusal that belongs to no field, in the page's language (as the API tells it)."""
    return str(problem.body(page_language(request))["detail"])


__all__ = ["csrf_token", "csrf_valid", "display_name", "local_time", "page_language", "render", "told"]
