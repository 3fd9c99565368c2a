"""The skeleton every service workflow shares; a service's own module is its legal procedure alone.

    @workflow.defn(name=SPEC.workflow)
    class MyServiceWorkflow(ServiceWorkflow):
        spec = SPEC

        @workflow.run
        async def run(self, input: ServiceInput) -> ServiceOutcome:
            return await self.run_service(input)

        async def procedure(self, input: ServiceInput, timeline: Timeline) -> ServiceOutcome:
            person = await self.call("verify_identity", PopulationActivities.get_person, GetPersonInput(...))
            decision = await self.decide("check_eligibility", MyPolicies.eligibility, MyInput(...))
            ...
            return await self.approve(input, timeline, decision={...}, notice=(subject, body))

What the base does for every service:
- a `Refused` raised anywhere ends the service refused, with its reasons on the timeline, the
  decision in the read model and a notice in the applicant's language;
- a registry that refuses (an ApplicationError of type REFUSAL_ERROR_TYPE) is a reason;
- a policy runs as a local activity (its figures in history); an ineligible decision refuses,
  unless every decisive reason is one an officer already waived;
- a withdrawal ends the service "withdrawn": the portal's signed update `withdraw` (a long-running
  service whose application has ended), or the signal `withdraw` its application sends (HumanTaskHandlers;
  also what runs recorded before the update carry);
- a long-running service reports its decision to the application (`report_decision`) and goes on.

**The appeal-rerun contract.** When an appeal overturns a decision (or a rework approves it),
workflows/appeal.py runs the same workflow again with `ServiceInput.overturned_by_appeal` set. A
service honours it thus: the run writes to a RerunTimeline (its events are new ones, keyed by the
appeal); `self.overruled` is true, so `decide` returns the policy's decision without refusing and
the procedure skips the checks that refused (it must not raise `Refused` for them); the procedure
goes on from the decision step and ends with its document, and the decision it records carries
`overturned_by_appeal`. tests/workflows/test_service_base.py proves it for every service in the
catalogue.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import date
from typing import Any, ClassVar, TypeVar

from pydantic import BaseModel
from temporalio import workflow
from temporalio.exceptions import ActivityError, ApplicationError

with workflow.unsafe.imports_passed_through():
    from connectors.base import Purpose
    from connectors.businesses import Business, BusinessActivities, GetBusinessInput
    from connectors.notifications import NotificationActivities, NotificationReceipt, SendNotificationInput
    from connectors.population import GetPersonInput, Person, PopulationActivities
    from policies.decision import Decision
    from policies.iin import looks_like_bin
    from services import messages
    from services.spec import ServiceSpec, StepSpec
    from store.activities import GrantStandingStatusInput, ReadModelActivities
    from workflows.appeal import timeline_for
    from workflows.human_tasks import HumanTaskHandlers, HumanTasks, TaskDecision, TaskSpec, Withdrawn, check_signed
    from workflows.inputs import SERVICE_DECIDED_SIGNAL, ServiceInput, ServiceOutcome, ServiceStatus
    from workflows.retries import LOCAL_STEP, REFUSAL_ERROR_TYPE, REGISTRY_CALL
    from workflows.timeline import Timeline
    from workflows.withdrawal import end_withdrawn

DecisionT = TypeVar("DecisionT", bound=Decision)
# A notice with no contact given reads the head's for a business (a BIN is nobody's in the population
# registry), and a registry that knows no one to tell ends in no notice: before, either failed the run
# after its decision was recorded, and the service ended "failed" instead of "refused".
REGISTRY_CONTACT_PATCH = "notice-contact-of-business-head"


class Refused(Exception):
    """Raised inside a service workflow to stop at a step with reasons for the applicant."""

    def __init__(self, step: str, reasons: list[dict[str, Any]], figures: dict[str, Any] | None = None,
                 decisive: list[str] | None = None, decided_by: str | None = None) -> None:
        super().__init__(step)
        self.step = step
        self.reasons = reasons
        self.figures = figures or {}
        self.decisive = decisive or [r["code"] for r in reasons]
        self.decided_by = decided_by  # the officer, when a person decided


def refusal_code(error: ActivityError) -> str | None:
    """The registry's refusal code, when the activity failed because the registry refused."""
    cause = error.cause
    if isinstance(cause, ApplicationError) and cause.type == REFUSAL_ERROR_TYPE:
        details = cause.details[0] if cause.details else {}
        return str(details.get("code", "refused")) if isinstance(details, dict) else "refused"
    return None


