"""A toy long-running service: decided at once, then it pays monthly (here every `interval_seconds`)."""

from __future__ import annotations

from datetime import timedelta

from pydantic import BaseModel, ConfigDict, Field
from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from services.spec import ServiceSpec
    from tests.seam.toys.common import BASIS, DECIDE, PAYMENT, REFUSED, text
    from workflows.human_tasks import Withdrawn
    from workflows.inputs import ServiceInput, ServiceOutcome
    from workflows.service import Refused, ServiceWorkflow
    from workflows.timeline import Timeline


class ToyAllowanceForm(BaseModel):
    model_config = ConfigDict(extra="forbid", title="Toy allowance")

    months: int = Field(default=3, ge=1, le=12, description="How many payments")
    interval_seconds: int = Field(default=2, ge=1, le=3600, description="Time between payments")
    refuse: bool = Field(default=False, description="The toy refuses (an appeal may overturn it)")


SPEC = ServiceSpec(
    code="toy-allowance", title=text("Toy allowance"), description=text("Pays monthly"), audience=("citizen",),
    form=ToyAllowanceForm, workflow="ToyAllowance", legal_deadline_working_days=1, legal_basis=BASIS,
    steps=(DECIDE,), workflow_class="tests.seam.toys.allowance:ToyAllowanceWorkflow", long_running=True,
    agency="tax",  # its supervisors review appeals
)


@workflow.defn(name=SPEC.workflow)
class ToyAllowanceWorkflow(ServiceWorkflow):
    spec = SPEC

    @workflow.run
    async def run(self, input: ServiceInput) -> ServiceOutcome:
        return await self.run_service(input)

    async def procedure(self, input: ServiceInput, timeline: Timeline) -> ServiceOutcome:
        if input.answers.get("refuse") and not self.overruled:
            raise Refused("decide", [{"code": "toy_refused", "text": REFUSED, "params": {}}])
        await timeline.step_done(self.step("decide"))
        await self.decided(input, timeline, {"outcome": "approved", "reasons": [], "figures": {},
                                             "decided_on": input.submitted_on.isoformat()}, status="decided")
        interval = timedelta(seconds=int(input.answers.get("interval_seconds", 2)))
        for month in range(1, int(input.answers.get("months", 3)) + 1):
            try:
                await workflow.wait_condition(lambda: self.tasks.withdrawn, timeout=interval)
                raise Withdrawn()
            except TimeoutError:
                pass
            await timeline.event("payment", PAYMENT, step="payment", key=f"payment-{month}",
                                 detail={"month": month, "amount": "10000.00"})
        await timeline.service_status("completed")
        return ServiceOutcome(service_code=SPEC.code, status="completed")
