"""The review of an appeal against a decided service (workflow "Appeal"; its id,
"appeal-<appeal_id>", is kept on the appeal's row: store.appeals.appeal_workflow_id).

    filed ──► review task for a supervisor of the deciding agency (four-eyes: never the officer
              who made the first decision) ──┬─ upheld      the decision stands
                                             ├─ overturned  the service runs again from the decision
                                             │              step and ends with its document
                                             └─ returned    an officer of the agency decides again:
                                                            approve → as overturned; refuse → refused

The tasks use the human-task pattern, so the officer API's updates (claim, complete, ...) reach
this workflow exactly as they reach a service's. Every step goes on the application's timeline
with its deadline (the task events carry it) and into the `appeals` row ("appeals.record").

An application an agency started tells that agency of each change of its status (workflows/webhooks.py):
the filing's (the application is in progress again) when the review starts, and the new decision's
whenever a step settles the application (upheld, cancelled, decided again).
"""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, Field
from temporalio import workflow
from temporalio.exceptions import ChildWorkflowError
from temporalio.workflow import ParentClosePolicy

with workflow.unsafe.imports_passed_through():
    from connectors.base import Purpose
    from connectors.businesses import Business, BusinessActivities, GetBusinessInput
    from connectors.population import GetPersonInput, Person, PopulationActivities
    from policies.iin import looks_like_bin
    from services import messages
    from services.catalogue import get_service
    from services.regions import registered_region
    from store.appeals import AppealActivities, ApplicationState, ApplicationStateInput, RecordAppealInput
    from workflows.human_tasks import HumanTaskHandlers, HumanTasks, TaskDecision, TaskSpec, Withdrawn
    from workflows.inputs import SERVICE_DECIDED_SIGNAL, ServiceInput, ServiceOutcome
    from workflows.long_running import DecisionReports
    from workflows.retries import LOCAL_STEP, REGISTRY_CALL
    from workflows.timeline import Timeline
    from workflows.webhooks import announce_status_change

APPEAL_WORKFLOW = "Appeal"
# The first change to this workflow's commands: an agency's application announces the status changes
# the appeal makes. Appeals from before announced nothing.
APPEAL_WEBHOOKS_PATCH = "appeal-agency-webhooks"
# A business's appeal with no officer to follow (refused before any task) goes to its registered region's
# officers, as its moderation would have; before, the population registry was asked for a BIN and refused.
BUSINESS_ROUTE_PATCH = "appeal-route-of-a-business"
REVIEW_KIND = "appeal.review"
REWORK_KIND = "appeal.rework"
REVIEW_OUTCOMES = ["upheld", "overturned", "returned"]
REWORK_OUTCOMES = ["approve", "refuse"]


class AppealInput(BaseModel):
    appeal_id: str
    application_id: str
    service_code: str
    service_workflow: str  # the service's child workflow name, run again when the decision falls
    agency: str  # the deciding agency: its supervisors review
    region: str | None = None  # the queue of the first decision; None: the applicant's registered region
    applicant_iin: str
    language: Literal["kk", "ru", "en"] = "kk"
    answers: dict[str, Any] = Field(default_factory=dict)
    submitted_on: date
    filed_on: date
    decided_status: str  # completed | refused: where the service goes back to if the decision stands
    decision: dict[str, Any] | None = None  # the first decision, for the reviewer
    first_decided_by: str | None = None  # four-eyes; None when the first decision was automatic
    grounds: str
    # The refused part of a granted decision appealed (services.spec.DecisionPart: "unemployed_status");
    # None: the decision as a whole. An overturn runs the service again all the same, which grants the part.
    part: str | None = None
    # Filed after its term (APPK Art. 92): last_day, days_late, late_reason...; the reviewer decides on the term.
    late: dict[str, Any] | None = None
    review_deadline_working_days: int
    rework_deadline_working_days: int


class AppealOutcome(BaseModel):
    appeal_id: str
    outcome: Literal["upheld", "overturned", "returned", "cancelled"]
    service_status: str


def rerun_workflow_id(appeal_id: str, service_code: str) -> str:
    return f"appeal-{appeal_id}-{service_code}"


class RerunTimeline(Timeline):
    """The timeline of a service run again after an appeal: its events are new ones, not repeats of
    the first run's (whose keys would make the store drop them)."""

    def __init__(self, application_id: str, service_code: str | None, appeal_id: str) -> None:
        super().__init__(application_id, service_code)
        self.appeal_id = appeal_id

    async def event(self, kind: str, title: dict[str, str], *, step: str | None = None,
                    detail: dict[str, Any] | None = None, key: str | None = None) -> None:
        await super().event(kind, title, step=step, detail={**(detail or {}), "appeal_id": self.appeal_id},
                            key=f"appeal-{self.appeal_id}:{key or kind}")


def timeline_for(input: ServiceInput) -> Timeline:
    """The timeline a service workflow writes to: a rerun's keys carry the appeal."""
    if input.overturned_by_appeal:
        return RerunTimeline(input.application_id, input.service_code, input.overturned_by_appeal)
    return Timeline(input.application_id, input.service_code)


