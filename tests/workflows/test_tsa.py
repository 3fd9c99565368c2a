"""Targeted social assistance on the time-skipping server: the demo families of the mock registries.

The Utemisovs (Kentau, Turkistan region: two low wages, three children) qualify, conditionally, so
the district commission visits; Serik Utemisov, the adult member besides the applicant, consents on
his own account. The Bekturovs (Astana: two high wages, two homes, two cars) are refused with the
reasons and what would change them. Every month of the period is paid once, on its timer.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, date, timedelta
from typing import Any

import pytest
from temporalio.api.enums.v1 import EventType
from temporalio.client import WorkflowUpdateFailedError
from temporalio.exceptions import ApplicationError
from temporalio.testing import WorkflowEnvironment

from onestop.settings import Settings
from onestop.worker import build_worker
from services.tsa import CODE, SPEC
from store import repository
from store import tasks as task_store
from store.engine import get_engine, read_scope, session_scope
from store.workbench import Task
from tests.support.api import until
from tests.support.signing import SigningHandle
from tests.support.workflows import eventually, start_time_skipping
from workflows.appeal import rerun_workflow_id
from workflows.human_tasks import CitizenAnswerInput, CompleteTaskInput, OfficerReason, TaskState
from workflows.inputs import ServiceInput, ServiceOutcome, service_workflow_id
from workflows.payments import MonthPaid, due_at
from workflows.registry_events import RegistryEvent

ZHANAR, SERIK = "880412400711", "850930300439"  # the Utemisovs: applicant and husband
ASKAR, DINARA = "790314300515", "821002400665"  # the Bekturovs
IBAN = "KZ456010000000000001"
COMMISSION_OFFICER = "social.turkistan.officer"
PAYMENT_DAY = 1  # policies/parameters/tsa/service/payment_day.yaml


@pytest.fixture
async def skipping_env() -> AsyncIterator[WorkflowEnvironment]:
    """A time-skipping server of the test's own: its clock starts today, whatever the other tests' timers did."""
    env = await start_time_skipping()
    yield env
    await env.shutdown()


@pytest.fixture
async def tsa_queue(skipping_env: WorkflowEnvironment, worker_settings: Settings) -> AsyncIterator[str]:
    queue = f"tsa-{uuid.uuid4()}"
    async with build_worker(skipping_env.client, worker_settings, task_queue=queue) as worker:
        async with worker:
            yield queue


async def start(env: WorkflowEnvironment, queue: str, settings: Settings, iin: str, on: date,
                answers: dict[str, Any] | None = None,
                raw_answers: dict[str, Any] | None = None) -> tuple[str, SigningHandle]:
    form = raw_answers or SPEC.form.model_validate(answers or {"iban": IBAN}).model_dump(mode="json")
    with session_scope(get_engine(settings.database_url)) as session:
        application, _ = repository.create_application(
            session, owner=iin, idempotency_key=str(uuid.uuid4()), request_hash="h", applicant_iin=iin,
            submitted_via="portal", language="en", services=[(CODE, form, on)])
        application_id = application.id
    handle = await env.client.start_workflow(
        SPEC.workflow, ServiceInput(application_id=application_id, service_code=CODE, applicant_iin=iin,
                                    language="en", answers=form, submitted_on=on),
        id=service_workflow_id(application_id, CODE), task_queue=queue, result_type=ServiceOutcome)
    return application_id, SigningHandle(handle, settings)  # the members' and officers' answers, signed


async def open_task(settings: Settings, application_id: str, kind: str) -> Task:
    found = await eventually(settings.database_url, lambda s: [t for t in task_store.open_tasks_of(s, application_id)
                                                               if t.kind == kind])
    return found[0]


async def consent(handle: SigningHandle, settings: Settings, application_id: str, outcome: str = "agree") -> Task:
    task = await open_task(settings, application_id, "tsa.consent")
    await handle.execute_update("answer_citizen_task", CitizenAnswerInput(
        task_id=task.id, iin=SERIK, outcome=outcome), result_type=TaskState)
    return task


async def commission(handle: SigningHandle, settings: Settings, application_id: str) -> Task:
    task = await open_task(settings, application_id, "tsa.commission")
    await handle.execute_update("complete_task", CompleteTaskInput(
        task_id=task.id, officer=COMMISSION_OFFICER, roles=["officer"], agency=task.agency, region=task.region,
        outcome="approve", reasons=[OfficerReason(code="composition_confirmed")]), result_type=TaskState)
    return task


async def a_quarter_ahead(env: WorkflowEnvironment) -> date:
    """The 11th of the next quarter's first month: its every payment day is ahead of the server's clock, and
    its incomes are those of this quarter (the registries answer for no later one)."""
    now = (await env.get_current_time()).date()
    start = date(now.year, 3 * ((now.month - 1) // 3) + 1, 1)
    return (start + timedelta(days=100)).replace(day=11)


def month_codes(first: date) -> list[str]:
    return [f"{first.year}-{first.month + i:02d}" for i in range(3)]


async def decided_a_quarter_ahead(env: WorkflowEnvironment, queue: str,
                                  settings: Settings) -> tuple[date, list[str], str, SigningHandle]:
    """The Utemisovs' application for the next quarter, consented and approved: decided, every month still to pay."""
    on = await a_quarter_ahead(env)
    application_id, handle = await start(env, queue, settings, ZHANAR, on)
    await consent(handle, settings, application_id)
    await commission(handle, settings, application_id)
    await eventually(settings.database_url,
                     lambda s: (r := repository.get_service_request(s, application_id, CODE)) and r.status == "decided")
    return on, month_codes(on), application_id, handle


