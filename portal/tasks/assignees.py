"""Whom a supervisor may give a task to: an officer of the directory in the task's queue.

An officer sees only the tasks of their own agency and region (access.py), so a task given to
a mistyped login or to an officer of another queue would sit where nobody can ever see it.
The directory (store/officers.py) knows every officer who has signed in to the portal.
"""

from __future__ import annotations

from fastapi import Request

from portal.auth import Principal
from portal.database import in_transaction
from portal.problems import Forbidden, ValidationFailed
from portal.tasks.access import is_supervisor
from portal.tasks.schemas import Assignee, AssigneeList
from portal.tasks.service import task_in_queue
from store.officers import Officer, get_officer, officers_of_queue
from store.workbench import Task
from workflows.human_tasks import OFFICER_ROLES


def works_in_queue(officer: Officer | None, task: Task) -> bool:
    return (officer is not None and officer.agency == task.agency and officer.region == task.region
            and bool(set(officer.roles) & OFFICER_ROLES))


async def supervised_task(request: Request, principal: Principal, task_id: str) -> Task:
    """The task, for a supervisor of its queue; outside the queue 404 first, as on every task route."""
    task = await task_in_queue(request, principal, task_id)
    if not is_supervisor(principal):
        raise Forbidden("only a supervisor reassigns a task", slug="supervisor-only")
    return task


async def assignees(request: Request, principal: Principal, task_id: str) -> AssigneeList:
    """The officers a supervisor may pick, without the one four-eyes keeps off this task."""
    task = await supervised_task(request, principal, task_id)
    officers = await in_transaction(
        request, lambda s: officers_of_queue(s, agency=task.agency, region=task.region), read_only=True)
    return AssigneeList(items=[Assignee(login=o.login, name=o.name, roles=list(o.roles)) for o in officers
                               if works_in_queue(o, task) and o.login != task.excluded_officer])


async def check_assignee(request: Request, principal: Principal, task_id: str, login: str) -> None:
    """Refuse (422, field `to`) a login that is not an officer of the task's queue.

    The four-eyes officer passes here: the workflow refuses them itself (403 four-eyes).
    """
    task = await supervised_task(request, principal, task_id)
    officer = await in_transaction(request, lambda s: get_officer(s, login), read_only=True)
    if not works_in_queue(officer, task):
        raise ValidationFailed(f"{login!r} is not an officer of this task's queue who has signed in; "
                               f"GET /api/v1/tasks/{task_id}/assignees lists those who are",
                               slug="assignee-not-in-queue", field="to")


__all__ = ["assignees", "check_assignee", "supervised_task", "works_in_queue"]
