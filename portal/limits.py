"""Bounds on what a caller may ask: a body's size and nesting (ASGI middleware), a page's offset.

    BodySizeLimit   413 for a body over ONESTOP_MAX_BODY_BYTES, before anyone reads it
    JsonDepthLimit  400 for a JSON body nested deeper than MAX_JSON_DEPTH: 64 kB of `[` would
                    otherwise exhaust the parser's recursion (a 500) or the validators'
"""

from __future__ import annotations

import json

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from portal.i18n import language_of
from portal.problems import PROBLEM_JSON, BadRequest, PayloadTooLarge, Problem

MAX_OFFSET = 10_000  # deeper pages are not browsed but scanned: filter instead
MAX_JSON_DEPTH = 32  # forms are a few levels deep
_JSON_TYPES = (b"application/json", b"application/problem+json", b"application/merge-patch+json")


class BodySizeLimit:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(scope, send)
            return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise _TooLarge()
            return message

        try:
            await self.app(scope, limited_receive, send)
        except _TooLarge:
            await self._refuse(scope, send)

    async def _refuse(self, scope: Scope, send: Send) -> None:
        await send_problem(scope, send, PayloadTooLarge(f"the body is over {self.max_bytes} bytes", field="body"))


async def send_problem(scope: Scope, send: Send, problem: Problem) -> None:
    # Before routing, so the language is read from the request as the problem handler reads it.
    body = json.dumps(problem.body(language_of(Request(scope)), instance=scope.get("path"))).encode()
    await send({"type": "http.response.start", "status": problem.status,
                "headers": [(b"content-type", PROBLEM_JSON.encode()),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def json_depth(raw: bytes, limit: int) -> int:
    """How deep the JSON text nests, counted until it passes `limit` (brackets inside strings skipped)."""
    if raw.count(b"[") + raw.count(b"{") <= limit:
        return 0  # cannot be deeper than it has brackets: no scan for an ordinary body
    depth = deepest = 0
    in_string = escaped = False
    for byte in raw:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:  # quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):  # [ {
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > limit:
                    break
        elif byte in (0x5D, 0x7D):  # ] }
            depth -= 1
    return deepest


class JsonDepthLimit:
    """Reads a JSON body whole (BodySizeLimit, outside it, has bounded it), checks its depth, then replays it."""

    def __init__(self, app: ASGIApp, max_depth: int = MAX_JSON_DEPTH) -> None:
        self.app = app
        self.max_depth = max_depth

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("POST", "PUT", "PATCH"):
            await self.app(scope, receive, send)
            return
        content_type = dict(scope.get("headers") or []).get(b"content-type", b"").split(b";")[0].strip().lower()
        # No content type at all is read as JSON by the submission routes (portal/applications/submission.py).
        if not (content_type in _JSON_TYPES or content_type.endswith(b"+json") or not content_type):
            await self.app(scope, receive, send)
            return
        messages: list[Message] = []
        chunks: list[bytes] = []
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                break
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                break
        if json_depth(b"".join(chunks), self.max_depth) > self.max_depth:
            await send_problem(scope, send, BadRequest(
                f"the body is not valid JSON: nested deeper than {self.max_depth} levels", field="body",
                slug="malformed-json"))
            return
        replay = iter(messages)

        async def replayed() -> Message:
            return next(replay, None) or await receive()

        await self.app(scope, replayed, send)


class _TooLarge(Exception):
    pass
