"""Every status change and decision a workflow writes leaves one audit row, chained, once."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlmodel import col, select

from store.activities import ReadModelActivities, SetApplicationStatusInput, SetServiceStatusInput
from store.audit import verify_chain
from store.engine import session_scope
from store.workbench import AuditEvent
from tests.audit.conftest import new_application

SERVICE = "self-employed-registration"
DECISION = {"outcome": "approved", "reasons": [], "figures": {"monthly_income": "150000"}}


def _service(application_id: str, status: str, decision: dict | None = None) -> SetServiceStatusInput:
    return SetServiceStatusInput.model_validate(
        {"application_id": application_id, "service_code": SERVICE, "status": status, "decision": decision})


def _application(application_id: str, status: str) -> SetApplicationStatusInput:
    return SetApplicationStatusInput.model_validate({"application_id": application_id, "status": status})


def _rows(engine: Engine, application_id: str) -> list[AuditEvent]:
    with session_scope(engine) as session:
        return list(session.exec(select(AuditEvent).where(AuditEvent.object_id == application_id)
                                 .order_by(col(AuditEvent.seq))).all())


async def test_each_change_is_one_row_and_retries_add_none(engine: Engine, iin: str) -> None:
    application_id = new_application(engine, iin)
    activities = ReadModelActivities(engine)

    activities.set_application_status(_application(application_id, "in_progress"))
    activities.set_service_status(_service(application_id, "in_progress"))
    activities.set_service_status(_service(application_id, "in_progress"))  # a retry
    activities.set_service_status(_service(application_id, "completed", DECISION))
    activities.set_service_status(_service(application_id, "completed", DECISION))  # a retry
    activities.set_application_status(_application(application_id, "completed"))
    activities.set_application_status(_application(application_id, "completed"))  # a retry

    rows = _rows(engine, application_id)
    assert [(r.action, r.before, r.after) for r in rows] == [
        ("application.status_changed", {"status": "submitted"}, {"status": "in_progress"}),
        ("service.status_changed", {"service_code": SERVICE, "status": "pending", "outcome": None},
         {"service_code": SERVICE, "status": "in_progress", "outcome": None}),
        ("service.decided", {"service_code": SERVICE, "status": "in_progress", "outcome": None},
         {"service_code": SERVICE, "status": "completed", "outcome": "approved"}),
        ("application.status_changed", {"status": "in_progress"}, {"status": "completed"}),
    ]
    assert {(r.actor, r.actor_role, r.agency, r.object_type) for r in rows} == {
        ("system", "workflow", "tax", "application")}
    assert all(iin not in repr((r.before, r.after, r.object_id)) for r in rows)
    with session_scope(engine) as session:
        report = verify_chain(session)
    assert report.first_broken is None and report.rows >= 4


async def test_a_new_decision_on_the_same_status_is_recorded(engine: Engine, iin: str) -> None:
    # An appeal that overturns a refusal: the service is decided again.
    application_id = new_application(engine, iin)
    activities = ReadModelActivities(engine)
    activities.set_service_status(_service(application_id, "refused", {"outcome": "refused", "reasons": []}))
    activities.set_service_status(_service(application_id, "refused", {"outcome": "refused", "reasons": []}))
    activities.set_service_status(_service(application_id, "refused", {"outcome": "refused",
                                                                      "reasons": [{"code": "x"}]}))
    # A status change without a decision keeps the decision: one status row, no decision row.
    activities.set_service_status(_service(application_id, "under_appeal"))

    rows = _rows(engine, application_id)
    assert [(r.action, (r.after or {})["status"], (r.after or {})["outcome"]) for r in rows] == [
        ("service.decided", "refused", "refused"),
        ("service.decided", "refused", "refused"),
        ("service.status_changed", "under_appeal", "refused"),
    ]


async def test_an_application_of_an_unknown_agency_is_recorded_without_one(engine: Engine, iin: str) -> None:
    application_id = new_application(engine, iin, services=("no-such-service",))
    ReadModelActivities(engine).set_application_status(_application(application_id, "failed"))
    [row] = _rows(engine, application_id)
    assert (row.action, row.agency, row.after) == ("application.status_changed", None, {"status": "failed"})


async def test_a_decision_after_a_status_change_is_one_row_each_and_its_retry_none(engine: Engine,
                                                                                    iin: str) -> None:
    application_id = new_application(engine, iin)
    activities = ReadModelActivities(engine)
    activities.set_application_status(_application(application_id, "in_progress"))
    activities.set_service_status(_service(application_id, "completed", DECISION))
    activities.set_service_status(_service(application_id, "completed", DECISION))  # a retry
    rows = _rows(engine, application_id)
    assert [(r.action, (r.after or {}).get("status")) for r in rows] == [
        ("application.status_changed", "in_progress"), ("service.decided", "completed")]
    with session_scope(engine) as session:
        assert verify_chain(session).first_broken is None