def stored(settings: Settings, application_id: str) -> tuple[Any, list[Any]]:
    with read_scope(get_engine(settings.database_url)) as session:
        service = repository.get_service_request(session, application_id, CODE)
        events = [e for e in repository.timeline(session, application_id) if e.service_code == CODE]
    return service, events


async def test_the_utemisovs_are_granted_and_paid_each_month_on_its_day(
        skipping_env: WorkflowEnvironment, tsa_queue: str, worker_settings: Settings) -> None:
    # Every month's payment day is ahead, so each waits on its timer.
    on = await a_quarter_ahead(skipping_env)
    months = month_codes(on)
    application_id, handle = await start(skipping_env, tsa_queue, worker_settings, ZHANAR, on)
    task = await consent(handle, worker_settings, application_id)
    assert task.addressee_iin == SERIK
    review = await commission(handle, worker_settings, application_id)
    assert review.agency == "social" and review.region == "turkistan"
    assert {g["code"] for g in review.payload["grounds"]} >= {"conditional_assignment"}

    decided = await eventually(worker_settings.database_url,
                               lambda s: (r := repository.get_service_request(s, application_id, CODE))
                               and r.status == "decided" and r)
    assert decided.decision["result"] == "eligible_conditional"
    assert decided.decision["months"] == months
    assert decided.decision["decided_by"] == COMMISSION_OFFICER
    assert {i["source"] for i in decided.decision["incomes"]} <= {"pensions", "social_payments"}

    outcome = await handle.result()
    assert outcome.status == "completed"
    paid = await handle.query("payments", result_type=list[MonthPaid])
    main = [p for p in paid if p.part == "main"]
    assert [p.month for p in main] == months
    assert {p.amount for p in main} == {decided.decision["monthly_amount"]}
    assert [p.idempotency_key for p in main] == [f"tsa/{application_id}/{m}" for m in months]
    assert all(p.payment_id for p in paid)
    child = [p for p in paid if p.part == "child"]
    assert [p.idempotency_key for p in child] == [f"tsa/{application_id}/{m}/child" for m in months]

    service, events = stored(worker_settings, application_id)
    assert service.status == "completed" and service.decision["result"] == "eligible_conditional"
    payments = [e for e in events if e.kind == "payment"]
    assert [e.detail["month"] for e in payments if e.detail["part"] == "main"] == months
    # Each month is paid on its payment day, not before: the timers ran.
    for event in payments:
        at = event.at if event.at.tzinfo else event.at.replace(tzinfo=UTC)
        assert at >= due_at(date.fromisoformat(event.detail["month"] + "-01"), PAYMENT_DAY)
    # The period over, the family is invited to apply again, with the form filled in from this application.
    kinds = [e.kind for e in events]
    assert kinds.count("tsa.reapply") == 1 and kinds.index("tsa.reapply") > kinds.index("payments.finished")
    invitation = events[kinds.index("tsa.reapply")]
    assert invitation.detail["url"] == f"/apply/{CODE}?from={application_id}"
    assert invitation.detail["period_end"] == months[-1] and set(invitation.title) == {"kk", "ru", "en"}


