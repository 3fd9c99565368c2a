"""Signed actions: the workflow trusts an update only if the portal signed it.

Every update the portal sends on someone's behalf (an officer's action; a citizen's answer,
consent or withdrawal) carries a JWS (HS256, the key id in its header) over the workflow, the
task, the actor, their roles, the action and a nonce. The update's validator verifies it against
what the update itself says; the handler does not, since it runs again on replay. Anyone who can
reach Temporal but holds no key cannot act for an officer or a citizen. No expiry is checked:
workflow time is not wall time (the tests skip it years ahead).

Keys: ONESTOP_ACTION_SIGNING_KEYS ("kid:base64-secret,...", the first signs, every one verifies,
so a key rotates by putting the new one first). Left empty in development, one key is made in
the state dir, where the portal and the worker both find it; elsewhere empty is refused.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from collections.abc import Sequence
from typing import Any

from onestop.secret_keys import development_key, parse_key_ring
from onestop.settings import Settings

KEY_FILE = "action-signing.key"
DEVELOPMENT_KID = "dev"


class ActionSignatureError(ValueError):
    """The signature is missing, malformed, made with an unknown key, or over other claims."""


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def claims_of(action: str, workflow_id: str, arg: Any) -> dict[str, Any]:
    """What a signature covers, read the same way from an update's input by the portal and the
    validator: the workflow, the task, who acts with which roles, and the action."""
    actor = getattr(arg, "officer", None) or getattr(arg, "iin", None) or getattr(arg, "actor", None) or ""
    return {"workflow_id": workflow_id, "task_id": getattr(arg, "task_id", None) or "", "actor": actor,
            "roles": sorted(getattr(arg, "roles", None) or []), "action": action}


class ActionSigner:
    def __init__(self, keys: Sequence[tuple[str, bytes]]) -> None:
        if not keys:
            raise ActionSignatureError("no action-signing key")
        self._kid, self._key = keys[0]
        self._keys = dict(keys)

    def sign(self, action: str, workflow_id: str, arg: Any) -> str:
        header = _b64(json.dumps({"alg": "HS256", "kid": self._kid}, separators=(",", ":")).encode())
        claims = {**claims_of(action, workflow_id, arg), "nonce": secrets.token_urlsafe(16)}
        payload = _b64(json.dumps(claims, separators=(",", ":"), sort_keys=True).encode())
        mac = hmac.new(self._key, f"{header}.{payload}".encode(), hashlib.sha256).digest()
        return f"{header}.{payload}.{_b64(mac)}"

    def verify(self, token: str, action: str, workflow_id: str, arg: Any) -> None:
        try:
            header_b64, payload_b64, mac_b64 = token.split(".")
            header = json.loads(_unb64(header_b64))
            claims = json.loads(_unb64(payload_b64))
        except (ValueError, AttributeError) as exc:
            raise ActionSignatureError("the action carries no valid signature") from exc
        key = self._keys.get(str(header.get("kid")))
        if header.get("alg") != "HS256" or key is None:
            raise ActionSignatureError("the action is signed with an unknown key")
        expected = hmac.new(key, f"{header_b64}.{payload_b64}".encode(), hashlib.sha256).digest()
        if not hmac.compare_digest(expected, _unb64(mac_b64)):
            raise ActionSignatureError("the action's signature does not match")
        if not isinstance(claims, dict) or not claims.get("nonce"):
            raise ActionSignatureError("the action's signature has no nonce")
        if {k: v for k, v in claims.items() if k != "nonce"} != claims_of(action, workflow_id, arg):
            raise ActionSignatureError("the signature is over another action")


def parse_keys(setting: str) -> list[tuple[str, bytes]]:
    return parse_key_ring(setting, "action-signing key", range(32, 1025))


def signer_for(settings: Settings) -> ActionSigner:
    keys = parse_keys(settings.action_signing_keys)
    if not keys:
        if settings.environment != "development":
            raise ActionSignatureError("ONESTOP_ACTION_SIGNING_KEYS is required outside development")
        keys = [(DEVELOPMENT_KID, development_key(settings.state_dir / KEY_FILE, 32))]
    return ActionSigner(keys)


# The worker's keys, for update validators (which run in the workflow sandbox and read this module
# through it: workflows import it passed through). Every worker of the process adds its keys.
_installed: dict[str, bytes] = {}


def install(signer: ActionSigner) -> None:
    _installed.update(signer._keys)


def verify_installed(token: str, action: str, workflow_id: str, arg: Any) -> None:
    if not _installed:  # fail closed: a worker that cannot check trusts nothing
        raise ActionSignatureError("this worker has no action-signing key")
    ActionSigner(list(_installed.items())).verify(token, action, workflow_id, arg)


__all__ = ["ActionSignatureError", "ActionSigner", "claims_of", "install", "parse_keys", "signer_for",
           "verify_installed"]
