"""Applying for a support measure inside Temporal: the policy's advice, the career centre's decision in a
task, an approval enrolling the person as a standing status (what TSA counts), a refusal with its reason."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError
from temporalio.testing import WorkflowEnvironment

from onestop.settings import Settings
from services import job_seeker, support_measure
from store import repository
from store import tasks as task_store
from store.engine import get_engine, session_scope
from store.models import StandingStatus
from tests.labour.people import out_of_work
from tests.support.signing import SigningHandle
from tests.support.workflows import eventually
from tests.workflows.test_labour_services import answers_of, start, stored
from workflows.human_tasks import ClaimTaskInput, CompleteTaskInput, OfficerReason, TaskState
from workflows.inputs import ApplicationOutcome, service_workflow_id


async def _decide(env: WorkflowEnvironment, settings: Settings, application_id: str, outcome: str,
                  reason: str) -> dict[str, object]:
    task = (await eventually(settings.database_url, lambda s: task_store.open_tasks_of(s, application_id)))[0]
    assert task.kind == support_measure.DECISION_KIND and task.agency == "labour"
    handle = SigningHandle(env.client.get_workflow_handle(service_workflow_id(application_id, support_measure.CODE)),
                           settings)
    who = {"task_id": task.id, "officer": f"labour.{task.region}.officer", "roles": ["officer"], "agency": "labour",
           "region": task.region}
    await handle.execute_update("claim_task", ClaimTaskInput(**who), result_type=TaskState)
    await handle.execute_update("complete_task", CompleteTaskInput(
        **who, outcome=outcome, reasons=[OfficerReason(code=reason)]), result_type=TaskState)
    return dict(task.payload)


def participant(settings: Settings, iin: str) -> StandingStatus | None:
    with session_scope(get_engine(settings.database_url)) as session:
        return repository.standing_status(session, iin, support_measure.PARTICIPANT_STATUS, date.today())


async def test_an_unemployed_person_is_advised_eligible_and_enrolled_when_the_career_centre_approves(
        workflow_env: WorkflowEnvironment, task_queue: str, worker_settings: Settings) -> None:
    iin = out_of_work()
    _, registered = await start(workflow_env, task_queue, worker_settings, iin,
                                [(job_seeker.CODE, answers_of(job_seeker.SPEC))])
    assert (await registered.result()).services[0].granted == [job_seeker.UNEMPLOYED_STATUS]

    application_id, handle = await start(workflow_env, task_queue, worker_settings, iin,
                                         [(support_measure.CODE, answers_of(support_measure.SPEC))])
    payload = await _decide(workflow_env, worker_settings, application_id, "approve", "conditions_met")
    assert payload["measure"] == "training" and payload["statuses"] == ["job_seeker", "unemployed"]
    assert payload["advice"]["outcome"] == "eligible"  # type: ignore[index]
    outcome: ApplicationOutcome = await handle.result()

    assert outcome.status == "completed"
    assert outcome.services[0].granted == [support_measure.PARTICIPANT_STATUS]
    request, events = stored(worker_settings, application_id, support_measure.CODE)
    assert request.decision["measure"] == "training" and request.decision["decided_by"].startswith("labour.")
    assert all(set(r["text"]) == {"kk", "ru", "en"} for r in request.decision["reasons"])
    found = participant(worker_settings, iin)
    assert found is not None and found.application_id == application_id
    assert {e.step for e in events if e.kind == "step.completed"} >= {"verify_identity", "check_conditions", "enrol"}


async def test_the_advice_reads_the_job_seekers_own_choice_to_relocate(
        workflow_env: WorkflowEnvironment, task_queue: str, worker_settings: Settings) -> None:
    # Registered as willing to move, living in a region that invites no resettlers: relocation support is open
    # to them, and the officer's advice says so, as the support page told the person.
    iin = out_of_work("almaty")
    _, registered = await start(workflow_env, task_queue, worker_settings, iin,
                                [(job_seeker.CODE, answers_of(job_seeker.SPEC, willing_to_relocate=True))])
    await registered.result()
    application_id, handle = await start(workflow_env, task_queue, worker_settings, iin,
                                         [(support_measure.CODE,
                                           answers_of(support_measure.SPEC, measure="relocation"))])
    payload = await _decide(workflow_env, worker_settings, application_id, "approve", "conditions_met")
    advice: Any = payload["advice"]
    codes = [r["code"] for r in advice["reasons"]]
    assert "support_willing_to_relocate" in codes and "support_not_willing_to_relocate" not in codes
    assert advice["outcome"] == "eligible", advice
    assert (await handle.result()).status == "completed"


async def test_the_career_centre_refuses_with_its_reason_and_nothing_is_granted(
        workflow_env: WorkflowEnvironment, task_queue: str, worker_settings: Settings) -> None:
    iin = out_of_work()
    application_id, handle = await start(workflow_env, task_queue, worker_settings, iin,
                                         [(support_measure.CODE,
                                           answers_of(support_measure.SPEC, measure="public_works"))])
    payload = await _decide(workflow_env, worker_settings, application_id, "refuse", "conditions_not_met")
    # Not registered: the policy's advice already said which status is missing.
    assert payload["advice"]["outcome"] == "ineligible"  # type: ignore[index]
    assert (await handle.result()).status == "refused"
    request, _ = stored(worker_settings, application_id, support_measure.CODE)
    assert request.status == "refused"
    assert [r["code"] for r in request.decision["reasons"]] == ["conditions_not_met"]
    assert participant(worker_settings, iin) is None


def test_an_unknown_measure_is_refused_by_the_form_naming_the_field() -> None:
    with pytest.raises(ValidationError) as refused:
        answers_of(support_measure.SPEC, measure="free_money")
    assert refused.value.errors()[0]["loc"] == ("measure",)
    assert refused.value.errors()[0]["type"] == "measure_unknown"


async def test_the_advice_on_social_jobs_names_the_target_group_and_the_registry_it_came_from(
        workflow_env: WorkflowEnvironment, task_queue: str, worker_settings: Settings) -> None:
    iin = out_of_work()  # the last contract ended before the seed's reference date: over twelve months ago
    _, registered = await start(workflow_env, task_queue, worker_settings, iin,
                                [(job_seeker.CODE, answers_of(job_seeker.SPEC))])
    assert (await registered.result()).services[0].granted == [job_seeker.UNEMPLOYED_STATUS]

    social_jobs = answers_of(support_measure.SPEC, measure="social_jobs")
    application_id, handle = await start(workflow_env, task_queue, worker_settings, iin,
                                         [(support_measure.CODE, social_jobs)])
    payload = await _decide(workflow_env, worker_settings, application_id, "approve", "conditions_met")
    advice: dict[str, Any] = payload["advice"]  # type: ignore[assignment]
    assert advice["outcome"] == "eligible", advice
    [group] = [r for r in advice["reasons"] if r["code"] == "support_target_group_ok"]
    assert "the long-term unemployed — no employment contract since" in group["text"]["en"]
    assert "(the employment contracts registry)" in group["text"]["en"]
    assert "единая система учёта трудовых договоров" in group["text"]["ru"]
    assert "labour.support.target_group_rules" in advice["unconfirmed"]
    assert (await handle.result()).status == "completed"
