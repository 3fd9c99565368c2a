"""The workbench's logic: the inbox reads the database; every action goes to the task's workflow.

The workflow is the source of truth for a task: it validates the action (the queue, the claim,
the outcome, four-eyes), writes the row and its audit entry through a local activity, and only
then answers. So when an action returns, GET /tasks already shows it, and two officers claiming
at the same moment are settled by the workflow: one update wins, the other is refused (409).
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from fastapi import Request
from pydantic import BaseModel, ValidationError
from sqlmodel import Session
from temporalio.client import WorkflowUpdateFailedError
from temporalio.exceptions import ApplicationError
from temporalio.service import RPCError

from portal.applications import sweeper
from portal.applications.submission import today_in_kazakhstan
from portal.auth import Principal
from portal.auth.acting_for import Applicant
from portal.database import in_transaction
from portal.errors import field_errors
from portal.problems import Conflict, NotFound, ValidationFailed
from portal.tasks.access import in_queue, officer_queue
from portal.tasks.refusals import problem_for
from portal.tasks.schemas import (
    AnswerAccepted,
    AnswerBody,
    ApplicationBrief,
    HistoryEntry,
    ReasonCode,
    TaskDetail,
    TaskPage,
    TaskSummary,
)
from services.catalogue import get_service
from services.spec import TaskResultSpec
from store import appeals as appeal_store
from store import repository
from store import tasks as task_store
from store.workbench import TASK_OPEN_STATUSES, Task
from workflows.appeal import rerun_workflow_id
from workflows.application import WithdrawInput, WithdrawResult
from workflows.human_tasks import AnswerInfoInput, CompleteTaskInput, OfficerAction, OfficerReason, TaskState
from workflows.inputs import application_workflow_id, service_workflow_id
from workflows.service import WithdrawServiceInput, WithdrawServiceResult

log = logging.getLogger("onestop.portal")

API = "/api/v1"


def _summary(task: Task, today: date) -> TaskSummary:
    return TaskSummary(
        id=task.id, kind=task.kind, title=task.title, status=task.status, agency=task.agency, region=task.region,
        role=task.role, assignee=task.assignee, escalated=task.escalated, deadline=task.deadline,
        overdue=task.status in TASK_OPEN_STATUSES and task.deadline < today, application_id=task.application_id,
        service_code=task.service_code, allowed_outcomes=list(task.allowed_outcomes), created_at=task.created_at,
        url=f"{API}/tasks/{task.id}")


async def inbox(request: Request, principal: Principal, *, kind: str | None, status: str | None, overdue: bool,
                mine: bool, limit: int, offset: int) -> TaskPage:
    agency, region = officer_queue(principal)
    today = today_in_kazakhstan()

    def load(session):  # type: ignore[no-untyped-def]
        return task_store.queue(session, agency=agency, region=region, kind=kind,
                                statuses=[status] if status else None, overdue_on=today if overdue else None,
                                assignee=principal.subject if mine else None, limit=limit, offset=offset)

    rows, total = await in_transaction(request, load, read_only=True)
    return TaskPage(items=[_summary(t, today) for t in rows], total=total, limit=limit, offset=offset)


async def detail(request: Request, principal: Principal, task_id: str) -> TaskDetail:
    officer_queue(principal)

    def load(session):  # type: ignore[no-untyped-def]
        task = task_store.get_task(session, task_id)
        if not in_queue(task, principal):
            return None
        assert task is not None
        application = repository.get_application(session, task.application_id)
        service = repository.get_service_request(session, task.application_id, task.service_code)
        return task, application, service, task_store.history(session, task_id)

    found = await in_transaction(request, load, read_only=True)
    if found is None:
        raise NotFound("no such task in your queue")
    task, application, service, history = found
    completed = [e.after for e in history if e.action == "task.completed" and e.after]
    payload = dict(task.payload)
    catalogue = payload.pop("reason_codes", {}) or {}
    base = _summary(task, today_in_kazakhstan()).model_dump()
    return TaskDetail(
        **base, payload=payload,
        reason_codes=[ReasonCode(code=code, text=text) for code, text in catalogue.items()],
        info_request=task.info_request, outcome=task.outcome, reasons=list(task.reasons), comment=task.comment,
        completed_by=task.completed_by, result=(completed[-1].get("result") if completed else None),
        result_schema=form.model.model_json_schema() if (form := result_spec(task.service_code, task.kind)) else None,
        application=ApplicationBrief(
            id=application.id, status=application.status, language=application.language,
            submitted_via=application.submitted_via, created_at=application.created_at,
            service_status=service.status if service else None, service_deadline=service.deadline if service else None),
        history=[HistoryEntry(at=e.at, actor=e.actor, actor_role=e.actor_role, action=e.action, before=e.before,
                              after=e.after) for e in history])


def result_spec(service_code: str, kind: str) -> TaskResultSpec | None:
    """The structured result a task of this kind is completed with, as its service's catalogue entry says."""
    spec = get_service(service_code)
    return spec.task_results.get(kind) if spec is not None else None


