"""The parent of every application: one child workflow per requested service.

The applicant may withdraw (update `withdraw`) while a service is undecided: the parent signals
`withdraw` to every child still running; each cancels its open tasks and ends "withdrawn".
"""

from __future__ import annotations

import asyncio

from pydantic import BaseModel
from temporalio import workflow
from temporalio.exceptions import ApplicationError, ChildWorkflowError

with workflow.unsafe.imports_passed_through():
    from services import messages
    from services.application_status import application_status
    from services.catalogue import get_service
    from workflows.inputs import (APPLICATION_WORKFLOW, ApplicationInput, ApplicationOutcome, ServiceInput,
                                  ServiceOrder, ServiceOutcome, service_workflow_id)
    from workflows.timeline import Timeline
    from workflows.webhooks import announce_status_change

# The first change to this workflow's commands: agency applications announce each status.
AGENCY_WEBHOOKS_PATCH = "agency-webhooks"


WITHDRAWAL_REQUESTED = {"kk": "Өтініш берушi өтінішті кері қайтарды", "ru": "Заявитель отозвал заявление",
                        "en": "The applicant withdrew the application"}


class WithdrawInput(BaseModel):
    reason: str | None = None


class WithdrawResult(BaseModel):
    services: list[str]  # the services told to stop


def overall_status(outcomes: list[ServiceOutcome]) -> str:
    return application_status(o.status for o in outcomes)


@workflow.defn(name=APPLICATION_WORKFLOW)
class ApplicationWorkflow:
    def __init__(self) -> None:
        self._outcomes: dict[str, ServiceOutcome] = {}
        self._status_changes = 0
        self._running: dict[str, str] = {}  # service code -> child workflow id, while it runs
        self._withdrawn = False
        self._application_id: str | None = None

    @workflow.update(name="withdraw")
    async def withdraw(self, input: WithdrawInput) -> WithdrawResult:
        self._validate_withdraw(input)  # again: two withdrawals in one activation both passed the validator
        self._withdrawn = True
        codes = sorted(self._running)
        assert self._application_id is not None
        await Timeline(self._application_id, None).event("application.withdrawal_requested", WITHDRAWAL_REQUESTED,
                                                         detail={"services": codes})
        for code in codes:
            try:
                await workflow.get_external_workflow_handle(self._running[code]).signal("withdraw")
            except Exception:  # finished in the meantime: nothing left to stop  # noqa: BLE001
                workflow.logger.info("service %s finished before the withdrawal reached it", code)
        return WithdrawResult(services=codes)

    @withdraw.validator
    def _validate_withdraw(self, input: WithdrawInput) -> None:
        if self._withdrawn:
            raise ApplicationError("the application is already withdrawn", type="AlreadyWithdrawn",
                                   non_retryable=True)
        if not self._running:
            raise ApplicationError("every service of the application is decided", type="AlreadyDecided",
                                   non_retryable=True)

    @workflow.query(name="outcomes")
    def outcomes(self) -> list[ServiceOutcome]:
        return list(self._outcomes.values())

    @workflow.run
    async def run(self, input: ApplicationInput) -> ApplicationOutcome:
        self._application_id = input.application_id
        timeline = Timeline(input.application_id, None)
        await self._set_status(input, timeline, "in_progress")
        await timeline.event("application.received", messages.APPLICATION_RECEIVED)
        # The services offered so far depend on nothing but the applicant: all run at once.
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

    async def _run_service(self, input: ApplicationInput, order: ServiceOrder) -> ServiceOutcome:
        spec = get_service(order.code)
        if spec is None:  # the portal refuses unknown services; an old run may name a retired one
            outcome = ServiceOutcome(service_code=order.code, status="failed", reason_codes=["unknown_service"])
        else:
            child_id = service_workflow_id(input.application_id, order.code)
            self._running[order.code] = child_id
            try:
                outcome = await workflow.execute_child_workflow(
                    spec.workflow,
                    ServiceInput(application_id=input.application_id, service_code=order.code,
                                 applicant_iin=input.applicant_iin, language=input.language,
                                 answers=order.answers, submitted_on=input.submitted_on),
                    id=child_id,
                    result_type=ServiceOutcome,
                )
            except ChildWorkflowError:
                await Timeline(input.application_id, order.code).service_status("failed")
                outcome = ServiceOutcome(service_code=order.code, status="failed", reason_codes=["service_failed"])
            finally:
                self._running.pop(order.code, None)
        self._outcomes[order.code] = outcome
        return outcome
