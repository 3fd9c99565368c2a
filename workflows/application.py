"""The parent of every application: one child workflow per requested service.

The applicant may withdraw (update `withdraw`) while a service is undecided: the parent signals
`withdraw` to every child still running; each cancels its open tasks and ends "withdrawn". A
service whose child has not started yet is not started at all and ends "withdrawn" here; a child
whose start was under way gets the signal as soon as it has started.
"""

from __future__ import annotations

import asyncio
from typing import Any

from temporalio import workflow
from temporalio.exceptions import ApplicationError, ChildWorkflowError
from temporalio.workflow import ChildWorkflowHandle, ExternalWorkflowHandle, ParentClosePolicy

with workflow.unsafe.imports_passed_through():
    from services import messages
    from services.application_status import application_status
    from services.catalogue import get_service
    from services.spec import Dependency, ServiceSpec
    from store.activities import ReadModelActivities, StandingStatusInput
    from workflows.human_tasks import check_signed
    from workflows.inputs import (
        APPLICATION_WORKFLOW,
        SERVICE_DECIDED_SIGNAL,
        ApplicationInput,
        ApplicationOutcome,
        ServiceInput,
        ServiceOrder,
        ServiceOutcome,
        WithdrawInput,
        WithdrawResult,
        service_workflow_id,
    )
    from workflows.long_running import DecisionReports
    from workflows.retries import LOCAL_STEP
    from workflows.timeline import Timeline
    from workflows.webhooks import announce_status_change
    from workflows.withdrawal import end_withdrawn

# The first change to this workflow's commands: agency applications announce each status.
AGENCY_WEBHOOKS_PATCH = "agency-webhooks"
# Withdrawal before a child has started: runs before it knew only the children it had started, and
# registered each one before its start was confirmed (so a signal to a pending start was lost).
WITHDRAW_BEFORE_START_PATCH = "withdraw-before-start"
# The service seam: a service starts once what it depends on is met, and a long-running one reports
# its decision and runs on after the application ends. Runs from before started every service at once.
SERVICE_DEPENDENCIES_PATCH = "service-dependencies"


WITHDRAWAL_REQUESTED = {"kk": "Өтініш берушi өтінішті кері қайтарды", "ru": "Заявитель отозвал заявление",
                        "en": "The applicant withdrew the application"}


def overall_status(outcomes: list[ServiceOutcome]) -> str:
    return application_status(o.status for o in outcomes)