def checked_result(service_code: str, kind: str, result: dict[str, Any] | None) -> dict[str, Any] | None:
    """The result as the kind's model reads it, or 422 naming the field (result.items[0].due_on): nothing is sent."""
    form = result_spec(service_code, kind)
    if form is None:
        if result is not None:
            raise ValidationFailed("this kind of task takes no result", field="result")
        return None
    if result is None:
        raise ValidationFailed("this kind of task is completed with its result", field="result")
    try:
        checked = form.model.model_validate(result, context={"on": today_in_kazakhstan()})
    except ValidationError as error:
        errors = field_errors(error.errors(), within=("result",), whole="result")
        raise ValidationFailed(errors[0]["message"], field=errors[0]["field"], errors=errors) from None
    return checked.model_dump(mode="json")


async def task_in_queue(request: Request, principal: Principal, task_id: str) -> Task:
    officer_queue(principal)
    task = await in_transaction(request, lambda s: task_store.get_task(s, task_id), read_only=True)
    if not in_queue(task, principal):
        raise NotFound("no such task in your queue")
    assert task is not None
    return task


async def send_update(request: Request, workflow_id: str, update: str, arg: BaseModel, result_type: type) -> Any:
    """One update to a workflow; its refusal becomes the caller's problem (portal/tasks/refusals.py)."""
    client = await request.app.state.workflows.client()
    handle = client.get_workflow_handle(workflow_id)
    # The workflow acts only on what the portal signed: who acts, with which roles, on what.
    signed = arg.model_copy(update={"signature": request.app.state.action_signer.sign(update, workflow_id, arg)})
    try:
        return await handle.execute_update(update, signed, result_type=result_type)
    except WorkflowUpdateFailedError as error:
        cause = error.cause
        if isinstance(cause, ApplicationError):
            raise problem_for(cause.type, cause.message) from error
        raise Conflict("the workflow refused the action") from error
    except RPCError as error:
        # The workflow has finished (or never was): nothing is left to act on.
        log.info("update %s refused by the server: %s", update, error.status)
        raise problem_for("TaskClosed", "the task is closed") from error


async def act(request: Request, principal: Principal, task_id: str, update: str, model: type[OfficerAction],
              **fields: Any) -> TaskSummary:
    """Send one officer action to the task's workflow; answer with the task as it now stands."""
    task = await task_in_queue(request, principal, task_id)
    action = model(task_id=task.id, officer=principal.subject, roles=list(principal.roles),
                   agency=principal.agency, region=principal.region, **fields)
    await send_update(request, task.workflow_id, update, action, TaskState)
    fresh = await in_transaction(request, lambda s: task_store.get_task(s, task_id), read_only=True)
    return _summary(fresh or task, today_in_kazakhstan())


async def complete(request: Request, principal: Principal, task_id: str, *, outcome: str,
                   reasons: list[OfficerReason], comment: str | None, result: dict[str, Any] | None) -> TaskSummary:
    """Decide a task; a kind completed with a structured result has it checked here first."""
    task = await task_in_queue(request, principal, task_id)
    return await act(request, principal, task_id, "complete_task", CompleteTaskInput, outcome=outcome,
                     reasons=reasons, comment=comment, result=checked_result(task.service_code, task.kind, result))


