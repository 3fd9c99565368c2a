"""The appeal-rerun contract (workflows/service.py), once for every service in the catalogue.

Run again with `overturned_by_appeal`, a service goes on from its decision step to its end: it is
granted, its decision names the appeal, and its timeline events are new ones that carry the appeal.
"""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from temporalio.testing import WorkflowEnvironment

from onestop.settings import Settings
from services.catalogue import CATALOGUE
from services.spec import ServiceSpec
from store import repository
from store.engine import get_engine, read_scope, session_scope
from tests.support.citizens import next_citizen
from workflows.appeal import rerun_workflow_id
from workflows.inputs import ServiceInput, ServiceOutcome

TODAY = date(2026, 11, 20)


@pytest.mark.parametrize("spec", list(CATALOGUE.values()), ids=list(CATALOGUE))
async def test_a_service_run_again_after_an_appeal_goes_on_to_its_end(
        spec: ServiceSpec, workflow_env: WorkflowEnvironment, task_queue: str, worker_settings: Settings) -> None:
    iin = next_citizen()
    answers = spec.form.model_validate(dict(spec.example_answers), context={"on": TODAY}).model_dump(mode="json")
    engine = get_engine(worker_settings.database_url)
    with session_scope(engine) as session:
        application, _ = repository.create_application(
            session, owner=iin, idempotency_key=str(uuid.uuid4()), request_hash="h", applicant_iin=iin,
            submitted_via="portal", language="en", services=[(spec.code, answers, TODAY)])
        application_id = application.id
    appeal_id = str(uuid.uuid4())

    outcome: ServiceOutcome = await workflow_env.client.execute_workflow(
        spec.workflow,
        ServiceInput(application_id=application_id, service_code=spec.code, applicant_iin=iin, language="en",
                     answers=answers, submitted_on=TODAY, overturned_by_appeal=appeal_id),
        id=rerun_workflow_id(appeal_id, spec.code), task_queue=task_queue, result_type=ServiceOutcome)

    assert outcome.status in ("completed", "decided")
    with read_scope(engine) as session:
        stored = repository.get_service_request(session, application_id, spec.code)
        events = [e for e in repository.timeline(session, application_id) if e.service_code == spec.code]
    assert stored is not None and stored.decision is not None
    assert stored.decision["overturned_by_appeal"] == appeal_id
    assert events and all(e.detail.get("appeal_id") == appeal_id for e in events)
