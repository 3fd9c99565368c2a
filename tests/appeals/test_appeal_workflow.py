"""AppealWorkflow on the time-skipping server with an in-process worker: the "returned" branch and
four-eyes against a supervisor who made the first decision, and the routing of a business's appeal that
no officer's task can route (the stack tests cover the others)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from temporalio.client import WorkflowUpdateFailedError
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.exceptions import ApplicationError
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Replayer

from onestop.settings import Settings
from onestop.worker import WORKFLOWS, build_worker
from services import messages
from services.labour_exchange import LABOUR_AGENCY
from services.vacancy import CODE as VACANCY
from store import appeals as appeal_store
from store import repository
from store import tasks as task_store
from store.engine import get_engine, session_scope
from store.workbench import Task
from tests.labour.people import employer
from tests.support.citizens import next_citizen
from tests.support.signing import SigningHandle
from tests.support.workflows import CODE, eventually
from workflows.appeal import APPEAL_WORKFLOW, AppealInput, AppealOutcome, rerun_workflow_id
from workflows.human_tasks import ClaimTaskInput, CompleteTaskInput, OfficerReason, TaskState

FIRST = "tax.astana.supervisor"  # decided the manual review; may not review the appeal
FORM = {"activity_code": "other", "activity_description": "Repair of felt yurts", "regime": "self-employed",
        "expected_monthly_income": "200000.00", "phone": "+77011112233", "language": "en",
        "activity_address": None, "email": None}


def open_task_of(kind: str, application_id: str) -> Callable:
    return lambda s: next((t for t in task_store.open_tasks_of(s, application_id) if t.kind == kind), None)


def acting(task: Task, login: str, role: str) -> dict:
    return {"task_id": task.id, "officer": login, "roles": [role], "agency": task.agency, "region": task.region}


def refused_application(settings: Settings) -> tuple[str, str, str]:
    """An application whose registration a supervisor refused on manual review, and an appeal filed."""
    iin = next_citizen()
    appeal_id = str(uuid.uuid4())
    with session_scope(get_engine(settings.database_url)) as session:
        application, _ = repository.create_application(
            session, owner=iin, idempotency_key=str(uuid.uuid4()), request_hash="h", applicant_iin=iin,
            submitted_via="portal", language="en", services=[(CODE, FORM, date.today())])
        repository.move_service(session, application.id, CODE, "refused",
                                 {"outcome": "refused", "decided_by": FIRST, "reasons": []})
        repository.move_application(session, application.id, "refused")
        appeal_store.file_appeal(session, appeal_id=appeal_id, application_id=application.id, service_code=CODE,
                                 grounds="Yurt repair is a traditional craft.", filed_by=iin, first_decided_by=FIRST,
                                 title=messages.APPEAL_FILED)
    return application.id, appeal_id, iin


async def test_returned_appeal_is_decided_again_by_an_officer_and_the_service_completes(
        skipping_env: WorkflowEnvironment, worker_settings: Settings) -> None:
    application_id, appeal_id, iin = refused_application(worker_settings)
    queue = f"test-{uuid.uuid4()}"
    async with build_worker(skipping_env.client, worker_settings, task_queue=queue) as worker, worker:
        started = await skipping_env.client.start_workflow(
            APPEAL_WORKFLOW,
            AppealInput(appeal_id=appeal_id, application_id=application_id, service_code=CODE,
                        service_workflow="SelfEmployedRegistration", agency="tax", region="astana", applicant_iin=iin,
                        language="en", answers=FORM, submitted_on=date.today(), filed_on=date.today(),
                        decided_status="refused", first_decided_by=FIRST, grounds="Yurt repair is a craft.",
                        review_deadline_working_days=5, rework_deadline_working_days=3),
            id=f"appeal-{appeal_id}", task_queue=queue, result_type=AppealOutcome)
        handle = SigningHandle(started, worker_settings)  # the supervisor's actions, signed as the portal signs
        review: Task = await eventually(worker_settings.database_url, open_task_of("appeal.review", application_id))
        assert review.role == "supervisor" and review.excluded_officer == FIRST
        assert set(review.allowed_outcomes) == {"upheld", "overturned", "returned"}

        # Four-eyes holds for a supervisor too: the one who decided first may not review.
        with pytest.raises(WorkflowUpdateFailedError) as failure:
            await handle.execute_update("claim_task", ClaimTaskInput(**acting(review, FIRST, "supervisor")),
                                        result_type=TaskState)
        assert isinstance(failure.value.cause, ApplicationError) and failure.value.cause.type == "FourEyes"
        # An officer may not decide a review meant for supervisors.
        with pytest.raises(WorkflowUpdateFailedError) as failure:
            await handle.execute_update("complete_task", CompleteTaskInput(
                **acting(review, "tax.astana.officer", "officer"), outcome="returned"), result_type=TaskState)
        assert isinstance(failure.value.cause, ApplicationError) and failure.value.cause.type == "RoleNotAllowed"

        await handle.execute_update("complete_task", CompleteTaskInput(
            **acting(review, "tax.astana.deputy", "supervisor"), outcome="returned",
            reasons=[OfficerReason(code="needs_new_assessment")]), result_type=TaskState)
        rework: Task = await eventually(worker_settings.database_url, open_task_of("appeal.rework", application_id))
        assert rework.role == "officer" and set(rework.allowed_outcomes) == {"approve", "refuse"}
        with session_scope(get_engine(worker_settings.database_url)) as session:
            appeal = appeal_store.get_appeal(session, appeal_id)
            assert appeal is not None and appeal.status == "returned" and appeal.reviewer == "tax.astana.deputy"
            assert appeal_store.with_deadlines(session, application_id)[0][1] == rework.deadline

        await handle.execute_update("complete_task", CompleteTaskInput(
            **acting(rework, "tax.astana.officer", "officer"), outcome="approve",
            reasons=[OfficerReason(code="requirements_met")]), result_type=TaskState)
        outcome = await handle.result()
        histories = {"appeal": await handle.fetch_history(),
                     "self-employed": await skipping_env.client.get_workflow_handle(
                         rerun_workflow_id(appeal_id, CODE)).fetch_history()}
    # Both runs replay on today's code; ONESTOP_RECORD_HISTORIES=<dir> keeps them for test_replay.py.
    replayer = Replayer(workflows=WORKFLOWS, data_converter=pydantic_data_converter)
    for name, history in histories.items():
        await replayer.replay_workflow(history)
        if os.environ.get("ONESTOP_RECORD_HISTORIES"):
            Path(os.environ["ONESTOP_RECORD_HISTORIES"],
                 f"v3-appeal-returned-{name}.json").write_text(history.to_json())
    assert outcome.outcome == "returned" and outcome.service_status == "completed"
    with session_scope(get_engine(worker_settings.database_url)) as session:
        service = repository.get_service_request(session, application_id, CODE)
        assert service is not None and service.status == "completed"
        assert service.decision["overturned_by_appeal"] == appeal_id  # type: ignore[index]
        assert repository.get_application(session, application_id).status == "completed"  # type: ignore[union-attr]
        assert [d.kind for d in repository.documents_of(session, application_id)] == [
            "self-employed-registration-certificate"]
        kinds = [e.kind for e in repository.timeline(session, application_id)]
    assert {"appeal.filed", "appeal.returned", "task.opened", "document.issued"} <= set(kinds)


async def test_a_business_appeal_refused_before_any_task_goes_to_its_regions_supervisors(
        skipping_env: WorkflowEnvironment, worker_settings: Settings) -> None:
    """The registry found the business not active, so no officer decided and no task names a region: the
    review goes where the business is registered (Almaty here, not the centre), as its moderation would."""
    head, business = employer("almaty")
    appeal_id, vacancy = str(uuid.uuid4()), {"title": "Welder", "region": "astana"}
    with session_scope(get_engine(worker_settings.database_url)) as session:
        application, _ = repository.create_application(
            session, owner=head, idempotency_key=str(uuid.uuid4()), request_hash="h", applicant_iin=business,
            submitted_via="portal", language="en", services=[(VACANCY, vacancy, date.today())])
        refusal = {"outcome": "refused", "reasons": [{"code": "business_not_active"}]}
        repository.move_service(session, application.id, VACANCY, "refused", refusal)
        repository.move_application(session, application.id, "refused")
        appeal_store.file_appeal(session, appeal_id=appeal_id, application_id=application.id, service_code=VACANCY,
                                 grounds="The business is active again.", filed_by=head, first_decided_by=None,
                                 title=messages.APPEAL_FILED, acting_for=business)
    queue = f"test-{uuid.uuid4()}"
    async with build_worker(skipping_env.client, worker_settings, task_queue=queue) as worker, worker:
        started = await skipping_env.client.start_workflow(
            APPEAL_WORKFLOW,
            AppealInput(appeal_id=appeal_id, application_id=application.id, service_code=VACANCY,
                        service_workflow="VacancyPublication", agency=LABOUR_AGENCY, region=None,
                        applicant_iin=business, language="en", answers=vacancy, submitted_on=date.today(),
                        filed_on=date.today(), decided_status="refused", decision=refusal,
                        grounds="The business is active again.", review_deadline_working_days=5,
                        rework_deadline_working_days=3),
            id=f"appeal-{appeal_id}", task_queue=queue, result_type=AppealOutcome)
        try:
            review: Task = await eventually(worker_settings.database_url, open_task_of("appeal.review", application.id))
        finally:
            await started.terminate("the routing is what this test checks")
    assert (review.agency, review.region, review.role) == (LABOUR_AGENCY, "almaty", "supervisor")
