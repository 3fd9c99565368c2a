"""Publication of a vacancy: the employer checked in the businesses registry, the vacancy checked by
policy, a flagged wording moderated by a career-centre officer, then published.

The applicant is the business (its BIN, or an entrepreneur's IIN). The published vacancy is the
decision (`vacancy`), and a row of store/vacancies.py that search and matching read. Run again
after an appeal, the checks that refused decide nothing and the vacancy is published.
"""

from __future__ import annotations

from typing import Any

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from connectors.businesses import Business, BusinessActivities, GetBusinessInput
    from policies.decision import Decision
    from services.labour_exchange import LABOUR_AGENCY
    from services.regions import registered_region
    from services.vacancy import (
        BUSINESS_NOT_ACTIVE,
        MODERATION_DEADLINE_WORKING_DAYS,
        MODERATION_KIND,
        MODERATION_REASONS,
        MODERATION_STEP,
        MODERATION_TITLE,
        SPEC,
        draft_of,
    )
    from services.vacancy_policies import VacancyInput, VacancyPolicies
    from store.vacancy_activities import PublishVacancyInput, VacancyActivities
    from workflows.human_tasks import TaskDecision, TaskSpec
    from workflows.inputs import ServiceInput, ServiceOutcome
    from workflows.retries import LOCAL_STEP
    from workflows.service import Refused, ServiceWorkflow
    from workflows.timeline import Timeline


VACANCY_ROW_PATCH = "vacancy-row"


@workflow.defn(name=SPEC.workflow)
class VacancyPublicationWorkflow(ServiceWorkflow):
    spec = SPEC
    extra_steps = (MODERATION_STEP,)

    @workflow.run
    async def run(self, input: ServiceInput) -> ServiceOutcome:
        return await self.run_service(input)

    async def procedure(self, input: ServiceInput, timeline: Timeline) -> ServiceOutcome:
        answers, on = input.answers, input.submitted_on
        business = await self._employer(input, timeline)

        self._step = "check_vacancy"
        checks: Decision = await workflow.execute_local_activity_method(
            VacancyPolicies.checks, VacancyInput(draft=draft_of(answers), on=on), **LOCAL_STEP)
        reasons = [r.model_dump(mode="json") for r in checks.reasons]
        if checks.outcome == "ineligible" and not self.overruled:
            # The form refused these on the day; a vacancy can reach here only when a parameter changed.
            raise Refused("check_vacancy", reasons, checks.figures, checks.decisive)
        await timeline.step_done(self.step("check_vacancy"), {"outcome": checks.outcome, "figures": checks.figures})

        review: TaskDecision | None = None
        if checks.outcome == "review" and not self.overruled:
            region = registered_region(business.region_code if business else answers["region"])
            review = await self.officer_review(timeline, MODERATION_STEP, TaskSpec(
                kind=MODERATION_KIND, title=MODERATION_TITLE, agency=LABOUR_AGENCY, region=region,
                payload={"vacancy": answers, "employer": business.model_dump(mode="json") if business else None,
                         "flagged": checks.figures.get("flagged", {}), "reasons": reasons},
                allowed_outcomes=["approve", "refuse"], reason_codes=MODERATION_REASONS,
                deadline_working_days=MODERATION_DEADLINE_WORKING_DAYS))

        vacancy = {**answers, "vacancy_id": input.application_id, "employer_id": input.applicant_iin,
                   "employer_name": business.name if business else None, "published_on": on.isoformat()}
        if workflow.patched(VACANCY_ROW_PATCH):
            # The row search and matching read; a run recorded before it published by its decision alone.
            await workflow.execute_activity_method(VacancyActivities.publish, PublishVacancyInput(vacancy=vacancy),
                                                   **LOCAL_STEP)
        await timeline.step_done(self.step("publish"), {"vacancy_id": input.application_id})
        decision: dict[str, Any] = {"outcome": "approved", "reasons": reasons, "figures": checks.figures,
                                    "unconfirmed": checks.unconfirmed, "vacancy": vacancy,
                                    "decided_on": on.isoformat()}
        if review is not None:
            decision["reasons"] = [*reasons, *review.reasons]
            decision.update(decided_by=review.officer, review_task_id=review.task_id)
        return await self.decided(input, timeline, decision)

    async def _employer(self, input: ServiceInput, timeline: Timeline) -> Business | None:
        """The business, active in the registry; after an appeal, a registry refusal no longer stops it."""
        try:
            business: Business = await self.call("check_business", BusinessActivities.get_business,
                                                 GetBusinessInput(business_id=input.applicant_iin,
                                                                  purpose=self.purpose(input)))
        except Refused:
            if not self.overruled:
                raise
            await timeline.step_done(self.step("check_business"), {"overturned_by_appeal": True})
            return None
        if business.status != "active" and not self.overruled:
            raise Refused("check_business", [{"code": "business_not_active", "text": BUSINESS_NOT_ACTIVE,
                                              "params": {"status": business.status}}])
        await timeline.step_done(self.step("check_business"), {"employer": business.name})
        return business
