"""Signed webhooks: how onestop signs each delivery, and the check a receiver runs.

Every delivery carries three headers::

    Onestop-Event-Id:  <application_id>:<status>:<n>     (unique; deduplicate on it)
    Onestop-Timestamp: <unix seconds of this attempt>
    Onestop-Signature: t=<the same seconds>,v1=<hex HMAC-SHA256(secret, f"{t}.{raw body}")>

The timestamp is inside the signed text, so a captured request cannot be replayed later than
the receiver's tolerance; the secret is the one `PUT /api/v1/agency/webhook` returned. A
receiver checks the raw bytes it received, before parsing them::

    from portal.agency.signatures import verify_signature
    if not verify_signature(secret, request.headers["Onestop-Signature"], raw_body, tolerance_s=300):
        return 400

This module uses the standard library only: a receiver may copy it as it is.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

__all__ = ["SIGNATURE_HEADER", "TIMESTAMP_HEADER", "EVENT_ID_HEADER", "new_secret", "sign", "signature_header",
           "verify_signature"]

SIGNATURE_HEADER = "Onestop-Signature"
TIMESTAMP_HEADER = "Onestop-Timestamp"
EVENT_ID_HEADER = "Onestop-Event-Id"


def new_secret() -> str:
    """A fresh per-client HMAC key: 256 random bits, shown to the client once."""
    return "whsec_" + secrets.token_hex(32)


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """Hex HMAC-SHA256 of `f"{timestamp}.{body}"` under the secret."""
    message = str(int(timestamp)).encode("ascii") + b"." + body
    return hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


def signature_header(secret: str, timestamp: int, body: bytes) -> str:
    return f"t={int(timestamp)},v1={sign(secret, timestamp, body)}"


def _parse(header: str) -> tuple[int, list[str]] | None:
    timestamp: int | None = None
    signatures: list[str] = []
    for part in header.split(","):
        key, _, value = part.strip().partition("=")
        if key == "t":
            try:
                timestamp = int(value)
            except ValueError:
                return None
        elif key == "v1" and value:
            signatures.append(value)
    if timestamp is None or not signatures:
        return None
    return timestamp, signatures


def verify_signature(secret: str, header: str | None, body: bytes, tolerance_s: float = 300,
                     now: float | None = None) -> bool:
    """True when `header` signs exactly `body` with `secret`, at a time within `tolerance_s` of now.

    Several `v1=` parts may appear (during a secret rotation a sender may sign with both keys);
    one match is enough. Comparison is constant-time.
    """
    if not header:
        return False
    parsed = _parse(header)
    if parsed is None:
        return False
    timestamp, candidates = parsed
    current = time.time() if now is None else now
    if abs(current - timestamp) > tolerance_s:
        return False
    expected = sign(secret, timestamp, body)
    return any(hmac.compare_digest(expected, candidate) for candidate in candidates)