async def test_a_child_s_age_is_taken_on_the_first_day_of_each_month_paid(
        skipping_env: WorkflowEnvironment, tsa_queue: str, worker_settings: Settings) -> None:
    # Alibek Utemisov turns 7 on 5 November 2026: the child package counts him in October and
    # November (6 on the 1st), not in December.
    application_id, handle = await start(skipping_env, tsa_queue, worker_settings, ZHANAR, date(2026, 10, 5))
    await consent(handle, worker_settings, application_id)
    await commission(handle, worker_settings, application_id)
    assert (await handle.result()).status == "completed"
    paid = await handle.query("payments", result_type=list[MonthPaid])
    child = {p.month: p.amount for p in paid if p.part == "child"}
    assert child["2026-10"] == child["2026-11"] > child["2026-12"] > 0


async def test_the_bekturovs_are_refused_with_the_reasons_and_what_would_change_it(
        skipping_env: WorkflowEnvironment, tsa_queue: str, worker_settings: Settings) -> None:
    application_id, handle = await start(skipping_env, tsa_queue, worker_settings, ASKAR, date(2026, 11, 20))
    task = await open_task(worker_settings, application_id, "tsa.consent")
    assert task.addressee_iin == DINARA
    # A consent sent straight to Temporal, not signed by the portal, is refused by the validator.
    forged = CitizenAnswerInput(task_id=task.id, iin=DINARA, outcome="agree")
    with pytest.raises(WorkflowUpdateFailedError) as refused:
        await handle.unsigned.execute_update("answer_citizen_task", forged, result_type=TaskState)
    assert isinstance(refused.value.cause, ApplicationError) and refused.value.cause.type == "ActionNotSigned"
    await handle.execute_update("answer_citizen_task", forged, result_type=TaskState)
    outcome = await handle.result()
    assert outcome.status == "refused"
    assert {"tsa_income_not_below_line", "tsa_property_car"} <= set(outcome.reason_codes)
    service, events = stored(worker_settings, application_id)
    decision = service.decision
    assert decision["step"] == "check_eligibility"
    reasons = {r["code"]: r for r in decision["reasons"]}
    for code in ("tsa_income_not_below_line", "tsa_property_car"):
        assert set(reasons[code]["text"]) == {"kk", "ru", "en"} and reasons[code]["reference"]
    changes = {c["code"] for c in decision["figures"]["what_would_change"]}
    assert {"tsa_change_income", "tsa_change_car"} <= changes
    assert not [e for e in events if e.kind == "payment"]


async def test_a_member_who_refuses_consent_ends_the_application_naming_them(
        skipping_env: WorkflowEnvironment, tsa_queue: str, worker_settings: Settings) -> None:
    application_id, handle = await start(skipping_env, tsa_queue, worker_settings, ZHANAR, date(2026, 11, 20))
    await consent(handle, worker_settings, application_id, outcome="refuse")
    outcome = await handle.result()
    assert outcome.status == "refused" and outcome.reason_codes == ["tsa_consent_refused"]
    service, _ = stored(worker_settings, application_id)
    reason = service.decision["reasons"][0]
    assert reason["params"]["iin"] == SERIK
    assert all("Serik Utemisov" in reason["text"][lang] for lang in ("kk", "ru", "en"))


