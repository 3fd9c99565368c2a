"""Pseudonyms for the citizens named in the audit trail.

A supervisor reads who did what, not whose IIN it was: a citizen actor is shown as a pseudonym,
the same one on every row of theirs (so their rows can still be followed), made by deterministic
authenticated encryption (AES-SIV) of the IIN under a key the database never holds. A role that
needs the person (an auditor) turns it back into the IIN through GET /audit/actors/{pseudonym};
no one else can, and a forged pseudonym does not decrypt.

Key: ONESTOP_AUDIT_PSEUDONYM_KEY (base64, 64 bytes); empty in development: one in the state dir.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESSIV

from onestop.secret_keys import secret_key
from onestop.settings import Settings

PREFIX = "p-"
KEY_FILE = "audit-pseudonym.key"
KEY_BYTES = 64  # AES-256-SIV
_CONTEXT = [b"onestop audit actor"]
# Values in a row's before/after that name a person (a business of an individual entrepreneur has the
# person's IIN as its BIN).
PERSONAL_KEYS = frozenset({"acting_for", "iin", "applicant_iin", "addressee_iin"})


class Pseudonyms:
    def __init__(self, key: bytes) -> None:
        self._siv = AESSIV(key[:KEY_BYTES])

    def of(self, iin: str) -> str:
        sealed = self._siv.encrypt(iin.encode(), _CONTEXT)
        return PREFIX + base64.urlsafe_b64encode(sealed).rstrip(b"=").decode()

    def resolve(self, pseudonym: str) -> str | None:
        """The IIN behind a pseudonym this key made; None for anything else."""
        if not pseudonym.startswith(PREFIX):
            return None
        text = pseudonym[len(PREFIX):]
        try:
            return self._siv.decrypt(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)), _CONTEXT).decode()
        except (InvalidTag, binascii.Error, ValueError):
            return None

    def masked(self, values: dict[str, Any] | None) -> dict[str, Any] | None:
        if not values:
            return values
        return {k: self.of(v) if k in PERSONAL_KEYS and isinstance(v, str) and v else v for k, v in values.items()}


def pseudonyms_for(settings: Settings) -> Pseudonyms:
    return Pseudonyms(secret_key(settings, "audit_pseudonym_key", KEY_FILE, KEY_BYTES))


__all__ = ["PERSONAL_KEYS", "PREFIX", "Pseudonyms", "pseudonyms_for"]
