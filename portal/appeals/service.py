"""Filing an appeal and reading the applicant's appeals.

Every check runs before anything is written: the application is the caller's (404 otherwise),
the service is one of it, decided (completed or refused), has no appeal under way; the grounds are
given and not too long. A service whose granted decision has parts (services.spec.DecisionPart: a job
seeker's unemployed status) is appealed, when granted, through a refused part only: a part granted or
never asked for is refused naming why (409, field ``part``). The term (APPK Art. 92: three calendar
months from the day the decision's notice reached the applicant, here the day of the decision) is
no ground to refuse: a late appeal is accepted, marked late, and must say why it is late
(``late_reason``); the reviewer decides whether to restore the term. Then one transaction stores
the appeal, puts the service under appeal, and records the timeline events (with the lateness) and
the audit row; then AppealWorkflow starts. If Temporal cannot be reached the filing is undone and
the caller told to try again (503), so no appeal waits for a workflow that never started.
"""

from __future__ import annotations

import logging
import uuid
from datetime import date, datetime
from typing import Any

from fastapi import Request
from sqlmodel import Session

from policies.appeals import AppealTimeliness, appeal_timeliness
from policies.parameters import value as parameter
from portal.appeals.schemas import AppealCreate, AppealView
from portal.applications.submission import KAZAKHSTAN, today_in_kazakhstan
from portal.auth.acting_for import Applicant
from portal.database import in_transaction
from portal.problems import Conflict, Forbidden, NotFound, Unavailable, ValidationFailed
from services import messages
from services.catalogue import get_service
from services.spec import ServiceSpec
from store import appeals as appeal_store
from store import repository
from store import tasks as task_store
from store.models import Application
from store.workbench import Appeal
from workflows.appeal import AppealInput

log = logging.getLogger("onestop.portal")

API = "/api/v1"
REVIEW_DEADLINE = "appeals.review_deadline_working_days"
REWORK_DEADLINE = "appeals.rework_deadline_working_days"
GROUNDS_MAX = "appeals.grounds_max_characters"


LATE_EVENT = "appeal.late"
FILED_EVENT = "appeal.filed"


def appeal_view(appeal: Appeal, deadline: date | None, late: dict[str, Any] | None = None,
                part: str | None = None) -> AppealView:
    late = late or {}
    return AppealView(
        id=appeal.id, application_id=appeal.application_id, service_code=appeal.service_code, part=part,
        status=appeal.status,
        outcome=appeal.status if appeal.status in appeal_store.OUTCOMES else None, grounds=appeal.grounds,
        filed_at=appeal.filed_at, deadline=deadline, decided_at=appeal.decided_at, comment=appeal.outcome_comment,
        url=f"{API}/applications/{appeal.application_id}/appeals/{appeal.id}",
        late=bool(late), days_late=late.get("days_late", 0), term_last_day=late.get("last_day"),
        late_reason=late.get("late_reason"))


def _late_appeals(session: Session, application_id: str) -> dict[str, dict[str, Any]]:
    """Appeal id -> what its filing recorded about the term, for the appeals filed late."""
    return {e.detail["appeal_id"]: e.detail for e in repository.timeline(session, application_id)
            if e.kind == LATE_EVENT and e.detail}


def appealed_parts(session: Session, application_id: str) -> dict[str, str]:
    """Appeal id -> the part of the decision it appeals, for the appeals filed against a part."""
    return {e.detail["appeal_id"]: e.detail["part"] for e in repository.timeline(session, application_id)
            if e.kind == FILED_EVENT and e.detail and e.detail.get("part")}


def appealed_part(spec: ServiceSpec, status: str, decision: dict[str, Any] | None, named: str | None) -> str | None:
    """The part of a decided service appealed (None: the decision as a whole), or the problem why not."""
    if named is not None and spec.decision_part(named) is None:
        raise ValidationFailed(messages.appeal_problem("unknown_part"), field="part", slug="appeal-unknown-part")
    if status != "completed" or not spec.decision_parts:
        if named is not None:  # refused as a whole: the refusal is what is appealed
            raise ValidationFailed(messages.appeal_problem("part_of_refused"), field="part",
                                   slug="appeal-part-of-refused")
        return None
    if named is None and len(spec.decision_parts) > 1:
        raise ValidationFailed(messages.appeal_problem("part_missing"), field="part", slug="appeal-part-missing")
    part = spec.decision_part(named) if named is not None else spec.decision_parts[0]
    assert part is not None
    outcome = str(((decision or {}).get(part.key) or {}).get("outcome") or "")
    if outcome != "refused":
        raise Conflict(dict(part.not_appealable.get(outcome) or messages.appeal_problem("part_not_refused")),
                       field="part", slug="appeal-part-not-refused")
    return part.key


