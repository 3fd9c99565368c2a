"""A webhook receiver on a free local port, for the agency tests and the history recorder."""

from __future__ import annotations

import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.support.processes import free_port


class FlakyReceiver:
    """A receiver that answers 500 to the first `failures` requests of each event, then 204."""

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.secret = ""
        self.seen: Counter[str] = Counter()
        self.received: list[tuple[dict[str, str], bytes]] = []
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                body = self.rfile.read(int(self.headers.get("content-length", "0")))
                with receiver.lock:
                    receiver.received.append(({k.lower(): v for k, v in self.headers.items()}, body))
                    event_id = self.headers.get("onestop-event-id", "")
                    receiver.seen[event_id] += 1
                    fail = receiver.seen[event_id] <= receiver.failures
                self.send_response(500 if fail else 204)
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
        # "localhost", the host the test stack allows anyway (ONESTOP_WEBHOOK_ALLOWED_HOSTS)
        self.url = f"http://localhost:{self.server.server_port}/onestop-events"

    def __enter__(self) -> FlakyReceiver:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def sealed(client_id: str, secret: str) -> str:
    """A webhook secret as the portal stores it (sealed with this process's key: the workers of the
    in-process tests open it with the same one)."""
    from onestop.settings import get_settings
    from onestop.webhook_secrets import secrets_for

    return secrets_for(get_settings()).seal(client_id, secret)
