"""The parent of every application: one child workflow per requested service."""

from __future__ import annotations

import asyncio

from temporalio import workflow
from temporalio.exceptions import ChildWorkflowError

with workflow.unsafe.imports_passed_through():
    from services import messages
    from services.catalogue import get_service
    from workflows.inputs import (APPLICATION_WORKFLOW, ApplicationInput, ApplicationOutcome, ServiceInput,
                                  ServiceOrder, ServiceOutcome, service_workflow_id)
    from workflows.timeline import Timeline
    from workflows.webhooks import announce_status_change

# The first change to this workflow's commands: agency applications announce each status.
AGENCY_WEBHOOKS_PATCH = "agency-webhooks"


def overall_status(outcomes: list[ServiceOutcome]) -> str:
    statuses = {o.status for o in outcomes}
    if statuses == {"completed"}:
        return "completed"
    if statuses == {"refused"}:
        return "refused"
    if statuses == {"failed"}:
        return "failed"
    return "partially_completed"


@workflow.defn(name=APPLICATION_WORKFLOW)
class ApplicationWorkflow:
    def __init__(self) -> None:
        self._outcomes: dict[str, ServiceOutcome] = {}
        self._status_changes = 0

    @workflow.query(name="outcomes")
    def outcomes(self) -> list[ServiceOutcome]:
        return list(self._outcomes.values())

    @workflow.run
    async def run(self, input: ApplicationInput) -> ApplicationOutcome:
        timeline = Timeline(input.application_id, None)
        await self._set_status(input, timeline, "in_progress")
        await timeline.event("application.received", messages.APPLICATION_RECEIVED)
        # The services offered so far depend on nothing but the applicant: all run at once.
        outcomes = await asyncio.gather(*(self._run_service(input, order) for order in input.services))
        status = overall_status(list(outcomes))
        await self._set_status(input, timeline, status)
        await timeline.event("application.finished", messages.APPLICATION_FINISHED, detail={"status": status})
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
            try:
                outcome = await workflow.execute_child_workflow(
                    spec.workflow,
                    ServiceInput(application_id=input.application_id, service_code=order.code,
                                 applicant_iin=input.applicant_iin, language=input.language,
                                 answers=order.answers, submitted_on=input.submitted_on),
                    id=service_workflow_id(input.application_id, order.code),
                    result_type=ServiceOutcome,
                )
            except ChildWorkflowError:
                await Timeline(input.application_id, order.code).service_status("failed")
                outcome = ServiceOutcome(service_code=order.code, status="failed", reason_codes=["service_failed"])
        self._outcomes[order.code] = outcome
        return outcome
