"""Targeted social assistance: the family from the registries, its consent, the rules, the district
commission where the case needs one, then the assistance paid month by month.

    identity ─► family (population) ─► consent of each adult member (their own task, a deadline)
      ─► incomes and property of each member (contracts, pensions, social payments, property,
         businesses) ─► the case ─► the rules (policies/tsa.py) ─► the district commission, when
         the assistance is conditional, the registries disagree or the family was corrected
      ─► "decided" (the application is done) ─► each month of the period paid (workflows/payments.py)

A member who refuses consent, or lets its deadline pass, ends the application with a reason naming
them. A withdrawal stops the months not yet paid. Run again after an appeal, the service skips the
consent and the commission (the appeal decided), and goes on from the decision to the payments.
"""

from __future__ import annotations

import asyncio
from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, Field
from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from connectors.businesses import BusinessActivities, BusinessStatus, GetBusinessStatusInput
    from connectors.contracts import ContractActivities, GetEmploymentRecordInput
    from connectors.contributions import ContributionActivities, GetContributionsInput
    from connectors.population import Family, GetFamilyInput, GetPersonInput, Person, PopulationActivities
    from connectors.property import GetPropertyInput, PropertyActivities
    from connectors.social_payments import GetSocialPaymentsInput, SocialPaymentActivities, SocialPaymentHistory
    from documents.activities import DocumentActivities, IssueCertificateInput
    from policies.identity import PersonFacts, age_on
    from policies.labour.unemployment import add_months
    from policies.tsa import TsaCase, TsaDecision
    from services.labour_participation import Participation, ParticipationInput
    from services.policy_activities import CapacityInput, PolicyActivities
    from services.tsa import PAYMENT_KIND, SPEC
    from services.tsa_family import ADULT_AGE, CaseFromRegistries, FamilyFacts, MemberFacts, income_quarter
    from services.tsa_policies import ChildPackageInput, ProcedureInput, TsaDecideInput, TsaPolicies, TsaProcedure
    from services.tsa_texts import (
        ASSIGNED_NOTICE,
        ASSIGNED_SUBJECT,
        CHILD_PAYMENT_DESCRIPTION,
        COMMISSION_AGENCY,
        COMMISSION_GROUNDS,
        COMMISSION_KIND,
        COMMISSION_OUTCOMES,
        COMMISSION_REASONS,
        COMMISSION_STEP,
        COMMISSION_TITLE,
        CONSENT_EXPIRED,
        CONSENT_QUESTION,
        CONSENT_REFUSED,
        CONSENT_TITLE,
        EVENT_NOTED,
        NO_ACCOUNT,
        PAYMENT_DESCRIPTION,
        PAYMENT_TASK_KIND,
        PAYMENT_TASK_OUTCOMES,
        PAYMENT_TASK_REASONS,
        PAYMENT_TASK_TITLE,
        REAPPLY_NOTICE,
        REAPPLY_SUBJECT,
        REAPPLY_TITLE,
        RECALCULATED,
        STOPPED,
    )
    from store.labour_activities import LabourExchangeActivities
    from workflows.appeal import timeline_for
    from workflows.human_tasks import EXPIRED, TaskDecision, TaskSpec, Withdrawn
    from workflows.inputs import ServiceInput, ServiceOutcome
    from workflows.payments import (
        MonthlyPayments,
        MonthPaid,
        PaymentPart,
        PaymentPlan,
        PaymentsCarried,
        month_code,
        months_of,
    )
    from workflows.registry_events import REGISTRY_EVENT_SIGNAL, RegistryEvent
    from workflows.retries import DOCUMENT_ISSUE, LOCAL_STEP
    from workflows.service import Refused, ServiceWorkflow
    from workflows.timeline import Timeline
    from workflows.withdrawal import end_withdrawn

CONSENT_KIND = "tsa.consent"
# Runs started before it paid every month in one run; from it, each month is a run (continue-as-new).
CONTINUE_PER_MONTH = "tsa-continue-as-new-per-month"
# Runs started before it ended their period without inviting the family to apply again.
REAPPLY_INVITATION = "tsa-reapply-invitation"
RERUN_WAIVES_REFUSAL = "tsa-rerun-waives-refusal"
CONSENT_OUTCOMES = ["agree", "refuse"]
CHILD_PART = "child"
# The labour exchange replaced the interim check (contracts and entrepreneurs only) from this patch on.
EXCHANGE_PATCH = "tsa-labour-exchange"
# A refusal older than this cannot bar any more (tsa.bars.job_offer_refused_months is 6): the policy
# decides which refusals still bar; this only bounds the read.
REFUSALS_READ_MONTHS = 24


