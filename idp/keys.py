"""The provider's RSA signing keys: persisted, rotated, and published as a JWKS.

The key ring is one JSON file (private JWKs, newest last) under `keys_dir/idp`, mode 0600.
Rotation appends a new key and keeps the previous one, so tokens signed before the
rotation still verify until they expire; only the newest key signs. The file is re-read
when it changes, so `rotate()` run by another process takes effect without a restart.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

from joserfc.jwk import KeySet, KeySetSerialization, RSAKey

KEY_SIZE = 2048
KEEP = 2  # the signing key and the one before it
RING_FILE = "keyring.json"


def _new_key() -> RSAKey:
    key = RSAKey.generate_key(KEY_SIZE, parameters={"use": "sig", "alg": "RS256"}, private=True)
    key.ensure_kid()  # RFC 7638 thumbprint: stable and unique per key
    return key


def _write_private(path: Path, keys: list[RSAKey]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    os.chmod(path.parent, 0o700)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        json.dump({"keys": [k.as_dict(private=True) for k in keys]}, f)
    os.replace(tmp, path)  # readers never see a half-written ring


def _read(path: Path) -> list[RSAKey]:
    data = json.loads(path.read_text())
    return [RSAKey.import_key(item) for item in data["keys"]]


def rotate(key_dir: Path) -> str:
    """Add a new signing key, keep the previous one for verification; return the new kid."""
    path = key_dir / RING_FILE
    keys = _read(path) if path.exists() else []
    new = _new_key()
    _write_private(path, [*keys, new][-KEEP:])
    return str(new.kid)


class KeyRing:
    """Thread-safe view of the key file; reloads when the file is replaced."""

    def __init__(self, key_dir: Path) -> None:
        self.path = key_dir / RING_FILE
        self._lock = threading.Lock()
        self._version: tuple[int, int] | None = None
        self._keys: list[RSAKey] = []
        if not self.path.exists():
            _write_private(self.path, [_new_key()])

    def _current_keys(self) -> list[RSAKey]:
        with self._lock:
            info = self.path.stat()
            # every write is a new file (os.replace), so the inode changes even when mtime can't
            version = (info.st_ino, info.st_mtime_ns)
            if version != self._version:
                self._keys, self._version = _read(self.path), version
            return self._keys

    def signing_key(self) -> RSAKey:
        return self._current_keys()[-1]

    def signing_set(self) -> KeySet:
        """A set holding only the signing key: joserfc then writes its kid into the header."""
        return KeySet([self.signing_key()])

    def public_jwks(self) -> KeySetSerialization:
        return KeySet([*self._current_keys()]).as_dict(private=False)

    def rotate(self) -> str:
        with self._lock:
            kid = rotate(self.path.parent)
        return kid
