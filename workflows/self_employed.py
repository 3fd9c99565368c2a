"""Registration as self-employed: registries checked and written, a signed certificate, a notice.

No person is involved on the happy path. An activity that is not on the permitted list, or
registry data that disagree (an address in no known region), send the registration to a tax
officer of the person's region (the human-task pattern) instead of a refusal: approved, it goes
on to registration; refused, it ends with the officer's reasons. Every registry write carries an
idempotency key derived from the application, so a retried activity never registers twice.
"""

from __future__ import annotations

from typing import Any

from temporalio import workflow
from temporalio.exceptions import ActivityError, ApplicationError

with workflow.unsafe.imports_passed_through():
    from connectors.businesses import BusinessNotice, BusinessStatus
    from connectors.notifications import NotificationReceipt
    from connectors.population import Person
    from connectors.tax import TaxRegistration
    from documents.activities import IssuedDocument
    from policies.decision import Decision
    from policies.self_employed import SocialPayments
    from services import messages
    from services.self_employed import (CODE, REVIEW_AGENCY, REVIEW_DEADLINE_WORKING_DAYS,
                                        REVIEW_GROUNDS, REVIEW_KIND, REVIEW_OUTCOMES, REVIEW_REASONS, REVIEW_STEP,
                                        REVIEW_TITLE, SPEC, WORKFLOW_NAME, queue_region, review_grounds)
    from workflows.appeal import timeline_for
    from workflows.human_tasks import HumanTaskHandlers, HumanTasks, TaskDecision, TaskSpec, Withdrawn
    from workflows.inputs import ServiceInput, ServiceOutcome
    from workflows.retries import DOCUMENT_ISSUE, LOCAL_STEP, REFUSAL_ERROR_TYPE, REGISTRY_CALL
    from workflows.timeline import Timeline
    from workflows.withdrawal import end_withdrawn

STEPS = {**{step.code: step for step in SPEC.steps}, REVIEW_STEP.code: REVIEW_STEP}
# The manual-review branch came after v1: runs started before it replay without it.
MANUAL_REVIEW_PATCH = "self-employed-manual-review"


class Refused(Exception):
    """Raised inside the workflow to stop at a step with reasons for the applicant."""

    def __init__(self, step: str, reasons: list[dict[str, Any]], figures: dict[str, Any] | None = None,
                 decisive: list[str] | None = None, decided_by: str | None = None) -> None:
        super().__init__(step)
        self.step = step
        self.reasons = reasons
        self.figures = figures or {}
        self.decisive = decisive or [r["code"] for r in reasons]
        self.decided_by = decided_by  # the officer, when a person decided


def _refusal_code(error: ActivityError) -> str | None:
    cause = error.cause
    if isinstance(cause, ApplicationError) and cause.type == REFUSAL_ERROR_TYPE:
        details = cause.details[0] if cause.details else {}
        return str(details.get("code", "refused")) if isinstance(details, dict) else "refused"
    return None


def _reason(code: str) -> dict[str, Any]:
    return {"code": code, "text": messages.registry_reason(code), "params": {}}


