"""Secret keys kept outside the database: from a setting (base64), or in development from a file of the
state dir that every process of one stack shares (the first process to get there makes it).

    KeyUnavailable   the setting is empty outside development, or the key is not base64 / too short
"""

from __future__ import annotations

import base64
import binascii
import os
import secrets
import time
from collections.abc import Collection
from pathlib import Path

from onestop.settings import Settings


class KeyUnavailable(ValueError):
    pass


def development_key(path: Path, size: int) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(descriptor, "w") as out:
            out.write(base64.b64encode(secrets.token_bytes(size)).decode())
    for _ in range(100):  # another process may be between creating and writing it
        text = path.read_text().strip()
        if text:
            return base64.b64decode(text)
        time.sleep(0.01)
    raise KeyUnavailable(f"{path} stays empty")


def parse_key_ring(setting: str, what: str, sizes: Collection[int]) -> list[tuple[str, bytes]]:
    """(key id, key) pairs of a rotating setting "kid:base64,kid2:base64" (the first one in use, the
    others kept to read what they made); each key's length one of `sizes`."""
    keys = []
    for item in (part.strip() for part in setting.split(",")):
        if not item:
            continue
        kid, _, encoded = item.partition(":")
        try:
            key = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise KeyUnavailable(f"{what} {kid!r} is not base64") from exc
        if not kid or len(key) not in sizes:
            raise KeyUnavailable(f"{what} {kid!r} needs an id and a key of {_sizes_text(sizes)} bytes")
        keys.append((kid, key))
    return keys


def _sizes_text(sizes: Collection[int]) -> str:
    return f"at least {min(sizes)}" if isinstance(sizes, range) else " or ".join(str(n) for n in sorted(sizes))


def secret_key(settings: Settings, setting: str, file_name: str, size: int = 32) -> bytes:
    """The key of ONESTOP_<setting>; left empty in development, the state dir's `file_name`."""
    value = str(getattr(settings, setting))
    if value:
        try:
            key = base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise KeyUnavailable(f"ONESTOP_{setting.upper()} is not base64") from exc
        if len(key) < size:
            raise KeyUnavailable(f"ONESTOP_{setting.upper()} needs at least {size} bytes")
        return key
    if not settings.is_development:
        raise KeyUnavailable(f"ONESTOP_{setting.upper()} is required outside development")
    return development_key(settings.keys_dir / file_name, size)


__all__ = ["KeyUnavailable", "development_key", "parse_key_ring", "secret_key"]
