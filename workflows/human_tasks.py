"""The human-task pattern every service workflow uses: open a task, wait for an officer, escalate.

    class MyServiceWorkflow(HumanTaskHandlers):
        def __init__(self) -> None:
            self.tasks = HumanTasks()
        ...
        decision = await self.tasks.open_and_wait(spec, timeline)

The workflow is the source of truth for a task: the updates below (names are the API the portal
calls) are validated against the workflow's own state, then written to the `tasks` table through
the local activity "tasks.update" so inboxes read the database. Refusals are ApplicationErrors
whose `type` the portal maps to HTTP:

    TaskClosed         409  unknown, completed or cancelled task
    WrongQueue         404  the officer's agency/region is not the task's queue
    RoleNotAllowed     403  not an officer, or an officer on a task escalated to supervisors
    FourEyes           403  the officer excluded from this task (made the first decision)
    ClaimedByOther     409  someone else holds the task
    AwaitingApplicant  409  the task waits for the applicant's answer
    NotAwaitingAnswer  409  an answer came when no question was asked
    OutcomeNotAllowed  422  an outcome this kind of task does not have
    ReasonNotAllowed   422  a reason code outside the kind's catalogue
    ResultInvalid      422  a result missing, not allowed, or failing the kind's model (an employment plan)
    NotSupervisor      403  reassigning needs a supervisor

The deadline counts working days (Kazakhstan's calendar) from the day the task opened; the
activity computes it so the calendar in force is recorded in history. At the end of the
deadline day (Asia/Almaty) the task escalates to the supervisors of the same queue and the
workflow keeps waiting. While the applicant is asked for information the legal clock may stop
(a dated parameter); the activity moves the deadline when the answer comes.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from pydantic import BaseModel, Field, ValidationError
from temporalio import workflow
from temporalio.exceptions import ApplicationError

with workflow.unsafe.imports_passed_through():
    from onestop.action_signing import ActionSignatureError, verify_installed
    from store.tasks import CancelTasksInput, EscalateTaskInput, OpenTaskInput, TaskActivities, UpdateTaskInput
    from workflows.retries import LOCAL_STEP
    from workflows.timeline import Timeline

Text = dict[str, str]

# Kazakhstan keeps one time zone, UTC+5, since 1 March 2024: the legal day ends at local midnight.
KAZAKHSTAN_OFFSET = timezone(timedelta(hours=5))
OFFICER_ROLES = frozenset({"officer", "supervisor"})
OPEN = "open"
CLAIMED = "claimed"
AWAITING_APPLICANT = "awaiting_applicant"
COMPLETED = "completed"
CANCELLED = "cancelled"
CLOSED = frozenset({COMPLETED, CANCELLED})

# What the applicant reads on the timeline of each step of a task.
TEXTS: dict[str, Text] = {
    "task.opened": {"kk": "Өтініш маманның қарауына жіберілді", "ru": "Заявление передано специалисту на рассмотрение",
                    "en": "Passed to an officer for review"},
    "task.escalated": {"kk": "Мерзім өтті: өтініш басшының қарауына жіберілді",
                       "ru": "Срок истёк: заявление передано руководителю",
                       "en": "Deadline passed: escalated to a supervisor"},
    "task.cancelled": {"kk": "Өтініш кері қайтарылды: қарау тоқтатылды",
                       "ru": "Заявление отозвано: рассмотрение прекращено",
                       "en": "Application withdrawn: review stopped"},
    "info.requested": {"kk": "Маман қосымша мәлімет сұрады", "ru": "Специалист запросил дополнительные сведения",
                       "en": "The officer asked you for information"},
    "info.answered": {"kk": "Сіздің жауабыңыз маманға жіберілді", "ru": "Ваш ответ передан специалисту",
                      "en": "Your answer was passed to the officer"},
    "task.addressed": {"kk": "Өтініш қатысты адамның жауабына жіберілді",
                       "ru": "Заявление направлено на ответ причастному лицу",
                       "en": "Sent to the person concerned for their answer"},
    "task.expired": {"kk": "Мерзім өтті: жауап берілмеді", "ru": "Срок истёк: ответа нет",
                     "en": "Deadline passed: no answer was given"},
}
# The outcome of a citizen's task nobody answered by its deadline.
EXPIRED = "expired"


class TaskSpec(BaseModel):
    """What a workflow asks a person to decide, and who may."""

    kind: str
    title: Text
    agency: str
    region: str
    role: str = "officer"
    payload: dict[str, Any] = Field(default_factory=dict)  # everything needed to decide
    allowed_outcomes: list[str]
    # Officer reason codes of this kind and their texts: an officer names codes, the applicant reads texts.
    reason_codes: dict[str, Text] = Field(default_factory=dict)
    # The law each of those reasons rests on (a LegalReference as JSON), which the applicant reads beside it;
    # a code without one reads "reference not recorded", as reasons stored before issue 12 do.
    reason_references: dict[str, dict[str, Any]] = Field(default_factory=dict)
    deadline_working_days: int
    excluded_officer: str | None = None  # four-eyes
    # A task for a citizen other than an officer (a family member's consent): only they see and answer it,
    # on their own account; no officer acts on it, and at its deadline it expires instead of escalating.
    addressee_iin: str | None = None
    # The service waits on this task: opening it moves the service to "awaiting_officer", completing it back
    # to "in_progress". False for a task that follows the decision (an employment plan): the service stays
    # "decided" meanwhile.
    holds_service: bool = True


class TaskDecision(BaseModel):
    task_id: str
    outcome: str
    reasons: list[dict[str, Any]] = Field(default_factory=list)  # {code, text{kk,ru,en}, params, comment}
    comment: str | None = None
    officer: str
    # What the officer entered, for a kind completed with a structured result (an employment plan).
    result: dict[str, Any] | None = None


class OfficerAction(BaseModel):
    """Who acts: the portal copies these from the verified token, never from the request body."""

    task_id: str
    officer: str
    roles: list[str]
    agency: str | None = None
    region: str | None = None
    signature: str = ""  # the portal's JWS over the action (onestop/action_signing.py)


class ClaimTaskInput(OfficerAction):
    pass


class ReleaseTaskInput(OfficerAction):
    pass


class OfficerReason(BaseModel):
    code: str
    comment: str | None = None


class CompleteTaskInput(OfficerAction):
    outcome: str
    reasons: list[OfficerReason] = Field(default_factory=list)
    comment: str | None = None
    result: dict[str, Any] | None = None  # the kind's structured result, when it has one


class RequestInfoInput(OfficerAction):
    question: str


class ReassignTaskInput(OfficerAction):
    to: str


class AnswerInfoInput(BaseModel):
    task_id: str | None = None  # None: the one task waiting for an answer
    text: str
    answers: dict[str, Any] = Field(default_factory=dict)
    actor: str = ""  # the applicant, from the token
    signature: str = ""


class CitizenAnswerInput(BaseModel):
    """A citizen's answer to a task addressed to them: the portal copies `iin` from the verified token."""

    task_id: str
    iin: str
    outcome: str
    comment: str | None = None
    signature: str = ""


