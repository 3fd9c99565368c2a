"""A portal that dies between storing an application and starting it loses nothing.

The stored row is the outbox: the sweeper finds rows whose workflow never reported and starts
them. Here the "crash" is an application stored without any start, as the dead portal left it.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from sqlmodel import select

from portal.applications.sweeper import GRACE, start_lost_applications
from portal.workflows_gateway import WorkflowsGateway
from services.catalogue import CATALOGUE
from store import repository
from store.engine import get_engine, session_scope
from store.models import Application
from tests.support.api import CODE, OTHER_ACTIVITY, api_client, form, wait_finished
from tests.support.citizens import next_citizen
from tests.support.stack import Stack


async def test_an_application_stored_but_never_started_is_started_by_the_sweeper(healthy_stack: Stack) -> None:
    iin = next_citizen()
    engine = get_engine(healthy_stack.database_url)
    answers = {**form(), "expected_monthly_income": "250000.00", "activity_address": None, "email": None}
    with session_scope(engine) as session:
        application, _ = repository.create_application(
            session, owner=iin, idempotency_key=str(uuid.uuid4()), request_hash="h", applicant_iin=iin,
            submitted_via="portal", language="en", services=[(CODE, answers, date.today())])
        row = session.exec(select(Application).where(Application.id == application.id)).one()
        row.created_at = row.created_at - GRACE - timedelta(seconds=1)  # older than the sweeper's grace
        session.add(row)

    started = await start_lost_applications(engine, WorkflowsGateway(healthy_stack.settings))

    assert started >= 1  # other rows may be lost too; this one must now be marked started
    with session_scope(engine) as session:
        assert repository.get_application(session, application.id).workflow_started  # type: ignore[union-attr]
    async with await api_client(healthy_stack, iin) as client:
        view = await wait_finished(client, application.id)
    assert view["status"] == "completed" and view["documents"]
    assert len(healthy_stack.tax_registrations(iin)) == 1


async def test_a_withdrawal_before_the_start_starts_the_application_and_withdraws_it(healthy_stack: Stack) -> None:
    # Accepted, and withdrawn at once: the start (the outbox's, in the background) has not been made yet. The
    # withdrawal makes it, and the application ends withdrawn instead of running on (it was a 409 before).
    iin = next_citizen()
    engine = get_engine(healthy_stack.database_url)
    spec = CATALOGUE[CODE]
    answers = spec.form.model_validate(form(**OTHER_ACTIVITY), context={"on": date.today()}).model_dump(mode="json")
    with session_scope(engine) as session:
        application, _ = repository.create_application(
            session, owner=iin, idempotency_key=str(uuid.uuid4()), request_hash="h", applicant_iin=iin,
            submitted_via="portal", language="en", services=[(CODE, answers, date.today())])

    async with await api_client(healthy_stack, iin) as client:
        withdrawn = await client.post(f"/applications/{application.id}/withdraw", json={"reason": "Changed my mind."})
        assert withdrawn.status_code == 202, withdrawn.text
        assert withdrawn.json()["services"] == [CODE]
        view = await wait_finished(client, application.id)
    assert view["status"] == "withdrawn" and view["services"][0]["status"] == "withdrawn"
    assert healthy_stack.tax_registrations(iin) == []
