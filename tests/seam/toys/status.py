"""A toy service that grants a standing status, or refuses when asked to: what others depend on."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from connectors.population import GetPersonInput, PopulationActivities
    from services.spec import FieldHint, ServiceSpec
    from tests.seam.toys.common import BASIS, DECIDE, REFUSED, VERIFY, text
    from workflows.inputs import ServiceInput, ServiceOutcome
    from workflows.service import Refused, ServiceWorkflow
    from workflows.timeline import Timeline

CODE = "toy-status"
STATUS = "toy-status-granted"


class ToyStatusForm(BaseModel):
    model_config = ConfigDict(extra="forbid", title="Toy status")

    outcome: Literal["grant", "refuse"] = Field(description="What the toy decides")
    home_address: str | None = Field(default=None, max_length=300, description="Home address")


SPEC = ServiceSpec(
    code=CODE, title=text("Toy status"), description=text("Grants a status others need"), audience=("citizen",),
    form=ToyStatusForm, workflow="ToyStatus", legal_deadline_working_days=1, legal_basis=BASIS,
    steps=(VERIFY, DECIDE), workflow_class="tests.seam.toys.status:ToyStatusWorkflow",
    prefill={"home_address": "address.line"},
    hints={"outcome": FieldHint(label=text("What to decide"),
                                choices={"grant": text("Grant it"), "refuse": text("Refuse it")})},
    example_answers={"outcome": "grant"},
)


@workflow.defn(name=SPEC.workflow)
class ToyStatusWorkflow(ServiceWorkflow):
    spec = SPEC

    @workflow.run
    async def run(self, input: ServiceInput) -> ServiceOutcome:
        return await self.run_service(input)

    async def procedure(self, input: ServiceInput, timeline: Timeline) -> ServiceOutcome:
        await self.call("verify_identity", PopulationActivities.get_person,
                        GetPersonInput(iin=input.applicant_iin, purpose=self.purpose(input)))
        await timeline.step_done(self.step("verify_identity"))
        if input.answers.get("outcome") != "grant" and not self.overruled:
            raise Refused("decide", [{"code": "toy_refused", "text": REFUSED, "params": {}}])
        await self.grant_status(input, STATUS)
        await timeline.step_done(self.step("decide"))
        return await self.decided(input, timeline, {"outcome": "approved", "reasons": [], "figures": {},
                                                    "decided_on": input.submitted_on.isoformat()})