class TaskState(BaseModel):
    """What an update returns: the task as the workflow now holds it."""

    task_id: str
    kind: str
    status: str
    assignee: str | None = None
    role: str
    escalated: bool = False
    deadline: date | None = None
    outcome: str | None = None


class Withdrawn(Exception):
    """The applicant withdrew while the workflow waited for a person."""


def refuse(kind: str, message: str) -> ApplicationError:
    # non_retryable: a refusal is an answer to the caller, not a failure to try again
    return ApplicationError(message, type=kind, non_retryable=True)


def check_signed(action: str, arg: Any) -> None:
    """In an update's validator only (never its handler, which runs again on replay): the portal
    signed this very action for this workflow."""
    try:
        verify_installed(getattr(arg, "signature", ""), action, workflow.info().workflow_id, arg)
    except ActionSignatureError as error:
        raise refuse("ActionNotSigned", str(error)) from None


def end_of_day(day: date) -> datetime:
    return datetime.combine(day + timedelta(days=1), time(0), KAZAKHSTAN_OFFSET)


def local_today() -> date:
    return workflow.now().astimezone(KAZAKHSTAN_OFFSET).date()


@dataclass
class _Task:
    task_id: str
    spec: TaskSpec
    application_id: str
    service_code: str
    deadline: date
    status: str = OPEN
    role: str = "officer"
    assignee: str | None = None
    escalated: bool = False
    version: int = 1
    question: str | None = None
    asked_on: date | None = None
    clock_paused: bool = False
    decision: TaskDecision | None = None
    history: list[str] = field(default_factory=list)

    def view(self) -> TaskState:
        return TaskState(task_id=self.task_id, kind=self.spec.kind, status=self.status, assignee=self.assignee,
                         role=self.role, escalated=self.escalated, deadline=self.deadline,
                         outcome=self.decision.outcome if self.decision else None)