class TsaPaying(BaseModel):
    """What a run paying the assistance carries into the next (continue-as-new after each month)."""

    payments: PaymentsCarried
    case: TsaCase  # as the changes of circumstances so far left it
    amount: int
    taken: list[str] = Field(default_factory=list)  # registry events already applied
    events: list[RegistryEvent] = Field(default_factory=list)  # signalled, not yet due
    document_id: str
    region: str


def _name(person: Person) -> str:
    return f"{person.first_name} {person.last_name}"


def _each_language(template: dict[str, str], **params: Any) -> dict[str, str]:
    return {lang: text.format(**params) for lang, text in template.items()}


@workflow.defn(name=SPEC.workflow)
class SocialAssistanceWorkflow(ServiceWorkflow):
    spec = SPEC
    extra_steps = (COMMISSION_STEP,)

    def __init__(self) -> None:
        super().__init__()
        self._payments: MonthlyPayments | None = None
        self._events: dict[str, RegistryEvent] = {}

    @workflow.signal(name=REGISTRY_EVENT_SIGNAL)
    def registry_event(self, event: RegistryEvent) -> None:
        """A change the registries reported (the events poller signals it): taken from the next month paid."""
        self._events.setdefault(event.event_id, event)

    @workflow.query(name="payments")
    def payments(self) -> list[MonthPaid]:
        return list(self._payments.paid) if self._payments else []

    @workflow.run
    async def run(self, input: ServiceInput) -> ServiceOutcome:
        if input.resume is not None:
            return await self._resume(input)
        return await self.run_service(input)

    async def procedure(self, input: ServiceInput, timeline: Timeline) -> ServiceOutcome:
        on = input.submitted_on
        purpose = self.purpose(input)
        rules: TsaProcedure = await workflow.execute_local_activity_method(
            TsaPolicies.procedure, ProcedureInput(on=on), **LOCAL_STEP)

        applicant: Person = await self.call("verify_identity", PopulationActivities.get_person,
                                            GetPersonInput(iin=input.applicant_iin, purpose=purpose))
        capacity = await self.decide("verify_identity", PolicyActivities.applicant_capacity, CapacityInput(
            facts=PersonFacts(birth_date=applicant.birth_date, deceased=applicant.deceased), on=on))
        await timeline.step_done(self.step("verify_identity"), {"figures": capacity.figures})

        members = await self._family(input, timeline, applicant)
        region = SPEC.queue_region(applicant.address.region_code)
        if not self.overruled:
            await self._consent(input, timeline, applicant, members, rules, region)

        facts = await self._registries(input, members)
        exchange = await self._exchange(input, members)
        built: CaseFromRegistries = await workflow.execute_local_activity_method(
            TsaPolicies.case, FamilyFacts(on=on, region=applicant.address.region_code, members=facts,
                                          exchange=exchange), **LOCAL_STEP)
        history = next(f.social_payments for f in facts if f.relation == "applicant")
        iban = input.answers.get("iban") or self._last_iban(history)
        await timeline.step_done(self.step("incomes"), {
            "quarter": income_quarter(on),
            "incomes": [f.model_dump(mode="json") for f in built.incomes],
            "property": built.case.property.model_dump(mode="json"),
            "disagreements": built.disagreements})
        if not iban:
            raise Refused("incomes", [{"code": "tsa_no_account", "text": NO_ACCOUNT, "params": {}}])

        decision = await self._decide(built, on)
        review = await self._commission(input, timeline, built, decision, region, rules)
        return await self._assign(input, timeline, applicant, built, decision, review, iban, rules, region)

    # --- the family ------------------------------------------------------------------------

    async def _family(self, input: ServiceInput, timeline: Timeline,
                      applicant: Person) -> list[tuple[str, Person]]:
        """The applicant, the spouse and the children the population registry links to them, alive."""
        purpose = self.purpose(input)
        family: Family = await self.call("family", PopulationActivities.get_family,
                                         GetFamilyInput(iin=input.applicant_iin, purpose=purpose))
        linked = ([("spouse", family.spouse)] if family.spouse else []) + [("child", c) for c in family.children]
        members: list[tuple[str, Person]] = [("applicant", applicant)]
        for relation, relative in linked:
            if relative is None or relative.deceased:
                continue
            person: Person = await self.call("family", PopulationActivities.get_person,
                                             GetPersonInput(iin=relative.iin, purpose=purpose))
            members.append((relation, person))
        await timeline.step_done(self.step("family"), {"members": [
            {"iin": p.iin, "name": _name(p), "relation": relation, "birth_date": p.birth_date.isoformat()}
            for relation, p in members]})
        return members

    async def _consent(self, input: ServiceInput, timeline: Timeline, applicant: Person,
                       members: list[tuple[str, Person]], rules: TsaProcedure, region: str) -> None:
        """Each adult member other than the applicant consents on their own account, one after another."""
        adults = [p for relation, p in members
                  if relation != "applicant" and age_on(p.birth_date, input.submitted_on) >= ADULT_AGE]
        given = []
        for person in adults:
            answer: TaskDecision = await self.ask_citizen(input, timeline, TaskSpec(
                kind=CONSENT_KIND, title=CONSENT_TITLE, agency=COMMISSION_AGENCY, region=region,
                addressee_iin=person.iin, allowed_outcomes=CONSENT_OUTCOMES,
                deadline_working_days=rules.consent_deadline_working_days,
                payload={"question": _each_language(CONSENT_QUESTION, applicant=_name(applicant)),
                         "applicant": _name(applicant)}))
            if answer.outcome != "agree":
                self._step = "consent"
                template, code = ((CONSENT_EXPIRED, "tsa_consent_expired") if answer.outcome == EXPIRED
                                  else (CONSENT_REFUSED, "tsa_consent_refused"))
                raise Refused("consent", [{"code": code, "params": {"iin": person.iin, "name": _name(person)},
                                           "text": _each_language(template, name=_name(person))}])
            given.append({"iin": person.iin, "name": _name(person), "task_id": answer.task_id})
        await timeline.step_done(self.step("consent"), {"consents": given})

    async def _registries(self, input: ServiceInput, members: list[tuple[str, Person]]) -> list[MemberFacts]:
        """What each registry says of each member: read with the application as purpose, so each member's
        "who read my data" shows it."""
        purpose = self.purpose(input)
        months = income_quarter(input.submitted_on)
        facts = []
        for relation, person in members:
            iin = person.iin
            contracts = await self.call("incomes", ContractActivities.get_record,
                                        GetEmploymentRecordInput(iin=iin, purpose=purpose))
            contributions = await self.call("incomes", ContributionActivities.get_pension_contributions,
                                            GetContributionsInput(iin=iin, purpose=purpose, from_month=months[0],
                                                                  to_month=months[-1]))
            # All the payments, not only the quarter's: a disability group or the last account is older.
            social = await self.call("incomes", SocialPaymentActivities.get_payments,
                                     GetSocialPaymentsInput(iin=iin, purpose=purpose))
            owned = await self.call("incomes", PropertyActivities.get_property,
                                    GetPropertyInput(iin=iin, purpose=purpose))
            status: BusinessStatus = await self.call("incomes", BusinessActivities.get_status,
                                                     GetBusinessStatusInput(iin=iin, purpose=purpose))
            facts.append(MemberFacts(relation=relation, person=person, contracts=contracts,
                                     contributions=contributions, social_payments=social, property=owned,
                                     active_entrepreneur=status.active_entrepreneur))
        return facts

    async def _exchange(self, input: ServiceInput, members: list[tuple[str, Person]]) -> Participation | None:
        """The labour exchange's word on each member: a job seeker, on a measure, a suitable offer refused.
        Runs recorded before it was wired knew only contracts and entrepreneurs, and replay that way."""
        if not workflow.patched(EXCHANGE_PATCH):
            return None
        on = input.submitted_on
        return await workflow.execute_local_activity_method(
            LabourExchangeActivities.participation,
            ParticipationInput(iins=[p.iin for _, p in members], on=on,
                               refusals_since=add_months(on, -REFUSALS_READ_MONTHS)),
            **LOCAL_STEP)

    @staticmethod
    def _last_iban(history: SocialPaymentHistory) -> str | None:
        return history.last_iban()

    # --- the decision ----------------------------------------------------------------------

    async def _decide(self, built: CaseFromRegistries, on: date) -> TsaDecision:
        self._step = "check_eligibility"
        decision: TsaDecision = await workflow.execute_local_activity_method(
            TsaPolicies.decide, TsaDecideInput(case=built.case, on=on), **LOCAL_STEP)
        if decision.outcome != "eligible" and self.overruled and workflow.patched(RERUN_WAIVES_REFUSAL):
            # The appeal overturned the refusal: the family is assigned what the rules give without the checks
            # that refused (runs before it recorded "approved" with no amount and no month to pay).
            decision = await workflow.execute_local_activity_method(
                TsaPolicies.decide, TsaDecideInput(case=built.case, on=on, waived=decision.decisive), **LOCAL_STEP)
        if decision.outcome != "eligible" and not self.overruled:
            figures = {**decision.figures, "what_would_change": [c.model_dump(mode="json") for c in decision.changes],
                       "case": built.case.model_dump(mode="json")}  # the stored caseload the what-if reruns
            raise Refused("check_eligibility", [r.model_dump(mode="json") for r in decision.reasons], figures,
                          decision.decisive)
        return decision

    async def _commission(self, input: ServiceInput, timeline: Timeline, built: CaseFromRegistries,
                          decision: TsaDecision, region: str, rules: TsaProcedure) -> TaskDecision | None:
        """The district commission visits the family where the rules or the data call for it."""
        grounds = []
        if decision.result == "eligible_conditional":
            grounds.append("conditional_assignment")
        if built.disagreements:
            grounds.append("registries_disagree")
        if input.answers.get("family_correction"):
            grounds.append("family_corrected")
        if not grounds or self.overruled:
            return None
        return await self.officer_review(timeline, COMMISSION_STEP, TaskSpec(
            kind=COMMISSION_KIND, title=COMMISSION_TITLE, agency=COMMISSION_AGENCY, region=region,
            allowed_outcomes=COMMISSION_OUTCOMES, reason_codes=COMMISSION_REASONS,
            deadline_working_days=rules.commission_deadline_working_days,
            payload={"grounds": [{"code": g, "text": COMMISSION_GROUNDS[g]} for g in grounds],
                     "family_correction": input.answers.get("family_correction"),
                     "case": built.case.model_dump(mode="json"),
                     "incomes": [f.model_dump(mode="json") for f in built.incomes],
                     "disagreements": built.disagreements,
                     "decision": {"result": decision.result, "monthly_amount": decision.monthly_amount,
                                  "child_package": decision.child_package,
                                  "reasons": [r.model_dump(mode="json") for r in decision.reasons]},
                     "submitted_on": input.submitted_on.isoformat()}))

    async def _assign(self, input: ServiceInput, timeline: Timeline, applicant: Person, built: CaseFromRegistries,
                      decision: TsaDecision, review: TaskDecision | None, iban: str,
                      rules: TsaProcedure, region: str) -> ServiceOutcome:
        await timeline.step_done(self.step("check_eligibility"), {
            "result": decision.result, "monthly_amount": decision.monthly_amount,
            "child_package": decision.child_package, "figures": decision.figures})
        months = (months_of(decision.period_from, decision.period_to)
                  if decision.period_from and decision.period_to else [])
        assert SPEC.document is not None
        document = await workflow.execute_activity_method(DocumentActivities.issue_certificate, IssueCertificateInput(
            application_id=input.application_id, service_code=SPEC.code, document_key=self.key(input, "assignment"),
            kind=SPEC.document.kind, owner_iin=input.applicant_iin, holder_name=_name(applicant), title=SPEC.title,
            claims={"result": decision.result, "monthly_amount": decision.monthly_amount,
                    "child_package": decision.child_package, "iban": iban,
                    "period_from": decision.period_from.isoformat() if decision.period_from else None,
                    "period_to": decision.period_to.isoformat() if decision.period_to else None,
                    "family": [m.id for m in built.case.members]},
            language=input.language), **DOCUMENT_ISSUE)
        record: dict[str, Any] = {
            "outcome": "approved", "result": decision.result,
            "monthly_amount": decision.monthly_amount, "child_package": decision.child_package,
            "period_from": decision.period_from.isoformat() if decision.period_from else None,
            "period_to": decision.period_to.isoformat() if decision.period_to else None,
            "months": [month_code(m) for m in months], "iban": iban,
            "reasons": [r.model_dump(mode="json") for r in decision.reasons],
            "figures": {**decision.figures, "case": built.case.model_dump(mode="json")},  # for the what-if
            "unconfirmed": decision.unconfirmed,
            "incomes": [f.model_dump(mode="json") for f in built.incomes],
            "decided_on": input.submitted_on.isoformat()}
        if review is not None:
            record["reasons"] = [*record["reasons"], *review.reasons]
            record.update(decided_by=review.officer, commission_task_id=review.task_id)
        await self.decided(input, timeline, record, status="decided", document_id=document.document_id)
        short = input.application_id[:8]
        body = ASSIGNED_NOTICE[input.language].format(
            short=short, start=record["period_from"], end=record["period_to"],
            amount=decision.monthly_amount + decision.child_package, child=decision.child_package, iban=iban)
        await self.notify(input, ASSIGNED_SUBJECT[input.language], body, "assigned")

        self._step = "payment"
        state = TsaPaying(
            payments=PaymentsCarried(plan=PaymentPlan(
                beneficiary_iin=input.applicant_iin, iban=iban, kind=PAYMENT_KIND, months=months,
                payment_day=rules.payment_day, key_prefix=f"tsa/{input.application_id}",
                purpose=self.purpose(input)), next_index=0),
            case=built.case, amount=decision.monthly_amount, document_id=document.document_id, region=region)
        return await self._pay_months(input, timeline, state, rules)

    async def _resume(self, input: ServiceInput) -> ServiceOutcome:
        """A run continued-as-new after a month paid: the decision is reported, the months go on."""
        self.overruled = input.overturned_by_appeal is not None
        self._decision_reported = True
        self._step = "payment"
        state = TsaPaying.model_validate(input.resume)
        for event in state.events:
            self._events.setdefault(event.event_id, event)
        timeline = timeline_for(input)
        rules: TsaProcedure = await workflow.execute_local_activity_method(
            TsaPolicies.procedure, ProcedureInput(on=input.submitted_on), **LOCAL_STEP)
        try:
            return await self._pay_months(input, timeline, state, rules)
        except Withdrawn:
            self._step = "withdrawn"
            return await end_withdrawn(timeline, SPEC.code)

    async def _pay_months(self, input: ServiceInput, timeline: Timeline, state: TsaPaying,
                          rules: TsaProcedure) -> ServiceOutcome:
        iban, region = state.payments.plan.iban, state.region
        settling: list[asyncio.Future[TaskDecision]] = []
        paying = True

        async def settle(spec: TaskSpec) -> TaskDecision:
            decision = await self.tasks.open_and_wait(spec, timeline)
            if paying:  # the task made it "awaiting_officer", then "in_progress": it is still decided and paying
                await timeline.service_status("decided")
            return decision

        async def delayed(late: MonthPaid) -> None:
            # The social department's payments queue settles it; the months after it are paid meanwhile.
            spec = TaskSpec(kind=PAYMENT_TASK_KIND, title=PAYMENT_TASK_TITLE, agency=COMMISSION_AGENCY,
                            region=region, allowed_outcomes=PAYMENT_TASK_OUTCOMES, reason_codes=PAYMENT_TASK_REASONS,
                            deadline_working_days=rules.payment_settlement_deadline_working_days,
                            payload={"payment": late.model_dump(mode="json"), "iban": iban,
                                     "beneficiary_iin": input.applicant_iin})
            settling.append(asyncio.ensure_future(settle(spec)))

        self._payments = MonthlyPayments(timeline, state.payments.plan, stopped=lambda: self.tasks.withdrawn,
                                         delayed=delayed, paid=state.payments.paid, start=state.payments.next_index)

        current = {"case": state.case, "amount": state.amount}
        taken: set[str] = set(state.taken)

        async def parts_for(month: date) -> list[PaymentPart] | None:
            for event in [e for e in self._events.values() if e.event_id not in taken and e.on < month]:
                taken.add(event.event_id)
                if not await self._changed(input, timeline, event, month, current):
                    return None
            case: TsaCase = current["case"]  # type: ignore[assignment]
            # The child package of each month: the children's ages on its first day.
            package: int = await workflow.execute_local_activity_method(
                TsaPolicies.child_package, ChildPackageInput(case=case, month=month, on=input.submitted_on),
                **LOCAL_STEP)
            label = month_code(month)
            return [PaymentPart(amount=Decimal(current["amount"]),  # type: ignore[arg-type]
                                description=PAYMENT_DESCRIPTION[input.language].format(month=label)),
                    PaymentPart(part=CHILD_PART, amount=Decimal(package),
                                description=CHILD_PAYMENT_DESCRIPTION[input.language].format(month=label))]

        async def carry_on(next_index: int) -> None:
            # Each month's sleep and payments in a run of its own, so the history stays one month long
            # however long the period. A delayed payment's task waits in this run: the months stay here.
            if settling or not (input.resume is not None or workflow.patched(CONTINUE_PER_MONTH)):
                return
            assert self._payments is not None
            carried = state.model_copy(update={
                "payments": self._payments.carried(next_index), "case": current["case"],
                "amount": current["amount"], "taken": sorted(taken),
                "events": [e for e in self._events.values() if e.event_id not in taken]})
            workflow.continue_as_new(input.model_copy(update={"resume": carried.model_dump(mode="json")}))

        paid = await self._payments.run(parts_for, carry_on)
        paying = False
        await timeline.step_done(self.step("payment"), {
            "months": sorted({p.month for p in paid if p.payment_id}),
            "delayed": sorted({p.month for p in paid if p.delayed_because})})
        if self._payments.finished and workflow.patched(REAPPLY_INVITATION):
            await self._invite_to_reapply(input, timeline, state.payments.plan.months[-1])
        for settled in await asyncio.gather(*settling):
            await timeline.event("payment.settled", PAYMENT_TASK_TITLE, step="payment",
                                 key=f"settled-{settled.task_id}",
                                 detail={"outcome": settled.outcome, "reasons": settled.reasons,
                                         "officer": settled.officer})
        await timeline.service_status("completed")
        return ServiceOutcome(service_code=SPEC.code, status="completed", document_id=state.document_id,
                              granted=list(self.granted))

    async def _invite_to_reapply(self, input: ServiceInput, timeline: Timeline, last: date) -> None:
        """The period is over: the family is told to apply again, with the form filled in from this application."""
        url = f"/apply/{SPEC.code}?from={input.application_id}"
        end = month_code(last)
        await timeline.event("tsa.reapply", REAPPLY_TITLE, step="payment", key="reapply",
                             detail={"url": url, "period_end": end})
        body = REAPPLY_NOTICE[input.language].format(short=input.application_id[:8], end=end, url=url)
        await self.notify(input, REAPPLY_SUBJECT[input.language], body, "reapply")

    async def _changed(self, input: ServiceInput, timeline: Timeline, event: RegistryEvent, month: date,
                       current: dict[str, Any]) -> bool:
        """A change of circumstances from `month` on: a member's death recomputes the assistance under the
        rules of the application date; False when it stops (the applicant died, or the family no longer
        qualifies). Other changes are noted: the family's next application takes them in."""
        case: TsaCase = current["case"]
        member = next((m for m in case.members if m.id == event.iin), None)
        detail: dict[str, Any] = {"event": event.model_dump(mode="json"), "from_month": month_code(month)}
        if event.kind != "death" or member is None:
            await timeline.event("registry.event", EVENT_NOTED, step="payment", key=f"event-{event.event_id}",
                                 detail=detail)
            return True
        params = {"name": member.label, "on": event.on.isoformat(), "month": month_code(month)}
        remaining = [m for m in case.members if m.id != event.iin]
        if member.relation == "applicant" or not remaining:
            await timeline.event("tsa.stopped", _each_language(STOPPED, **params), step="payment",
                                 key=f"event-{event.event_id}", detail=detail)
            return False
        changed = case.model_copy(update={"members": remaining})
        again: TsaDecision = await workflow.execute_local_activity_method(
            TsaPolicies.decide, TsaDecideInput(case=changed, on=input.submitted_on), **LOCAL_STEP)
        detail.update(result=again.result, monthly_amount=again.monthly_amount, before=current["amount"],
                      reasons=[r.model_dump(mode="json") for r in again.reasons])
        if again.outcome != "eligible":
            await timeline.event("tsa.stopped", _each_language(STOPPED, **params), step="payment",
                                 key=f"event-{event.event_id}", detail=detail)
            return False
        await timeline.event("tsa.recalculated", _each_language(
            RECALCULATED, **params, amount=again.monthly_amount, before=current["amount"], count=len(remaining)),
            step="payment", key=f"event-{event.event_id}", detail=detail)
        current.update(case=changed, amount=again.monthly_amount)
        return True
