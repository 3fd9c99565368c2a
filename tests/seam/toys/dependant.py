"""A toy service that needs the toy status: granted in the same application or an earlier one."""

from __future__ import annotations

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from services.spec import Dependency, ServiceSpec
    from tests.seam.toys.common import BASIS, DECIDE, NoAnswers, text
    from tests.seam.toys.status import CODE as STATUS_SERVICE
    from tests.seam.toys.status import STATUS
    from workflows.inputs import ServiceInput, ServiceOutcome
    from workflows.service import ServiceWorkflow
    from workflows.timeline import Timeline

SPEC = ServiceSpec(
    code="toy-dependant", title=text("Toy dependant"), description=text("Needs the toy status"),
    audience=("citizen",), form=NoAnswers, workflow="ToyDependant", legal_deadline_working_days=1,
    legal_basis=BASIS, steps=(DECIDE,), workflow_class="tests.seam.toys.dependant:ToyDependantWorkflow",
    depends_on=(Dependency(STATUS_SERVICE, STATUS),),
)


@workflow.defn(name=SPEC.workflow)
class ToyDependantWorkflow(ServiceWorkflow):
    spec = SPEC

    @workflow.run
    async def run(self, input: ServiceInput) -> ServiceOutcome:
        return await self.run_service(input)

    async def procedure(self, input: ServiceInput, timeline: Timeline) -> ServiceOutcome:
        await timeline.step_done(self.step("decide"))
        return await self.decided(input, timeline, {"outcome": "approved", "reasons": [], "figures": {},
                                                    "decided_on": input.submitted_on.isoformat()})