async def test_consent_not_given_by_its_deadline_refuses(
        skipping_env: WorkflowEnvironment, tsa_queue: str, worker_settings: Settings) -> None:
    application_id, handle = await start(skipping_env, tsa_queue, worker_settings, ZHANAR, date(2026, 11, 20))
    await open_task(worker_settings, application_id, "tsa.consent")
    outcome = await handle.result()  # the server skips to the deadline
    assert outcome.status == "refused" and outcome.reason_codes == ["tsa_consent_expired"]
    service, _ = stored(worker_settings, application_id)
    assert "Serik Utemisov" in service.decision["reasons"][0]["text"]["en"]


async def test_a_withdrawal_stops_the_months_not_yet_paid(
        skipping_env: WorkflowEnvironment, tsa_queue: str, worker_settings: Settings) -> None:
    on, months, application_id, handle = await decided_a_quarter_ahead(skipping_env, tsa_queue, worker_settings)
    # Past the payment day of the second month: two months are paid, the third not yet.
    now = await skipping_env.get_current_time()
    await skipping_env.sleep(date.fromisoformat(months[1] + "-10") - now.date())
    await until(lambda: handle.query("payments", result_type=list[MonthPaid]),
                lambda paid: len([p for p in paid if p.part == "main"]) == 2)
    await handle.signal("withdraw")
    outcome = await handle.result()
    assert outcome.status == "withdrawn"
    paid = await handle.query("payments", result_type=list[MonthPaid])
    assert [p.month for p in paid if p.part == "main"] == months[:2]
    service, events = stored(worker_settings, application_id)
    assert service.status == "withdrawn"
    assert not [e for e in events if e.kind == "payment" and e.detail["month"] == months[2]]
    assert not [e for e in events if e.kind == "tsa.reapply"]  # withdrawn: not invited


async def test_a_second_run_of_the_same_application_pays_nothing_twice(
        skipping_env: WorkflowEnvironment, tsa_queue: str, worker_settings: Settings) -> None:
    # Run again (as after an appeal) with the same application: every month's key is the same, so the
    # gateway answers each with the payment it already made.
    application_id, handle = await start(skipping_env, tsa_queue, worker_settings, ZHANAR, date(2026, 10, 5))
    await consent(handle, worker_settings, application_id)
    await commission(handle, worker_settings, application_id)
    assert (await handle.result()).status == "completed"
    first = await handle.query("payments", result_type=list[MonthPaid])

    appeal_id = str(uuid.uuid4())
    form = SPEC.form.model_validate({"iban": IBAN}).model_dump(mode="json")
    again = await skipping_env.client.start_workflow(
        SPEC.workflow, ServiceInput(application_id=application_id, service_code=CODE, applicant_iin=ZHANAR,
                                    language="en", answers=form, submitted_on=date(2026, 10, 5),
                                    overturned_by_appeal=appeal_id),
        id=rerun_workflow_id(appeal_id, CODE), task_queue=tsa_queue, result_type=ServiceOutcome)
    assert (await again.result()).status == "completed"
    second = await again.query("payments", result_type=list[MonthPaid])
    assert len(first) == 6
    assert [(p.idempotency_key, p.payment_id) for p in second] == [(p.idempotency_key, p.payment_id) for p in first]


