"""What the applicant sees: every step, decision and status, written to the read model.

Writes are local activities (cheap, recorded in history, retried until the database is
back) with deterministic event keys, so a replayed or retried step writes once.
"""

from __future__ import annotations

from typing import Any

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from services.spec import StepSpec
    from store.activities import ReadModelActivities, RecordEventInput, SetApplicationStatusInput, SetServiceStatusInput
    from workflows.retries import LOCAL_STEP


class Timeline:
    def __init__(self, application_id: str, service_code: str | None) -> None:
        self.application_id = application_id
        self.service_code = service_code

    async def event(self, kind: str, title: dict[str, str], *, step: str | None = None,
                    detail: dict[str, Any] | None = None, key: str | None = None) -> None:
        event_key = ":".join(p for p in (self.application_id, self.service_code or "-",
                                         step or "-", key or kind) if p)
        await workflow.execute_local_activity_method(
            ReadModelActivities.record_event,
            RecordEventInput(application_id=self.application_id, service_code=self.service_code,
                             event_key=event_key, kind=kind, step=step, title=title, detail=detail or {},
                             at=workflow.now()),
            **LOCAL_STEP,
        )

    async def step_done(self, step: StepSpec, detail: dict[str, Any] | None = None) -> None:
        await self.event("step.completed", step.title, step=step.code, detail=detail)

    async def step_failed(self, step: StepSpec, detail: dict[str, Any] | None = None) -> None:
        await self.event("step.failed", step.title, step=step.code, detail=detail)

    async def service_status(self, status: str, decision: dict[str, Any] | None = None) -> None:
        assert self.service_code is not None, "an application's own timeline has no service status"
        await workflow.execute_local_activity_method(
            ReadModelActivities.set_service_status,
            SetServiceStatusInput(application_id=self.application_id, service_code=self.service_code,
                                  status=status, decision=decision),
            **LOCAL_STEP,
        )

    async def application_status(self, status: str) -> None:
        await workflow.execute_local_activity_method(
            ReadModelActivities.set_application_status,
            SetApplicationStatusInput(application_id=self.application_id, status=status),
            **LOCAL_STEP,
        )
