"""The identity provider as a real child process, for the idp and auth tests."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from joserfc import jwt
from joserfc.jwk import RSAKey

from onestop.settings import Settings
from tests.support.processes import free_port, onestop_env, running


@dataclass(frozen=True)
class Idp:
    url: str
    state_dir: Path
    portal_port: int
    settings: Settings

    @property
    def key_file(self) -> Path:
        return self.settings.keys_dir / "idp" / "keyring.json"

    def signing_key(self) -> RSAKey:
        keys = json.loads(self.key_file.read_text())["keys"]
        return RSAKey.import_key(keys[-1])

    def mint(self, **overrides: Any) -> str:
        """A token signed with the provider's own key, with any claims: for refusal tests."""
        now = int(time.time())
        claims: dict[str, Any] = {"iss": self.url, "aud": self.settings.api_audience,
                                  "sub": "850715300122", "iat": now, "exp": now + 300,
                                  "jti": "test", "client_id": "onestop-cli",
                                  "scope": "openid profile", "roles": ["citizen"]}
        claims.update(overrides)
        claims = {k: v for k, v in claims.items() if v is not None}
        key = self.signing_key()
        return jwt.encode({"alg": "RS256", "typ": "at+jwt", "kid": key.kid}, claims, key)


@contextmanager
def idp_process(state_dir: Path, **overrides: Any) -> Iterator[Idp]:
    port, portal_port = free_port(), free_port()
    options: dict[str, Any] = {"idp_port": port, "portal_port": portal_port,
                               "state_dir": state_dir, "log_level": "WARNING", **overrides}
    url = f"http://127.0.0.1:{port}"
    settings = Settings(**{k: v for k, v in options.items()})
    with running(["idp"], onestop_env(**options), state_dir / "idp.log",
                 health_url=f"{url}/.well-known/openid-configuration"):
        yield Idp(url=url, state_dir=state_dir, portal_port=portal_port, settings=settings)