async def test_a_payment_the_gateway_refuses_is_delayed_and_settled_by_the_payments_queue(
        skipping_env: WorkflowEnvironment, tsa_queue: str, worker_settings: Settings) -> None:
    # An account the gateway refuses (the form would not take it; an account from the registry could be one).
    application_id, handle = await start(skipping_env, tsa_queue, worker_settings, ZHANAR, date(2026, 12, 2),
                                         raw_answers={"iban": "KZ000000000000000000"})
    await consent(handle, worker_settings, application_id)
    await commission(handle, worker_settings, application_id)
    # The month's assistance and its child package: each a payment, each refused, each a task.
    tasks = await eventually(worker_settings.database_url, lambda s: [
        t for t in task_store.open_tasks_of(s, application_id) if t.kind == "tsa.payment-delayed"][1:] and [
        t for t in task_store.open_tasks_of(s, application_id) if t.kind == "tsa.payment-delayed"])
    assert {t.payload["payment"]["part"] for t in tasks} == {"main", "child"}
    for task in tasks:
        assert task.agency == "social" and task.payload["payment"]["delayed_because"] == "invalid_iban"
        await handle.execute_update("complete_task", CompleteTaskInput(
            task_id=task.id, officer=COMMISSION_OFFICER, roles=["officer"], agency=task.agency, region=task.region,
            outcome="paid_otherwise", reasons=[OfficerReason(code="paid_in_cash")]), result_type=TaskState)
    assert (await handle.result()).status == "completed"
    paid = await handle.query("payments", result_type=list[MonthPaid])
    assert len(paid) == 2 and all(p.delayed_because == "invalid_iban" and p.payment_id is None for p in paid)
    service, events = stored(worker_settings, application_id)
    assert service.status == "completed"
    kinds = [e.kind for e in events]
    assert "payment.delayed" in kinds and "payment.settled" in kinds and "payment" not in kinds


async def test_a_member_s_death_recomputes_the_assistance_from_the_next_month(
        skipping_env: WorkflowEnvironment, tsa_queue: str, worker_settings: Settings) -> None:
    on, months, application_id, handle = await decided_a_quarter_ahead(skipping_env, tsa_queue, worker_settings)
    # The registries report, in the first month, the death of a member (Aruzhan, the eldest child).
    await handle.signal("registry_event", RegistryEvent(event_id="ev-1", kind="death", iin="150220600194",
                                                        on=on.replace(day=20)))
    await handle.signal("registry_event", RegistryEvent(event_id="ev-1", kind="death", iin="150220600194",
                                                        on=on.replace(day=20)))  # a repeat is taken once
    assert (await handle.result()).status == "completed"
    paid = await handle.query("payments", result_type=list[MonthPaid])
    main = {p.month: p.amount for p in paid if p.part == "main"}
    assert list(main) == months
    assert main[months[1]] == main[months[2]] != main[months[0]]
    _, events = stored(worker_settings, application_id)
    recalculated = [e for e in events if e.kind == "tsa.recalculated"]
    assert len(recalculated) == 1 and recalculated[0].detail["from_month"] == months[1]
    assert "Aruzhan Utemisova" in recalculated[0].title["en"] and str(main[months[1]]) in recalculated[0].title["en"]


async def test_the_applicant_s_death_stops_the_payments(
        skipping_env: WorkflowEnvironment, tsa_queue: str, worker_settings: Settings) -> None:
    on, months, application_id, handle = await decided_a_quarter_ahead(skipping_env, tsa_queue, worker_settings)
    await handle.signal("registry_event", RegistryEvent(event_id="ev-2", kind="death", iin=ZHANAR,
                                                        on=on.replace(day=20)))
    assert (await handle.result()).status == "completed"
    paid = await handle.query("payments", result_type=list[MonthPaid])
    assert {p.month for p in paid} == {months[0]}
    _, events = stored(worker_settings, application_id)
    assert [e.kind for e in events if e.kind == "tsa.stopped"] == ["tsa.stopped"]
    assert not [e for e in events if e.kind == "tsa.reapply"]  # stopped: nobody is invited


async def runs_of(env: WorkflowEnvironment, workflow_id: str, first_run_id: str) -> list[str]:
    """The run ids of the workflow, first to last, following each continue-as-new in the histories."""
    runs = [first_run_id]
    while True:
        history = await env.client.get_workflow_handle(workflow_id, run_id=runs[-1]).fetch_history()
        last = history.events[-1]
        if last.event_type != EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW:
            return runs
        runs.append(last.workflow_execution_continued_as_new_event_attributes.new_execution_run_id)