def late_detail(timeliness: AppealTimeliness, late_reason: str) -> dict[str, Any]:
    """What the timeline, the appeal's view and the reviewer keep about a late appeal."""
    return {"last_day": timeliness.last_day.isoformat(), "days_late": timeliness.days_late,
            "term_months": timeliness.term_months, "notice_received_on": timeliness.notice_received_on.isoformat(),
            "late_reason": late_reason,
            "reason": timeliness.reason.model_dump(mode="json") if timeliness.reason else None}


def _owned(session: Session, application_id: str, applicant: Applicant) -> Application | None:
    """The caller's application (the person's own, or the business's they act for); someone else's is as
    absent as one that never was."""
    application = repository.get_application(session, application_id)
    if application is None or applicant.principal.iin is None or application.applicant_iin != applicant.id:
        return None
    return application


def _grounds(text: str, on: date) -> str:
    grounds = text.strip()
    if not grounds:
        raise ValidationFailed(messages.appeal_problem("grounds_empty"), field="grounds", slug="appeal-grounds-empty")
    longest = int(parameter(GROUNDS_MAX, on))
    if len(grounds) > longest:
        raise ValidationFailed(messages.appeal_problem("grounds_too_long", n=longest), field="grounds",
                               slug="appeal-grounds-too-long")
    return grounds


def _late_reason(text: str | None, timeliness: AppealTimeliness, on: date) -> str | None:
    """The applicant's reason for a late appeal: required then, and no longer than the grounds may be."""
    if not timeliness.late:
        return None
    reason = (text or "").strip()
    if not reason:
        raise ValidationFailed(messages.appeal_late_reason_missing(timeliness.days_late,
                                                                   timeliness.last_day.isoformat()),
                               field="late_reason", slug="appeal-late-reason-missing")
    if len(reason) > int(parameter(GROUNDS_MAX, on)):
        raise ValidationFailed(messages.APPEAL_LATE_REASON_TOO_LONG, field="late_reason",
                               slug="appeal-late-reason-too-long")
    return reason


def decided_on(completed_at: datetime | None) -> date | None:
    """The day (in Kazakhstan) the service was decided: the filing term runs from it."""
    return completed_at.astimezone(KAZAKHSTAN).date() if isinstance(completed_at, datetime) else None


