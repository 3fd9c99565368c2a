"""A workflow's refusal of an update becomes the problem the caller reads.

The workflow names the refusal by its ApplicationError type (workflows/human_tasks.py);
this table is the one place that maps it to HTTP.
"""

from __future__ import annotations

from portal.problems import Conflict, Forbidden, NotFound, Problem, ValidationFailed

_PROBLEMS: dict[str, tuple[type[Problem], str, str | None]] = {
    "TaskClosed": (Conflict, "task-closed", None),
    "ClaimedByOther": (Conflict, "task-claimed-by-other", None),
    "AwaitingApplicant": (Conflict, "task-awaiting-applicant", None),
    "NotAwaitingAnswer": (Conflict, "nothing-to-answer", "task_id"),
    "TaskNotClaimed": (Conflict, "task-not-claimed", None),
    "AlreadyDecided": (Conflict, "already-decided", None),
    "AlreadyWithdrawn": (Conflict, "already-withdrawn", None),
    "WrongQueue": (NotFound, "not-found", None),
    "NotAddressee": (NotFound, "not-found", None),
    "ActionNotSigned": (Forbidden, "action-not-signed", None),
    "FourEyes": (Forbidden, "four-eyes", None),
    "RoleNotAllowed": (Forbidden, "role-not-allowed", None),
    "NotSupervisor": (Forbidden, "supervisor-only", None),
    "OutcomeNotAllowed": (ValidationFailed, "outcome-not-allowed", "outcome"),
    "ReasonNotAllowed": (ValidationFailed, "reason-not-allowed", "reasons"),
    "ResultInvalid": (ValidationFailed, "validation-failed", "result"),
    "QuestionEmpty": (ValidationFailed, "validation-failed", "question"),
}


def problem_for(kind: str | None, message: str) -> Problem:
    problem, slug, field = _PROBLEMS.get(kind or "", (Conflict, "conflict", None))
    return problem(message, slug=slug, field=field)
