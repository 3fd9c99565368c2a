"""Registration as self-employed: registries checked and written, a signed certificate, a notice.

No person is involved on the happy path. An activity that is not on the permitted list, or
registry data that disagree (an address in no known region), send the registration to a tax
officer of the person's region (the human-task pattern) instead of a refusal: approved, it goes
on to registration; refused, it ends with the officer's reasons. Every registry write carries an
idempotency key derived from the application, so a retried activity never registers twice.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from connectors.businesses import (
        BusinessActivities,
        BusinessStatus,
        GetBusinessStatusInput,
        NotifyRegistrationInput,
    )
    from connectors.population import GetPersonInput, Person, PopulationActivities
    from connectors.tax import ChangeRegimeInput, RegimeChange, RegisterTaxpayerInput, TaxActivities
    from documents.activities import DocumentActivities, IssueCertificateInput
    from policies.identity import PersonFacts
    from policies.self_employed import SelfEmployedCase
    from services import messages
    from services.policy_activities import CapacityInput, PolicyActivities
    from services.self_employed import (
        REGIME_CHANGE_STEP,
        REVIEW_AGENCY,
        REVIEW_DEADLINE_WORKING_DAYS,
        REVIEW_GROUNDS,
        REVIEW_KIND,
        REVIEW_OUTCOMES,
        REVIEW_REASON_REFERENCES,
        REVIEW_REASONS,
        REVIEW_STEP,
        REVIEW_TITLE,
        SPEC,
        declared_income,
        review_grounds,
    )
    from services.self_employed_policies import ReviewTermInput, SelfEmployedInput, SelfEmployedPolicies
    from workflows.human_tasks import KAZAKHSTAN_OFFSET, TaskDecision, TaskSpec, Withdrawn
    from workflows.inputs import ServiceInput, ServiceOutcome
    from workflows.retries import DOCUMENT_ISSUE, LOCAL_STEP
    from workflows.service import Refused, ServiceWorkflow, registry_reason
    from workflows.timeline import Timeline

# The manual-review branch came after v1: runs started before it replay without it.
MANUAL_REVIEW_PATCH = "self-employed-manual-review"
# The law of issue 12: the review term read from its dated parameter, and what follows it in the procedure.
# Runs started before it replay the way they ran.
LAW_PATCH = "self-employed-law-2026"


@workflow.defn(name=SPEC.workflow)
class SelfEmployedRegistrationWorkflow(ServiceWorkflow):
    spec = SPEC
    extra_steps = (REVIEW_STEP, REGIME_CHANGE_STEP)
    law = False  # set by the procedure: this run follows the law of issue 12 (LAW_PATCH)

    @workflow.run
    async def run(self, input: ServiceInput) -> ServiceOutcome:
        return await self.run_service(input)

    async def procedure(self, input: ServiceInput, timeline: Timeline) -> ServiceOutcome:
        answers = input.answers
        purpose = self.purpose(input)
        on = input.submitted_on
        self.law = workflow.patched(LAW_PATCH)

        person: Person = await self.call("verify_identity", PopulationActivities.get_person,
                                         GetPersonInput(iin=input.applicant_iin, purpose=purpose))
        capacity = await self.decide("verify_identity", PolicyActivities.applicant_capacity, CapacityInput(
            facts=PersonFacts(birth_date=person.birth_date, deceased=person.deceased), on=on))
        await timeline.step_done(self.step("verify_identity"), {"figures": capacity.figures})

        status: BusinessStatus = await self.call("check_business_status", BusinessActivities.get_status,
                                                 GetBusinessStatusInput(iin=input.applicant_iin, purpose=purpose))
        # An active entrepreneur may choose a regime for entrepreneurs (the policy says which); before the
        # law's wiring every one was refused here.
        if status.active_entrepreneur and not self.overruled and not self.law:
            raise Refused("check_business_status", [registry_reason("already_entrepreneur")])
        await timeline.step_done(self.step("check_business_status"))

        waived: frozenset[str] = frozenset()
        review: TaskDecision | None = None
        grounds = review_grounds(answers["activity_code"], person.address.region_code)
        if grounds and not self.overruled and workflow.patched(MANUAL_REVIEW_PATCH):
            review = await self._manual_review(input, timeline, person, status, grounds)
            # The officer approved an activity off the list: the list no longer refuses it.
            waived = frozenset({"activity_not_permitted"}) if "activity_not_listed" in grounds else frozenset()

        case = SelfEmployedCase(
            regime=answers["regime"],
            activity_code=answers["activity_code"],
            monthly_income=answers["expected_monthly_income"],
            active_entrepreneur=status.active_entrepreneur,
            # 1 MCI in the capital, cities of republican significance and regional centres; 0.5 elsewhere
            settlement="capital_or_major_city" if person.address.regional_centre else "other",
        )
        if self.law:
            case = case.model_copy(update={
                "declared_monthly_income": declared_income(answers),
                # The single aggregate payment's 1 MCI is for any town or city, 0.5 MCI for a village (Tax Code
                # 2017, ch. 77-1): the population registry's urban flag, not "regional centre".
                "settlement": "capital_or_major_city" if person.address.urban else "other"})
        eligibility = await self.decide("check_eligibility", SelfEmployedPolicies.eligibility,
                                        SelfEmployedInput(case=case, on=on), waived)
        await timeline.step_done(self.step("check_eligibility"), {"figures": eligibility.figures})

        if self.tasks.withdrawn:  # the last moment to stop: registration cannot be undone by us
            raise Withdrawn()
        address = answers.get("activity_address") or person.address.line
        kind = eligibility.figures.get("registration_kind", "new_registration") if self.law else "new_registration"
        notice_id: str | None = None
        if kind == "new_registration":
            registration_id, notice_id, registered_on = await self._register(input, timeline, case, address)
        else:  # an entrepreneur's change of regime (also one an appeal let through): his registration stays
            registration_id, registered_on = await self._change_regime(input, timeline, case)

        self._step = "compute_social_payments"
        payments = await workflow.execute_local_activity_method(
            SelfEmployedPolicies.payments, SelfEmployedInput(case=case, on=on), **LOCAL_STEP)
        payments_json = payments.model_dump(mode="json")
        await timeline.step_done(self.step("compute_social_payments"),
                                 {"total": payments_json["total"], "parts": payments_json["parts"]})

        self._step = "issue_certificate"
        holder = " ".join(p for p in (person.last_name, person.first_name, person.middle_name) if p)
        assert SPEC.document is not None
        document = await workflow.execute_activity_method(DocumentActivities.issue_certificate, IssueCertificateInput(
            application_id=input.application_id, service_code=SPEC.code,
            document_key=self.key(input, "certificate"), kind=SPEC.document.kind,
            owner_iin=input.applicant_iin, holder_name=holder, title=SPEC.title,
            claims=self._claims(case, address, registration_id, notice_id, registered_on, payments_json["total"]),
            language=input.language), **DOCUMENT_ISSUE)
        await timeline.event("document.issued", self.step("issue_certificate").title, step="issue_certificate",
                             detail={"document_id": document.document_id, "verify_url": document.verify_url})

        decision = {
            "outcome": "approved",
            "reasons": [r.model_dump(mode="json") for r in eligibility.reasons],
            "figures": {**eligibility.figures, "social_payments": payments_json},
            "unconfirmed": sorted(set(eligibility.unconfirmed) | set(payments.unconfirmed)),
            "decided_on": on.isoformat(),
        }
        if self.law:
            # An approval does not read "not on the permitted list": what the officer waived is kept apart.
            decision["reasons"] = [r.model_dump(mode="json") for r in eligibility.reasons if r.code not in waived]
            if waived:
                decision["waived"] = [r.model_dump(mode="json") for r in eligibility.reasons if r.code in waived]
            # The citizen reads how the payments were reached (base, rate, each part) as reasons with their law too.
            decision["reasons"] = [*decision["reasons"], *(r.model_dump(mode="json") for r in payments.reasons)]
            # What the "how this was decided" view shows: every value read, its date and its source.
            decision["trace"] = [t.model_dump(mode="json") for t in (*eligibility.trace, *payments.trace)]
            decision["registration_kind"] = kind
        if review is not None:
            decision["reasons"] = [*decision["reasons"], *review.reasons]
            decision.update(decided_by=review.officer, review_task_id=review.task_id)
        outcome = await self.decided(input, timeline, decision, document_id=document.document_id)

        notice_parts: dict[str, Any] = {}
        if self.law and payments.regime_title:
            # The notice names the regime and tells the tax from the social payments; a change of regime is
            # not called a registration.
            notice_parts = dict(regime=payments.regime_title, tax=payments_json["tax"], social=payments_json["social"],
                                regime_change=kind != "new_registration")
        subject, body = messages.registration_notice(
            input.language, application_id=input.application_id, total=payments_json["total"],
            verify_url=document.verify_url, **notice_parts)
        await self.notify(input, subject, body, "registered")
        return outcome

    async def _register(self, input: ServiceInput, timeline: Timeline, case: SelfEmployedCase,
                        address: str) -> tuple[str, str, date]:
        """A new taxpayer: registered with the tax authority, and the business registry told."""
        purpose = self.purpose(input)
        registration = await self.call("register_taxpayer", TaxActivities.register_taxpayer, RegisterTaxpayerInput(
            iin=input.applicant_iin, regime=case.regime, activity_code=case.activity_code,
            monthly_income=case.monthly_income, idempotency_key=self.key(input, "tax"), purpose=purpose))
        await timeline.step_done(self.step("register_taxpayer"),
                                 {"registration_id": registration.registration_id})

        notice = await self.call("notify_business_registry", BusinessActivities.notify_registration,
                                 NotifyRegistrationInput(iin=input.applicant_iin, regime=case.regime,
                                                         activity_code=case.activity_code, address_line=address,
                                                         idempotency_key=self.key(input, "business"),
                                                         purpose=purpose))
        await timeline.step_done(self.step("notify_business_registry"), {"notice_id": notice.notice_id})
        return registration.registration_id, notice.notice_id, notice.registered_on

    async def _change_regime(self, input: ServiceInput, timeline: Timeline, case: SelfEmployedCase) -> tuple[str, date]:
        """An entrepreneur's notice of a change of regime to the tax authority; the business registry is not told."""
        change: RegimeChange = await self.call(REGIME_CHANGE_STEP.code, TaxActivities.change_regime, ChangeRegimeInput(
            iin=input.applicant_iin, regime=case.regime, activity_code=case.activity_code,
            monthly_income=case.monthly_income, idempotency_key=self.key(input, "tax-regime"),
            purpose=self.purpose(input)))
        await timeline.step_done(REGIME_CHANGE_STEP, {"registration_id": change.registration_id,
                                                      "previous_regime": change.previous_regime})
        return change.registration_id, change.changed_at.astimezone(KAZAKHSTAN_OFFSET).date()

    @staticmethod
    def _claims(case: SelfEmployedCase, address: str, registration_id: str, notice_id: str | None,
                registered_on: date, total: str) -> dict[str, Any]:
        claims: dict[str, Any] = {"regime": case.regime, "activity_code": case.activity_code,
                                  "activity_address": address, "tax_registration_id": registration_id}
        if notice_id is None:
            claims["regime_changed_on"] = registered_on.isoformat()
        else:
            claims.update(business_notice_id=notice_id, registered_on=registered_on.isoformat())
        claims["monthly_social_payments"] = total
        return claims

    async def _manual_review(self, input: ServiceInput, timeline: Timeline, person: Person,
                             status: BusinessStatus, grounds: list[str]) -> TaskDecision:
        """A tax officer of the person's region decides; a refusal ends the service with their reasons."""
        term = REVIEW_DEADLINE_WORKING_DAYS
        if self.law:
            term = await workflow.execute_local_activity_method(
                SelfEmployedPolicies.review_term, ReviewTermInput(on=input.submitted_on), **LOCAL_STEP)
        return await self.officer_review(timeline, REVIEW_STEP, TaskSpec(
            kind=REVIEW_KIND, title=REVIEW_TITLE, agency=REVIEW_AGENCY,
            region=SPEC.queue_region(person.address.region_code),
            payload={"grounds": [{"code": g, "text": REVIEW_GROUNDS[g]} for g in grounds],
                     "answers": input.answers, "submitted_on": input.submitted_on.isoformat(),
                     "registries": {"population": person.model_dump(mode="json"),
                                    "businesses": status.model_dump(mode="json")}},
            allowed_outcomes=REVIEW_OUTCOMES, reason_codes=REVIEW_REASONS,
            reason_references=REVIEW_REASON_REFERENCES, deadline_working_days=term))