def result_problem(error: ValidationError) -> str:
    """The first thing wrong with a result, naming its field as the API does (result.items[0].due_on)."""
    first = error.errors()[0]
    where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in first["loc"])
    return f"result{where}: {first['msg']}"


class HumanTasks:
    """The tasks of one workflow run: their state, the waiting, and the checks of every action.

    `results`: the kinds completed with a structured result, and the model it must pass.
    """

    def __init__(self, results: Mapping[str, type[BaseModel]] | None = None) -> None:
        self.results = dict(results or {})
        self._tasks: dict[str, _Task] = {}
        self._write_lock = asyncio.Lock()  # DB writes in the order the actions were accepted
        self.withdrawn = False
        self._sequence = 0

    # --- opening and waiting ---------------------------------------------------------------

    async def open_and_wait(self, spec: TaskSpec, timeline: Timeline) -> TaskDecision:
        if self.withdrawn:
            raise Withdrawn()
        info = workflow.info()
        self._sequence += 1
        task_id = str(workflow.uuid4())
        opened: dict[str, Any] = await workflow.execute_local_activity_method(
            TaskActivities.open,
            OpenTaskInput(task_id=task_id, task_key=f"{info.workflow_id}:{spec.kind}:{self._sequence}",
                          application_id=timeline.application_id, service_code=timeline.service_code or "",
                          workflow_id=info.workflow_id, spec=spec.model_dump(mode="json"),
                          opened_on=local_today(), at=workflow.now(),
                          event_title=TEXTS["task.addressed" if spec.addressee_iin else "task.opened"]),
            **LOCAL_STEP)
        task = _Task(task_id=opened["task_id"], spec=spec, application_id=timeline.application_id,
                     service_code=timeline.service_code or "", deadline=date.fromisoformat(opened["deadline"]),
                     role=spec.role)
        self._tasks[task.task_id] = task
        await self._wait(task)
        if task.decision is None:  # withdrawn while waiting
            await self.cancel_open()
            raise Withdrawn()
        return task.decision

    async def _wait(self, task: _Task) -> None:
        def done() -> bool:
            return task.decision is not None or self.withdrawn

        while not done():
            snapshot = (task.status, task.deadline)

            def changed() -> bool:
                return done() or (task.status, task.deadline) != snapshot  # noqa: B023  (awaited in this turn)

            if task.escalated or (task.status == AWAITING_APPLICANT and task.clock_paused):
                await workflow.wait_condition(changed)
                continue
            remaining = (end_of_day(task.deadline) - workflow.now()).total_seconds()
            if remaining > 0:
                try:
                    await workflow.wait_condition(changed, timeout=timedelta(seconds=remaining))
                    continue
                except TimeoutError:
                    if done():
                        break
            if task.spec.addressee_iin:
                await self._expire(task)
                break
            await self._escalate(task)

    async def _expire(self, task: _Task) -> None:
        """A citizen's task past its deadline: nobody else may answer for them, so it ends unanswered."""
        task.status = COMPLETED
        await self._write(task, "task.expired", "system", "system", {"status": COMPLETED, "outcome": EXPIRED},
                          event={"kind": "task.expired", "title": TEXTS["task.expired"], "detail": {}})
        task.decision = TaskDecision(task_id=task.task_id, outcome=EXPIRED, officer="system")

    async def _escalate(self, task: _Task) -> None:
        task.escalated = True
        task.role = "supervisor"
        task.version += 1
        async with self._write_lock:
            await workflow.execute_local_activity_method(
                TaskActivities.escalate,
                EscalateTaskInput(task_id=task.task_id, version=task.version, at=workflow.now(), on=local_today(),
                                  event_title=TEXTS["task.escalated"]),
                **LOCAL_STEP)

    async def cancel_open(self) -> None:
        """Withdrawal: every task of this run still open is cancelled."""
        for task in self._tasks.values():
            if task.status not in CLOSED:
                task.status = CANCELLED
        async with self._write_lock:
            await workflow.execute_local_activity_method(
                TaskActivities.cancel,
                CancelTasksInput(workflow_id=workflow.info().workflow_id, at=workflow.now(),
                                 event_title=TEXTS["task.cancelled"]),
                **LOCAL_STEP)

    def withdraw(self) -> None:
        self.withdrawn = True

    # --- checks (validators and handlers both run them: handlers re-check before any await) ---

    def _task(self, task_id: str | None) -> _Task:
        task = self._tasks.get(task_id or "")
        if task is None or task.status in CLOSED:
            raise refuse("TaskClosed", "the task is unknown or already closed")
        return task

    def _acting(self, act: OfficerAction) -> _Task:
        task = self._task(act.task_id)
        if task.spec.addressee_iin:
            raise refuse("WrongQueue", "the task is addressed to a citizen, not to an officer's queue")
        if act.agency != task.spec.agency or act.region != task.spec.region:
            raise refuse("WrongQueue", "the task is not in the officer's queue")
        roles = set(act.roles)
        if not roles & OFFICER_ROLES:
            raise refuse("RoleNotAllowed", "only officers and supervisors act on tasks")
        if task.spec.excluded_officer and act.officer == task.spec.excluded_officer:
            raise refuse("FourEyes", "the officer who made the first decision may not act on this task")
        supervisor = "supervisor" in roles
        if task.role == "supervisor" and not supervisor and task.assignee != act.officer:
            raise refuse("RoleNotAllowed", "the task was escalated to the supervisors of the queue")
        return task

    def _holding(self, act: OfficerAction) -> _Task:
        """The officer holds the task (or may take it: an open task is claimed by acting on it)."""
        task = self._acting(act)
        if task.status == AWAITING_APPLICANT:
            raise refuse("AwaitingApplicant", "the task waits for the applicant's answer")
        if task.assignee not in (None, act.officer) and "supervisor" not in act.roles:
            raise refuse("ClaimedByOther", "another officer holds the task")
        return task

    def check_claim(self, act: ClaimTaskInput) -> _Task:
        task = self._acting(act)
        if task.status == AWAITING_APPLICANT:
            raise refuse("AwaitingApplicant", "the task waits for the applicant's answer")
        if task.assignee not in (None, act.officer):
            raise refuse("ClaimedByOther", "another officer holds the task")
        return task

    def check_release(self, act: ReleaseTaskInput) -> _Task:
        task = self._holding(act)
        if task.assignee is None:
            raise refuse("TaskNotClaimed", "the task is not claimed")
        return task

    def check_complete(self, act: CompleteTaskInput) -> _Task:
        task = self._holding(act)
        if act.outcome not in task.spec.allowed_outcomes:
            raise refuse("OutcomeNotAllowed",
                         f"outcome {act.outcome!r} is not one of {task.spec.allowed_outcomes}")
        unknown = [r.code for r in act.reasons if r.code not in task.spec.reason_codes]
        if unknown:
            raise refuse("ReasonNotAllowed", f"reason codes {unknown} are not in this kind's catalogue "
                                             f"{sorted(task.spec.reason_codes)}")
        model = self.results.get(task.spec.kind)
        if model is None and act.result is not None:
            raise refuse("ResultInvalid", "this kind of task takes no result")
        if model is not None:
            if act.result is None:
                raise refuse("ResultInvalid", "this kind of task is completed with its result")
            try:
                model.model_validate(act.result, context={"on": local_today()})
            except ValidationError as error:
                raise refuse("ResultInvalid", result_problem(error)) from None
        return task

    def check_request_info(self, act: RequestInfoInput) -> _Task:
        task = self._holding(act)
        if not act.question.strip():
            raise refuse("QuestionEmpty", "the question is empty")
        return task

    def check_reassign(self, act: ReassignTaskInput) -> _Task:
        task = self._acting(act)
        if "supervisor" not in act.roles:
            raise refuse("NotSupervisor", "only a supervisor reassigns a task")
        if task.spec.excluded_officer and act.to == task.spec.excluded_officer:
            raise refuse("FourEyes", "the officer who made the first decision may not get this task")
        return task

    def check_answer(self, answer: AnswerInfoInput) -> _Task:
        if answer.task_id is None:
            waiting = [t for t in self._tasks.values() if t.status == AWAITING_APPLICANT]
            if not waiting:
                raise refuse("NotAwaitingAnswer", "no question is waiting for an answer")
            return waiting[0]
        task = self._task(answer.task_id)
        if task.status != AWAITING_APPLICANT:
            raise refuse("NotAwaitingAnswer", "no question is waiting for an answer on this task")
        return task

    def check_citizen_answer(self, answer: CitizenAnswerInput) -> _Task:
        task = self._tasks.get(answer.task_id)
        if task is None or task.spec.addressee_iin != answer.iin:
            raise refuse("NotAddressee", "no such task is addressed to this person")
        if task.status in CLOSED:
            raise refuse("TaskClosed", "the task is already answered or closed")
        if answer.outcome not in task.spec.allowed_outcomes:
            raise refuse("OutcomeNotAllowed", f"outcome {answer.outcome!r} is not one of {task.spec.allowed_outcomes}")
        return task

    # --- actions (called by the update handlers after their checks) ------------------------

    async def _write(self, task: _Task, action: str, actor: str, actor_role: str,
                     changes: dict[str, Any], event: dict[str, Any] | None = None,
                     service_status: str | None = None, extra: dict[str, Any] | None = None) -> dict[str, Any]:
        task.version += 1
        version = task.version
        async with self._write_lock:
            written: dict[str, Any] = await workflow.execute_local_activity_method(
                TaskActivities.update,
                UpdateTaskInput(task_id=task.task_id, version=version, action=action, actor=actor,
                                actor_role=actor_role, changes=changes, event=event, service_status=service_status,
                                at=workflow.now(), on=local_today(), **(extra or {})),
                **LOCAL_STEP)
        return written

    @staticmethod
    def _role(act: OfficerAction) -> str:
        return "supervisor" if "supervisor" in act.roles else "officer"

    async def claim(self, act: ClaimTaskInput) -> TaskState:
        task = self.check_claim(act)
        if task.assignee == act.officer and task.status == CLAIMED:
            return task.view()  # a repeat of one's own claim changes nothing
        task.assignee, task.status = act.officer, CLAIMED
        await self._write(task, "task.claimed", act.officer, self._role(act),
                          {"status": CLAIMED, "assignee": act.officer})
        return task.view()

    async def release(self, act: ReleaseTaskInput) -> TaskState:
        task = self.check_release(act)
        task.assignee, task.status = None, OPEN
        await self._write(task, "task.released", act.officer, self._role(act), {"status": OPEN, "assignee": None})
        return task.view()

    async def reassign(self, act: ReassignTaskInput) -> TaskState:
        task = self.check_reassign(act)
        task.assignee = act.to
        if task.status == OPEN:
            task.status = CLAIMED
        await self._write(task, "task.reassigned", act.officer, self._role(act),
                          {"status": task.status, "assignee": act.to})
        return task.view()

    async def complete(self, act: CompleteTaskInput) -> TaskState:
        task = self.check_complete(act)
        task.status, task.assignee = COMPLETED, task.assignee or act.officer
        reasons = [{"code": r.code, "text": task.spec.reason_codes[r.code], "params": {},
                    **({"reference": task.spec.reason_references[r.code]}
                       if r.code in task.spec.reason_references else {}),
                    **({"comment": r.comment} if r.comment else {})} for r in act.reasons]
        decision = TaskDecision(task_id=task.task_id, outcome=act.outcome, reasons=reasons,
                                comment=act.comment, officer=act.officer, result=act.result)
        await self._write(task, "task.completed", act.officer, self._role(act),
                          {"status": COMPLETED, "assignee": task.assignee, "outcome": act.outcome,
                           "reasons": reasons, "comment": act.comment, "completed_by": act.officer},
                          service_status="in_progress" if task.spec.holds_service else None,
                          extra={"result": act.result} if act.result is not None else None)
        # Only now does the run move on: the row says "completed" before the service does.
        task.decision = decision
        return task.view()

    async def request_info(self, act: RequestInfoInput) -> TaskState:
        task = self.check_request_info(act)
        task.assignee, task.status = task.assignee or act.officer, AWAITING_APPLICANT
        task.question, task.asked_on = act.question, local_today()
        written = await self._write(
            task, "task.info_requested", act.officer, self._role(act),
            {"status": AWAITING_APPLICANT, "assignee": task.assignee},
            event={"kind": "info.requested", "title": TEXTS["info.requested"], "detail": {"question": act.question}},
            service_status="awaiting_applicant", extra={"question": act.question})
        task.clock_paused = bool(written.get("clock_paused"))
        return task.view()

    async def answer(self, answer: AnswerInfoInput) -> TaskState:
        task = self.check_answer(answer)
        task.status = CLAIMED  # back to the officer who asked
        # The trail names who answered (the portal signs the token's subject in), "applicant" when unsaid.
        written = await self._write(
            task, "task.info_answered", answer.actor or "applicant", "citizen", {"status": CLAIMED},
            event={"kind": "info.answered", "title": TEXTS["info.answered"], "detail": {}},
            service_status="awaiting_officer", extra={"answer": {"text": answer.text, "answers": answer.answers}})
        task.deadline = date.fromisoformat(written["deadline"])
        task.clock_paused = False
        return task.view()

    async def citizen_answer(self, answer: CitizenAnswerInput) -> TaskState:
        task = self.check_citizen_answer(answer)
        task.status, task.assignee = COMPLETED, answer.iin
        await self._write(task, "task.completed", answer.iin, "citizen",
                          {"status": COMPLETED, "assignee": answer.iin, "outcome": answer.outcome,
                           "comment": answer.comment, "completed_by": answer.iin})
        task.decision = TaskDecision(task_id=task.task_id, outcome=answer.outcome, comment=answer.comment,
                                     officer=answer.iin)
        return task.view()

    def open_task(self, kind: str) -> TaskState | None:
        """The latest task of that kind still open, as the workflow holds it."""
        found = [t for t in self._tasks.values() if t.spec.kind == kind and t.status not in CLOSED]
        return found[-1].view() if found else None

    def any_open(self) -> bool:
        return any(t.status not in CLOSED for t in self._tasks.values())


