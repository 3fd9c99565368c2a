"""The key of the audit chain's MACs (store/audit.py): ONESTOP_AUDIT_MAC_KEY (base64, at least 32
bytes), kept where the database cannot reach it. Left empty in development, one is made in the state
dir, where every process of one stack (portal, workers, `onestop audit verify`) finds the same one;
elsewhere empty is refused.
"""

from __future__ import annotations

from onestop.secret_keys import secret_key
from onestop.settings import Settings

KEY_FILE = "audit-mac.key"


def mac_key_for(settings: Settings) -> bytes:
    return secret_key(settings, "audit_mac_key", KEY_FILE, 32)


__all__ = ["KEY_FILE", "mac_key_for"]