@workflow.defn(name=APPLICATION_WORKFLOW)
class ApplicationWorkflow:
    @workflow.init
    def __init__(self, input: ApplicationInput) -> None:
        # The input here, not in run: a withdrawal can arrive in the run's very first activation.
        self._input = input
        self._outcomes: dict[str, ServiceOutcome] = {}
        self._status_changes = 0
        self._running: dict[str, str] = {}  # service code -> child workflow id, while it runs
        self._withdrawn = False
        self._stops_unstarted: bool | None = None  # WITHDRAW_BEFORE_START_PATCH, once asked
        self._reports = DecisionReports()  # decisions long-running services signalled

    def _withdraw_before_start(self) -> bool:
        """Asked once by whichever comes first, the run or a withdrawal (workflow.patched creates a
        marker, so never from a validator)."""
        if self._stops_unstarted is None:
            self._stops_unstarted = workflow.patched(WITHDRAW_BEFORE_START_PATCH)
        return self._stops_unstarted

    def _undecided(self) -> list[str]:
        if self._stops_unstarted is False:  # a run from before the patch stops only what it started
            return sorted(self._running)
        return sorted({o.code for o in self._input.services} - set(self._outcomes))

    @workflow.update(name="withdraw")
    async def withdraw(self, input: WithdrawInput) -> WithdrawResult:
        self._check_withdrawable()  # again: two withdrawals in one activation both passed the validator
        self._withdraw_before_start()
        self._withdrawn = True
        codes = self._undecided()
        # Only the children started by now: one still starting is told by _run_child once it has.
        started = {code: self._running[code] for code in codes if code in self._running}
        await Timeline(self._input.application_id, None).event(
            "application.withdrawal_requested", WITHDRAWAL_REQUESTED, detail={"services": codes})
        for code, child_id in started.items():
            await self._tell_to_withdraw(code, workflow.get_external_workflow_handle(child_id))
        return WithdrawResult(services=codes)

    @withdraw.validator
    def _validate_withdraw(self, input: WithdrawInput) -> None:
        check_signed("withdraw", input)
        self._check_withdrawable()

    def _check_withdrawable(self) -> None:
        if self._withdrawn:
            raise ApplicationError("the application is already withdrawn", type="AlreadyWithdrawn",
                                   non_retryable=True)
        if not self._undecided():
            raise ApplicationError("every service of the application is decided", type="AlreadyDecided",
                                   non_retryable=True)

    @staticmethod
    async def _tell_to_withdraw(code: str, child: ExternalWorkflowHandle[Any] | ChildWorkflowHandle[Any, Any]) -> None:
        try:
            await child.signal("withdraw")
        except Exception:  # finished in the meantime: nothing left to stop  # noqa: BLE001
            workflow.logger.info("service %s finished before the withdrawal reached it", code)

    @workflow.signal(name=SERVICE_DECIDED_SIGNAL)
    def service_decided(self, outcome: ServiceOutcome) -> None:
        """A long-running service is decided (granted and going on, or ended): the application counts it done."""
        self._reports.receive(outcome)

    @workflow.query(name="outcomes")
    def outcomes(self) -> list[ServiceOutcome]:
        return list(self._outcomes.values())

    @workflow.run
    async def run(self, input: ApplicationInput) -> ApplicationOutcome:
        self._withdraw_before_start()
        timeline = Timeline(input.application_id, None)
        await self._set_status(input, timeline, "in_progress")
        await timeline.event("application.received", messages.APPLICATION_RECEIVED)
        if workflow.patched(SERVICE_DEPENDENCIES_PATCH):
            # Each service starts as soon as what it depends on is met; the others at once.
            outcomes = await asyncio.gather(*(self._run_when_ready(input, order) for order in input.services))
        else:
            outcomes = await asyncio.gather(*(self._run_service(input, order) for order in input.services))
        status = overall_status(list(outcomes))
        await self._set_status(input, timeline, status)
        await timeline.event("application.finished", messages.APPLICATION_FINISHED, detail={"status": status})
        await workflow.wait_condition(workflow.all_handlers_finished)  # no command: old runs replay
        return ApplicationOutcome(application_id=input.application_id, status=status, services=list(outcomes))

    async def _set_status(self, input: ApplicationInput, timeline: Timeline, status: str) -> None:
        """The one place this workflow changes the application's status; an agency's hears of it."""
        await timeline.application_status(status)
        client_id = input.submitted_via.removeprefix("agency:") if input.submitted_via.startswith("agency:") else None
        if client_id and workflow.patched(AGENCY_WEBHOOKS_PATCH):
            self._status_changes += 1
            await announce_status_change(input.application_id, client_id, status, self._status_changes)

    async def _run_when_ready(self, input: ApplicationInput, order: ServiceOrder) -> ServiceOutcome:
        spec = get_service(order.code)
        if spec is not None and spec.depends_on:
            unmet = await self._unmet_need(input, spec)
            if unmet is not None and not self._withdrawn:
                outcome = await self._end_unmet(input, order.code, unmet)
                self._outcomes[order.code] = outcome
                return outcome
        return await self._run_service(input, order)

    async def _unmet_need(self, input: ApplicationInput, spec: ServiceSpec) -> Dependency | None:
        """The first need not met: by the service in this application once decided, else by a standing
        status of the applicant from an earlier application."""
        requested = {o.code for o in input.services}
        for need in spec.depends_on:
            if need.service in requested:
                await workflow.wait_condition(lambda: need.service in self._outcomes)  # noqa: B023  (awaited here)
                if need.outcome in self._outcomes[need.service].granted:
                    continue
            standing = await workflow.execute_local_activity_method(
                ReadModelActivities.standing_status,
                StandingStatusInput(iin=input.applicant_iin, status=need.outcome, on=input.submitted_on),
                **LOCAL_STEP)
            if not standing.found:
                return need
        return None

    async def _end_unmet(self, input: ApplicationInput, code: str, need: Dependency) -> ServiceOutcome:
        needed = get_service(need.service)
        reason = {"code": "dependency_unmet",
                  "text": messages.dependency_unmet(
                      needed.title if needed else {lang: need.service for lang in ("kk", "ru", "en")}, need.outcome),
                  "params": {"service": need.service, "outcome": need.outcome}}
        timeline = Timeline(input.application_id, code)
        await timeline.service_status("refused", {
            "outcome": "refused", "step": "dependencies", "decisive": ["dependency_unmet"], "reasons": [reason],
            "figures": {}, "decided_on": input.submitted_on.isoformat()})
        await timeline.event("decision", messages.DECISION_REFUSED, step="decision", detail={"reasons": [reason]})
        return ServiceOutcome(service_code=code, status="refused", reason_codes=["dependency_unmet"])

    async def _run_service(self, input: ApplicationInput, order: ServiceOrder) -> ServiceOutcome:
        spec = get_service(order.code)
        if spec is None:  # the portal refuses unknown services; an old run may name a retired one
            outcome = ServiceOutcome(service_code=order.code, status="failed", reason_codes=["unknown_service"])
        elif self._withdrawn and self._withdraw_before_start():
            outcome = await end_withdrawn(Timeline(input.application_id, order.code), order.code)
        else:
            outcome = await self._run_child(input, order, spec)
        self._outcomes[order.code] = outcome
        return outcome

    async def _run_child(self, input: ApplicationInput, order: ServiceOrder, spec: ServiceSpec) -> ServiceOutcome:
        child_id = service_workflow_id(input.application_id, order.code)
        registered_when_started = self._withdraw_before_start()
        if not registered_when_started:
            self._running[order.code] = child_id
        try:
            # start_child_workflow, then the result: the same commands as execute_child_workflow.
            # A long-running service goes on (paying) when the application ends: it is abandoned, not ended.
            # TERMINATE is the SDK's default: the command is the same as when it was left out.
            close = ParentClosePolicy.ABANDON if spec.long_running else ParentClosePolicy.TERMINATE
            child = await workflow.start_child_workflow(
                spec.workflow,
                ServiceInput(application_id=input.application_id, service_code=order.code,
                             applicant_iin=input.applicant_iin, language=input.language,
                             answers=order.answers, submitted_on=input.submitted_on, contact=input.contact,
                             report_to=workflow.info().workflow_id if spec.long_running else None),
                id=child_id,
                result_type=ServiceOutcome,
                parent_close_policy=close,
            )
            if registered_when_started:
                self._running[order.code] = child_id
                if self._withdrawn:  # withdrawn while the start was under way: the update could not reach it
                    await self._tell_to_withdraw(order.code, child)
            if spec.long_running:
                return await self._reports.decided_or_ended(order.code, child, lambda: self._failed(input, order.code))
            return await child
        except ChildWorkflowError:
            return await self._failed(input, order.code)
        finally:
            self._running.pop(order.code, None)

    @staticmethod
    async def _failed(input: ApplicationInput, code: str) -> ServiceOutcome:
        await Timeline(input.application_id, code).service_status("failed")
        return ServiceOutcome(service_code=code, status="failed", reason_codes=["service_failed"])
