"""A toy service a business applies for, through the person who heads it (`Onestop-Acting-For`)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field
from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from connectors.businesses import BusinessActivities, GetBusinessInput
    from services.spec import ServiceSpec
    from tests.seam.toys.common import BASIS, DECIDE, text
    from workflows.inputs import ServiceInput, ServiceOutcome
    from workflows.service import ServiceWorkflow
    from workflows.timeline import Timeline


class ToyVacancyForm(BaseModel):
    model_config = ConfigDict(extra="forbid", title="Toy vacancy")

    position: str = Field(min_length=1, max_length=200, description="The position offered")


SPEC = ServiceSpec(
    code="toy-vacancy", title=text("Toy vacancy"), description=text("An employer publishes a vacancy"),
    audience=("business",), form=ToyVacancyForm, workflow="ToyVacancy", legal_deadline_working_days=1,
    legal_basis=BASIS, steps=(DECIDE,), workflow_class="tests.seam.toys.business:ToyVacancyWorkflow",
)


@workflow.defn(name=SPEC.workflow)
class ToyVacancyWorkflow(ServiceWorkflow):
    spec = SPEC

    @workflow.run
    async def run(self, input: ServiceInput) -> ServiceOutcome:
        return await self.run_service(input)

    async def procedure(self, input: ServiceInput, timeline: Timeline) -> ServiceOutcome:
        # The applicant is the business: its BIN (or an entrepreneur's IIN) stands where an IIN would.
        business = await self.call("decide", BusinessActivities.get_business,
                                   GetBusinessInput(business_id=input.applicant_iin, purpose=self.purpose(input)))
        await timeline.step_done(self.step("decide"), {"employer": business.name})
        return await self.decided(input, timeline, {"outcome": "approved", "reasons": [], "figures": {},
                                                    "employer": business.id,
                                                    "decided_on": input.submitted_on.isoformat()})
