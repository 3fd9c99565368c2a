"""Authorization codes, in memory: one process, short-lived, single use."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from authlib.oidc.core import AuthorizationCodeMixin

from idp.accounts import Account

CODE_TTL_SECONDS = 300


@dataclass
class AuthorizationCode(AuthorizationCodeMixin):
    code: str
    client_id: str
    redirect_uri: str | None
    scope: str
    account: Account
    code_challenge: str | None
    code_challenge_method: str | None
    nonce: str | None
    auth_time: int
    expires_at: float

    def get_redirect_uri(self) -> str | None:  # type: ignore[override]  # authlib checks for none
        return self.redirect_uri

    def get_scope(self) -> str:
        return self.scope

    def get_nonce(self) -> str | None:
        return self.nonce

    def get_auth_time(self) -> int:
        return self.auth_time


class CodeStore:
    def __init__(self) -> None:
        self._codes: dict[str, AuthorizationCode] = {}
        self._lock = threading.Lock()

    def save(self, item: AuthorizationCode) -> None:
        with self._lock:
            now = time.time()
            for stale in [c for c, v in self._codes.items() if v.expires_at < now]:
                del self._codes[stale]
            self._codes[item.code] = item

    def take(self, code: str, client_id: str) -> AuthorizationCode | None:
        """Remove and return a code. Taken on first presentation, right or wrong, so two
        concurrent exchanges cannot both succeed and a failed attempt burns the code."""
        with self._lock:
            item = self._codes.pop(code, None)
        if item is None or item.client_id != client_id or item.expires_at < time.time():
            return None
        return item

    def nonce_used(self, client_id: str, nonce: str) -> bool:
        with self._lock:
            return any(c.client_id == client_id and c.nonce == nonce for c in self._codes.values())
