"""The human-task pattern inside Temporal: manual review of a self-employed registration.

An activity off the permitted list sends the registration to a tax officer of the person's
region. The tests drive the workflow's updates as the portal does, and read the rows and the
timeline the activities wrote.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta, timezone

import pytest
from pydantic import BaseModel
from temporalio.client import WorkflowHandle, WorkflowUpdateFailedError
from temporalio.exceptions import ApplicationError
from temporalio.testing import WorkflowEnvironment

from onestop.settings import Settings
from onestop.worker import build_worker
from store import repository
from store import tasks as task_store
from store.engine import get_engine, session_scope
from store.workbench import Task
from tests.support.citizens import next_citizen
from tests.support.signing import SigningHandle, signed
from tests.support.workflows import CODE, eventually, start_application
from workflows.application import WithdrawInput, WithdrawResult
from workflows.human_tasks import (
    AnswerInfoInput,
    ClaimTaskInput,
    CompleteTaskInput,
    OfficerReason,
    RequestInfoInput,
    TaskState,
)
from workflows.inputs import ApplicationOutcome, service_workflow_id

KZ = timezone(timedelta(hours=5))


OTHER_ACTIVITY = {"activity_code": "other", "activity_description": "Repair of felt yurts and their furnishings",
                  "regime": "self-employed", "expected_monthly_income": "200000.00", "phone": "+77011112233",
                  "language": "en", "activity_address": None, "email": None}


async def start(env: WorkflowEnvironment, queue: str, settings: Settings,
                submitted_on: date) -> tuple[str, WorkflowHandle]:
    return await start_application(env, settings.database_url, queue, iin=next_citizen(), form=OTHER_ACTIVITY,
                                   submitted_on=submitted_on, language="en")


async def open_task(settings: Settings, application_id: str) -> Task:
    found = await eventually(settings.database_url, lambda s: task_store.open_tasks_of(s, application_id))
    return found[0]


def officer(task: Task, login: str, *, roles: tuple[str, ...] = ("officer",), region: str | None = None) -> dict:
    return {"task_id": task.id, "officer": login, "roles": list(roles), "agency": task.agency,
            "region": region or task.region}


async def refused_with(handle: WorkflowHandle | SigningHandle, update: str, arg: BaseModel) -> str:
    with pytest.raises(WorkflowUpdateFailedError) as failure:
        await handle.execute_update(update, arg, result_type=TaskState)
    assert isinstance(failure.value.cause, ApplicationError)
    return str(failure.value.cause.type)


async def test_a_task_opened_before_nauryz_escalates_after_its_third_working_day(
        skipping_env: WorkflowEnvironment, worker_settings: Settings) -> None:
    opened_at = datetime(2027, 3, 18, 10, 0, tzinfo=KZ)  # a Thursday; 21-24 March are Nauryz days off
    now = await skipping_env.get_current_time()
    await skipping_env.sleep(opened_at - now)  # the module's own server (skipping_env): no other test sees 2027
    queue = f"test-{uuid.uuid4()}"
    async with build_worker(skipping_env.client, worker_settings, task_queue=queue) as worker, worker:
        application_id, handle = await start(skipping_env, queue, worker_settings, opened_at.date())
        task = await open_task(worker_settings, application_id)
        # 3 working days after Thu 18 March: Fri 19, (weekend, Nauryz 21-23 and the 24th in lieu), Thu 25, Fri 26
        assert task.deadline == date(2027, 3, 26)
        assert task.agency == "tax" and task.role == "officer" and not task.escalated
        assert set(task.allowed_outcomes) == {"approve", "refuse"}
        assert task.payload["registries"]["population"]["address"]["region_code"] == task.region
        with session_scope(get_engine(worker_settings.database_url)) as session:
            service = repository.get_service_request(session, application_id, CODE)
            assert service is not None and service.status == "awaiting_officer"

        await skipping_env.sleep(timedelta(days=10))  # to Sunday 28 March, past the deadline
        escalated = await eventually(worker_settings.database_url,
                                     lambda s: (t := task_store.get_task(s, task.id)) and t.escalated and t)
        assert escalated.role == "supervisor"
        events = await eventually(worker_settings.database_url,
                                  lambda s: [e for e in repository.timeline(s, application_id)
                                             if e.kind == "task.escalated"])
        event = events[0]
        # escalated when Friday 26 March ended in Kazakhstan, not before and not a day late
        assert timedelta(0) <= event.at - datetime(2027, 3, 27, 0, 0, tzinfo=KZ) < timedelta(minutes=1)
        assert event.detail["escalated_on"] == "2027-03-27" and event.detail["deadline"] == "2027-03-26"
        assert set(event.title) == {"kk", "ru", "en"}

        # escalated: an officer may no longer take it; the queue's supervisor decides
        assert await refused_with(handle_of(skipping_env, application_id, worker_settings), "claim_task",
                                  ClaimTaskInput(**officer(task, "tax.x.officer"))) == "RoleNotAllowed"
        state = await handle_of(skipping_env, application_id, worker_settings).execute_update(
            "complete_task", CompleteTaskInput(**officer(task, "tax.x.supervisor", roles=("supervisor",)),
                                               outcome="approve",
                                               reasons=[OfficerReason(code="activity_allowed_by_analogy")]),
            result_type=TaskState)
        assert state.status == "completed"
        outcome: ApplicationOutcome = await handle.result()
    assert outcome.status == "completed"
    with session_scope(get_engine(worker_settings.database_url)) as session:
        service = repository.get_service_request(session, application_id, CODE)
        row = task_store.get_task(session, task.id)
    assert service is not None and service.status == "completed" and service.decision is not None
    assert service.decision["decided_by"] == "tax.x.supervisor"
    assert "activity_allowed_by_analogy" in [r["code"] for r in service.decision["reasons"]]
    assert row is not None and row.status == "completed" and row.completed_by == "tax.x.supervisor"


def handle_of(env: WorkflowEnvironment, application_id: str, settings: Settings) -> SigningHandle:
    """The service's workflow, its updates signed as the portal signs them."""
    return SigningHandle(env.client.get_workflow_handle(service_workflow_id(application_id, CODE)), settings)


