"""Tasks for civil servants: every query of the `tasks` table, and the activities workflows write it with.

The workflow that opened a task is the source of truth; these activities mirror its state so
inboxes read the database. Each write is idempotent: opening by `task_key`, every later change
by the task's `version` (the workflow numbers its changes; a retried activity whose change is
already in finds `version` there and does nothing), so a retry never writes a second audit row.
Every change goes with its audit row and timeline event in one transaction.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from pydantic import BaseModel, Field, field_validator
from sqlalchemy import Engine, func
from sqlalchemy.orm import defer
from sqlmodel import Session, col, select
from temporalio.exceptions import ApplicationError

from onestop.thread_activity import thread_activity
from policies.parameters import value as parameter
from policies.working_days import add_working_days, working_days_between
from store import audit, repository
from store.engine import session_scope
from store.workbench import TASK_OPEN_STATUSES, AuditEvent, Task

PAUSE_CLOCK = "tasks.pause_clock_on_information_request"


# --- queries ------------------------------------------------------------------------------

def get_task(session: Session, task_id: str) -> Task | None:
    return session.get(Task, task_id)


def task_by_key(session: Session, task_key: str) -> Task | None:
    return session.exec(select(Task).where(Task.task_key == task_key)).first()


def queue(session: Session, *, agency: str, region: str, kind: str | None = None,
          statuses: list[str] | None = None, overdue_on: date | None = None, assignee: str | None = None,
          limit: int = 50, offset: int = 0) -> tuple[list[Task], int]:
    """One page of a queue, soonest deadline first, and how many match (ix_tasks_queue serves both)."""
    wanted = statuses or sorted(TASK_OPEN_STATUSES)
    conditions = [col(Task.agency) == agency, col(Task.region) == region, col(Task.status).in_(wanted)]
    if kind:
        conditions.append(col(Task.kind) == kind)
    if overdue_on is not None:
        conditions.append(col(Task.deadline) < overdue_on)
    if assignee is not None:
        conditions.append(col(Task.assignee) == assignee)
    total = session.exec(select(func.count()).select_from(Task).where(*conditions)).one()
    # An inbox line needs no payload: leaving the big JSON columns behind keeps a page cheap.
    light = defer(Task.payload), defer(Task.reasons), defer(Task.info_request), defer(Task.comment)  # type: ignore[arg-type]
    rows = session.exec(select(Task).options(*light).where(*conditions)
                        .order_by(col(Task.deadline), col(Task.id)).limit(limit).offset(offset)).all()
    return list(rows), int(total)


def tasks_addressed_to(session: Session, iin: str, *, open_only: bool = True, limit: int = 50) -> list[Task]:
    """A citizen's tasks (a family member's consent, say), soonest deadline first."""
    conditions = [col(Task.addressee_iin) == iin]
    if open_only:
        conditions.append(col(Task.status).in_(("open", "claimed")))
    return list(session.exec(select(Task).where(*conditions).order_by(col(Task.deadline), col(Task.created_at))
                             .limit(limit)).all())


def open_tasks_of(session: Session, application_id: str) -> list[Task]:
    return list(session.exec(select(Task).where(Task.application_id == application_id,
                                                col(Task.status).in_(sorted(TASK_OPEN_STATUSES)))
                             .order_by(col(Task.created_at))).all())


def tasks_of(session: Session, application_id: str) -> list[Task]:
    return list(session.exec(select(Task).where(Task.application_id == application_id)
                             .order_by(col(Task.created_at))).all())


def history(session: Session, task_id: str) -> list[AuditEvent]:
    """What was done to a task, oldest first: its audit rows."""
    return list(session.exec(select(AuditEvent).where(AuditEvent.object_type == "task",
                                                      AuditEvent.object_id == task_id)
                             .order_by(col(AuditEvent.seq))).all())


def _snapshot(task: Task) -> dict[str, Any]:
    return {"status": task.status, "assignee": task.assignee, "role": task.role, "escalated": task.escalated,
            "deadline": task.deadline.isoformat(), "outcome": task.outcome}


# --- activity inputs ----------------------------------------------------------------------

def _utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


class _Timed(BaseModel):
    at: datetime

    @field_validator("at")
    @classmethod
    def _aware(cls, value: datetime) -> datetime:
        return _utc(value)


class OpenTaskInput(_Timed):
    task_id: str
    task_key: str
    application_id: str
    service_code: str
    workflow_id: str
    spec: dict[str, Any]  # workflows.human_tasks.TaskSpec as JSON
    opened_on: date
    event_title: dict[str, str]


class UpdateTaskInput(_Timed):
    task_id: str
    version: int
    action: str
    actor: str
    actor_role: str
    on: date
    changes: dict[str, Any] = Field(default_factory=dict)
    event: dict[str, Any] | None = None  # {kind, title, detail}: what the applicant sees of it
    service_status: str | None = None
    question: str | None = None
    answer: dict[str, Any] | None = None
    result: dict[str, Any] | None = None  # what the officer entered on completion (an employment plan)


class EscalateTaskInput(_Timed):
    task_id: str
    version: int
    on: date
    event_title: dict[str, str]


class CancelTasksInput(_Timed):
    workflow_id: str
    event_title: dict[str, str]


_CHANGEABLE = frozenset({"status", "assignee", "outcome", "reasons", "comment", "completed_by"})


def _not_retryable(message: str) -> ApplicationError:
    return ApplicationError(message, type="TaskMissing", non_retryable=True)


def _event(session: Session, task: Task, kind: str, title: dict[str, str], detail: dict[str, Any],
           at: datetime, key: str) -> None:
    repository.record_event(session, application_id=task.application_id, service_code=task.service_code,
                            event_key=f"{task.application_id}:{task.service_code}:task:{task.id}:{key}",
                            kind=kind, step=None, title=title,
                            detail={"task_id": task.id, "kind": task.kind, **detail}, at=at)


def _written(task: Task) -> dict[str, Any]:
    return {"task_id": task.id, "deadline": task.deadline.isoformat(), "status": task.status,
            "clock_paused": bool((task.info_request or {}).get("clock_paused"))}


# --- writes -------------------------------------------------------------------------------

def open_task(session: Session, input: OpenTaskInput) -> Task:
    existing = task_by_key(session, input.task_key)
    if existing is not None:
        return existing
    spec = input.spec
    deadline = add_working_days(input.opened_on, int(spec["deadline_working_days"]))
    task = Task(id=input.task_id, task_key=input.task_key, application_id=input.application_id,
                service_code=input.service_code, workflow_id=input.workflow_id, kind=spec["kind"],
                title=spec["title"], agency=spec["agency"], region=spec["region"], role=spec.get("role", "officer"),
                excluded_officer=spec.get("excluded_officer"), addressee_iin=spec.get("addressee_iin"),
                payload={**spec.get("payload", {}), "reason_codes": spec.get("reason_codes", {})},
                allowed_outcomes=list(spec["allowed_outcomes"]), deadline=deadline, status="open",
                created_at=input.at, updated_at=input.at)
    session.add(task)
    session.flush()
    # A citizen's task leaves the service in progress (no officer is waited for); a task that follows the
    # decision leaves it decided.
    if task.addressee_iin is None and spec.get("holds_service", True):
        repository.move_service(session, input.application_id, input.service_code, "awaiting_officer")
    _event(session, task, "task.opened", input.event_title,
           {"deadline": deadline.isoformat(), "agency": task.agency, "region": task.region,
            "title": task.title}, input.at, "opened")
    audit.append(session, actor="system", actor_role="system", action="task.opened", object_type="task",
                 object_id=task.id, agency=task.agency, after=_snapshot(task))
    return task


def update_task(session: Session, input: UpdateTaskInput) -> Task:
    task = get_task(session, input.task_id)
    if task is None:
        raise _not_retryable(f"task {input.task_id} not found")
    if task.version >= input.version:
        return task  # this change is in already (a retried activity)
    before = _snapshot(task)
    for name, new in input.changes.items():
        if name in _CHANGEABLE:
            setattr(task, name, new)
    if task.status == "completed":
        task.completed_at = input.at
    if input.question is not None:
        task.info_request = {"question": input.question, "asked_by": input.actor, "asked_on": input.on.isoformat(),
                             "clock_paused": bool(parameter(PAUSE_CLOCK, input.on))}
    if input.answer is not None and task.info_request:
        info = dict(task.info_request)
        info.update(answer=input.answer, answered_on=input.on.isoformat())
        if info.get("clock_paused"):
            waited = max(0, working_days_between(date.fromisoformat(info["asked_on"]), input.on))
            task.deadline = add_working_days(task.deadline, waited) if waited else task.deadline
            info["deadline_moved_by_working_days"] = waited
        task.info_request = info
    task.version = input.version
    task.updated_at = input.at
    session.add(task)
    session.flush()
    if input.service_status:
        repository.move_service(session, task.application_id, task.service_code, input.service_status)
    if input.event:
        _event(session, task, input.event["kind"], input.event["title"],
               {**input.event.get("detail", {}), "deadline": task.deadline.isoformat()}, input.at,
               f"{input.event['kind']}:{input.version}")
    after = _snapshot(task)
    if input.question is not None:
        after["question"] = input.question
    if input.result is not None:  # the record of what the officer entered is the audit trail's
        after["result"] = input.result
    audit.append(session, actor=input.actor, actor_role=input.actor_role, action=input.action,
                 object_type="task", object_id=task.id, agency=task.agency, before=before, after=after)
    return task


def escalate_task(session: Session, input: EscalateTaskInput) -> Task:
    task = get_task(session, input.task_id)
    if task is None:
        raise _not_retryable(f"task {input.task_id} not found")
    if task.version >= input.version:
        return task
    before = _snapshot(task)
    task.role, task.escalated, task.escalated_at = "supervisor", True, input.at
    task.version, task.updated_at = input.version, input.at
    session.add(task)
    session.flush()
    _event(session, task, "task.escalated", input.event_title,
           {"deadline": task.deadline.isoformat(), "escalated_on": input.on.isoformat()}, input.at, "escalated")
    audit.append(session, actor="system", actor_role="system", action="task.escalated", object_type="task",
                 object_id=task.id, agency=task.agency, before=before, after=_snapshot(task))
    return task


def cancel_tasks(session: Session, input: CancelTasksInput) -> int:
    tasks = list(session.exec(select(Task).where(Task.workflow_id == input.workflow_id,
                                                 col(Task.status).in_(sorted(TASK_OPEN_STATUSES)))).all())
    for task in tasks:
        before = _snapshot(task)
        task.status, task.updated_at, task.completed_at = "cancelled", input.at, input.at
        task.version += 1
        session.add(task)
        session.flush()
        _event(session, task, "task.cancelled", input.event_title, {}, input.at, "cancelled")
        audit.append(session, actor="applicant", actor_role="citizen", action="task.cancelled", object_type="task",
                     object_id=task.id, agency=task.agency, before=before, after=_snapshot(task))
    return len(tasks)


# --- activities ---------------------------------------------------------------------------

class TaskActivities:
    """Local activities of the human-task pattern (workflows/human_tasks.py)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @thread_activity("tasks.open")
    def open(self, input: OpenTaskInput) -> dict[str, Any]:
        with session_scope(self.engine) as session:
            return _written(open_task(session, input))

    @thread_activity("tasks.update")
    def update(self, input: UpdateTaskInput) -> dict[str, Any]:
        with session_scope(self.engine) as session:
            return _written(update_task(session, input))

    @thread_activity("tasks.escalate")
    def escalate(self, input: EscalateTaskInput) -> dict[str, Any]:
        with session_scope(self.engine) as session:
            return _written(escalate_task(session, input))

    @thread_activity("tasks.cancel")
    def cancel(self, input: CancelTasksInput) -> int:
        with session_scope(self.engine) as session:
            return cancel_tasks(session, input)

    def all(self) -> list:
        return [self.open, self.update, self.escalate, self.cancel]


__all__ = [
    "CancelTasksInput", "EscalateTaskInput", "OpenTaskInput", "TaskActivities", "UpdateTaskInput",
    "cancel_tasks", "escalate_task", "get_task", "history", "open_task", "open_tasks_of", "queue",
    "task_by_key", "tasks_of", "update_task",
]