async def file(request: Request, applicant: Applicant, application_id: str, body: AppealCreate) -> AppealView:
    principal = applicant.principal
    if principal.kind != "citizen":
        raise Forbidden(messages.appeal_problem("not_yours"))
    today = today_in_kazakhstan()

    def load(session):  # type: ignore[no-untyped-def]
        application = _owned(session, application_id, applicant)
        if application is None:
            return None
        service = repository.get_service_request(session, application_id, body.service_code)
        already = appeal_store.open_appeal(session, application_id, body.service_code)
        decided_tasks = [t for t in task_store.tasks_of(session, application_id)
                         if t.service_code == body.service_code and t.status == "completed"]
        return application, service, already, (decided_tasks[-1].region if decided_tasks else None)

    found = await in_transaction(request, load, read_only=True)
    if found is None:
        raise NotFound(messages.appeal_problem("no_application"))
    application, service, already, decided_region = found
    grounds = _grounds(body.grounds, today)
    spec = get_service(body.service_code)
    if service is None or spec is None:
        raise ValidationFailed(messages.appeal_problem("unknown_service"), field="service_code",
                               slug="appeal-unknown-service")
    if already is not None:
        raise Conflict(messages.appeal_problem("already_open"), field="service_code",
                       slug="appeal-already-open")
    if service.status not in appeal_store.DECIDED_STATUSES:
        raise Conflict(messages.appeal_problem("not_decided"),
                       field="service_code", slug="service-not-decided")
    part = appealed_part(spec, service.status, service.decision, body.part)
    day = decided_on(service.completed_at)
    if day is None:
        raise ValidationFailed(messages.APPEAL_DECISION_DAY_UNKNOWN, field="service_code", slug="appeal-term-unknown")
    # The notice goes out the day of the decision: the term runs from it.
    timeliness = appeal_timeliness(day, today)
    late_reason = _late_reason(body.late_reason, timeliness, today)
    late = late_detail(timeliness, late_reason) if late_reason is not None else None
    if spec.agency is None:
        raise Conflict(messages.appeal_problem("not_offered"), field="service_code",
                       slug="appeal-not-offered")

    appeal_id = str(uuid.uuid4())
    decision = dict(service.decision or {})
    first_decided_by = decision.get("decided_by")
    if part is not None:  # four-eyes over whoever refused the part (a career-centre officer, say)
        first_decided_by = (decision.get(part) or {}).get("decided_by") or first_decided_by
    decided_status = service.status

    def store(session):  # type: ignore[no-untyped-def]
        appeal = appeal_store.file_appeal(session, appeal_id=appeal_id, application_id=application_id,
                                          service_code=body.service_code, grounds=grounds, filed_by=principal.subject,
                                          first_decided_by=first_decided_by, title=messages.APPEAL_FILED,
                                          part=part, acting_for=applicant.business.id if applicant.business else None)
        if late is not None:
            repository.record_event(session, application_id=application_id, service_code=body.service_code,
                                    event_key=f"{application_id}:{body.service_code}:appeal:{appeal_id}:late",
                                    kind=LATE_EVENT, title=messages.APPEAL_FILED_LATE,
                                    detail={"appeal_id": appeal_id, **late}, at=appeal.filed_at)
        return appeal

    try:
        appeal = await in_transaction(request, store)
    except appeal_store.NotDecided as exc:  # decided a moment ago, or another appeal won the race
        raise Conflict(messages.appeal_problem("not_decided"), field="service_code",
                       slug="service-not-decided") from exc

    workflow_input = AppealInput(
        appeal_id=appeal_id, application_id=application_id, service_code=body.service_code,
        service_workflow=spec.workflow, agency=spec.agency, region=decided_region,
        applicant_iin=application.applicant_iin, language=application.language,
        answers=service.answers, submitted_on=application.created_at.astimezone(KAZAKHSTAN).date(),
        filed_on=today, decided_status=decided_status, decision=decision or None, first_decided_by=first_decided_by,
        grounds=grounds, late=late, part=part, review_deadline_working_days=int(parameter(REVIEW_DEADLINE, today)),
        rework_deadline_working_days=int(parameter(REWORK_DEADLINE, today)))
    try:
        await request.app.state.workflows.start_appeal(workflow_input, appeal.workflow_id)
    except Exception as exc:  # the review cannot start: undo the filing rather than leave it stranded
        log.warning("appeal workflow not started (%s); filing undone", type(exc).__name__)
        await in_transaction(request, lambda s: appeal_store.withdraw_filing(
            s, appeal_id, decided_status, application.status))
        raise Unavailable(messages.appeal_problem("unavailable")) from exc
    log.info("appeal filed against %s", body.service_code)
    return appeal_view(appeal, None, late, part)


async def list_for(request: Request, applicant: Applicant, application_id: str) -> list[AppealView]:
    def load(session):  # type: ignore[no-untyped-def]
        if _owned(session, application_id, applicant) is None:
            return None
        late, parts = _late_appeals(session, application_id), appealed_parts(session, application_id)
        return [appeal_view(a, deadline, late.get(a.id), parts.get(a.id))
                for a, deadline in appeal_store.with_deadlines(session, application_id)]

    views = await in_transaction(request, load, read_only=True)
    if views is None:
        raise NotFound(messages.appeal_problem("no_application"))
    return views


async def one(request: Request, applicant: Applicant, application_id: str, appeal_id: str) -> AppealView:
    for view in await list_for(request, applicant, application_id):
        if view.id == appeal_id:
            return view
    raise NotFound(messages.appeal_problem("no_appeal"))