async def test_request_for_information_returns_to_the_same_officer_and_a_refusal_ends_the_service(
        workflow_env: WorkflowEnvironment, task_queue: str, worker_settings: Settings) -> None:
    application_id, handle = await start(workflow_env, task_queue, worker_settings, date(2026, 11, 20))
    task = await open_task(worker_settings, application_id)
    service = handle_of(workflow_env, application_id, worker_settings)

    # Straight to Temporal, unsigned or signed for someone else: the validator refuses, nothing happens.
    raw = workflow_env.client.get_workflow_handle(service_workflow_id(application_id, CODE))
    forged = CompleteTaskInput(**officer(task, "first"), outcome="approve")
    assert await refused_with(raw, "complete_task", forged) == "ActionNotSigned"
    for_another = signed(worker_settings, "complete_task", raw.id, CompleteTaskInput(**officer(task, "second"),
                                                                                       outcome="approve"))
    assert await refused_with(raw, "complete_task", forged.model_copy(update={"signature": for_another.signature})
                              ) == "ActionNotSigned"
    as_claim = signed(worker_settings, "claim_task", raw.id, forged)
    assert await refused_with(raw, "complete_task", as_claim) == "ActionNotSigned"

    assert await refused_with(service, "claim_task",
                              ClaimTaskInput(**officer(task, "x", region="nowhere"))) == "WrongQueue"
    assert await refused_with(service, "claim_task",
                              ClaimTaskInput(**officer(task, "x", roles=("citizen",)))) == "RoleNotAllowed"
    claimed = await service.execute_update("claim_task", ClaimTaskInput(**officer(task, "first")),
                                           result_type=TaskState)
    assert claimed.status == "claimed" and claimed.assignee == "first"
    assert await refused_with(service, "claim_task", ClaimTaskInput(**officer(task, "second"))) == "ClaimedByOther"
    assert await refused_with(service, "complete_task", CompleteTaskInput(
        **officer(task, "first"), outcome="perhaps")) == "OutcomeNotAllowed"
    assert await refused_with(service, "complete_task", CompleteTaskInput(
        **officer(task, "first"), outcome="refuse", reasons=[OfficerReason(code="made_up")])) == "ReasonNotAllowed"

    asked = await service.execute_update("request_info", RequestInfoInput(
        **officer(task, "first"), question="Do you sell the yurts too, or only repair them?"), result_type=TaskState)
    assert asked.status == "awaiting_applicant"
    assert await refused_with(service, "complete_task", CompleteTaskInput(
        **officer(task, "first"), outcome="approve")) == "AwaitingApplicant"
    with session_scope(get_engine(worker_settings.database_url)) as session:
        row = task_store.get_task(session, task.id)
        request = repository.get_service_request(session, application_id, CODE)
        question = [e for e in repository.timeline(session, application_id) if e.kind == "info.requested"]
    assert row is not None and row.status == "awaiting_applicant"
    assert row.info_request is not None and row.info_request["clock_paused"] is True
    assert request is not None and request.status == "awaiting_applicant"
    assert question and question[0].detail["question"].startswith("Do you sell")

    answered = await service.execute_update("answer_info", AnswerInfoInput(text="Only repair.", actor="the-applicant"),
                                            result_type=TaskState)
    assert answered.status == "claimed" and answered.assignee == "first"
    assert await refused_with(service, "answer_info", AnswerInfoInput(text="again")) == "NotAwaitingAnswer"

    await service.execute_update("complete_task", CompleteTaskInput(
        **officer(task, "first"), outcome="refuse",
        reasons=[OfficerReason(code="activity_not_permitted", comment="repair of goods is not on the list")]),
        result_type=TaskState)
    outcome: ApplicationOutcome = await handle.result()
    assert outcome.status == "refused"
    with session_scope(get_engine(worker_settings.database_url)) as session:
        request = repository.get_service_request(session, application_id, CODE)
        history = task_store.history(session, task.id)
    assert request is not None and request.decision is not None and request.decision["step"] == "manual_review"
    assert request.decision["decided_by"] == "first"
    reason = request.decision["reasons"][0]
    assert reason["code"] == "activity_not_permitted" and set(reason["text"]) == {"kk", "ru", "en"}
    assert [h.action for h in history] == ["task.opened", "task.claimed", "task.info_requested",
                                           "task.info_answered", "task.completed"]
    assert history[1].actor == "first" and (history[1].before or {})["status"] == "open"
    assert history[3].actor == "the-applicant"  # who answered, as the portal signed it


