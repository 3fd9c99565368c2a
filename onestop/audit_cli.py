"""`onestop audit verify` and `onestop audit checkpoint`: the audit trail as an operator checks it.

verify walks the hash chain and then holds it against the last signed checkpoint: exit 0 when
every row matches its hash, follows the row before it, and the rows the checkpoint counted are
all there; 1 naming the first row that does not (an edited, deleted or reordered row, or a
deleted tail), so a cron job or an operator can alert on it. checkpoint signs the chain's head
into the checkpoint folder, which the database cannot reach.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from onestop.settings import Settings

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

__all__ = ["checkpoint_folder", "verify_audit_chain", "write_audit_checkpoint"]


def checkpoint_folder(settings: Settings) -> Path:
    return Path(settings.audit_checkpoint_dir) if settings.audit_checkpoint_dir else \
        settings.state_dir / "audit-checkpoints"


def _key(settings: Settings) -> bytes:
    from store.audit_checkpoints import checkpoint_key

    return checkpoint_key(settings.audit_checkpoint_key, settings.state_dir, settings.environment)


def verify_audit_chain(settings: Settings, out: TextIO = sys.stdout) -> int:
    from store.audit_checkpoints import CheckpointError, latest_checkpoint, verify_with_checkpoint
    from store.engine import make_engine, session_scope

    try:
        checkpoint = latest_checkpoint(checkpoint_folder(settings), _key(settings))
    except CheckpointError as error:
        print(f"the audit checkpoint cannot be trusted: {error}", file=out)
        return 1
    # An engine of its own: verify runs once and must not leave a pool behind.
    engine = make_engine(settings.database_url)
    try:
        with session_scope(engine) as session:
            report = verify_with_checkpoint(session, checkpoint)
    finally:
        engine.dispose()
    if report.first_broken is None:
        print(f"audit chain intact: {report.rows} rows", file=out)
        return 0
    print(f"row {report.first_broken} breaks the audit chain: {report.reason}", file=out)
    return 1


def write_audit_checkpoint(settings: Settings, out: SupportsWrite[str] = sys.stdout) -> int:
    from store.audit_checkpoints import write_checkpoint
    from store.engine import make_engine, read_scope

    engine = make_engine(settings.database_url)
    try:
        with read_scope(engine) as session:
            path = write_checkpoint(session, checkpoint_folder(settings), _key(settings))
    finally:
        engine.dispose()
    print(f"audit checkpoint written: {path}", file=out)
    return 0
