"""The key ring: created private, rotated keeping exactly the previous key, reloaded when changed."""

from __future__ import annotations

import stat
from pathlib import Path

from idp.keys import KeyRing, rotate


def test_ring_is_created_private_and_rotation_keeps_the_previous_key(tmp_path: Path) -> None:
    ring = KeyRing(tmp_path / "idp")
    assert stat.S_IMODE(ring.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(ring.path.parent.stat().st_mode) == 0o700
    first = ring.signing_key().kid
    second = ring.rotate()
    assert ring.signing_key().kid == second != first
    assert [k["kid"] for k in ring.public_jwks()["keys"]] == [first, second]
    third = rotate(tmp_path / "idp")  # e.g. from another process: the ring sees it
    assert ring.signing_key().kid == third
    assert [k["kid"] for k in ring.public_jwks()["keys"]] == [second, third]
    assert all("d" not in k for k in ring.public_jwks()["keys"])
    assert stat.S_IMODE(ring.path.stat().st_mode) == 0o600


def test_a_restart_keeps_the_keys(tmp_path: Path) -> None:
    kid = KeyRing(tmp_path).signing_key().kid
    assert KeyRing(tmp_path).signing_key().kid == kid
