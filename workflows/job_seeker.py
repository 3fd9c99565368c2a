"""Registration as a job seeker: the profile from the e-employment record, and unemployed status where due.

No person is involved: the registries say who the person is, where they worked, whether they are an
entrepreneur or draw an age pension, and the labour policies decide. A refused unemployed status does
not refuse the registration (an employed person may look for work): the decision carries its reasons,
and no standing status is granted, so a benefit that depends on it is refused naming it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from connectors.businesses import BusinessActivities, BusinessStatus, GetBusinessStatusInput
    from connectors.contracts import ContractActivities, EmploymentRecord, GetEmploymentRecordInput
    from connectors.population import GetPersonInput, Person, PopulationActivities
    from connectors.social_payments import GetSocialPaymentsInput, SocialPaymentActivities, SocialPaymentHistory
    from policies.decision import Decision
    from policies.labour.unemployment import JobSeekerFacts, add_months
    from services.job_seeker import NOT_REQUESTED, SPEC, UNEMPLOYED_STATUS, UNEMPLOYED_STATUS_MONTHS, registered_notice
    from services.job_seeker_policies import JobSeekerInput, JobSeekerPolicies
    from services.labour_exchange import work_history
    from store.vacancy_activities import OfferVacanciesInput, OfferVacanciesResult, VacancyActivities
    from workflows.inputs import ServiceInput, ServiceOutcome
    from workflows.retries import LOCAL_STEP
    from workflows.service import ServiceWorkflow
    from workflows.timeline import Timeline

# An age pension paid in one of these last months makes the person a pensioner on the date.
PENSION_RECENT_MONTHS = 3


def draws_age_pension(history: SocialPaymentHistory, on: date) -> bool:
    since = add_months(on.replace(day=1), -PENSION_RECENT_MONTHS).strftime("%Y-%m")
    return any(p.kind == "age_pension" and p.month >= since for p in history.payments)


@workflow.defn(name=SPEC.workflow)
class JobSeekerRegistrationWorkflow(ServiceWorkflow):
    spec = SPEC

    @workflow.run
    async def run(self, input: ServiceInput) -> ServiceOutcome:
        return await self.run_service(input)

    async def procedure(self, input: ServiceInput, timeline: Timeline) -> ServiceOutcome:
        answers, on, purpose = input.answers, input.submitted_on, self.purpose(input)

        person: Person = await self.call("verify_identity", PopulationActivities.get_person,
                                         GetPersonInput(iin=input.applicant_iin, purpose=purpose))
        await timeline.step_done(self.step("verify_identity"))

        record: EmploymentRecord = await self.call("read_employment_record", ContractActivities.get_record,
                                                   GetEmploymentRecordInput(iin=input.applicant_iin, purpose=purpose))
        active = record.active_on(on)
        history = work_history(record, on)
        await timeline.step_done(self.step("read_employment_record"),
                                 {"contracts": len(record.contracts), "active": len(active)})

        facts = JobSeekerFacts(birth_date=person.birth_date, deceased=person.deceased,
                               full_time_student=person.full_time_student,  # the population registry says
                               active_employment_contract=bool(active),
                               employer=active[0].employer_bin if active else None)
        registration = await self.decide("check_registration", JobSeekerPolicies.registration,
                                         JobSeekerInput(facts=facts, on=on))
        await timeline.step_done(self.step("check_registration"), {"figures": registration.figures})

        profile = {
            "seeker_id": input.applicant_iin,
            "desired_occupations": answers.get("desired_occupations", []),
            "skills": answers.get("skills", []),
            "regions": answers.get("regions") or [person.address.region_code],
            "willing_to_relocate": bool(answers.get("willing_to_relocate")),
            "salary_expectation": answers.get("salary_expectation"),
            "work_history": history,
        }
        await timeline.step_done(self.step("build_profile"), {"jobs": len(history)})

        if workflow.patched("job-seeker-offers-vacancies"):
            # The career centre offers vacancies within a day (DOMAIN.md): ranked now and kept, so the
            # person's matches are there when the registration is.
            offered: OfferVacanciesResult = await workflow.execute_activity_method(
                VacancyActivities.offer, OfferVacanciesInput(iin=input.applicant_iin, profile_key=input.application_id,
                                                            profile=profile, on=on), **LOCAL_STEP)
            await timeline.step_done(self.step("offer_vacancies"),
                                     {"offered": offered.offered, "best_score": offered.best_score})

        status = await self._unemployed_status(input, timeline, facts)
        decision = {
            "outcome": "approved",
            "reasons": [r.model_dump(mode="json") for r in registration.reasons],
            "figures": registration.figures,
            "unconfirmed": registration.unconfirmed,
            "profile": profile,
            "unemployed_status": status,
            "decided_on": on.isoformat(),
        }
        outcome = await self.decided(input, timeline, decision)
        subject, body = registered_notice(input.language, application_id=input.application_id,
                                          status=status["outcome"], valid_until=status.get("valid_until"))
        await self.notify(input, subject, body, "registered")
        return outcome

    async def _unemployed_status(self, input: ServiceInput, timeline: Timeline,
                                 facts: JobSeekerFacts) -> dict[str, Any]:
        """Granted as a standing status when asked for and no exclusion applies (or an appeal said so)."""
        step = self.step("check_unemployed_status")
        if not input.answers.get("request_unemployed_status") and not self.overruled:
            await timeline.step_done(step, {"outcome": "not_requested"})
            return {"outcome": "not_requested", "reasons": [{"code": "unemployed_not_requested",
                                                             "text": NOT_REQUESTED, "params": {}}]}
        on, purpose = input.submitted_on, self.purpose(input)
        business: BusinessStatus = await self.call(step.code, BusinessActivities.get_status,
                                                   GetBusinessStatusInput(iin=input.applicant_iin, purpose=purpose))
        payments: SocialPaymentHistory = await self.call(
            step.code, SocialPaymentActivities.get_payments,
            GetSocialPaymentsInput(iin=input.applicant_iin, purpose=purpose))
        facts = facts.model_copy(update={"registered_entrepreneur": business.active_entrepreneur,
                                         "pensioner_by_age": draws_age_pension(payments, on)})
        self._step = step.code
        # Not `decide`: a refused status leaves the registration standing, with the status's reasons.
        decision: Decision = await workflow.execute_local_activity_method(
            JobSeekerPolicies.unemployed_status, JobSeekerInput(facts=facts, on=on), **LOCAL_STEP)
        reasons = [r.model_dump(mode="json") for r in decision.reasons]
        if decision.is_eligible or self.overruled:
            valid_until = add_months(on, UNEMPLOYED_STATUS_MONTHS)
            await self.grant_status(input, UNEMPLOYED_STATUS, valid_until)
            await timeline.step_done(step, {"outcome": "granted", "valid_until": valid_until.isoformat()})
            return {"outcome": "granted", "valid_until": valid_until.isoformat(), "reasons": reasons,
                    "figures": decision.figures}
        await timeline.step_failed(step, {"reasons": reasons})
        return {"outcome": "refused", "reasons": reasons, "decisive": decision.decisive, "figures": decision.figures}