async def test_each_month_is_a_run_of_its_own_and_a_change_in_month_two_carries_over(
        skipping_env: WorkflowEnvironment, tsa_queue: str, worker_settings: Settings) -> None:
    on, months, application_id, handle = await decided_a_quarter_ahead(skipping_env, tsa_queue, worker_settings)
    # Reported now, dated in the second month: taken from the third, two continues-as-new later.
    second = date.fromisoformat(months[1] + "-20")
    death = RegistryEvent(event_id="ev-3", kind="death", iin="150220600194", on=second)
    await handle.signal("registry_event", death)
    await handle.signal("registry_event", death)  # a repeat is taken once
    assert (await handle.result()).status == "completed"  # follows the runs to the last

    first_run = handle.first_execution_run_id
    assert first_run is not None
    runs = await runs_of(skipping_env, service_workflow_id(application_id, CODE), first_run)
    assert len(runs) == 3 and len(set(runs)) == 3  # the month of the decision, then one run a month
    # What the last run carried: every month paid once, the change applied from the third month.
    paid = await handle.query("payments", result_type=list[MonthPaid])
    main = {p.month: p.amount for p in paid if p.part == "main"}
    assert list(main) == months and len([p for p in paid if p.part == "main"]) == 3
    assert main[months[0]] == main[months[1]] != main[months[2]]
    service, events = stored(worker_settings, application_id)
    assert service.status == "completed"
    recalculated = [e for e in events if e.kind == "tsa.recalculated"]
    assert len(recalculated) == 1 and recalculated[0].detail["from_month"] == months[2]
    assert [e.detail["month"] for e in events if e.kind == "payment" and e.detail["part"] == "main"] == months
    assert [e.kind for e in events].count("payments.finished") == 1


async def test_a_refusal_overturned_on_appeal_is_assigned_what_the_rules_give_without_the_refusing_checks(
        skipping_env: WorkflowEnvironment, tsa_queue: str, worker_settings: Settings) -> None:
    # The Bekturovs are refused on their car (and their income); the appeal overturns it. The rerun used to
    # record "approved" with no period and no month to pay; it assigns the period, and what the rules give.
    on = date(2026, 11, 20)
    application_id, handle = await start(skipping_env, tsa_queue, worker_settings, ASKAR, on)
    task = await open_task(worker_settings, application_id, "tsa.consent")
    await handle.execute_update("answer_citizen_task", CitizenAnswerInput(task_id=task.id, iin=DINARA, outcome="agree"),
                                result_type=TaskState)
    refused = await handle.result()
    assert refused.status == "refused" and "tsa_property_car" in refused.reason_codes

    appeal_id = str(uuid.uuid4())
    form = SPEC.form.model_validate({"iban": IBAN}).model_dump(mode="json")
    again = await skipping_env.client.start_workflow(
        SPEC.workflow, ServiceInput(application_id=application_id, service_code=CODE, applicant_iin=ASKAR,
                                    language="en", answers=form, submitted_on=on, overturned_by_appeal=appeal_id),
        id=rerun_workflow_id(appeal_id, CODE), task_queue=tsa_queue, result_type=ServiceOutcome)
    assert (await again.result()).status == "completed"
    service, _ = stored(worker_settings, application_id)
    decision = service.decision
    assert decision["outcome"] == "approved" and decision["overturned_by_appeal"] == appeal_id
    assert decision["result"] in ("eligible_conditional", "eligible_unconditional")
    assert decision["months"] == ["2026-11", "2026-12"] and decision["period_from"] == "2026-11-01"
    assert decision["monthly_amount"] >= 0
    waived = {r["code"]: r for r in decision["reasons"]}
    assert set(refused.reason_codes) <= set(waived)  # told, as passed by the appeal's decision
