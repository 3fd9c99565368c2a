"""Workflow payloads encrypted before they leave the process (AES-GCM), so Temporal's store and
anyone who reads its histories see no IIN, answer or decision.

Keys come from the setting ONESTOP_PAYLOAD_KEYS ("kid:base64-key,kid2:base64-key"); the first
encrypts, every one decrypts, so a key rotates by putting the new one first and keeping the old
ones until the workflows that used them have ended. Each payload names its key id. A payload
that is not encrypted passes through as it is: recorded histories and the runs started before
the codec was switched on still replay. Left empty (the development default), there is no codec
and the Web UI shows readable payloads.
"""

from __future__ import annotations

import base64
import os
from collections.abc import Iterable, Sequence

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from temporalio.api.common.v1 import Payload
from temporalio.converter import PayloadCodec

from onestop.secret_keys import KeyUnavailable, parse_key_ring

ENCODING = b"binary/encrypted"
_NONCE_BYTES = 12


def parse_keys(setting: str) -> list[tuple[str, bytes]]:
    """(key id, key) pairs from "kid:base64,..."; each key 16, 24 or 32 bytes (AES-128/192/256)."""
    return parse_key_ring(setting, "payload key", (16, 24, 32))


class EncryptionCodec(PayloadCodec):
    def __init__(self, keys: Sequence[tuple[str, bytes]]) -> None:
        if not keys:
            raise KeyUnavailable("an encryption codec needs at least one key")
        self._active_id, active = keys[0]
        self._active = AESGCM(active)
        self._by_id = {kid: AESGCM(key) for kid, key in keys}

    async def encode(self, payloads: Sequence[Payload]) -> list[Payload]:
        return [self._encrypt(p) for p in payloads]

    async def decode(self, payloads: Sequence[Payload]) -> list[Payload]:
        return [self._decrypt(p) for p in payloads]

    def _encrypt(self, payload: Payload) -> Payload:
        nonce = os.urandom(_NONCE_BYTES)
        sealed = self._active.encrypt(nonce, payload.SerializeToString(), self._active_id.encode())
        return Payload(metadata={"encoding": ENCODING, "encryption-key-id": self._active_id.encode()},
                       data=nonce + sealed)

    def _decrypt(self, payload: Payload) -> Payload:
        if payload.metadata.get("encoding") != ENCODING:
            return payload  # written before the codec: passes through
        kid = payload.metadata.get("encryption-key-id", b"").decode()
        cipher = self._by_id.get(kid)
        if cipher is None:
            raise ValueError(f"payload encrypted with unknown key id {kid!r}: keep retired keys until their "
                             "workflows have ended")
        nonce, sealed = payload.data[:_NONCE_BYTES], payload.data[_NONCE_BYTES:]
        decrypted = Payload()
        decrypted.ParseFromString(cipher.decrypt(nonce, sealed, kid.encode()))
        return decrypted


def codec_for(setting: str) -> EncryptionCodec | None:
    keys = parse_keys(setting)
    return EncryptionCodec(keys) if keys else None


def new_key_setting(kid: str, others: Iterable[str] = ()) -> str:
    """A fresh key entry, first, before the ones kept for decryption (for rotation scripts and tests)."""
    fresh = f"{kid}:{base64.b64encode(AESGCM.generate_key(bit_length=256)).decode()}"
    return ",".join([fresh, *others])


__all__ = ["ENCODING", "EncryptionCodec", "codec_for", "new_key_setting", "parse_keys"]