def registry_reason(code: str) -> dict[str, Any]:
    return {"code": code, "text": messages.registry_reason(code), "params": {},
            "reference": messages.registry_reason_reference(code)}


class WithdrawServiceInput(BaseModel):
    """The applicant stops a service directly (its application has ended while the service goes on)."""

    actor: str = ""  # the applicant, from the token
    signature: str = ""  # the portal's JWS over the withdrawal (onestop/action_signing.py)


class WithdrawServiceResult(BaseModel):
    service_code: str


class ServiceWorkflow(HumanTaskHandlers):
    """Subclasses set `spec`, define `run` (decorated, calling `run_service`) and `procedure`."""

    spec: ClassVar[ServiceSpec]
    # Steps the applicant sees that are not in the spec's list (a manual review, say).
    extra_steps: ClassVar[tuple[StepSpec, ...]] = ()

    def __init__(self) -> None:
        self._step = "received"
        # The kinds an officer completes with a structured result, checked by the update's validator.
        self.tasks = HumanTasks(results={kind: r.model for kind, r in self.spec.task_results.items()})
        # An appeal overturned the first decision: the checks decide nothing, the service goes on.
        self.overruled = False
        self._decision_reported = False
        self.granted: list[str] = []

    @workflow.query(name="current_step")
    def current_step(self) -> str:
        return self._step

    # The same name as the signal: a signal and an update are told apart by Temporal. The update is what the
    # portal sends, signed; the signal stays for the application's own word to its children and for
    # histories recorded before the update. Both only raise the flag the procedure watches: no command
    # changes, so no patch is needed for replay.
    @workflow.update(name="withdraw")
    async def withdraw_signed(self, input: WithdrawServiceInput) -> WithdrawServiceResult:
        self.tasks.withdraw()
        return WithdrawServiceResult(service_code=self.spec.code)

    @withdraw_signed.validator
    def _validate_withdraw_signed(self, input: WithdrawServiceInput) -> None:
        check_signed("withdraw", input)

    @classmethod
    def step(cls, code: str) -> StepSpec:
        return next(s for s in (*cls.spec.steps, *cls.extra_steps) if s.code == code)

    async def run_service(self, input: ServiceInput) -> ServiceOutcome:
        self.overruled = input.overturned_by_appeal is not None
        timeline = timeline_for(input)  # a plain Timeline, unless an appeal runs the service again
        await timeline.service_status("in_progress")
        try:
            return await self.procedure(input, timeline)
        except Refused as refusal:
            return await self.refuse(input, timeline, refusal)
        except Withdrawn:
            self._step = "withdrawn"
            outcome = await end_withdrawn(timeline, self.spec.code)
            await self.report_decision(input, outcome)
            return outcome

    async def procedure(self, input: ServiceInput, timeline: Timeline) -> ServiceOutcome:
        raise NotImplementedError

    # --- the calls a procedure makes --------------------------------------------------------

    async def call(self, step: str, activity: Callable[..., Any], arg: BaseModel) -> Any:
        """A registry activity; its refusal becomes the applicant's reason at this step."""
        self._step = step
        try:
            return await workflow.execute_activity_method(activity, arg, **REGISTRY_CALL)
        except ActivityError as error:
            code = refusal_code(error)
            if code is None:
                raise
            raise Refused(step, [registry_reason(code)]) from error

    async def decide(self, step: str, policy: Callable[[Any, Any], DecisionT], arg: BaseModel,
                     waived: frozenset[str] = frozenset()) -> DecisionT:
        """Run a policy; refuse unless eligible, except on reasons an officer has already waived."""
        self._step = step
        decision: DecisionT = await workflow.execute_local_activity_method(policy, arg, **LOCAL_STEP)
        if self.overruled:
            return decision
        if decision.outcome != "eligible" and not (waived and set(decision.decisive) <= waived):
            raise Refused(step, [r.model_dump(mode="json") for r in decision.reasons],
                          decision.figures, decision.decisive)
        return decision

    async def ask_citizen(self, input: ServiceInput, timeline: Timeline, task: TaskSpec) -> TaskDecision:
        """A task for a person other than an officer (`task.addressee_iin`: a family member's consent).

        They are told from the population registry's contact, and answer on their own account; the
        decision's outcome is theirs, or "expired" when the deadline passed unanswered.
        """
        assert task.addressee_iin, "a citizen's task names its addressee"
        self._step = "awaiting_citizen"
        person: Person = await self.call(self._step, PopulationActivities.get_person,
                                         GetPersonInput(iin=task.addressee_iin, purpose=self.purpose(input)))
        waiting = asyncio.ensure_future(self.tasks.open_and_wait(task, timeline))
        await workflow.wait_condition(lambda: waiting.done() or self.tasks.any_open())
        opened = self.tasks.open_task(task.kind)
        if opened is not None and (person.phone or person.email):
            assert opened.deadline is not None  # an open task's view always carries its deadline
            language = person.language or input.language
            subject, body = messages.citizen_task_notice(language, title=task.title,
                                                         deadline=opened.deadline.isoformat())
            channel, to = ("sms", person.phone) if person.phone else ("email", person.email)
            await workflow.execute_activity_method(
                NotificationActivities.send,
                SendNotificationInput(channel=channel, to=to or "", language=language, subject=subject, body=body,
                                      idempotency_key=self.key(input, f"task:{opened.task_id}"),
                                      purpose=self.purpose(input)),
                **REGISTRY_CALL)
        return await waiting

    async def officer_review(self, timeline: Timeline, step: StepSpec, task: TaskSpec) -> TaskDecision:
        """An officer decides (the human-task pattern); anything but "approve" refuses with their reasons."""
        self._step = step.code
        decision = await self.tasks.open_and_wait(task, timeline)
        if decision.outcome != "approve":
            reasons = decision.reasons or [{"code": "refused_by_officer", "text": messages.DECISION_REFUSED,
                                            "params": {}}]
            raise Refused(step.code, reasons, decided_by=decision.officer)
        await timeline.step_done(step, {"outcome": decision.outcome, "reasons": decision.reasons})
        return decision

    async def grant_status(self, input: ServiceInput, status: str, valid_until: date | None = None) -> None:
        """Record a standing status of the applicant that a later service may depend on (`depends_on`)."""
        await workflow.execute_local_activity_method(
            ReadModelActivities.grant_standing_status,
            GrantStandingStatusInput(iin=input.applicant_iin, status=status, service_code=self.spec.code,
                                     application_id=input.application_id, valid_from=input.submitted_on,
                                     valid_until=valid_until),
            **LOCAL_STEP)
        self.granted.append(status)

    # --- how a service ends -----------------------------------------------------------------

    async def decided(self, input: ServiceInput, timeline: Timeline, decision: dict[str, Any], *,
                      status: ServiceStatus = "completed", document_id: str | None = None) -> ServiceOutcome:
        """The service is granted: its decision in the read model and on the timeline; a long-running
        one (status "decided") tells its application and goes on."""
        if input.overturned_by_appeal:
            decision["overturned_by_appeal"] = input.overturned_by_appeal
        await timeline.service_status(status, decision)
        await timeline.event("decision", messages.DECISION_APPROVED, step="decision")
        outcome = ServiceOutcome(service_code=self.spec.code, status=status, document_id=document_id,
                                 granted=list(self.granted))
        await self.report_decision(input, outcome)
        return outcome

    async def refuse(self, input: ServiceInput, timeline: Timeline, refusal: Refused) -> ServiceOutcome:
        await timeline.step_failed(self.step(refusal.step), {"reasons": refusal.reasons})
        decision = {"outcome": "refused", "step": refusal.step, "decisive": refusal.decisive,
                    "reasons": refusal.reasons,
                    "figures": refusal.figures, "decided_on": input.submitted_on.isoformat()}
        if refusal.decided_by:
            decision["decided_by"] = refusal.decided_by
        await timeline.service_status("refused", decision)
        await timeline.event("decision", messages.DECISION_REFUSED, step="decision",
                             detail={"reasons": refusal.reasons})
        subject, body = messages.refusal_notice(input.language, application_id=input.application_id,
                                                reasons=refusal.reasons)
        await self.notify(input, subject, body, "refused")
        outcome = ServiceOutcome(service_code=self.spec.code, status="refused", reason_codes=refusal.decisive)
        await self.report_decision(input, outcome)
        return outcome

    async def report_decision(self, input: ServiceInput, outcome: ServiceOutcome) -> None:
        """A long-running service tells whoever started it (`report_to`: its application, or the appeal
        that runs it again) the decision, once, and goes on running."""
        if not input.report_to or self._decision_reported:
            return
        self._decision_reported = True
        try:
            await workflow.get_external_workflow_handle(input.report_to).signal(SERVICE_DECIDED_SIGNAL, outcome)
        except Exception:  # the starter has ended (withdrawn): nobody waits  # noqa: BLE001
            workflow.logger.info("%s no longer waits for %s", input.report_to, self.spec.code)

    def purpose(self, input: ServiceInput) -> Purpose:
        """Why a registry is read or written: the access log records it."""
        return Purpose(application_id=input.application_id, service_code=self.spec.code)

    def key(self, input: ServiceInput, part: str) -> str:
        """An idempotency key for one registry write of this application's service."""
        return f"{input.application_id}:{self.spec.code}:{part}"

    @staticmethod
    def _notice_part(input: ServiceInput, outcome: str) -> str:
        """A notice's key: a run again after an appeal tells a new decision, never a repeat of the first run's
        (the same key with another text is refused by the gateway: a job seeker is "registered" both times)."""
        appeal = f"appeal-{input.overturned_by_appeal}:" if input.overturned_by_appeal else ""
        return f"{appeal}notice:{outcome}"

    async def notify(self, input: ServiceInput, subject: str, body: str, outcome: str) -> None:
        """A notice in the applicant's language, to the application's contact (SMS before e-mail)."""
        self._step = "notify_applicant"
        contact = input.contact or {}
        phone = contact.get("phone") or input.answers.get("phone")
        email = contact.get("email") or input.answers.get("email")
        if not (phone or email):  # none given: the registries', the once-only principle
            phone, email = await self._registry_contact(input)
        channel, to = ("sms", phone) if phone else ("email", email)
        if not to:
            return
        receipt: NotificationReceipt = await workflow.execute_activity_method(
            NotificationActivities.send,
            SendNotificationInput(channel=channel, to=to, language=input.language, subject=subject, body=body,
                                  idempotency_key=self.key(input, self._notice_part(input, outcome)),
                                  purpose=self.purpose(input)),
            **REGISTRY_CALL)
        step = next((s for s in (*self.spec.steps, *self.extra_steps) if s.code == "notify_applicant"), None)
        if step is not None:
            await timeline_for(input).step_done(step, {"channel": channel, "message_id": receipt.message_id})

    async def _registry_contact(self, input: ServiceInput) -> tuple[str | None, str | None]:
        """The applicant's phone and e-mail in the population registry; a business's are its head's (the
        businesses registry names them). Nobody known to a registry: no one to tell."""
        iin, purpose = input.applicant_iin, self.purpose(input)
        patched = workflow.patched(REGISTRY_CONTACT_PATCH)
        try:
            if patched and looks_like_bin(iin):
                business: Business = await workflow.execute_activity_method(
                    BusinessActivities.get_business, GetBusinessInput(business_id=iin, purpose=purpose),
                    **REGISTRY_CALL)
                iin = business.head.iin
            person: Person = await workflow.execute_activity_method(
                PopulationActivities.get_person, GetPersonInput(iin=iin, purpose=purpose), **REGISTRY_CALL)
        except ActivityError as error:
            if not patched or refusal_code(error) is None:
                raise
            workflow.logger.info("no contact in the registries (%s): no notice", refusal_code(error))
            return None, None
        return person.phone, person.email


__all__ = ["Refused", "ServiceWorkflow", "refusal_code", "registry_reason"]