@workflow.defn(name=APPEAL_WORKFLOW)
class AppealWorkflow(HumanTaskHandlers):
    def __init__(self) -> None:
        self.tasks = HumanTasks()
        self._stage = "filed"
        self._agency_client: str | None = None  # set when the application's agency hears of its changes
        self._announced: str | None = None  # the status the agency heard last
        self._announcements = 0
        self._reports = DecisionReports()  # a long-running service run again reports its decision here

    @workflow.signal(name=SERVICE_DECIDED_SIGNAL)
    def service_decided(self, outcome: ServiceOutcome) -> None:
        self._reports.receive(outcome)

    @workflow.query(name="stage")
    def stage(self) -> str:
        return self._stage

    @workflow.run
    async def run(self, input: AppealInput) -> AppealOutcome:
        timeline = Timeline(input.application_id, input.service_code)
        if workflow.patched(APPEAL_WEBHOOKS_PATCH):
            await self._announce(input, first=True)
        try:
            region = input.region or await self._applicant_region(input)
            review = await self._task(timeline, self._review_spec(input, region), "under_review", input)
            return await self._decided(input, timeline, region, review)
        except Withdrawn:
            await timeline.service_status(input.decided_status)
            await self._record(input, "cancelled", event=("appeal.cancelled", messages.APPEAL_CANCELLED, {}),
                               settle=True)
            return AppealOutcome(appeal_id=input.appeal_id, outcome="cancelled", service_status=input.decided_status)

    async def _applicant_region(self, input: AppealInput) -> str:
        self._stage = "routing"
        purpose = Purpose(application_id=input.application_id, service_code=input.service_code)
        if looks_like_bin(input.applicant_iin) and workflow.patched(BUSINESS_ROUTE_PATCH):
            business: Business = await workflow.execute_activity_method(
                BusinessActivities.get_business, GetBusinessInput(business_id=input.applicant_iin, purpose=purpose),
                **REGISTRY_CALL)
            region_code = business.region_code
        else:
            person: Person = await workflow.execute_activity_method(
                PopulationActivities.get_person, GetPersonInput(iin=input.applicant_iin, purpose=purpose),
                **REGISTRY_CALL)
            region_code = person.address.region_code
        spec = get_service(input.service_code)
        return spec.queue_region(region_code) if spec else registered_region(region_code)

    def _review_spec(self, input: AppealInput, region: str) -> TaskSpec:
        return TaskSpec(
            kind=REVIEW_KIND, title=messages.APPEAL_REVIEW_TITLE, agency=input.agency, region=region,
            role="supervisor", allowed_outcomes=REVIEW_OUTCOMES,
            # A late appeal: the reviewer also says whether the term is restored (never a refusal for lateness).
            reason_codes=({**messages.APPEAL_REVIEW_REASONS, **messages.APPEAL_TERM_DECISIONS} if input.late
                          else messages.APPEAL_REVIEW_REASONS),
            reason_references=messages.APPEAL_REASON_REFERENCES,
            deadline_working_days=input.review_deadline_working_days, excluded_officer=input.first_decided_by,
            payload={"appeal_id": input.appeal_id, "grounds": input.grounds, "filed_on": input.filed_on.isoformat(),
                     "late": input.late, "part": input.part,
                     "first_decision": input.decision, "first_decided_by": input.first_decided_by,
                     "answers": input.answers, "submitted_on": input.submitted_on.isoformat()})

    async def _task(self, timeline: Timeline, spec: TaskSpec, stage: str, input: AppealInput) -> TaskDecision:
        """Open a task and wait for it; once it is open, the service shows what this stage is."""
        self._stage = stage
        waiting = asyncio.ensure_future(self.tasks.open_and_wait(spec, timeline))
        await workflow.wait_condition(lambda: waiting.done() or self.tasks.any_open())
        if not waiting.done() and stage == "under_review":
            # Opening a task marks the service "awaiting_officer"; during a review it is under appeal.
            await timeline.service_status("under_appeal")
            await self._record(input, "under_review")
        return await waiting

    async def _decided(self, input: AppealInput, timeline: Timeline, region: str,
                       review: TaskDecision) -> AppealOutcome:
        detail = {"reasons": review.reasons, "comment": review.comment}
        if review.outcome == "upheld":
            self._stage = "upheld"
            await timeline.service_status(input.decided_status)
            await self._record(input, "upheld", reviewer=review.officer, comment=review.comment,
                               event=("appeal.upheld", messages.APPEAL_UPHELD, detail), settle=True)
            return AppealOutcome(appeal_id=input.appeal_id, outcome="upheld", service_status=input.decided_status)
        if review.outcome == "overturned":
            self._stage = "overturned"
            await self._record(input, "overturned", reviewer=review.officer, comment=review.comment,
                               event=("appeal.overturned", messages.APPEAL_OVERTURNED, detail))
            status = await self._run_again(input, timeline, "overturned")
            return AppealOutcome(appeal_id=input.appeal_id, outcome="overturned", service_status=status)
        self._stage = "returned"
        await self._record(input, "returned", reviewer=review.officer, comment=review.comment,
                           event=("appeal.returned", messages.APPEAL_RETURNED, detail))
        rework = await self._task(timeline, TaskSpec(
            kind=REWORK_KIND, title=messages.APPEAL_REWORK_TITLE, agency=input.agency, region=region,
            allowed_outcomes=REWORK_OUTCOMES, reason_codes=messages.APPEAL_REWORK_REASONS,
            reason_references=messages.APPEAL_REASON_REFERENCES,
            deadline_working_days=input.rework_deadline_working_days,
            payload={"appeal_id": input.appeal_id, "grounds": input.grounds, "review": detail,
                     "first_decision": input.decision, "answers": input.answers,
                     "submitted_on": input.submitted_on.isoformat()}), "rework", input)
        if rework.outcome == "approve":
            status = await self._run_again(input, timeline, "returned")
        else:
            status = await self._refuse_again(input, timeline, rework)
        return AppealOutcome(appeal_id=input.appeal_id, outcome="returned", service_status=status)

    async def _run_again(self, input: AppealInput, timeline: Timeline, appeal_status: str) -> str:
        """The service's own workflow, from the decision step on, past the checks that refused."""
        self._stage = "running_again"
        spec = get_service(input.service_code)
        long_running = spec is not None and spec.long_running
        rerun = ServiceInput(application_id=input.application_id, service_code=input.service_code,
                             applicant_iin=input.applicant_iin, language=input.language, answers=input.answers,
                             submitted_on=input.submitted_on, overturned_by_appeal=input.appeal_id,
                             first_decision=input.decision,
                             report_to=workflow.info().workflow_id if long_running else None)
        try:
            if long_running:
                # It pays on after the appeal ends: the appeal waits for its decision, not its end.
                child = await workflow.start_child_workflow(
                    input.service_workflow, rerun, id=rerun_workflow_id(input.appeal_id, input.service_code),
                    result_type=ServiceOutcome, parent_close_policy=ParentClosePolicy.ABANDON)
                outcome = await self._reports.decided_or_ended(input.service_code, child,
                                                               lambda: self._failed(timeline, input.service_code))
            else:
                outcome = await workflow.execute_child_workflow(
                    input.service_workflow, rerun, id=rerun_workflow_id(input.appeal_id, input.service_code),
                    result_type=ServiceOutcome)
            status = outcome.status
        except ChildWorkflowError:
            status = "failed"
            await timeline.service_status(status)
        # The appeal keeps its own outcome; the application's status follows the service's new one.
        await self._record(input, appeal_status, settle=True)
        return status

    @staticmethod
    async def _failed(timeline: Timeline, code: str) -> ServiceOutcome:
        await timeline.service_status("failed")
        return ServiceOutcome(service_code=code, status="failed", reason_codes=["service_failed"])

    async def _refuse_again(self, input: AppealInput, timeline: Timeline, rework: TaskDecision) -> str:
        self._stage = "refused_again"
        reasons = rework.reasons or [{"code": "requirements_not_met",
                                      "text": messages.APPEAL_REWORK_REASONS["requirements_not_met"], "params": {}}]
        await timeline.service_status("refused", {
            "outcome": "refused", "step": "appeal_rework", "decisive": [r["code"] for r in reasons],
            "reasons": reasons, "figures": {}, "decided_on": workflow.now().date().isoformat(),
            "decided_by": rework.officer, "appeal_id": input.appeal_id})
        await timeline.event("decision", messages.DECISION_REFUSED_AGAIN, step="decision",
                             detail={"reasons": reasons, "appeal_id": input.appeal_id},
                             key=f"appeal-{input.appeal_id}:decision")
        await self._record(input, "returned", settle=True)
        return "refused"

    async def _record(self, input: AppealInput, status: str, *, reviewer: str | None = None,
                      comment: str | None = None, event: tuple[str, dict[str, str], dict[str, Any]] | None = None,
                      settle: bool = False) -> None:
        await workflow.execute_local_activity_method(
            AppealActivities.record,
            RecordAppealInput(appeal_id=input.appeal_id, status=status, at=workflow.now(), reviewer=reviewer,
                              comment=comment, settle_application=settle,
                              event={"kind": event[0], "title": event[1], "detail": event[2]} if event else None),
            **LOCAL_STEP)
        if settle:
            await self._announce(input)

    async def _announce(self, input: AppealInput, *, first: bool = False) -> None:
        """Tell the agency that started the application its status, when that is not what it heard last.

        The first call learns whether an agency listens at all; a portal application reads no more.
        """
        if not first and self._agency_client is None:
            return
        state: ApplicationState = await workflow.execute_local_activity_method(
            AppealActivities.application_state, ApplicationStateInput(application_id=input.application_id),
            **LOCAL_STEP)
        self._agency_client = state.agency_client
        if self._agency_client is None or state.status == self._announced:
            return
        self._announced = state.status
        self._announcements += 1
        await announce_status_change(input.application_id, self._agency_client, state.status, self._announcements,
                                     appeal_id=input.appeal_id)


__all__ = ["APPEAL_WORKFLOW", "AppealInput", "AppealOutcome", "AppealWorkflow", "RerunTimeline",
           "rerun_workflow_id", "timeline_for"]
