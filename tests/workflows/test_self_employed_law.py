"""The law of issue 12 inside the self-employed workflow, on Temporal with the mock registries.

The expected figures are computed by hand from the law (the parameters' sources): the tax MCI
of 2023 is 3,450 ₸; the minimum wage of 2026 is 85,000 ₸; the simplified declaration takes 4%
tax on turnover and 10% pension / 5% social contributions of the declared own income.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from functools import lru_cache

from temporalio.testing import WorkflowEnvironment

from connectors.mock.seed import SeedPerson, generate_population
from onestop.settings import Settings
from policies.decision import LegalReference
from policies.parameters import value
from policies.working_days import add_working_days
from services.self_employed import REVIEW_TERM_PARAMETER
from services.self_employed_policies import ReviewTermInput, SelfEmployedPolicies
from store import repository
from store.engine import get_engine, session_scope
from tests.support.citizens import _DEMO, next_citizen
from tests.support.stack import Stack
from tests.support.workflows import CODE, start_application
from tests.workflows.test_human_tasks import handle_of, officer, open_task
from tests.workflows.test_human_tasks import start as review_start
from workflows.human_tasks import KAZAKHSTAN_OFFSET, CompleteTaskInput, OfficerReason, TaskState

ON_2026 = date(2026, 11, 20)
ON_2023 = date(2023, 5, 10)


@lru_cache
def _population() -> dict[str, SeedPerson]:
    settings = Settings()
    return {p.iin: p for p in generate_population(settings.seed, settings.seed_persons)}


def citizen_where(test: Callable[[SeedPerson], bool]) -> str:
    """The next unused citizen of the shared pool who passes ``test`` (those skipped stay unused by others)."""
    while True:
        iin = next_citizen()
        if test(_population()[iin]):
            return iin


_entrepreneurs = iter([p.iin for p in _population().values()
                       if p.active_entrepreneur and not p.deceased and p.birth_date.year < 2000 and p.phone
                       and p.iin not in _DEMO])  # the demo's entrepreneur stays as other tests expect him


def form(**overrides: object) -> dict:
    base: dict[str, object] = {"activity_code": "tutoring", "regime": "simplified-declaration",
                               "expected_monthly_income": "300000.00",
            "phone": "+77011112299", "language": "ru", "activity_address": None, "email": None}
    base.update(overrides)
    return base


async def decided(env: WorkflowEnvironment, queue: str, settings: Settings, iin: str, answers: dict,
                  on: date) -> tuple[str, dict]:
    application_id, handle = await start_application(env, settings.database_url, queue, iin=iin, form=answers,
                                                     submitted_on=on, language="ru")
    await handle.result()
    with session_scope(get_engine(settings.database_url)) as session:
        request = repository.service_requests(session, application_id)[0]
        events = repository.timeline(session, application_id)
    assert request.decision is not None, request.status
    return request.status, {"decision": request.decision, "steps": {e.step for e in events
                                                                     if e.kind == "step.completed"}}


def part(decision: dict, name: str) -> dict:
    return decision["figures"]["social_payments"]["breakdown"][name]


async def test_the_declared_income_is_the_base_of_the_entrepreneurs_own_contributions(
        workflow_env: WorkflowEnvironment, task_queue: str, worker_settings: Settings, registries: Stack) -> None:
    iin = next_citizen()
    status, got = await decided(workflow_env, task_queue, worker_settings, iin,
                                form(declared_monthly_income="150000.00", phone="+77011112201"), ON_2026)
    decision = got["decision"]
    assert status == "completed"
    assert (part(decision, "pension")["base_kind"], Decimal(part(decision, "pension")["base"])) == (
        "declared_income", Decimal("150000"))
    assert Decimal(part(decision, "pension")["amount"]) == Decimal("15000")  # 10% of 150,000
    assert Decimal(part(decision, "income_tax")["amount"]) == Decimal("12000")  # 4% of 300,000 turnover
    # the notice names the regime and splits the tax from the social payments
    body = " ".join(m["body"] for m in registries.outbox("+77011112201"))
    assert "налог 12000 тенге" in body and "социальные платежи" in body
    subjects = " ".join(m["subject"] for m in registries.outbox("+77011112201"))
    assert "Вы зарегистрированы в режиме «" in subjects
    # the stored decision keeps how it was decided, and every reason its reference
    assert any(t["name"] == "declared_monthly_income" for t in decision["trace"])
    assert decision["registration_kind"] == "new_registration"
    assert all("reference" in r for r in decision["reasons"])


async def test_without_a_declared_income_the_minimum_wage_floor_is_the_base(
        workflow_env: WorkflowEnvironment, task_queue: str, worker_settings: Settings) -> None:
    status, got = await decided(workflow_env, task_queue, worker_settings, next_citizen(), form(), ON_2026)
    assert status == "completed"
    pension = part(got["decision"], "pension")
    assert (pension["base_kind"], Decimal(pension["base"]), Decimal(pension["amount"])) == (
        "minimum_wage_floor", Decimal("85000"), Decimal("8500"))


async def test_an_active_entrepreneur_choosing_an_entrepreneurs_regime_changes_regime(
        workflow_env: WorkflowEnvironment, task_queue: str, worker_settings: Settings, registries: Stack) -> None:
    for regime, on, activity in (("simplified-declaration", ON_2026, "tutoring"),
                                 ("mobile-app", date(2025, 5, 12), "tutoring")):
        iin = next(_entrepreneurs)
        before = registries.tax_registrations(iin)
        status, got = await decided(workflow_env, task_queue, worker_settings, iin,
                                    form(regime=regime, activity_code=activity), on)
        assert status == "completed", got["decision"].get("reasons")
        assert got["decision"]["registration_kind"] == "regime_change"
        # no new registration and no business-registry notice: the registration he had changes its regime
        after = registries.tax_registrations(iin)
        assert [r["registration_id"] for r in after] == [r["registration_id"] for r in before]
        assert after[-1]["regime"] == regime
        assert "change_regime" in got["steps"]
        assert not {"register_taxpayer", "notify_business_registry"} & got["steps"]


async def test_an_active_entrepreneur_is_refused_the_self_employed_regime(
        workflow_env: WorkflowEnvironment, task_queue: str, worker_settings: Settings, registries: Stack) -> None:
    iin = next(_entrepreneurs)
    status, got = await decided(workflow_env, task_queue, worker_settings, iin,
                                form(regime="self-employed", phone="+77011112202"), ON_2026)
    assert status == "refused"
    assert "already_entrepreneur" in got["decision"]["decisive"]
    # the refusal notice names the law beside the reason
    refusal = next(r for r in got["decision"]["reasons"] if r["code"] == "already_entrepreneur")
    cited = LegalReference.model_validate(refusal["reference"]).citation()["ru"]
    assert any(cited in m["body"] for m in registries.outbox("+77011112202"))
    assert all(r["regime"] != "self-employed" for r in registries.tax_registrations(iin))


async def test_the_single_aggregate_payment_is_one_mci_in_any_town_and_half_in_a_village(
        workflow_env: WorkflowEnvironment, task_queue: str, worker_settings: Settings) -> None:
    adult_then = ON_2023.replace(year=ON_2023.year - 18)  # the pool's adults are today's: some were minors in 2023
    town = citizen_where(lambda p: p.address.urban and not p.address.regional_centre and p.birth_date <= adult_then)
    village = citizen_where(lambda p: not p.address.urban and p.birth_date <= adult_then)
    answers = form(regime="single-aggregate-payment", expected_monthly_income="100000.00")
    _, in_town = await decided(workflow_env, task_queue, worker_settings, town, answers, ON_2023)
    _, in_village = await decided(workflow_env, task_queue, worker_settings, village, answers, ON_2023)
    assert in_town["decision"]["figures"]["social_payments"]["total"] == "3450"  # 1 MCI of 2023
    assert in_village["decision"]["figures"]["social_payments"]["total"] == "1725"  # 0.5 MCI


def test_the_review_term_is_the_dated_parameter() -> None:
    on = date(2026, 11, 20)
    assert SelfEmployedPolicies().review_term(ReviewTermInput(on=on)) == int(value(REVIEW_TERM_PARAMETER, on)) == 3


async def test_an_approval_after_review_does_not_read_not_on_the_list(
        workflow_env: WorkflowEnvironment, task_queue: str, worker_settings: Settings) -> None:
    application_id, handle = await review_start(workflow_env, task_queue, worker_settings, ON_2026)
    task = await open_task(worker_settings, application_id)
    # the officer's term is the dated parameter (3 working days), counted from the day the task opened
    opened = task.created_at.astimezone(KAZAKHSTAN_OFFSET).date()
    assert task.deadline == add_working_days(opened, int(value(REVIEW_TERM_PARAMETER, ON_2026)))
    assert int(value(REVIEW_TERM_PARAMETER, ON_2026)) == 3
    await handle_of(workflow_env, application_id, worker_settings).execute_update("complete_task", CompleteTaskInput(
        **officer(task, "tax.x.officer"), outcome="approve",
        reasons=[OfficerReason(code="activity_allowed_by_analogy")]), result_type=TaskState)
    assert (await handle.result()).status == "completed"
    with session_scope(get_engine(worker_settings.database_url)) as session:
        request = repository.get_service_request(session, application_id, CODE)
    assert request is not None and request.decision is not None
    decision = request.decision
    codes = [r["code"] for r in decision["reasons"]]
    assert "activity_not_permitted" not in codes and "activity_allowed_by_analogy" in codes
    # the officer's reason is read beside its law too (the activity list), not "reference not recorded"
    by_officer = next(r for r in decision["reasons"] if r["code"] == "activity_allowed_by_analogy")
    assert "994" in by_officer["reference"]["title"]["en"] and by_officer["reference"]["unconfirmed"]
    assert [r["code"] for r in decision["waived"]] == ["activity_not_permitted"]
