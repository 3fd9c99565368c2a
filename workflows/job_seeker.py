"""Registration as a job seeker: the profile from the e-employment record, and unemployed status where due.

The registries say who the person is, where they worked, whether they are an entrepreneur or draw an
age pension, and the labour policies decide. When a person asks for unemployed status and the rules
exclude them, a career-centre officer reviews it (the registries may be out of date) and grants or
refuses it. A refused status does not refuse the registration (an employed person may look for work):
the decision carries its reasons, and no standing status is granted, so a benefit that depends on it is
refused naming it. Registered, the service is decided (its application goes on), and the career centre
sets the person's individual employment plan; the service completes with it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from connectors.access_log import AGE_PENSION, BUSINESS_REGISTRATIONS, EMPLOYMENT_CONTRACTS
    from connectors.businesses import BusinessActivities, BusinessStatus, GetBusinessStatusInput
    from connectors.contracts import ContractActivities, EmploymentRecord, GetEmploymentRecordInput
    from connectors.population import GetPersonInput, Person, PopulationActivities
    from connectors.social_payments import GetSocialPaymentsInput, SocialPaymentActivities, SocialPaymentHistory
    from policies.decision import Decision
    from policies.labour.unemployment import JobSeekerFacts, add_months
    from services.job_seeker import (
        NOT_REQUESTED,
        PLAN_KIND,
        PLAN_OUTCOME,
        PLAN_STEP,
        PLAN_TITLE,
        PLAN_WORKING_DAYS,
        SPEC,
        STATUS_REVIEW_KIND,
        STATUS_REVIEW_REASONS,
        STATUS_REVIEW_STEP,
        STATUS_REVIEW_TITLE,
        STATUS_REVIEW_WORKING_DAYS,
        UNEMPLOYED_STATUS,
        EmploymentPlan,
        plan_decision,
        plan_notice,
        registered_notice,
        status_valid_until,
    )
    from services.job_seeker_policies import JobSeekerInput, JobSeekerPolicies
    from services.labour_exchange import LABOUR_AGENCY, work_history
    from services.regions import registered_region
    from store.vacancy_activities import OfferVacanciesInput, OfferVacanciesResult, VacancyActivities
    from workflows.human_tasks import TaskSpec, local_today
    from workflows.inputs import ServiceInput, ServiceOutcome
    from workflows.retries import LOCAL_STEP
    from workflows.service import ServiceWorkflow
    from workflows.timeline import Timeline

# An age pension paid in one of these last months makes the person a pensioner on the date.
PENSION_RECENT_MONTHS = 3
# Issue 14: a status the rules exclude goes to a career-centre officer (runs before refused it at once) ...
STATUS_REVIEW_PATCH = "unemployed-status-review"
# ... and the registration is decided, then completes once the career centre has set the employment plan.
EMPLOYMENT_PLAN_PATCH = "employment-plan"
# A registration refused as a whole and overturned on appeal gets its plan like any other, and its status only
# when asked for (runs before granted it unasked, and left the person without a plan).
OVERTURNED_REGISTRATION_PATCH = "overturned-registration-plan"


def draws_age_pension(history: SocialPaymentHistory, on: date) -> bool:
    since = add_months(on.replace(day=1), -PENSION_RECENT_MONTHS).strftime("%Y-%m")
    return any(p.kind == "age_pension" and p.month >= since for p in history.payments)


@workflow.defn(name=SPEC.workflow)
class JobSeekerRegistrationWorkflow(ServiceWorkflow):
    spec = SPEC
    extra_steps = (STATUS_REVIEW_STEP, PLAN_STEP)

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

        status = await self._unemployed_status(input, timeline, facts, person, record)
        decision: dict[str, Any] = {
            "outcome": "approved",
            "reasons": [r.model_dump(mode="json") for r in registration.reasons],
            "figures": registration.figures,
            "unconfirmed": registration.unconfirmed,
            "profile": profile,
            "unemployed_status": status,
            "decided_on": on.isoformat(),
        }
        # An appeal's run goes on from a registration whose plan its first run asked for already; a registration
        # refused as a whole had none, and gets it now.
        planned = workflow.patched(EMPLOYMENT_PLAN_PATCH) if not self.overruled else (
            self._registration_overturned(input) and workflow.patched(OVERTURNED_REGISTRATION_PATCH))
        if self.overruled and (input.first_decision or {}).get("employment_plan"):  # the plan set after it stands
            decision["employment_plan"] = (input.first_decision or {})["employment_plan"]
        if planned:
            decision["employment_plan"] = {"status": "pending"}
        outcome = await self.decided(input, timeline, decision, status="decided" if planned else "completed")
        subject, body = registered_notice(input.language, application_id=input.application_id,
                                          status=status["outcome"], valid_until=status.get("valid_until"))
        await self.notify(input, subject, body, "registered")
        if planned:
            return await self._employment_plan(input, timeline, person, decision)
        return outcome

    def _registration_overturned(self, input: ServiceInput) -> bool:
        """This run is an appeal's over a registration refused as a whole (not over its refused status)."""
        return self.overruled and (input.first_decision or {}).get("outcome") == "refused"

    async def _employment_plan(self, input: ServiceInput, timeline: Timeline, person: Person,
                               decision: dict[str, Any]) -> ServiceOutcome:
        """The career centre sets the plan (a task that follows the decision: the service stays decided)."""
        self._step = PLAN_STEP.code
        status = decision["unemployed_status"]
        task = await self.tasks.open_and_wait(TaskSpec(
            kind=PLAN_KIND, title=PLAN_TITLE, agency=LABOUR_AGENCY,
            region=registered_region(person.address.region_code),
            payload={"answers": {k: input.answers.get(k) for k in ("desired_occupations", "skills", "regions",
                                                                     "willing_to_relocate", "salary_expectation")},
                     "work_history": decision["profile"]["work_history"],
                     "unemployed_status": {"outcome": status["outcome"], "valid_until": status.get("valid_until")}},
            allowed_outcomes=[PLAN_OUTCOME], deadline_working_days=PLAN_WORKING_DAYS, holds_service=False),
            timeline)
        plan = EmploymentPlan.model_validate(task.result or {})  # the update's validator checked its dates
        decision["employment_plan"] = plan_decision(plan, officer=task.officer, task_id=task.task_id,
                                                    set_on=local_today())
        await timeline.step_done(PLAN_STEP, {"items": len(plan.items), "set_by": task.officer})
        await timeline.service_status("completed", decision)
        subject, body = plan_notice(input.language, application_id=input.application_id,
                                    plan=decision["employment_plan"])
        await self.notify(input, subject, body, "employment_plan")
        return ServiceOutcome(service_code=self.spec.code, status="completed", granted=list(self.granted))

    async def _unemployed_status(self, input: ServiceInput, timeline: Timeline, facts: JobSeekerFacts,
                                 person: Person, record: EmploymentRecord) -> dict[str, Any]:
        """Granted as a standing status when asked for and no exclusion applies (or an appeal said so);
        when one applies, a career-centre officer grants or refuses it."""
        step = self.step("check_unemployed_status")
        # An appeal overrules the status only when the status was what it was about (a refused status was asked for).
        status_overruled = self.overruled and not (
            self._registration_overturned(input) and workflow.patched(OVERTURNED_REGISTRATION_PATCH))
        if not input.answers.get("request_unemployed_status") and not status_overruled:
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
        if decision.is_eligible or status_overruled:
            return await self._grant(input, timeline, {"reasons": reasons, "figures": decision.figures})
        if workflow.patched(STATUS_REVIEW_PATCH):
            return await self._review(input, timeline, decision, facts, person, record)
        await timeline.step_failed(step, {"reasons": reasons})
        return {"outcome": "refused", "reasons": reasons, "decisive": decision.decisive, "figures": decision.figures}

    async def _grant(self, input: ServiceInput, timeline: Timeline, said: dict[str, Any]) -> dict[str, Any]:
        valid_until = status_valid_until(said.get("figures") or {}, input.submitted_on)
        await self.grant_status(input, UNEMPLOYED_STATUS, valid_until)
        await timeline.step_done(self.step("check_unemployed_status"),
                                 {"outcome": "granted", "valid_until": valid_until.isoformat()})
        return {"outcome": "granted", "valid_until": valid_until.isoformat(), **said}

    async def _review(self, input: ServiceInput, timeline: Timeline, decision: Decision, facts: JobSeekerFacts,
                      person: Person, record: EmploymentRecord) -> dict[str, Any]:
        """The rules exclude the person: an officer checks the registries' facts, and grants or refuses."""
        reasons = [r.model_dump(mode="json") for r in decision.reasons]
        on = input.submitted_on
        self._step = STATUS_REVIEW_STEP.code
        review = await self.tasks.open_and_wait(TaskSpec(
            kind=STATUS_REVIEW_KIND, title=STATUS_REVIEW_TITLE, agency=LABOUR_AGENCY,
            region=registered_region(person.address.region_code),
            payload={"grounds": [r for r in reasons if r["code"] in decision.decisive],
                     "registries": {
                         "population": {"birth_date": person.birth_date.isoformat(),
                                        "full_time_student": facts.full_time_student},
                         # the contracts in force on the date: employer's BIN -> since
                         "contracts": {EMPLOYMENT_CONTRACTS: {c.employer_bin: c.start_date.isoformat()
                                                              for c in record.active_on(on)}},
                         "businesses": {BUSINESS_REGISTRATIONS: facts.registered_entrepreneur},
                         "social_payments": {AGE_PENSION: facts.pensioner_by_age}},
                     "policy": {"outcome": decision.outcome, "decisive": decision.decisive,
                                "figures": decision.figures}},
            allowed_outcomes=["approve", "refuse"], reason_codes=STATUS_REVIEW_REASONS,
            deadline_working_days=STATUS_REVIEW_WORKING_DAYS), timeline)
        said = {"decided_by": review.officer, "review_task_id": review.task_id, "figures": decision.figures}
        await timeline.step_done(STATUS_REVIEW_STEP, {"outcome": review.outcome, "reasons": review.reasons})
        if review.outcome == "approve":
            return await self._grant(input, timeline, {"reasons": review.reasons, "policy_reasons": reasons,
                                                       **said})
        await timeline.step_failed(self.step("check_unemployed_status"), {"reasons": review.reasons + reasons})
        return {"outcome": "refused", "reasons": review.reasons + reasons,
                "decisive": [*(r["code"] for r in review.reasons), *decision.decisive], **said}
