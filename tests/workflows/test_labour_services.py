"""The labour exchange's services inside Temporal: job-seeker registration, vacancy publication, benefit.

Real workflows on a real Temporal server, the mock registries over HTTP, the session's read model.
The benefit's payments run on the module's time-skipping server: months pass in an instant.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import httpx
from temporalio.client import WorkflowHandle, WorkflowUpdateFailedError
from temporalio.exceptions import ApplicationError
from temporalio.testing import WorkflowEnvironment

from onestop.settings import Settings
from onestop.worker import build_worker
from policies.working_days import add_working_days
from services import job_seeker, unemployment_benefit, vacancy
from store import repository
from store import tasks as task_store
from store import vacancies as vacancy_rows
from store.engine import get_engine, read_scope, session_scope
from tests.labour.people import employer, in_work, out_of_work
from tests.support.signing import SigningHandle
from tests.support.stack import Stack
from tests.support.workflows import eventually, start_time_skipping
from tests.workflows.test_events_poller import feed_end
from workflows.appeal import rerun_workflow_id
from workflows.events_poller import EVENTS_POLLER_WORKFLOW, PollerInput, PollerState
from workflows.human_tasks import (
    KAZAKHSTAN_OFFSET,
    ClaimTaskInput,
    CompleteTaskInput,
    OfficerReason,
    TaskState,
)
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


def answers_of(spec: Any, **overrides: Any) -> dict[str, Any]:
    form = {**spec.example_answers, **overrides}
    return spec.form.model_validate(form, context={"on": date.today()}).model_dump(mode="json")


async def start(env: WorkflowEnvironment, queue: str, settings: Settings, applicant: str,
                orders: list[tuple[str, dict[str, Any]]], on: date | None = None) -> tuple[str, WorkflowHandle]:
    on = on or date.today()
    with session_scope(get_engine(settings.database_url)) as session:
        application, _ = repository.create_application(
            session, owner=applicant, idempotency_key=str(uuid.uuid4()), request_hash="h", applicant_iin=applicant,
            submitted_via="portal", language="en", services=[(code, form, on) for code, form in orders])
    handle = await env.client.start_workflow(
        APPLICATION_WORKFLOW,
        ApplicationInput(application_id=application.id, applicant_iin=applicant, language="en",
                         services=[ServiceOrder(code=code, answers=form) for code, form in orders], submitted_on=on),
        id=application_workflow_id(application.id), task_queue=queue, result_type=ApplicationOutcome)
    return application.id, handle


def stored(settings: Settings, application_id: str, code: str) -> Any:
    with session_scope(get_engine(settings.database_url)) as session:
        request = repository.get_service_request(session, application_id, code)
        events = [e for e in repository.timeline(session, application_id) if e.service_code == code]
        return request, events


def standing(settings: Settings, iin: str) -> Any:
    with session_scope(get_engine(settings.database_url)) as session:
        return repository.standing_status(session, iin, job_seeker.UNEMPLOYED_STATUS, date.today())


def open_task_of(settings: Settings, application_id: str, kind: str) -> Any:
    return eventually(settings.database_url,
                      lambda s: [t for t in task_store.open_tasks_of(s, application_id) if t.kind == kind])


def officer_of(workflow_env: WorkflowEnvironment, settings: Settings, application_id: str,
               task: Any) -> tuple[SigningHandle, dict[str, Any]]:
    workflow_id = service_workflow_id(application_id, job_seeker.CODE)
    service = SigningHandle(workflow_env.client.get_workflow_handle(workflow_id), settings)
    return service, {"task_id": task.id, "officer": f"labour.{task.region}.officer", "roles": ["officer"],
                     "agency": "labour", "region": task.region}


async def test_an_employed_person_asking_to_be_unemployed_is_reviewed_and_refused_by_the_career_centre(
        workflow_env: WorkflowEnvironment, task_queue: str, worker_settings: Settings) -> None:
    iin = in_work()
    application_id, handle = await start(workflow_env, task_queue, worker_settings, iin,
                                         [(job_seeker.CODE, answers_of(job_seeker.SPEC))])
    # The rules exclude him: no refusal yet, a career-centre officer reviews the registries' facts.
    task = (await open_task_of(worker_settings, application_id, job_seeker.STATUS_REVIEW_KIND))[0]
    assert task.agency == "labour" and task.allowed_outcomes == ["approve", "refuse"]
    assert task.deadline == add_working_days(task.created_at.astimezone(KAZAKHSTAN_OFFSET).date(), 3)
    assert "unemployed_excluded_active_employment_contract" in [g["code"] for g in task.payload["grounds"]]
    assert task.payload["registries"]["contracts"]["employment_contracts"]
    request, _ = stored(worker_settings, application_id, job_seeker.CODE)
    assert request.status == "awaiting_officer" and standing(worker_settings, iin) is None

    service, who = officer_of(workflow_env, worker_settings, application_id, task)
    await service.execute_update("complete_task", CompleteTaskInput(
        **who, outcome="refuse", reasons=[OfficerReason(code="employed")]), result_type=TaskState)
    outcome: ApplicationOutcome = await handle.result()

    assert outcome.status == "completed"
    assert outcome.services[0].status == "decided" and outcome.services[0].granted == []
    request, events = stored(worker_settings, application_id, job_seeker.CODE)
    assert request.decision["outcome"] == "approved"  # registered as a job seeker all the same
    status = request.decision["unemployed_status"]
    assert status["outcome"] == "refused" and status["decided_by"] == who["officer"]
    assert status["decisive"][:1] == ["employed"]
    assert "unemployed_excluded_active_employment_contract" in status["decisive"]
    reason = next(r for r in status["reasons"] if r["code"] == "employed")
    assert set(reason["text"]) == {"kk", "ru", "en"}
    # The work history is the e-employment record's, with the contract in force first.
    history = request.decision["profile"]["work_history"]
    assert history and history[0]["end_date"] is None
    assert standing(worker_settings, iin) is None
    assert any(e.kind == "step.failed" and e.step == "check_unemployed_status" for e in events)
    # The plan follows the registration; the service waits for it, decided.
    assert (await open_task_of(worker_settings, application_id, job_seeker.PLAN_KIND))
    assert request.status == "decided" and request.decision["employment_plan"] == {"status": "pending"}


async def test_an_out_of_work_person_is_granted_the_standing_unemployed_status_then_given_a_plan(
        workflow_env: WorkflowEnvironment, task_queue: str, worker_settings: Settings) -> None:
    iin = out_of_work()
    application_id, handle = await start(workflow_env, task_queue, worker_settings, iin,
                                         [(job_seeker.CODE, answers_of(job_seeker.SPEC))])
    outcome: ApplicationOutcome = await handle.result()

    assert outcome.status == "completed"
    assert outcome.services[0].granted == [job_seeker.UNEMPLOYED_STATUS]
    request, _ = stored(worker_settings, application_id, job_seeker.CODE)
    assert request.decision["unemployed_status"]["outcome"] == "granted"
    assert all(job["end_date"] for job in request.decision["profile"]["work_history"])
    found = standing(worker_settings, iin)
    assert found is not None and found.application_id == application_id
    assert found.valid_until.isoformat() == request.decision["unemployed_status"]["valid_until"]

    task = (await open_task_of(worker_settings, application_id, job_seeker.PLAN_KIND))[0]
    assert task.allowed_outcomes == [job_seeker.PLAN_OUTCOME]
    assert request.status == "decided"  # the plan task leaves the registration standing
    service, who = officer_of(workflow_env, worker_settings, application_id, task)
    today = task.created_at.astimezone(KAZAKHSTAN_OFFSET).date()
    late = {"items": [{"action": "training", "due_on": (today - timedelta(days=1)).isoformat()}]}
    refused = None
    try:
        await service.execute_update("complete_task", CompleteTaskInput(**who, outcome="plan_set", result=late),
                                     result_type=TaskState)
    except WorkflowUpdateFailedError as error:
        refused = error.cause
    assert isinstance(refused, ApplicationError) and refused.type == "ResultInvalid"
    assert "result.items[0].due_on" in refused.message

    plan = {"items": [{"action": "consultation", "due_on": (today + timedelta(days=7)).isoformat()},
                      {"action": "vacancy_referral", "due_on": (today + timedelta(days=14)).isoformat(),
                       "detail": "Three developer vacancies in Astana"}], "note": "Bring your diploma."}
    await service.execute_update("complete_task", CompleteTaskInput(**who, outcome="plan_set", result=plan),
                                 result_type=TaskState)
    seeker = workflow_env.client.get_workflow_handle(service_workflow_id(application_id, job_seeker.CODE),
                                                     result_type=ServiceOutcome)
    assert (await seeker.result()).status == "completed"
    request, events = stored(worker_settings, application_id, job_seeker.CODE)
    assert request.status == "completed"
    set_plan = request.decision["employment_plan"]
    assert set_plan["status"] == "set" and set_plan["set_by"] == who["officer"] and set_plan["note"] == plan["note"]
    assert [i["action"] for i in set_plan["items"]] == ["consultation", "vacancy_referral"]
    assert set(set_plan["items"][1]["title"]) == {"kk", "ru", "en"}
    assert any(e.kind == "step.completed" and e.step == "employment_plan" for e in events)


async def test_a_registration_refused_as_a_whole_and_overturned_gets_its_plan_and_no_status_unasked(
        workflow_env: WorkflowEnvironment, task_queue: str, worker_settings: Settings) -> None:
    # Refused as a whole (the registry's birth date said too young), overturned by a supervisor: the appeal's
    # run registers the person, whose plan was never asked for, and who never asked to be unemployed.
    iin = out_of_work()
    form = answers_of(job_seeker.SPEC, request_unemployed_status=False)
    with session_scope(get_engine(worker_settings.database_url)) as session:
        application, _ = repository.create_application(
            session, owner=iin, idempotency_key=str(uuid.uuid4()), request_hash="h", applicant_iin=iin,
            submitted_via="portal", language="en", services=[(job_seeker.CODE, form, date.today())])
    appeal_id = str(uuid.uuid4())
    refused = {"outcome": "refused", "step": "check_registration", "decisive": ["job_seeker_age_below_minimum"],
               "reasons": [], "figures": {}, "decided_on": date.today().isoformat()}
    handle = await workflow_env.client.start_workflow(
        job_seeker.SPEC.workflow,
        ServiceInput(application_id=application.id, service_code=job_seeker.CODE, applicant_iin=iin, language="en",
                     answers=form, submitted_on=date.today(), overturned_by_appeal=appeal_id,
                     first_decision=refused),
        id=rerun_workflow_id(appeal_id, job_seeker.CODE), task_queue=task_queue, result_type=ServiceOutcome)

    task = (await open_task_of(worker_settings, application.id, job_seeker.PLAN_KIND))[0]
    request, _ = stored(worker_settings, application.id, job_seeker.CODE)
    assert request.status == "decided" and request.decision["overturned_by_appeal"] == appeal_id
    assert request.decision["employment_plan"] == {"status": "pending"}
    assert request.decision["unemployed_status"]["outcome"] == "not_requested"
    assert standing(worker_settings, iin) is None

    who = {"task_id": task.id, "officer": f"labour.{task.region}.officer", "roles": ["officer"],
           "agency": "labour", "region": task.region}
    due = (task.created_at.astimezone(KAZAKHSTAN_OFFSET).date() + timedelta(days=7)).isoformat()
    await SigningHandle(handle, worker_settings).execute_update("complete_task", CompleteTaskInput(
        **who, outcome=job_seeker.PLAN_OUTCOME, result={"items": [{"action": "consultation", "due_on": due}]}),
        result_type=TaskState)
    assert (await handle.result()).status == "completed"
    request, events = stored(worker_settings, application.id, job_seeker.CODE)
    assert request.status == "completed" and request.decision["employment_plan"]["status"] == "set"
    assert any(e.kind == "step.completed" and e.step == "employment_plan" and e.detail["appeal_id"] == appeal_id
               for e in events)


async def test_a_vacancy_with_discriminatory_wording_waits_for_a_moderator_then_is_published(
        workflow_env: WorkflowEnvironment, task_queue: str, worker_settings: Settings) -> None:
    form = answers_of(vacancy.SPEC, description="Only men under 35 need apply.")
    _, business = employer("astana")
    application_id, handle = await start(workflow_env, task_queue, worker_settings, business,
                                         [(vacancy.CODE, form)])
    task = (await eventually(worker_settings.database_url,
                             lambda s: task_store.open_tasks_of(s, application_id)))[0]
    assert task.kind == vacancy.MODERATION_KIND and task.agency == "labour" and task.region == "astana"
    assert task.payload["flagged"] == {"age": ["under 35"], "sex": ["men"]}

    service = SigningHandle(workflow_env.client.get_workflow_handle(service_workflow_id(application_id, vacancy.CODE)),
                            worker_settings)
    who = {"task_id": task.id, "officer": "labour.astana.officer", "roles": ["officer"], "agency": "labour",
           "region": "astana"}
    await service.execute_update("claim_task", ClaimTaskInput(**who), result_type=TaskState)
    await service.execute_update("complete_task", CompleteTaskInput(
        **who, outcome="approve", reasons=[OfficerReason(code="wording_acceptable")]), result_type=TaskState)
    outcome: ApplicationOutcome = await handle.result()

    assert outcome.status == "completed"
    request, _ = stored(worker_settings, application_id, vacancy.CODE)
    published = request.decision["vacancy"]
    assert published["vacancy_id"] == application_id and published["employer_id"] == business
    assert published["employer_name"]["en"].endswith("LLP")
    assert request.decision["decided_by"] == "labour.astana.officer"
    # Published as a row that search and matching read, once the moderator approved.
    with read_scope(get_engine(worker_settings.database_url)) as session:
        row = vacancy_rows.vacancies_by_id(session.connection(), [application_id])[application_id]
    assert row["employer_id"] == business and row["description"] == "Only men under 35 need apply."


async def test_a_clean_vacancy_is_published_without_a_person(
        workflow_env: WorkflowEnvironment, task_queue: str, worker_settings: Settings) -> None:
    application_id, handle = await start(workflow_env, task_queue, worker_settings, employer()[1],
                                         [(vacancy.CODE, answers_of(vacancy.SPEC))])
    assert (await handle.result()).status == "completed"
    request, events = stored(worker_settings, application_id, vacancy.CODE)
    assert request.decision["vacancy"]["salary_min"] == "450000"
    assert {e.step for e in events if e.kind == "step.completed"} >= {"check_business", "check_vacancy", "publish"}


async def test_the_benefit_waits_for_the_status_then_pays_each_month_once(
        workflow_env: WorkflowEnvironment, task_queue: str, worker_settings: Settings) -> None:
    # Applied seven months ago: every month's payment day has passed, so the loop (workflows/payments.py, whose
    # timers TSA's tests prove) pays them all now, on either server.
    on = date.today() - timedelta(days=215)
    iin = out_of_work()
    orders = [(unemployment_benefit.CODE, answers_of(unemployment_benefit.SPEC)),
              (job_seeker.CODE, answers_of(job_seeker.SPEC))]
    application_id, handle = await start(workflow_env, task_queue, worker_settings, iin, orders, on)
    outcome: ApplicationOutcome = await handle.result()
    assert outcome.status == "completed"
    assert {s.service_code: s.status for s in outcome.services} == {
        job_seeker.CODE: "decided", unemployment_benefit.CODE: "decided"}  # the job seeker's plan is still to come
    benefit = workflow_env.client.get_workflow_handle(service_workflow_id(application_id, unemployment_benefit.CODE),
                                                      result_type=ServiceOutcome)
    assert (await benefit.result()).status == "completed"

    request, events = stored(worker_settings, application_id, unemployment_benefit.CODE)
    # Named first, started once the status was granted: the server's clock on both timelines says so (the
    # registration no longer completes there, its employment plan to come).
    _, seeker_events = stored(worker_settings, application_id, job_seeker.CODE)
    registered_at = next(e.at for e in seeker_events if e.kind == "decision")
    assert min(e.at for e in events) >= registered_at
    decision = request.decision
    assert Decimal(decision["amount"]) > 0 and 1 <= decision["duration_months"] <= 6
    figures = decision["figures"]
    expected = (Decimal(str(figures["income_used"])) * Decimal(str(figures["replacement_coefficient"]))
                * Decimal(str(figures["participation_coefficient"])))
    # The figures are JSON numbers (floats): the product agrees with the amount to the tenge.
    assert abs(Decimal(decision["amount"]) - expected) <= 1
    payments = [e for e in events if e.kind == "payment"]
    assert len(payments) == decision["duration_months"]
    assert {p.detail["amount"] for p in payments} == {decision["amount"]}
    keys = [p.detail["idempotency_key"] for p in payments]
    assert len(set(keys)) == len(keys) and all(k.startswith(f"unemployment_benefit/{application_id}/") for k in keys)
    assert request.status == "completed"


async def test_payments_stop_when_the_events_poller_tells_of_a_new_contract(
        worker_settings: Settings, registries: Stack) -> None:
    env = await start_time_skipping()  # a clock of its own: the first payment day waits on its timer
    try:
        on = (await env.get_current_time()).date()
        iin = out_of_work()
        with session_scope(get_engine(worker_settings.database_url)) as session:
            application, _ = repository.create_application(
                session, owner=iin, idempotency_key=str(uuid.uuid4()), request_hash="h", applicant_iin=iin,
                submitted_via="portal", language="en",
                services=[(unemployment_benefit.CODE, answers_of(unemployment_benefit.SPEC), on)])
            application_id = application.id
            repository.grant_standing_status(session, iin=iin, status=job_seeker.UNEMPLOYED_STATUS,
                                             service_code=job_seeker.CODE, application_id=application_id,
                                             valid_from=on, valid_until=None)
        queue = f"test-{uuid.uuid4()}"
        async with build_worker(env.client, worker_settings, task_queue=queue) as worker, worker:
            handle = await env.client.start_workflow(
                unemployment_benefit.SPEC.workflow,
                ServiceInput(application_id=application_id, service_code=unemployment_benefit.CODE,
                             applicant_iin=iin, language="en", answers=answers_of(unemployment_benefit.SPEC),
                             submitted_on=on),
                id=service_workflow_id(application_id, unemployment_benefit.CODE), task_queue=queue,
                result_type=ServiceOutcome)
            decided = await eventually(worker_settings.database_url, lambda s: (r := repository.get_service_request(
                s, application_id, unemployment_benefit.CODE)) and r.status == "decided" and r)
            assert decided.decision["duration_months"] >= 1

            # The person signs a contract before the first payment day; the poller tells the benefit.
            cursor = await feed_end(worker_settings)
            httpx.post(f"{registries.registries_url}/_admin/events", headers=registries.admin_headers, json={
                "kind": "contract_started", "iin": iin, "employer_bin": "090440003173", "position": "Storekeeper",
                "start_date": on.isoformat(), "monthly_wage": 180_000}).raise_for_status()
            state: PollerState = await env.client.execute_workflow(
                EVENTS_POLLER_WORKFLOW, PollerInput(cursor=cursor, interval_seconds=1, stop_after_empty_pages=1),
                id=f"poller-{uuid.uuid4()}", task_queue=queue, result_type=PollerState)
            assert state.signals_sent >= 1
            assert (await handle.result()).status == "completed"
    finally:
        await env.shutdown()

    request, events = stored(worker_settings, application_id, unemployment_benefit.CODE)
    assert request.status == "completed"
    assert not [e for e in events if e.kind == "payment"]
    stopped = [e for e in events if e.kind == "payments.stopped"]
    assert len(stopped) == 1 and stopped[0].detail["event"]["on"] == on.isoformat()
    assert set(stopped[0].title) == {"kk", "ru", "en"}