async def test_withdrawal_cancels_the_open_task_and_ends_withdrawn(
        workflow_env: WorkflowEnvironment, task_queue: str, worker_settings: Settings) -> None:
    application_id, unsigned = await start(workflow_env, task_queue, worker_settings, date(2026, 11, 20))
    task = await open_task(worker_settings, application_id)

    with pytest.raises(WorkflowUpdateFailedError) as forged:  # a withdrawal the portal did not sign
        await unsigned.execute_update("withdraw", WithdrawInput(actor="someone"), result_type=WithdrawResult)
    assert isinstance(forged.value.cause, ApplicationError) and forged.value.cause.type == "ActionNotSigned"
    handle = SigningHandle(unsigned, worker_settings)
    result = await handle.execute_update("withdraw", WithdrawInput(), result_type=WithdrawResult)
    assert result.services == [CODE]
    outcome: ApplicationOutcome = await handle.result()
    assert outcome.status == "withdrawn" and outcome.services[0].status == "withdrawn"
    with session_scope(get_engine(worker_settings.database_url)) as session:
        row = task_store.get_task(session, task.id)
        application = repository.get_application(session, application_id)
        request = repository.get_service_request(session, application_id, CODE)
        kinds = {e.kind for e in repository.timeline(session, application_id)}
    assert row is not None and row.status == "cancelled"
    assert application is not None and application.status == "withdrawn"
    assert request is not None and request.status == "withdrawn"
    assert {"task.cancelled", "service.withdrawn", "application.withdrawal_requested"} <= kinds
