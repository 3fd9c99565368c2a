"""Record job-seeker histories for the replay test: `python -m tests.workflows.record_job_seeker_histories [version]`.

v5 (before issue 14) was recorded from main's code: a status granted, and a status refused by the rules.
v6: the career centre's two steps: someone the rules exclude asks for the status, the officer refuses it,
then sets the employment plan. Keep old files: the replay test proves every recorded version still replays.
v7 (`... v7 overturned`): an appeal's run over a registration refused as a whole, the person never having asked
for the status: registered, no status, and the plan the first run never asked for, set by the career centre.
"""

from __future__ import annotations

import asyncio
import uuid
from datetime import date, timedelta
from pathlib import Path

from onestop.settings import Settings
from services import job_seeker
from store import repository
from store import tasks as task_store
from store.engine import get_engine, session_scope
from tests.labour.people import in_work
from tests.support.signing import SigningHandle
from tests.support.workflows import RECORD_QUEUE, eventually, recording, write_history
from workflows.appeal import rerun_workflow_id
from workflows.human_tasks import CompleteTaskInput, OfficerReason, TaskState
from workflows.inputs import (
    APPLICATION_WORKFLOW,
    ApplicationInput,
    ApplicationOutcome,
    ServiceInput,
    ServiceOrder,
    ServiceOutcome,
    application_workflow_id,
    service_workflow_id,
)

CODE = job_seeker.CODE
SUBMITTED_ON = date(2026, 11, 23)
FORM = {"desired_occupations": ["2512"], "skills": ["Python", "SQL"], "regions": ["astana"],
        "willing_to_relocate": True, "salary_expectation": "400000.00", "request_unemployed_status": True,
        "phone": "+77011234567", "email": None, "language": "ru"}


async def record(version: str) -> None:
    async with recording() as (env, database_url):
        iin = in_work()
        with session_scope(get_engine(database_url)) as session:
            application, _ = repository.create_application(
                session, owner=iin, idempotency_key=str(uuid.uuid4()), request_hash="h", applicant_iin=iin,
                submitted_via="portal", language="ru", services=[(CODE, FORM, SUBMITTED_ON)])
        started = await env.client.start_workflow(
            APPLICATION_WORKFLOW,
            ApplicationInput(application_id=application.id, applicant_iin=iin, language="ru",
                             services=[ServiceOrder(code=CODE, answers=FORM)], submitted_on=SUBMITTED_ON),
            id=application_workflow_id(application.id), task_queue=RECORD_QUEUE, result_type=ApplicationOutcome)
        # Signed as the portal signs: the worker's key is in the recording's state dir.
        settings = Settings(state_dir=Path(database_url.removeprefix("sqlite:///")).parent)
        child = SigningHandle(env.client.get_workflow_handle(service_workflow_id(application.id, CODE),
                                                             result_type=ServiceOutcome), settings)
        for kind in (job_seeker.STATUS_REVIEW_KIND, job_seeker.PLAN_KIND):
            task = (await eventually(database_url, lambda s: [
                t for t in task_store.open_tasks_of(s, application.id) if t.kind == kind]))[0]  # noqa: B023
            act = {"task_id": task.id, "officer": "recorder", "roles": ["officer"], "agency": task.agency,
                   "region": task.region}
            if kind == job_seeker.STATUS_REVIEW_KIND:
                update = CompleteTaskInput(**act, outcome="refuse", reasons=[OfficerReason(code="employed")])
            else:
                due = (task.created_at.date() + timedelta(days=10)).isoformat()
                update = CompleteTaskInput(**act, outcome=job_seeker.PLAN_OUTCOME, result={
                    "items": [{"action": "consultation", "due_on": due}], "note": "Recorded."})
            await child.execute_update("complete_task", update, result_type=TaskState)
        await started.result()
        await child.result()
        await write_history(started, f"{version}-jobseeker-reviewed-planned-application")
        await write_history(child, f"{version}-jobseeker-reviewed-planned-job-seeker")


async def record_overturned(version: str) -> None:
    async with recording() as (env, database_url):
        iin = in_work()
        form = {**FORM, "request_unemployed_status": False}
        with session_scope(get_engine(database_url)) as session:
            application, _ = repository.create_application(
                session, owner=iin, idempotency_key=str(uuid.uuid4()), request_hash="h", applicant_iin=iin,
                submitted_via="portal", language="ru", services=[(CODE, form, SUBMITTED_ON)])
        appeal_id = str(uuid.uuid4())
        refused = {"outcome": "refused", "step": "check_registration", "decisive": ["job_seeker_age_below_minimum"],
                   "reasons": [], "figures": {}, "decided_on": SUBMITTED_ON.isoformat()}
        started = await env.client.start_workflow(
            job_seeker.SPEC.workflow,
            ServiceInput(application_id=application.id, service_code=CODE, applicant_iin=iin, language="ru",
                         answers=form, submitted_on=SUBMITTED_ON, overturned_by_appeal=appeal_id,
                         first_decision=refused),
            id=rerun_workflow_id(appeal_id, CODE), task_queue=RECORD_QUEUE, result_type=ServiceOutcome)
        settings = Settings(state_dir=Path(database_url.removeprefix("sqlite:///")).parent)
        task = (await eventually(database_url, lambda s: [
            t for t in task_store.open_tasks_of(s, application.id) if t.kind == job_seeker.PLAN_KIND]))[0]
        due = (task.created_at.date() + timedelta(days=10)).isoformat()
        await SigningHandle(started, settings).execute_update("complete_task", CompleteTaskInput(
            task_id=task.id, officer="recorder", roles=["officer"], agency=task.agency, region=task.region,
            outcome=job_seeker.PLAN_OUTCOME, result={"items": [{"action": "consultation", "due_on": due}]}),
            result_type=TaskState)
        await started.result()
        await write_history(started, f"{version}-jobseeker-overturned-planned-job-seeker")


if __name__ == "__main__":
    import sys

    version = sys.argv[1] if len(sys.argv) > 1 else "v6"
    asyncio.run(record_overturned(version) if sys.argv[2:] == ["overturned"] else record(version))
