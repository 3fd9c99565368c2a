"""How a service ends when the applicant withdraws: one status, one timeline event and one outcome,
whether the service's workflow stopped itself or the application never started it."""

from __future__ import annotations

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from services import messages
    from workflows.inputs import ServiceOutcome
    from workflows.timeline import Timeline


async def end_withdrawn(timeline: Timeline, service_code: str) -> ServiceOutcome:
    await timeline.service_status("withdrawn")
    await timeline.event("service.withdrawn", messages.SERVICE_WITHDRAWN, step="withdrawn")
    return ServiceOutcome(service_code=service_code, status="withdrawn", reason_codes=["withdrawn"])


__all__ = ["end_withdrawn"]
