"""What the portal's quotas count (portal/quotas.py): one caller's recent applications, the officer
work their applications hold open, and whether an Idempotency-Key is a repeat (a repeat is free).

A caller is the `submitted_by` of their applications: a citizen's subject, or an agency client's id.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, func, select

from store.models import Application, IdempotencyRecord
from store.workbench import TASK_OPEN_STATUSES, Task

_APPLICATIONS = Application.__table__  # type: ignore[attr-defined]
_TASKS = Task.__table__  # type: ignore[attr-defined]
_KEYS = IdempotencyRecord.__table__  # type: ignore[attr-defined]


def applications_since(connection: Connection, caller: str, since: datetime) -> tuple[int, datetime | None]:
    """How many applications the caller submitted since then, and when the oldest of them was."""
    row = connection.execute(
        select(func.count(), func.min(_APPLICATIONS.c.created_at))
        .where(_APPLICATIONS.c.submitted_by == caller, _APPLICATIONS.c.created_at >= since)).one()
    oldest = row[1]
    if isinstance(oldest, str):  # SQLite through a Core aggregate: the type decorator is not applied
        oldest = datetime.fromisoformat(oldest)
    return int(row[0]), oldest


def open_officer_tasks(connection: Connection, caller: str) -> int:
    """Tasks still waiting in officers' queues for the caller's applications (a citizen's own tasks,
    a consent asked of them, are not officers' work)."""
    # From the caller's applications (by index) to their tasks (by index): the addressee is tested through
    # coalesce so that no planner walks every open task of every queue by ix_tasks_addressee instead.
    mine = select(_APPLICATIONS.c.id).where(_APPLICATIONS.c.submitted_by == caller)
    return int(connection.execute(
        select(func.count()).select_from(_TASKS)
        .where(_TASKS.c.application_id.in_(mine), _TASKS.c.status.in_(sorted(TASK_OPEN_STATUSES)),
               func.coalesce(_TASKS.c.addressee_iin, "") == "")).scalar_one())


def is_repeat(connection: Connection, caller: str, idempotency_key: str) -> bool:
    return connection.execute(select(_KEYS.c.id).where(_KEYS.c.owner == caller, _KEYS.c.key == idempotency_key)
                              .limit(1)).first() is not None


__all__ = ["applications_since", "is_repeat", "open_officer_tasks"]