# --- the applicant's side -------------------------------------------------------------------

async def _own_application(request: Request, applicant: Applicant, application_id: str):  # type: ignore[no-untyped-def]
    """The applicant's application (the person's, or the business's they act for); another's is as absent."""
    application = await in_transaction(request, lambda s: repository.get_application(s, application_id), read_only=True)
    if application is None or applicant.id is None or application.applicant_iin != applicant.id:
        raise NotFound("no such application")
    return application


async def answer(request: Request, applicant: Applicant, application_id: str, body: AnswerBody) -> AnswerAccepted:
    """The applicant's answer to an officer's question; the person who gives it is the actor."""
    principal = applicant.principal
    await _own_application(request, applicant, application_id)

    def waiting(session):  # type: ignore[no-untyped-def]
        return [t for t in task_store.open_tasks_of(session, application_id)
                if t.status == "awaiting_applicant" and (body.task_id is None or t.id == body.task_id)]

    tasks = await in_transaction(request, waiting, read_only=True)
    if not tasks:
        raise problem_for("NotAwaitingAnswer", "no question of this application waits for an answer")
    task = tasks[0]
    state: TaskState = await send_update(request, task.workflow_id, "answer_info",
                                     AnswerInfoInput(task_id=task.id, text=body.text, answers=body.answers,
                                                     actor=principal.subject),
                                     TaskState)
    return AnswerAccepted(task_id=task.id, status=state.status)


async def _withdraw_long_running(request: Request, principal: Principal, application_id: str) -> WithdrawResult:
    """A decided application whose long-running services go on (paying): the applicant stops those.

    Their application workflow has ended, so each is told directly by a signed update, as every other
    action of the applicant is (never by a bare signal anyone reaching Temporal could send).
    """
    def load(session: Session) -> tuple[list[str], list[tuple[str, str]]]:
        running = sorted(r.service_code for r in repository.service_requests(session, application_id)
                         if r.status == "decided")
        reruns = [(a.id, a.service_code) for a in appeal_store.appeals_of(session, application_id)
                  if a.service_code in running and a.status in ("overturned", "returned")]
        return running, reruns

    running, reruns = await in_transaction(request, load, read_only=True)
    if not running:
        raise problem_for("AlreadyDecided", "the application is decided already")
    # The run the application started, and any an appeal started again: whichever is the one paying.
    workflow_ids = [service_workflow_id(application_id, code) for code in running] + \
        [rerun_workflow_id(appeal_id, code) for appeal_id, code in reruns]
    for workflow_id in workflow_ids:
        try:
            await send_update(request, workflow_id, "withdraw", WithdrawServiceInput(actor=principal.subject),
                              WithdrawServiceResult)
        except Conflict as closed:
            if closed.slug != "task-closed":
                raise
            # it ended in the meantime (or an appeal never ran it again): nothing is left to stop
            log.info("%s ended before the withdrawal reached it", workflow_id)
    return WithdrawResult(services=running)


async def withdraw(request: Request, applicant: Applicant, application_id: str, reason: str | None) -> WithdrawResult:
    principal = applicant.principal
    application = await _own_application(request, applicant, application_id)
    if application.status in ("completed", "refused", "failed", "partially_completed", "withdrawn"):
        return await _withdraw_long_running(request, principal, application_id)
    withdrawal = WithdrawInput(reason=reason, actor=principal.subject)
    try:
        result: WithdrawResult = await send_update(request, application_workflow_id(application_id), "withdraw",
                                                   withdrawal, WithdrawResult)
    except Conflict as closed:
        if closed.slug != "task-closed":
            raise
        if not application.workflow_started and await sweeper.start_stored(
                request, request.app.state.workflows, application_id):
            # Accepted a moment ago, its start (the outbox's, in the background) not made yet: started now, it
            # hears the withdrawal as a running one does (a service not started yet is never started).
            return await send_update(request, application_workflow_id(application_id), "withdraw", withdrawal,
                                     WithdrawResult)
        # The application's workflow has ended while an appeal settles it: its services still running hear.
        return await _withdraw_long_running(request, principal, application_id)
    return result
