"""/tasks: the civil servants' inbox and the actions on a task (HTTP only; logic in portal/tasks/)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request

from portal.auth import Principal, require_roles
from portal.limits import MAX_OFFSET
from portal.tasks import assignees, service
from portal.tasks.schemas import (
    AssigneeList,
    CompleteBody,
    ReassignBody,
    RequestInfoBody,
    TaskDetail,
    TaskPage,
    TaskSummary,
)
from store.workbench import TASK_STATUSES
from workflows.human_tasks import (
    ClaimTaskInput,
    OfficerReason,
    ReassignTaskInput,
    ReleaseTaskInput,
    RequestInfoInput,
)

router = APIRouter(prefix="/tasks", tags=["tasks"])

Officer = Annotated[Principal, Depends(require_roles("officer", "supervisor"))]

_REFUSALS: dict[int | str, dict[str, Any]] = {
    403: {"description": "not an officer, four-eyes, or supervisors only"},
    404: {"description": "no such task in your queue"},
    409: {"description": "closed, claimed by someone else, or waiting for the applicant"},
    422: {"description": "outcome or reason not allowed for this kind of task, a result that fails the kind's "
                         "schema (the field named), or an assignee who is not an officer of the queue"},
}


@router.get("", response_model=TaskPage, summary="My queue's tasks, soonest deadline first")
async def list_tasks(request: Request, principal: Officer,
                     kind: str | None = None,
                     status: Annotated[str | None, Query(pattern="^(" + "|".join(TASK_STATUSES) + ")$",
                                                         json_schema_extra={"enum": list(TASK_STATUSES)},
                                                         description="default: every open status")] = None,
                     overdue: bool = False,
                     mine: Annotated[bool, Query(description="only the tasks I hold")] = False,
                     limit: Annotated[int, Query(ge=1, le=200)] = 50,
                     offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0) -> TaskPage:
    return await service.inbox(request, principal, kind=kind, status=status, overdue=overdue, mine=mine,
                               limit=limit, offset=offset)


@router.get("/{task_id}", response_model=TaskDetail, responses=_REFUSALS,
            summary="Everything to decide: payload with the registry data read, outcomes, reasons, history")
async def get_task(task_id: str, request: Request, principal: Officer) -> TaskDetail:
    return await service.detail(request, principal, task_id)


@router.post("/{task_id}/claim", response_model=TaskSummary, responses=_REFUSALS, summary="Take the task")
async def claim(task_id: str, request: Request, principal: Officer) -> TaskSummary:
    return await service.act(request, principal, task_id, "claim_task", ClaimTaskInput)


@router.post("/{task_id}/release", response_model=TaskSummary, responses=_REFUSALS,
             summary="Give the task back to the queue")
async def release(task_id: str, request: Request, principal: Officer) -> TaskSummary:
    return await service.act(request, principal, task_id, "release_task", ReleaseTaskInput)


@router.post("/{task_id}/complete", response_model=TaskSummary, responses=_REFUSALS,
             summary="Decide: an allowed outcome, reason codes from the kind's catalogue, a comment")
async def complete(task_id: str, body: CompleteBody, request: Request, principal: Officer) -> TaskSummary:
    reasons = [OfficerReason(code=r) if isinstance(r, str) else OfficerReason(code=r.code, comment=r.comment)
               for r in body.reasons]
    return await service.complete(request, principal, task_id, outcome=body.outcome, reasons=reasons,
                                  comment=body.comment, result=body.result)


@router.post("/{task_id}/request-info", response_model=TaskSummary, responses=_REFUSALS,
             summary="Ask the applicant; the task comes back to you with the answer")
async def request_info(task_id: str, body: RequestInfoBody, request: Request, principal: Officer) -> TaskSummary:
    return await service.act(request, principal, task_id, "request_info", RequestInfoInput, question=body.question)


@router.get("/{task_id}/assignees", response_model=AssigneeList, responses=_REFUSALS,
            summary="The officers of the queue the task can be given to (supervisors only)")
async def list_assignees(task_id: str, request: Request, principal: Officer) -> AssigneeList:
    return await assignees.assignees(request, principal, task_id)


@router.post("/{task_id}/reassign", response_model=TaskSummary, responses=_REFUSALS,
             summary="Give the task to another officer of the queue (supervisors only)")
async def reassign(task_id: str, body: ReassignBody, request: Request, principal: Officer) -> TaskSummary:
    await assignees.check_assignee(request, principal, task_id, body.to)
    return await service.act(request, principal, task_id, "reassign_task", ReassignTaskInput, to=body.to)


__all__ = ["router"]
