"""Registration as self-employed, end to end inside Temporal: registries, policies, certificate."""

from __future__ import annotations

import asyncio
import uuid
from datetime import date

import pytest
from temporalio.client import WorkflowHandle
from temporalio.testing import WorkflowEnvironment

from documents.signer import DocumentSigner, verify_with_jwks
from onestop.settings import Settings
from store import repository
from store.engine import get_engine, session_scope
from tests.support.citizens import next_citizen
from tests.support.stack import Stack
from workflows.inputs import (
    APPLICATION_WORKFLOW,
    ApplicationInput,
    ApplicationOutcome,
    ServiceOrder,
    application_workflow_id,
)

CODE = "self-employed-registration"
TODAY = date(2026, 11, 20)


def answers(**overrides: object) -> dict:
    base: dict[str, object] = {"activity_code": "tutoring", "regime": "self-employed",
                               "expected_monthly_income": "250000.00",
            "phone": "+77011112233", "language": "ru", "activity_address": None, "email": None}
    base.update(overrides)
    return base


def store_application(settings: Settings, iin: str, form: dict) -> str:
    with session_scope(get_engine(settings.database_url)) as session:
        application, _ = repository.create_application(
            session, owner=iin, idempotency_key=str(uuid.uuid4()), request_hash="h", applicant_iin=iin,
            submitted_via="portal", language="ru", services=[(CODE, form, TODAY)])
        return application.id


async def start(env: WorkflowEnvironment, queue: str, settings: Settings, iin: str,
                form: dict | None = None) -> tuple[str, WorkflowHandle]:
    form = form or answers()
    application_id = store_application(settings, iin, form)
    handle = await env.client.start_workflow(
        APPLICATION_WORKFLOW,
        ApplicationInput(application_id=application_id, applicant_iin=iin, language="ru",
                         services=[ServiceOrder(code=CODE, answers=form)], submitted_on=TODAY),
        id=application_workflow_id(application_id), task_queue=queue, result_type=ApplicationOutcome)
    return application_id, handle


async def test_happy_path_registers_once_and_issues_a_verifiable_certificate(
        workflow_env: WorkflowEnvironment, task_queue: str, worker_settings: Settings, registries: Stack) -> None:
    iin = next_citizen()
    application_id, handle = await start(workflow_env, task_queue, worker_settings, iin)
    outcome: ApplicationOutcome = await handle.result()

    assert outcome.status == "completed"
    assert outcome.services[0].status == "completed"
    assert iin not in handle.id
    assert len(registries.tax_registrations(iin)) == 1

    with session_scope(get_engine(worker_settings.database_url)) as session:
        application = repository.get_application(session, application_id)
        request = repository.service_requests(session, application_id)[0]
        events = repository.timeline(session, application_id)
        documents = repository.documents_of(session, application_id)
    assert application is not None and application.status == "completed"
    assert request.status == "completed" and request.decision is not None
    assert request.decision["outcome"] == "approved"
    assert request.decision["figures"]["social_payments"]["total"] == "10000"
    completed = {e.step for e in events if e.kind == "step.completed"}
    assert {"verify_identity", "check_business_status", "check_eligibility", "register_taxpayer",
            "notify_business_registry", "compute_social_payments", "notify_applicant"} <= completed
    assert all(set(e.title) == {"kk", "ru", "en"} for e in events)
    assert len(documents) == 1
    signer = DocumentSigner(worker_settings.keys_dir)
    claims = verify_with_jwks(documents[0].jws, signer.jwks())
    assert claims["application_id"] == application_id
    assert claims["regime"] == "self-employed"
    messages = registries.outbox("+77011112233")
    assert any(application_id[:8] in m["body"] for m in messages)


@pytest.mark.parametrize(("iin", "reason"), [
    ("100505500009", "minor"),
    ("900101400013", "already_entrepreneur"),
    ("600303300002", "deceased"),
])
async def test_refusals_reach_the_applicant_with_a_reason(
        workflow_env: WorkflowEnvironment, task_queue: str, worker_settings: Settings, registries: Stack,
        iin: str, reason: str) -> None:
    application_id, handle = await start(workflow_env, task_queue, worker_settings, iin)
    outcome: ApplicationOutcome = await handle.result()
    assert outcome.status == "refused"
    assert reason in outcome.services[0].reason_codes
    with session_scope(get_engine(worker_settings.database_url)) as session:
        request = repository.service_requests(session, application_id)[0]
    assert request.status == "refused" and request.decision is not None
    texts = request.decision["reasons"][0]["text"]
    assert set(texts) == {"kk", "ru", "en"} and all(texts.values())
    assert registries.tax_registrations(iin) == [] or reason == "already_entrepreneur"


async def test_income_over_the_ceiling_is_refused_with_the_figures(
        workflow_env: WorkflowEnvironment, task_queue: str, worker_settings: Settings) -> None:
    iin = next_citizen()
    form = answers(expected_monthly_income="5000000.00")
    application_id, handle = await start(workflow_env, task_queue, worker_settings, iin, form)
    outcome = await handle.result()
    assert outcome.services[0].reason_codes == ["income_above_ceiling"]
    with session_scope(get_engine(worker_settings.database_url)) as session:
        decision = repository.service_requests(session, application_id)[0].decision
    assert decision is not None and decision["figures"]  # the ceiling and the MCI it was computed from


async def test_registry_outage_delays_and_never_loses_the_application(
        workflow_env: WorkflowEnvironment, task_queue: str, worker_settings: Settings, registries: Stack) -> None:
    iin = next_citizen()
    registries.knobs("tax", outage=True)
    try:
        application_id, handle = await start(workflow_env, task_queue, worker_settings, iin)
        await asyncio.sleep(2)
        description = await handle.describe()
        assert description.status is not None and description.status.name == "RUNNING"
    finally:
        registries.knobs("tax", outage=False)
    outcome = await handle.result()
    assert outcome.status == "completed"
    assert len(registries.tax_registrations(iin)) == 1
