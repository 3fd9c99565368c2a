"""Agency webhook secrets encrypted at rest: the database holds them sealed, the portal seals one as
a client registers, and the worker opens it to sign a delivery.

AES-GCM, a fresh nonce per secret, the client id as associated data (a sealed secret copied to
another client's row does not open), the key id in the stored text so keys rotate:

    enc1:<kid>:<base64url(nonce | ciphertext)>

Keys: ONESTOP_WEBHOOK_SECRET_KEYS ("kid:base64-key,...", 32 bytes each; the first seals, every one
opens). Empty in development: one made in the state dir that every process of the stack shares.
Migration 0005_hardening seals the secrets stored before, in clear.

    SecretUnreadable   not sealed, sealed with an unknown key, or for another client
"""

from __future__ import annotations

import base64
import binascii
import os
from collections.abc import Sequence

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from onestop.secret_keys import KeyUnavailable, development_key, parse_key_ring
from onestop.settings import Settings

PREFIX = "enc1"
KEY_FILE = "webhook-secrets.key"
DEVELOPMENT_KID = "dev"


class SecretUnreadable(ValueError):
    pass


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class WebhookSecrets:
    def __init__(self, keys: Sequence[tuple[str, bytes]]) -> None:
        if not keys:
            raise KeyUnavailable("no webhook secret key")
        self._kid = keys[0][0]
        self._keys = {kid: AESGCM(key) for kid, key in keys}

    def seal(self, client_id: str, secret: str) -> str:
        nonce = os.urandom(12)
        sealed = self._keys[self._kid].encrypt(nonce, secret.encode(), client_id.encode())
        return f"{PREFIX}:{self._kid}:{_b64(nonce + sealed)}"

    def open(self, client_id: str, stored: str) -> str:
        prefix, _, rest = stored.partition(":")
        kid, _, text = rest.partition(":")
        if prefix != PREFIX:
            raise SecretUnreadable("the webhook secret is not sealed")
        key = self._keys.get(kid)
        if key is None:
            raise SecretUnreadable(f"the webhook secret is sealed with an unknown key {kid!r}")
        try:
            raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
            return key.decrypt(raw[:12], raw[12:], client_id.encode()).decode()
        except (InvalidTag, binascii.Error, ValueError) as exc:
            raise SecretUnreadable("the webhook secret does not open (another client's, or altered)") from exc

    @staticmethod
    def is_sealed(stored: str) -> bool:
        return stored.startswith(PREFIX + ":")


def parse_keys(setting: str) -> list[tuple[str, bytes]]:
    return parse_key_ring(setting, "webhook secret key", (32,))


def secrets_for(settings: Settings) -> WebhookSecrets:
    keys = parse_keys(settings.webhook_secret_keys)
    if not keys:
        if not settings.is_development:
            raise KeyUnavailable("ONESTOP_WEBHOOK_SECRET_KEYS is required outside development")
        keys = [(DEVELOPMENT_KID, development_key(settings.keys_dir / KEY_FILE, 32))]
    return WebhookSecrets(keys)


__all__ = ["SecretUnreadable", "WebhookSecrets", "parse_keys", "secrets_for"]
