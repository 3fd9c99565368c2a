"""A toy service that needs a family member's consent: a task for a citizen other than the applicant."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field
from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from services.spec import ServiceSpec, StepSpec
    from tests.seam.toys.common import BASIS, DECIDE, text
    from workflows.human_tasks import TaskSpec
    from workflows.inputs import ServiceInput, ServiceOutcome
    from workflows.service import Refused, ServiceWorkflow
    from workflows.timeline import Timeline

CONSENT = StepSpec("consent", text("Consent of the family member"), manual=True)
CONSENT_DEADLINE_WORKING_DAYS = 2  # a parameter of the service


class ToyConsentForm(BaseModel):
    model_config = ConfigDict(extra="forbid", title="Toy consent")

    member_iin: str = Field(pattern=r"^\d{12}$", description="IIN of the family member who must consent")


SPEC = ServiceSpec(
    code="toy-consent", title=text("Toy consent"), description=text("Needs a family member's consent"),
    audience=("citizen",), form=ToyConsentForm, workflow="ToyConsent", legal_deadline_working_days=5,
    legal_basis=BASIS, steps=(CONSENT, DECIDE), workflow_class="tests.seam.toys.consent:ToyConsentWorkflow",
    agency="toy",
)


@workflow.defn(name=SPEC.workflow)
class ToyConsentWorkflow(ServiceWorkflow):
    spec = SPEC

    @workflow.run
    async def run(self, input: ServiceInput) -> ServiceOutcome:
        return await self.run_service(input)

    async def procedure(self, input: ServiceInput, timeline: Timeline) -> ServiceOutcome:
        answer = await self.ask_citizen(input, timeline, TaskSpec(
            kind="toy.consent", title=text("Consent to a relative's application"), agency="toy", region="-",
            addressee_iin=input.answers["member_iin"], allowed_outcomes=["agree", "refuse"],
            deadline_working_days=CONSENT_DEADLINE_WORKING_DAYS,
            payload={"question": text("Do you agree that your data are used for this application?")}))
        if answer.outcome != "agree":
            raise Refused("consent", [{"code": f"consent_{answer.outcome}", "text": text("No consent"), "params": {}}])
        await timeline.step_done(CONSENT, {"outcome": answer.outcome})
        await timeline.step_done(DECIDE)
        return await self.decided(input, timeline, {"outcome": "approved", "reasons": [], "figures": {},
                                                    "decided_on": input.submitted_on.isoformat()})
