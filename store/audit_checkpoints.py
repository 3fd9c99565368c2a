"""Signed checkpoints of the audit chain, kept where the database cannot reach them.

The hash chain shows an edited or a removed row in the middle; it cannot show rows removed
from its end, since what is left is still a chain. A checkpoint (the last row's number, its
hash, and how many rows there were) signed with a key the database never holds, written to a
folder of its own (in production a mount the database host has no access to, or an object store
synced from it), closes that gap: `verify_with_checkpoint` names a deleted tail as well as an
edited row. `onestop audit checkpoint` writes one, and the worker writes one on a schedule.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlmodel import Session, col, func, select

from onestop.secret_keys import development_key
from store.audit import ChainReport, verify_chain
from store.workbench import AuditEvent

KEY_FILE = "audit-checkpoint.key"


class CheckpointError(ValueError):
    """A checkpoint whose signature does not hold, or no key to sign with."""


@dataclass(frozen=True)
class Checkpoint:
    seq: int
    head_hash: str
    rows: int
    at: str

    def body(self) -> bytes:
        return json.dumps({"seq": self.seq, "head_hash": self.head_hash, "rows": self.rows, "at": self.at},
                          sort_keys=True, separators=(",", ":")).encode()


def checkpoint_key(setting: str, state_dir: Path, environment: str) -> bytes:
    """The signing key: the setting's (base64), else, in development only, one made in the state dir."""
    if setting:
        return base64.b64decode(setting)
    if environment != "development":
        raise CheckpointError("ONESTOP_AUDIT_CHECKPOINT_KEY is required outside development")
    return development_key(state_dir / KEY_FILE, 32)


def _signature(key: bytes, checkpoint: Checkpoint) -> str:
    return hmac.new(key, checkpoint.body(), hashlib.sha256).hexdigest()


def head(session: Session) -> Checkpoint:
    last = session.exec(select(AuditEvent).order_by(col(AuditEvent.seq).desc()).limit(1)).first()
    rows = session.exec(select(func.count()).select_from(AuditEvent)).one()
    at = datetime.now(UTC).replace(microsecond=0).isoformat()
    return Checkpoint(seq=last.seq if last and last.seq else 0, head_hash=last.hash if last else "", rows=rows, at=at)


def write_checkpoint(session: Session, folder: Path, key: bytes) -> Path:
    """Sign the chain's head into `folder` (one file per checkpoint; the newest is the one read)."""
    checkpoint = head(session)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"checkpoint-{checkpoint.seq:012d}-{checkpoint.at.replace(':', '')}.json"
    record = {**json.loads(checkpoint.body()), "signature": _signature(key, checkpoint)}
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(record, indent=2))
    temporary.replace(path)
    return path


def latest_checkpoint(folder: Path, key: bytes) -> Checkpoint | None:
    files = sorted(folder.glob("checkpoint-*.json")) if folder.is_dir() else []
    if not files:
        return None
    record = json.loads(files[-1].read_text())
    checkpoint = Checkpoint(seq=int(record["seq"]), head_hash=str(record["head_hash"]), rows=int(record["rows"]),
                            at=str(record["at"]))
    if not hmac.compare_digest(_signature(key, checkpoint), str(record.get("signature", ""))):
        raise CheckpointError(f"the checkpoint {files[-1].name} is not signed with the audit checkpoint key")
    return checkpoint


def verify_with_checkpoint(session: Session, checkpoint: Checkpoint | None) -> ChainReport:
    """The chain as verify_chain sees it, and then against the checkpoint: the rows it counted must
    all be there, the last of them with the hash it signed."""
    report = verify_chain(session)
    if report.first_broken is not None or checkpoint is None or checkpoint.rows == 0:
        return report
    signed = session.get(AuditEvent, checkpoint.seq)
    if signed is None or report.rows < checkpoint.rows:
        missing = checkpoint.rows - report.rows
        last = session.exec(select(func.max(AuditEvent.seq))).one() or 0
        return ChainReport(report.rows, last + 1,
                           f"the checkpoint of {checkpoint.at} counted {checkpoint.rows} rows up to row "
                           f"{checkpoint.seq}; {max(missing, 1)} rows from row {last + 1} on were deleted "
                           f"(a deleted tail)")
    if signed.hash != checkpoint.head_hash:
        return ChainReport(report.rows, checkpoint.seq, "its hash is not the one the checkpoint signed "
                                                        "(the chain was rewritten from here)")
    return report


__all__ = ["Checkpoint", "CheckpointError", "checkpoint_key", "latest_checkpoint", "verify_with_checkpoint",
           "write_checkpoint"]