class HumanTaskHandlers:
    """The updates every workflow with human tasks answers; it needs `self.tasks: HumanTasks`."""

    tasks: HumanTasks

    @workflow.update(name="claim_task")
    async def claim_task(self, input: ClaimTaskInput) -> TaskState:
        return await self.tasks.claim(input)

    @claim_task.validator
    def _validate_claim(self, input: ClaimTaskInput) -> None:
        check_signed("claim_task", input)
        self.tasks.check_claim(input)

    @workflow.update(name="release_task")
    async def release_task(self, input: ReleaseTaskInput) -> TaskState:
        return await self.tasks.release(input)

    @release_task.validator
    def _validate_release(self, input: ReleaseTaskInput) -> None:
        check_signed("release_task", input)
        self.tasks.check_release(input)

    @workflow.update(name="complete_task")
    async def complete_task(self, input: CompleteTaskInput) -> TaskState:
        return await self.tasks.complete(input)

    @complete_task.validator
    def _validate_complete(self, input: CompleteTaskInput) -> None:
        check_signed("complete_task", input)
        self.tasks.check_complete(input)

    @workflow.update(name="request_info")
    async def request_info(self, input: RequestInfoInput) -> TaskState:
        return await self.tasks.request_info(input)

    @request_info.validator
    def _validate_request_info(self, input: RequestInfoInput) -> None:
        check_signed("request_info", input)
        self.tasks.check_request_info(input)

    @workflow.update(name="answer_info")
    async def answer_info(self, input: AnswerInfoInput) -> TaskState:
        return await self.tasks.answer(input)

    @answer_info.validator
    def _validate_answer(self, input: AnswerInfoInput) -> None:
        check_signed("answer_info", input)
        self.tasks.check_answer(input)

    @workflow.update(name="reassign_task")
    async def reassign_task(self, input: ReassignTaskInput) -> TaskState:
        return await self.tasks.reassign(input)

    @reassign_task.validator
    def _validate_reassign(self, input: ReassignTaskInput) -> None:
        check_signed("reassign_task", input)
        self.tasks.check_reassign(input)

    @workflow.update(name="answer_citizen_task")
    async def answer_citizen_task(self, input: CitizenAnswerInput) -> TaskState:
        return await self.tasks.citizen_answer(input)

    @answer_citizen_task.validator
    def _validate_citizen_answer(self, input: CitizenAnswerInput) -> None:
        check_signed("answer_citizen_task", input)
        self.tasks.check_citizen_answer(input)

    @workflow.signal(name="withdraw")
    def withdraw(self) -> None:
        self.tasks.withdraw()


__all__ = [
    "EXPIRED", "AnswerInfoInput", "CitizenAnswerInput", "ClaimTaskInput", "CompleteTaskInput", "HumanTaskHandlers",
    "HumanTasks", "OfficerAction",
    "OfficerReason", "ReassignTaskInput", "ReleaseTaskInput", "RequestInfoInput", "TaskDecision", "TaskSpec",
    "TaskState", "Withdrawn", "end_of_day",
]
