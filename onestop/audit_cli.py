"""`onestop audit verify`: walk the audit trail's hash chain and say whether it holds.

Exit status 0 when every row matches its hash and follows the row before it; 1 naming the
first row that does not (an edited, deleted or reordered row), so a cron job or an operator
can alert on it.
"""

from __future__ import annotations

import sys
from typing import TextIO

from onestop.settings import Settings

__all__ = ["verify_audit_chain"]


def verify_audit_chain(settings: Settings, out: TextIO = sys.stdout) -> int:
    from store.audit import verify_chain
    from store.engine import make_engine, session_scope

    # An engine of its own: verify runs once and must not leave a pool behind.
    engine = make_engine(settings.database_url)
    try:
        with session_scope(engine) as session:
            report = verify_chain(session)
    finally:
        engine.dispose()
    if report.first_broken is None:
        print(f"audit chain intact: {report.rows} rows", file=out)
        return 0
    print(f"row {report.first_broken} breaks the audit chain: {report.reason}", file=out)
    return 1
