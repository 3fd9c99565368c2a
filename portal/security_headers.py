"""Headers every answer of the portal carries, pages and API alike (ASGI middleware).

- Content-Security-Policy: scripts, styles and images from this site only; no framing by
  anyone (frame-ancestors 'none', and X-Frame-Options for browsers that predate it); forms
  post only here. The API docs page loads Swagger UI from its CDN, so it gets a policy of its own.
- X-Content-Type-Options: nosniff, so an upload or a JSON answer is never run as a script.
- Referrer-Policy: page URLs carry application ids; other sites are not told them.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# {form}: 'self' and the identity provider. A form posted once the session has expired is answered
# with a redirect to the login, and on to the provider: browsers hold every hop of a form's
# redirects to form-action.
PAGE_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
               "object-src 'none'; base-uri 'none'; form-action {form}; frame-ancestors 'none'")
DOCS_POLICY = ("default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
               "style-src 'self' https://cdn.jsdelivr.net; img-src 'self' data: https://fastapi.tiangolo.com; "
               "object-src 'none'; base-uri 'none'; form-action {form}; frame-ancestors 'none'")
DOCS_PATHS = ("/docs", "/redoc")


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


class SecurityHeaders:
    def __init__(self, app: ASGIApp, identity_provider: str = "") -> None:
        self.app = app
        form = " ".join(["'self'", *([origin(identity_provider)] if identity_provider else [])])
        self.page_policy = PAGE_POLICY.format(form=form)
        self.docs_policy = DOCS_POLICY.format(form=form)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        policy = self.docs_policy if scope.get("path", "").startswith(DOCS_PATHS) else self.page_policy

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("Content-Security-Policy", policy)
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("X-Frame-Options", "DENY")
                headers.setdefault("Referrer-Policy", "same-origin")
            await send(message)

        await self.app(scope, receive, send_with_headers)


__all__ = ["SecurityHeaders"]
