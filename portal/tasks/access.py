"""The queue rule: an officer sees and acts on the tasks of their own agency and region only."""

from __future__ import annotations

from portal.auth import Principal
from portal.problems import Forbidden
from store.workbench import Task
from workflows.human_tasks import OFFICER_ROLES


def officer_queue(principal: Principal) -> tuple[str, str]:
    """(agency, region) of an officer's token; a token without both belongs to no queue."""
    if principal.kind != "officer" or not set(principal.roles) & OFFICER_ROLES:
        raise Forbidden("this needs an officer or supervisor")
    if not principal.agency or not principal.region:
        raise Forbidden("the token binds no agency and region")
    return principal.agency, principal.region


def in_queue(task: Task | None, principal: Principal) -> bool:
    """True or False, never why: a task outside the queue is as absent as one that never was."""
    if task is None:
        return False
    agency, region = officer_queue(principal)
    return task.agency == agency and task.region == region


def is_supervisor(principal: Principal) -> bool:
    return "supervisor" in principal.roles
