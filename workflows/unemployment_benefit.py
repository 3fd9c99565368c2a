"""The unemployment benefit: decided from the registries, then paid monthly until the period ends.

Who may have it is the standing unemployed status (the application already checked the dependency;
the workflow reads the status again for the date it is in force from). The job lost is the last
contract of the e-employment record that ended; the contributions are the social insurance
registry's. Once decided, the service tells its application and pays each month through
workflows/payments.py. A contract the person begins after the job was lost, which the registries'
events poller signals (`registry_event`, contract_started), stops the payments from the next month due
(the person is no longer unemployed), and the service ends "completed" with the months paid.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from connectors.contracts import ContractActivities, EmploymentRecord, GetEmploymentRecordInput
    from connectors.contributions import ContributionActivities, ContributionHistory, GetContributionsInput
    from connectors.population import GetPersonInput, PopulationActivities
    from policies.labour.unemployment import BenefitDecision, ContributionPeriod, UnemploymentBenefitCase, add_months
    from services.job_seeker import UNEMPLOYED_STATUS
    from services.labour_exchange import last_job_lost_on
    from services.unemployment_benefit import (
        CAREER_MONTHS_READ,
        PAYMENT_DAY,
        PAYMENT_KIND,
        SPEC,
        STATUS_FOUND,
        STOPPED_NEW_CONTRACT,
    )
    from services.unemployment_benefit_policies import BenefitInput, UnemploymentBenefitPolicies
    from store.activities import ReadModelActivities, StandingStatusFound, StandingStatusInput
    from workflows.inputs import ServiceInput, ServiceOutcome
    from workflows.payments import MonthlyPayments, PaymentPart, PaymentPlan, month_code
    from workflows.registry_events import REGISTRY_EVENT_SIGNAL, RegistryEvent
    from workflows.retries import LOCAL_STEP
    from workflows.service import ServiceWorkflow
    from workflows.timeline import Timeline


def month_text(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


@workflow.defn(name=SPEC.workflow)
class UnemploymentBenefitWorkflow(ServiceWorkflow):
    spec = SPEC

    def __init__(self) -> None:
        super().__init__()
        self.employed_again: dict[str, Any] | None = None
        self._job_lost_on: date | None = None
        self._applicant = ""

    @workflow.signal(name=REGISTRY_EVENT_SIGNAL)
    def registry_event(self, event: RegistryEvent) -> None:
        """A change the registries reported (the events poller signals it): a contract the applicant began
        after the job was lost ends the payments from the next month due."""
        if (event.kind == "contract_started" and event.iin == self._applicant and self.employed_again is None
                and (self._job_lost_on is None or event.on > self._job_lost_on)):
            self.employed_again = {"event_id": event.event_id, "on": event.on.isoformat()}

    @workflow.run
    async def run(self, input: ServiceInput) -> ServiceOutcome:
        return await self.run_service(input)

    async def procedure(self, input: ServiceInput, timeline: Timeline) -> ServiceOutcome:
        on, purpose = input.submitted_on, self.purpose(input)
        self._applicant = input.applicant_iin
        await self.call("verify_identity", PopulationActivities.get_person,
                        GetPersonInput(iin=input.applicant_iin, purpose=purpose))
        await timeline.step_done(self.step("verify_identity"))

        self._step = "check_unemployed_status"
        status: StandingStatusFound = await workflow.execute_local_activity_method(
            ReadModelActivities.standing_status,
            StandingStatusInput(iin=input.applicant_iin, status=UNEMPLOYED_STATUS, on=on), **LOCAL_STEP)
        await timeline.step_done(self.step("check_unemployed_status"),
                                 {"found": status.found, "application_id": status.application_id})

        record: EmploymentRecord = await self.call("read_employment_record", ContractActivities.get_record,
                                                   GetEmploymentRecordInput(iin=input.applicant_iin, purpose=purpose))
        job_lost_on = last_job_lost_on(record, on) or on
        await timeline.step_done(self.step("read_employment_record"), {"job_lost_on": job_lost_on.isoformat()})

        loss_month = job_lost_on.replace(day=1)
        history: ContributionHistory = await self.call(
            "read_contributions", ContributionActivities.get_social_contributions,
            GetContributionsInput(iin=input.applicant_iin, purpose=purpose,
                                  from_month=month_text(add_months(loss_month, -CAREER_MONTHS_READ)),
                                  to_month=month_text(add_months(loss_month, -1))))
        contributions = [ContributionPeriod(month_from=date.fromisoformat(f"{month}-01"), income=income)
                         for month, income in sorted(history.income_by_month().items()) if income > 0]
        await timeline.step_done(self.step("read_contributions"), {"months": len(contributions)})

        # The status stands on the date: the policy pays from the later of it and the application.
        case = UnemploymentBenefitCase(job_lost_on=job_lost_on, unemployed_since=on if status.found else None,
                                       applied_on=on, contributions=contributions)
        award: BenefitDecision = await self.decide("decide_benefit", UnemploymentBenefitPolicies.benefit,
                                                   BenefitInput(case=case, on=on))
        await timeline.step_done(self.step("decide_benefit"), {"amount": str(award.amount),
                                                               "duration_months": award.duration_months})
        decision: dict[str, Any] = {
            "outcome": "approved",
            "reasons": [{"code": "unemployed_status_found", "text": STATUS_FOUND, "params": {}}] if status.found
            else [],
            "figures": award.figures,
            "amount": str(award.amount),
            "duration_months": award.duration_months,
            "starts_on": award.starts_on.isoformat() if award.starts_on else None,
            "ends_on": award.ends_on.isoformat() if award.ends_on else None,
            "payments": [p.model_dump(mode="json") for p in award.payments],
            "unconfirmed": award.unconfirmed,
            "decided_on": on.isoformat(),
        }
        decision["reasons"] += [r.model_dump(mode="json") for r in award.reasons]
        await self.decided(input, timeline, decision, status="decided")
        return await self._pay(input, timeline, award, job_lost_on)

    async def _pay(self, input: ServiceInput, timeline: Timeline, award: BenefitDecision,
                   job_lost_on: date) -> ServiceOutcome:
        self._job_lost_on = job_lost_on
        amounts = {month_code(p.starts_on): p.amount for p in award.payments}
        plan = PaymentPlan(beneficiary_iin=input.applicant_iin, iban=input.answers["iban"], kind=PAYMENT_KIND,
                           months=[p.starts_on.replace(day=1) for p in award.payments], payment_day=PAYMENT_DAY,
                           key_prefix=f"{PAYMENT_KIND}/{input.application_id}", purpose=self.purpose(input))
        payments = MonthlyPayments(timeline, plan, stopped=lambda: self.tasks.withdrawn)

        async def parts_for(month: date) -> list[PaymentPart] | None:
            if self.employed_again is not None:
                return None  # employed again: no month after the contract is paid
            return [PaymentPart(amount=amounts[month_code(month)], description=f"{PAYMENT_KIND} {month_code(month)}")]

        paid = await payments.run(parts_for)
        if self.employed_again is not None:
            await timeline.event("payments.stopped", STOPPED_NEW_CONTRACT, step="payment",
                                 detail={"event": self.employed_again, "months_paid": [p.month for p in paid]})
        await timeline.service_status("completed")
        return ServiceOutcome(service_code=SPEC.code, status="completed")
