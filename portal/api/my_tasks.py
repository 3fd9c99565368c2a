"""A citizen's own tasks: what someone else's application asks of them (a family member's consent).

Only the person a task is addressed to sees it and answers it, with their own login; to anyone
else it does not exist (404). The workflow checks the addressee again in the update's validator.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from portal.auth import CurrentPrincipal, Principal
from portal.database import in_transaction
from portal.problems import Forbidden, NotFound
from portal.tasks.service import send_update
from store import tasks as task_store
from store.workbench import Task
from workflows.human_tasks import CitizenAnswerInput, TaskState

router = APIRouter(prefix="/me", tags=["profile"])

Text = dict[str, str]


class CitizenTask(BaseModel):
    id: str
    kind: str
    title: Text
    application_id: str
    service_code: str
    status: str
    deadline: date
    allowed_outcomes: list[str]
    question: dict[str, object] = Field(default_factory=dict, description="What the task asks, for the person")
    outcome: str | None = None


class CitizenTaskList(BaseModel):
    items: list[CitizenTask]


class CitizenTaskAnswer(BaseModel):
    model_config = ConfigDict(extra="forbid")

    outcome: str = Field(min_length=1, max_length=64, description="One of the task's allowed outcomes")
    comment: str | None = Field(default=None, max_length=2000)


def _citizen(principal: Principal) -> str:
    if principal.kind != "citizen" or principal.iin is None:
        raise Forbidden("only a citizen has tasks addressed to them")
    return principal.iin


def _view(task: Task) -> CitizenTask:
    return CitizenTask(id=task.id, kind=task.kind, title=task.title, application_id=task.application_id,
                       service_code=task.service_code, status=task.status, deadline=task.deadline,
                       allowed_outcomes=task.allowed_outcomes, outcome=task.outcome,
                       question={k: v for k, v in task.payload.items() if k in ("question", "applicant_name")})


@router.get("/tasks", response_model=CitizenTaskList, responses={403: {"description": "not a citizen"}},
            summary="Tasks addressed to me, soonest deadline first")
async def my_tasks(request: Request, principal: CurrentPrincipal,
                   include_closed: Annotated[bool, Query(description="Answered and expired ones too")] = False
                   ) -> CitizenTaskList:
    iin = _citizen(principal)
    tasks = await in_transaction(
        request, lambda s: task_store.tasks_addressed_to(s, iin, open_only=not include_closed), read_only=True)
    return CitizenTaskList(items=[_view(t) for t in tasks])


@router.post("/tasks/{task_id}/answer", response_model=CitizenTask,
             responses={403: {"description": "Not a citizen"},
                        404: {"description": "No such task is addressed to me"},
                        409: {"description": "The task is answered or closed already"},
                        422: {"description": "An outcome the task does not have"}},
             summary="Answer a task addressed to me")
async def answer_my_task(task_id: str, body: CitizenTaskAnswer, request: Request,
                         principal: CurrentPrincipal) -> CitizenTask:
    iin = _citizen(principal)
    task = await in_transaction(request, lambda s: task_store.get_task(s, task_id), read_only=True)
    if task is None or task.addressee_iin != iin:
        raise NotFound("no such task is addressed to you", field="task_id")
    await send_update(request, task.workflow_id, "answer_citizen_task",
                      CitizenAnswerInput(task_id=task.id, iin=iin, outcome=body.outcome, comment=body.comment),
                      TaskState)
    answered = await in_transaction(request, lambda s: task_store.get_task(s, task_id), read_only=True)
    assert answered is not None
    return _view(answered)
