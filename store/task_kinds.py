"""The kinds of task a queue has ever held, for the inbox's filter (one small query of `tasks`)."""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, col, select

from store.workbench import Task


def kinds_in_queue(session: Session, *, agency: str, region: str) -> list[tuple[str, dict[str, str]]]:
    """(kind, title of its latest task) for each kind of the queue, by kind (ix_tasks_queue serves the filter)."""
    latest = (select(Task.kind, func.max(Task.id).label("task_id"))
              .where(Task.agency == agency, Task.region == region).group_by(col(Task.kind)).subquery())
    rows = session.exec(select(Task.kind, Task.title).join(latest, col(Task.id) == latest.c.task_id)
                        .order_by(col(Task.kind))).all()
    return [(kind, dict(title)) for kind, title in rows]


__all__ = ["kinds_in_queue"]
