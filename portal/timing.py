"""`Server-Timing: app;dur=<ms>` on every answer: how long the portal itself took, from the
request reaching the application to the start of its answer (W3C Server Timing).

A client's own clock adds the network, the queue in front of the process and the client's own
delays; this header lets an operator, a browser's developer tools or `make bench` tell them apart.
It also tells any caller how long the portal took: `ONESTOP_SERVER_TIMING=false` (as deploy/ sets
for production) leaves it out.
"""

from __future__ import annotations

import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class ServerTiming:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()

        async def timed_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                took = (time.perf_counter() - started) * 1000
                message["headers"] = [*message.get("headers", []), (b"server-timing", f"app;dur={took:.1f}".encode())]
            await send(message)

        await self.app(scope, receive, timed_send)


def duration_ms(header: str | None) -> float | None:
    """The `app` duration of a Server-Timing header, in ms (None when absent)."""
    for metric in (header or "").split(","):
        name, _, params = metric.strip().partition(";")
        if name == "app":
            for param in params.split(";"):
                key, _, value = param.strip().partition("=")
                if key == "dur":
                    return float(value)
    return None
