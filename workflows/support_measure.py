"""An application for a support measure: the person, their statuses, the policy's advice, the career
centre's decision; an approval enrols them (a standing status) and tells them so."""

from __future__ import annotations

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from connectors.businesses import BusinessActivities, BusinessStatus, GetBusinessStatusInput
    from connectors.contracts import ContractActivities, GetEmploymentRecordInput
    from connectors.education import EducationActivities, GetEducationInput
    from connectors.population import GetFamilyInput, GetPersonInput, Person, PopulationActivities
    from connectors.social_payments import GetSocialPaymentsInput, SocialPaymentActivities
    from connectors.special_records import GetReleasesInput, SpecialRecordActivities
    from policies.labour.support import MeasureEligibility, SupportFacts
    from policies.labour.unemployment import add_months
    from services.job_seeker import UNEMPLOYED_STATUS
    from services.labour_exchange import LABOUR_AGENCY
    from services.labour_participation import Participation, ParticipationInput
    from services.regions import registered_region
    from services.support_facts import RegistryFacts, disability_months, support_facts
    from services.support_measure import (
        DECISION_DEADLINE_WORKING_DAYS,
        DECISION_KIND,
        DECISION_REASONS,
        DECISION_STEP,
        DECISION_TITLE,
        PARTICIPANT_STATUS,
        PARTICIPATION_MONTHS,
        SPEC,
        enrolled_notice,
    )
    from services.support_measure_policies import MeasureInput, SupportMeasurePolicies
    from store.activities import ReadModelActivities, StandingStatusFound, StandingStatusInput
    from store.labour_activities import LabourExchangeActivities
    from workflows.human_tasks import TaskSpec
    from workflows.inputs import ServiceInput, ServiceOutcome
    from workflows.retries import LOCAL_STEP
    from workflows.service import ServiceWorkflow
    from workflows.timeline import Timeline


@workflow.defn(name=SPEC.workflow)
class SupportMeasureWorkflow(ServiceWorkflow):
    spec = SPEC
    extra_steps = (DECISION_STEP,)

    @workflow.run
    async def run(self, input: ServiceInput) -> ServiceOutcome:
        return await self.run_service(input)

    async def procedure(self, input: ServiceInput, timeline: Timeline) -> ServiceOutcome:
        on, purpose, measure = input.submitted_on, self.purpose(input), input.answers["measure"]
        person: Person = await self.call("verify_identity", PopulationActivities.get_person,
                                         GetPersonInput(iin=input.applicant_iin, purpose=purpose))
        await timeline.step_done(self.step("verify_identity"))

        business: BusinessStatus = await self.call("check_conditions", BusinessActivities.get_status,
                                                   GetBusinessStatusInput(iin=input.applicant_iin, purpose=purpose))
        unemployed: StandingStatusFound = await workflow.execute_local_activity_method(
            ReadModelActivities.standing_status,
            StandingStatusInput(iin=input.applicant_iin, status=UNEMPLOYED_STATUS, on=on), **LOCAL_STEP)
        exchange: Participation = await workflow.execute_local_activity_method(
            LabourExchangeActivities.participation,
            ParticipationInput(iins=[input.applicant_iin], on=on, refusals_since=on), **LOCAL_STEP)
        member = exchange.of(input.applicant_iin)
        seeker = member.job_seeker or unemployed.found
        statuses = [s for s, held in (("job_seeker", seeker), ("unemployed", unemployed.found),
                                      ("entrepreneur", business.active_entrepreneur)) if held]
        if workflow.patched("support-registry-facts"):
            # The family, disability, work record, diplomas and releases the conditions read (issue 14).
            # And the job seeker's own choices (relocation, occupations), as the support page reads them: the
            # advice the officer sees is the one the person was shown. No new command: old runs replay as they ran.
            facts = support_facts(await self._registry_facts(input, person), on, statuses,
                                  willing_to_relocate=member.willing_to_relocate,
                                  desired_occupations=member.desired_occupations)
        else:
            facts = SupportFacts(birth_date=person.birth_date, statuses=statuses,
                                 region=person.address.region_code)
        self._step = "check_conditions"
        advice: MeasureEligibility = await workflow.execute_local_activity_method(
            SupportMeasurePolicies.eligibility, MeasureInput(facts=facts, measure=measure, on=on), **LOCAL_STEP)
        reasons = [r.model_dump(mode="json") for r in advice.decision.reasons]
        await timeline.step_done(self.step("check_conditions"),
                                 {"outcome": advice.decision.outcome, "statuses": statuses})

        review = None
        if not self.overruled:
            review = await self.officer_review(timeline, DECISION_STEP, TaskSpec(
                kind=DECISION_KIND, title=DECISION_TITLE, agency=LABOUR_AGENCY,
                region=registered_region(person.address.region_code),
                payload={"measure": measure, "title": advice.title, "motivation": input.answers.get("motivation"),
                         "statuses": statuses, "advice": {"outcome": advice.decision.outcome, "reasons": reasons,
                                                          "unconfirmed": advice.decision.unconfirmed}},
                allowed_outcomes=["approve", "refuse"], reason_codes=DECISION_REASONS,
                deadline_working_days=DECISION_DEADLINE_WORKING_DAYS))

        until = add_months(on, PARTICIPATION_MONTHS)
        await self.grant_status(input, PARTICIPANT_STATUS, until)
        await timeline.step_done(self.step("enrol"), {"measure": measure, "valid_until": until.isoformat()})
        decision = {"outcome": "approved", "measure": measure, "title": advice.title, "valid_until": until.isoformat(),
                    "reasons": reasons + (review.reasons if review else []), "unconfirmed": advice.decision.unconfirmed,
                    "decided_on": on.isoformat()}
        if review is not None:
            decision.update(decided_by=review.officer, review_task_id=review.task_id)
        outcome = await self.decided(input, timeline, decision)
        subject, body = enrolled_notice(input.language, application_id=input.application_id, measure=advice.title,
                                        until=until.isoformat())
        await self.notify(input, subject, body, "enrolled")
        return outcome

    async def _registry_facts(self, input: ServiceInput, person: Person) -> RegistryFacts:
        purpose, iin = self.purpose(input), input.applicant_iin
        first, last = disability_months(input.submitted_on)
        return RegistryFacts(
            person=person,
            family=await self.call("check_conditions", PopulationActivities.get_family,
                                   GetFamilyInput(iin=iin, purpose=purpose)),
            payments=await self.call("check_conditions", SocialPaymentActivities.get_payments,
                                     GetSocialPaymentsInput(iin=iin, purpose=purpose, from_month=first, to_month=last)),
            record=await self.call("check_conditions", ContractActivities.get_record,
                                   GetEmploymentRecordInput(iin=iin, purpose=purpose)),
            education=await self.call("check_conditions", EducationActivities.get_diplomas,
                                      GetEducationInput(iin=iin, purpose=purpose)),
            releases=await self.call("check_conditions", SpecialRecordActivities.get_releases,
                                     GetReleasesInput(iin=iin, purpose=purpose)))
