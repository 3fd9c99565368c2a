"""The token the mock registries' admin routes (fault knobs, persons, access log) ask for.

ONESTOP_REGISTRIES_ADMIN_TOKEN when set; otherwise one generated on the first start into the
state dir (mode 0600), where the tests and the bench read it. Without it, anyone who can reach
the port (a web page in a developer's browser, by DNS rebinding) could read the synthetic
people or switch a registry off.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

TOKEN_FILE = "registries-admin-token"
HEADER = "X-Admin-Token"


def token_path(state_dir: Path) -> Path:
    return state_dir / TOKEN_FILE


def read_admin_token(state_dir: Path) -> str:
    """For the tests and the bench: the token the registries of this state dir generated."""
    return token_path(state_dir).read_text().strip()


def admin_token(configured: str, state_dir: Path) -> str:
    if configured:
        return configured
    path = token_path(state_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # made by an earlier start: keep it, the tests may hold it already
        return read_admin_token(state_dir)
    token = secrets.token_hex(32)
    with os.fdopen(fd, "w") as f:
        f.write(token + "\n")
    return token


__all__ = ["HEADER", "TOKEN_FILE", "admin_token", "read_admin_token", "token_path"]