@workflow.defn(name=WORKFLOW_NAME)
class SelfEmployedRegistrationWorkflow(HumanTaskHandlers):
    def __init__(self) -> None:
        self._step = "received"
        self.tasks = HumanTasks()
        # An appeal overturned the first decision: the checks decide nothing, registration goes on.
        self._overruled = False

    @workflow.query(name="current_step")
    def current_step(self) -> str:
        return self._step

    @workflow.run
    async def run(self, input: ServiceInput) -> ServiceOutcome:
        self._overruled = input.overturned_by_appeal is not None
        timeline = timeline_for(input)  # a plain Timeline, unless an appeal runs the service again
        await timeline.service_status("in_progress")
        try:
            return await self._register(input, timeline)
        except Refused as refusal:
            return await self._refuse(input, timeline, refusal)
        except Withdrawn:
            return await self._withdrawn(timeline)

    async def _call(self, step: str, activity: str, arg: dict[str, Any], result_type: type) -> Any:
        self._step = step
        try:
            return await workflow.execute_activity(activity, arg, result_type=result_type, **REGISTRY_CALL)
        except ActivityError as error:
            code = _refusal_code(error)
            if code is None:
                raise
            raise Refused(step, [_reason(code)]) from error

    async def _decide(self, step: str, activity: str, arg: dict[str, Any],
                      waived: frozenset[str] = frozenset()) -> Decision:
        """Run a policy; refuse unless eligible, except on reasons an officer has already waived."""
        self._step = step
        decision: Decision = await workflow.execute_local_activity(
            activity, arg, result_type=Decision, **LOCAL_STEP)
        if self._overruled:
            return decision
        if decision.outcome != "eligible" and not (waived and set(decision.decisive) <= waived):
            raise Refused(step, [r.model_dump(mode="json") for r in decision.reasons],
                          decision.figures, decision.decisive)
        return decision

    async def _register(self, input: ServiceInput, timeline: Timeline) -> ServiceOutcome:
        answers = input.answers
        purpose = {"application_id": input.application_id, "service_code": CODE}
        key = f"{input.application_id}:{CODE}"

        person: Person = await self._call("verify_identity", "population.get_person",
                                          {"iin": input.applicant_iin, "purpose": purpose}, Person)
        capacity = await self._decide("verify_identity", "policies.applicant_capacity", {
            "facts": {"birth_date": person.birth_date.isoformat(), "deceased": person.deceased},
            "on": input.submitted_on.isoformat()})
        await timeline.step_done(STEPS["verify_identity"], {"figures": capacity.figures})

        status: BusinessStatus = await self._call("check_business_status", "businesses.get_status",
                                                  {"iin": input.applicant_iin, "purpose": purpose},
                                                  BusinessStatus)
        if status.active_entrepreneur and not self._overruled:
            raise Refused("check_business_status", [_reason("already_entrepreneur")])
        await timeline.step_done(STEPS["check_business_status"])

        waived: frozenset[str] = frozenset()
        review: TaskDecision | None = None
        grounds = review_grounds(answers["activity_code"], person.address.region_code)
        if grounds and not self._overruled and workflow.patched(MANUAL_REVIEW_PATCH):
            review = await self._manual_review(input, timeline, person, status, grounds)
            # The officer approved an activity off the list: the list no longer refuses it.
            waived = frozenset({"activity_not_permitted"}) if "activity_not_listed" in grounds else frozenset()

        case = {
            "regime": answers["regime"],
            "activity_code": answers["activity_code"],
            "monthly_income": str(answers["expected_monthly_income"]),
            "active_entrepreneur": status.active_entrepreneur,
            # 1 MCI in the capital, cities of republican significance and regional centres; 0.5 elsewhere
            "settlement": "capital_or_major_city" if person.address.regional_centre else "other",
        }
        on = input.submitted_on.isoformat()
        eligibility = await self._decide("check_eligibility", "policies.self_employed_eligibility",
                                         {"case": case, "on": on}, waived)
        await timeline.step_done(STEPS["check_eligibility"], {"figures": eligibility.figures})

        if self.tasks.withdrawn:  # the last moment to stop: registration cannot be undone by us
            raise Withdrawn()
        address = answers.get("activity_address") or person.address.line
        registration: TaxRegistration = await self._call(
            "register_taxpayer", "tax.register_taxpayer",
            {"iin": input.applicant_iin, "regime": case["regime"], "activity_code": case["activity_code"],
             "monthly_income": case["monthly_income"], "idempotency_key": f"{key}:tax", "purpose": purpose},
            TaxRegistration)
        await timeline.step_done(STEPS["register_taxpayer"], {"registration_id": registration.registration_id})

        notice: BusinessNotice = await self._call(
            "notify_business_registry", "businesses.notify_registration",
            {"iin": input.applicant_iin, "regime": case["regime"], "activity_code": case["activity_code"],
             "address_line": address, "idempotency_key": f"{key}:business", "purpose": purpose},
            BusinessNotice)
        await timeline.step_done(STEPS["notify_business_registry"], {"notice_id": notice.notice_id})

        self._step = "compute_social_payments"
        payments: SocialPayments = await workflow.execute_local_activity(
            "policies.self_employed_payments", {"case": case, "on": on},
            result_type=SocialPayments, **LOCAL_STEP)
        payments_json = payments.model_dump(mode="json")
        await timeline.step_done(STEPS["compute_social_payments"],
                                 {"total": payments_json["total"], "parts": payments_json["parts"]})

        self._step = "issue_certificate"
        holder = " ".join(p for p in (person.last_name, person.first_name, person.middle_name) if p)
        document: IssuedDocument = await workflow.execute_activity(
            "documents.issue_certificate",
            {"application_id": input.application_id, "service_code": CODE,
             "document_key": f"{key}:certificate", "kind": "self-employed-registration-certificate",
             "owner_iin": input.applicant_iin, "holder_name": holder, "title": SPEC.title,
             "claims": {"regime": case["regime"], "activity_code": case["activity_code"],
                        "activity_address": address, "tax_registration_id": registration.registration_id,
                        "business_notice_id": notice.notice_id,
                        "registered_on": notice.registered_on.isoformat(),
                        "monthly_social_payments": payments_json["total"]},
             "language": input.language},
            result_type=IssuedDocument, **DOCUMENT_ISSUE)
        await timeline.event("document.issued", STEPS["issue_certificate"].title, step="issue_certificate",
                             detail={"document_id": document.document_id, "verify_url": document.verify_url})

        decision = {
            "outcome": "approved",
            "reasons": [r.model_dump(mode="json") for r in eligibility.reasons],
            "figures": {**eligibility.figures, "social_payments": payments_json},
            "unconfirmed": sorted(set(eligibility.unconfirmed) | set(payments.unconfirmed)),
            "decided_on": on,
        }
        if input.overturned_by_appeal:
            decision["overturned_by_appeal"] = input.overturned_by_appeal
        if review is not None:
            decision["reasons"] = [*decision["reasons"], *review.reasons]
            decision.update(decided_by=review.officer, review_task_id=review.task_id)
        await timeline.service_status("completed", decision)
        await timeline.event("decision", messages.DECISION_APPROVED, step="decision")

        subject, body = messages.registration_notice(
            input.language, application_id=input.application_id, total=payments_json["total"],
            verify_url=document.verify_url)
        await self._notify(input, timeline, purpose, subject, body, "registered")
        return ServiceOutcome(service_code=CODE, status="completed", document_id=document.document_id)

    async def _refuse(self, input: ServiceInput, timeline: Timeline, refusal: Refused) -> ServiceOutcome:
        await timeline.step_failed(STEPS[refusal.step], {"reasons": refusal.reasons})
        decision = {"outcome": "refused", "step": refusal.step, "decisive": refusal.decisive,
                    "reasons": refusal.reasons,
                    "figures": refusal.figures, "decided_on": input.submitted_on.isoformat()}
        if refusal.decided_by:
            decision["decided_by"] = refusal.decided_by
        await timeline.service_status("refused", decision)
        await timeline.event("decision", messages.DECISION_REFUSED, step="decision",
                             detail={"reasons": refusal.reasons})
        purpose = {"application_id": input.application_id, "service_code": CODE}
        subject, body = messages.refusal_notice(input.language, application_id=input.application_id,
                                                reasons=refusal.reasons)
        await self._notify(input, timeline, purpose, subject, body, "refused")
        return ServiceOutcome(service_code=CODE, status="refused",
                              reason_codes=refusal.decisive)

    async def _manual_review(self, input: ServiceInput, timeline: Timeline, person: Person,
                             status: BusinessStatus, grounds: list[str]) -> TaskDecision:
        """A tax officer of the person's region decides; a refusal ends the service with their reasons."""
        self._step = "manual_review"
        spec = TaskSpec(
            kind=REVIEW_KIND, title=REVIEW_TITLE, agency=REVIEW_AGENCY,
            region=queue_region(person.address.region_code),
            payload={"grounds": [{"code": g, "text": REVIEW_GROUNDS[g]} for g in grounds],
                     "answers": input.answers, "submitted_on": input.submitted_on.isoformat(),
                     "registries": {"population": person.model_dump(mode="json"),
                                    "businesses": status.model_dump(mode="json")}},
            allowed_outcomes=REVIEW_OUTCOMES, reason_codes=REVIEW_REASONS,
            deadline_working_days=REVIEW_DEADLINE_WORKING_DAYS)
        decision = await self.tasks.open_and_wait(spec, timeline)
        if decision.outcome != "approve":
            reasons = decision.reasons or [{"code": "refused_by_officer", "text": messages.DECISION_REFUSED,
                                            "params": {}}]
            raise Refused("manual_review", reasons, decided_by=decision.officer)
        await timeline.step_done(REVIEW_STEP, {"outcome": decision.outcome, "reasons": decision.reasons})
        return decision

    async def _withdrawn(self, timeline: Timeline) -> ServiceOutcome:
        self._step = "withdrawn"
        return await end_withdrawn(timeline, CODE)

    async def _notify(self, input: ServiceInput, timeline: Timeline, purpose: dict[str, Any],
                      subject: str, body: str, outcome: str) -> None:
        self._step = "notify_applicant"
        phone, email = input.answers.get("phone"), input.answers.get("email")
        channel, to = ("sms", phone) if phone else ("email", email)
        if not to:
            return
        receipt: NotificationReceipt = await workflow.execute_activity(
            "notifications.send",
            {"channel": channel, "to": to, "language": input.language, "subject": subject, "body": body,
             "idempotency_key": f"{input.application_id}:{CODE}:notice:{outcome}", "purpose": purpose},
            result_type=NotificationReceipt, **REGISTRY_CALL)
        await timeline.step_done(STEPS["notify_applicant"], {"channel": channel, "message_id": receipt.message_id})
