"""The civil servants' pages under /officer/: the inbox, a task with every action, the audit trail.

Every rule is the tasks API's own: these handlers call portal.tasks.service and assignees (the
queue rule, the workflow's validators and their refusals) and portal.api.audit, and only turn
what they give into HTML, and form posts into their calls.

A form carries `seen`, the number of history entries the officer saw. When the task changed
since, the form is stale and nothing is sent, unless every change since is this officer's own
same action: that is a double click, and the page simply shows the task as it now is.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError
from starlette.datastructures import FormData

from connectors.access_log import FIELD_TITLES, REGISTRY_TITLES
from policies.working_days import working_days_between
from portal.api.audit import AuditFilter, audit_page
from portal.applications.submission import today_in_kazakhstan
from portal.auth import OptionalPrincipal, Principal
from portal.auth.csrf import csrf_valid
from portal.database import in_transaction
from portal.pages.officer_texts import ACTION_ERRORS, HISTORY_ACTIONS, OUTCOMES, TASK_STATUSES
from portal.pages.rendering import page_language, render
from portal.pages.routes import _login_redirect, _not_found
from portal.pages.texts import FIELD_ERROR_OF_CODE, FIELD_ERRORS, FIELD_LABELS, Text, in_language, text
from portal.problems import Forbidden, NotFound, Problem, ValidationFailed
from portal.tasks import assignees, service
from portal.tasks.access import is_supervisor, officer_queue
from portal.tasks.schemas import CompleteBody, RequestInfoBody, TaskDetail
from services.catalogue import CATALOGUE
from services.spec import TaskResultSpec
from store.task_kinds import kinds_in_queue
from store.workbench import TASK_OPEN_STATUSES
from store.workbench import TASK_STATUSES as STATUS_CODES
from workflows.human_tasks import (
    ClaimTaskInput,
    CompleteTaskInput,
    OfficerReason,
    ReassignTaskInput,
    ReleaseTaskInput,
    RequestInfoInput,
)

router = APIRouter(prefix="/officer", include_in_schema=False)

PAGE_SIZE = 50
REFRESH_SECONDS = 5  # while the applicant is asked, the answer shows up without a reload
FILTER_MAX = 64  # the audit API's longest filter value


def _page(request: Request, template: str, principal: Principal, *, status_code: int = 200,
          **context: Any) -> Response:
    language = page_language(request)
    return render(request, template, principal=principal, status_code=status_code,
                  task_status=lambda s: text(TASK_STATUSES, s, language),
                  outcome_text=lambda s: text(OUTCOMES, s, language),
                  action_text=lambda s: text(HISTORY_ACTIONS, s, language),
                  answer_label=lambda s: text(FIELD_LABELS, s, language),
                  decision_parts=lambda code: (CATALOGUE[code].decision_parts if code in CATALOGUE else ()),
                  registry_title=lambda s: text(REGISTRY_TITLES, s, language),
                  field_title=lambda s: text(FIELD_TITLES, s, language),
                  supervisor=is_supervisor(principal), **context)


def _refusal(request: Request, principal: Principal, message_key: str) -> Response:
    return _page(request, "officer_message.html", principal, status_code=403, heading_key="forbidden",
                 message_key=message_key)


def _officer(request: Request, principal: Principal | None) -> Principal | Response:
    """The officer or supervisor, or the page that sends a stranger to log in or tells a citizen no."""
    if principal is None:
        return _login_redirect(request)
    try:
        officer_queue(principal)
    except Forbidden:
        return _refusal(request, principal, "officers_only")
    return principal


def working_days_left(deadline: Any) -> int:
    """Working days from today to the deadline: 0 on its last day, negative once it has passed."""
    return working_days_between(today_in_kazakhstan(), deadline)


@router.get("")
@router.get("/")
async def workbench(request: Request, principal: OptionalPrincipal) -> Response:
    gate = _officer(request, principal)
    if isinstance(gate, Response):
        return gate
    return RedirectResponse("/officer/tasks", status_code=303)


def _flag(value: str | None) -> bool:
    return value in ("1", "true", "on")


@router.get("/tasks")
async def inbox(request: Request, principal: OptionalPrincipal, kind: str = "", status: str = "",
                overdue: str = "", mine: str = "", offset: str = "0") -> Response:
    gate = _officer(request, principal)
    if isinstance(gate, Response):
        return gate
    officer = gate
    agency, region = officer_queue(officer)
    start = int(offset) if offset.isdigit() and int(offset) <= 100_000 else 0
    chosen: dict[str, Any] = {"kind": kind[:FILTER_MAX], "status": status if status in STATUS_CODES else "",
              "overdue": _flag(overdue), "mine": _flag(mine)}
    page = await service.inbox(request, officer, kind=chosen["kind"] or None, status=chosen["status"] or None,
                               overdue=chosen["overdue"], mine=chosen["mine"], limit=PAGE_SIZE, offset=start)
    kinds = await in_transaction(request, lambda s: kinds_in_queue(s, agency=agency, region=region), read_only=True)
    query = {k: ("1" if v is True else v) for k, v in chosen.items() if v}
    return _page(request, "officer_inbox.html", officer, page=page, kinds=kinds, chosen=chosen,
                 statuses=STATUS_CODES, days_left=working_days_left, query=query, agency=agency, region=region,
                 next_offset=start + PAGE_SIZE if start + PAGE_SIZE < page.total else None,
                 previous_offset=max(start - PAGE_SIZE, 0) if start else None)


def _result_form(task: TaskDetail, language: str, values: dict[str, Any]) -> dict[str, Any] | None:
    """The form of a kind completed with a structured result (dated actions and a note), as the catalogue says."""
    form = service.result_spec(task.service_code, task.kind)
    if form is None:
        return None
    rows = values.get("items") or []
    return {"title": in_language(form.title, language),
            "actions": [(code, in_language(title, language)) for code, title in form.actions.items()],
            "rows": [rows[i] if i < len(rows) else {} for i in range(form.rows)], "note": values.get("note", "")}


async def _task_page(request: Request, officer: Principal, task_id: str, *, status_code: int = 200,
                     errors: dict[str, str | Text] | None = None, notice: str | None = None,
                     values: dict[str, Any] | None = None) -> Response:
    try:
        task = await service.detail(request, officer, task_id)
    except NotFound:
        return _not_found(request, officer)
    choices = []
    if is_supervisor(officer) and task.status in TASK_OPEN_STATUSES:
        choices = [a for a in (await assignees.assignees(request, officer, task_id)).items
                   if a.login != task.assignee]
    language = page_language(request)
    return _page(request, "officer_task.html", officer, status_code=status_code, task=task, assignees=choices,
                 me=officer.subject, days_left=working_days_left(task.deadline),
                 result_form=_result_form(task, language, values or {}),
                 errors={k: in_language(v, language) if isinstance(v, dict) else text(ACTION_ERRORS, v, language)
                         for k, v in (errors or {}).items()},
                 notice=text(ACTION_ERRORS, notice, language) if notice else None, values=values or {},
                 open_statuses=TASK_OPEN_STATUSES,
                 refresh_seconds=REFRESH_SECONDS if task.status == "awaiting_applicant" else None)


@router.get("/tasks/{task_id}")
async def task_page(task_id: str, request: Request, principal: OptionalPrincipal) -> Response:
    gate = _officer(request, principal)
    if isinstance(gate, Response):
        return gate
    return await _task_page(request, gate, task_id)


# --- the actions: each a plain form post, answered by the task page (post/redirect/get) ------------------

Send = Callable[[], Awaitable[Any]]


def _own_repeat(task: TaskDetail, seen: int, officer: Principal, action: str) -> bool:
    """Every change since the form was rendered is this officer's same action: a second click of one."""
    later = task.history[seen:]
    return bool(later) and all(e.actor == officer.subject and e.action == action for e in later)


async def _act(request: Request, principal: Principal | None, task_id: str, action: str,
               prepare: Callable[[FormData, TaskDetail, Principal],
                                 Send | tuple[dict[str, str | Text], dict[str, Any]]]) -> Response:
    """The common path of an action: login, CSRF, the queue (404), a stale form, the page's checks, the call."""
    gate = _officer(request, principal)
    if isinstance(gate, Response):
        return gate
    officer = gate
    posted = await request.form()
    if not csrf_valid(request, posted.get("csrf")):
        return await _task_page(request, officer, task_id, status_code=403, notice="form_expired")
    try:
        task = await service.detail(request, officer, task_id)
    except NotFound:
        return _not_found(request, officer)
    seen_text = posted.get("seen")
    if not isinstance(seen_text, str) or not seen_text.isdigit():
        return await _task_page(request, officer, task_id, status_code=400, notice="form_expired")
    seen = int(seen_text)
    done = RedirectResponse(f"/officer/tasks/{task_id}", status_code=303)
    if len(task.history) != seen:
        if _own_repeat(task, seen, officer, action):
            return done
        return await _task_page(request, officer, task_id, status_code=409, notice="stale")
    prepared = prepare(posted, task, officer)
    if isinstance(prepared, tuple):
        errors, values = prepared
        return await _task_page(request, officer, task_id, status_code=422, errors=errors, values=values)
    try:
        await prepared()
    except NotFound:
        return _not_found(request, officer)
    except Problem as refused:
        # Two clicks that both passed the check above: the second is refused, and the first did it.
        if _own_repeat(await service.detail(request, officer, task_id), seen, officer, action):
            return done
        field = {"outcome": "outcome", "reasons": "reasons", "question": "question", "to": "to"}.get(
            refused.field or "")
        slug = refused.slug if refused.slug in ACTION_ERRORS else "refused"
        if field:
            return await _task_page(request, officer, task_id, status_code=refused.status, errors={field: slug},
                                    values=_typed(posted))
        return await _task_page(request, officer, task_id, status_code=refused.status, notice=slug)
    return done


def _typed(posted: FormData) -> dict[str, Any]:
    """What the officer typed and chose, to show again on the page that says what was wrong."""
    return {"outcome": str(posted.get("outcome") or ""), "reasons": [str(c) for c in posted.getlist("reasons")],
            "comment": str(posted.get("comment") or ""), "question": str(posted.get("question") or ""),
            "to": str(posted.get("to") or "")}


@router.post("/tasks/{task_id}/claim")
async def claim(task_id: str, request: Request, principal: OptionalPrincipal) -> Response:
    def prepare(posted: FormData, task: TaskDetail, officer: Principal) -> Send:
        return lambda: service.act(request, officer, task_id, "claim_task", ClaimTaskInput)
    return await _act(request, principal, task_id, "task.claimed", prepare)


@router.post("/tasks/{task_id}/release")
async def release(task_id: str, request: Request, principal: OptionalPrincipal) -> Response:
    def prepare(posted: FormData, task: TaskDetail, officer: Principal) -> Send:
        return lambda: service.act(request, officer, task_id, "release_task", ReleaseTaskInput)
    return await _act(request, principal, task_id, "task.released", prepare)


def _too_long_or_missing(error: ValidationError, field: str) -> str | None:
    for problem in error.errors():
        if problem["loc"] and problem["loc"][0] == field:
            return f"{field}_too_long" if problem["type"] == "string_too_long" else f"{field}_missing"
    return None


@router.post("/tasks/{task_id}/request-info")
async def request_info(task_id: str, request: Request, principal: OptionalPrincipal) -> Response:
    def prepare(posted: FormData, task: TaskDetail, officer: Principal) -> Send | tuple[dict, dict]:
        question = str(posted.get("question") or "").strip()
        try:  # the API's own limits
            body = RequestInfoBody(question=question)
        except ValidationError as error:
            return {"question": _too_long_or_missing(error, "question") or "question_missing"}, {"question": question}
        return lambda: service.act(request, officer, task_id, "request_info", RequestInfoInput,
                                   question=body.question)
    return await _act(request, principal, task_id, "task.info_requested", prepare)


@router.post("/tasks/{task_id}/decide")
async def decide(task_id: str, request: Request, principal: OptionalPrincipal) -> Response:
    def prepare(posted: FormData, task: TaskDetail, officer: Principal) -> Send | tuple[dict, dict]:
        outcome = str(posted.get("outcome") or "")
        codes = [str(c) for c in posted.getlist("reasons") if c]
        comment = str(posted.get("comment") or "").strip() or None
        values = {"outcome": outcome, "reasons": codes, "comment": comment or ""}
        errors: dict[str, str] = {}
        if not outcome:
            errors["outcome"] = "outcome_missing"
        if not codes:  # the page asks for a reason the citizen can read; the API leaves it to the caller
            errors["reasons"] = "reason_missing"
        try:
            body = CompleteBody(outcome=outcome or "-", reasons=codes, comment=comment)
        except ValidationError as error:
            errors["comment"] = _too_long_or_missing(error, "comment") or "comment_too_long"
        if errors:
            return errors, values
        reasons = [OfficerReason(code=str(code)) for code in body.reasons]
        return lambda: service.act(request, officer, task_id, "complete_task", CompleteTaskInput,
                                   outcome=body.outcome, reasons=reasons, comment=body.comment)
    return await _act(request, principal, task_id, "task.completed", prepare)


def _posted_result(posted: FormData, form: TaskResultSpec) -> tuple[dict[str, Any], dict[str, Any]]:
    """The result the rows make (a row left empty is no item), and what was typed, to show again."""
    rows = [{name: str(posted.get(f"item-{i}-{name}") or "").strip() for name in ("action", "due_on", "detail")}
            for i in range(form.rows)]
    items = [{k: v for k, v in row.items() if v} for row in rows if any(row.values())]
    note = str(posted.get("note") or "").strip()
    return {"items": items, **({"note": note} if note else {})}, {"items": rows, "note": note}


def _result_errors(refused: ValidationFailed, form: TaskResultSpec, typed: dict[str, Any]) -> dict[str, str | Text]:
    """Each error next to its input: result.items[1].due_on is the due date of the second filled row."""
    filled = [i for i, row in enumerate(typed["items"]) if any(row.values())]
    errors: dict[str, str | Text] = {}
    for error in refused.errors or [{"field": refused.field or "result", "code": ""}]:
        where, code = error.get("field", ""), error.get("code", "")
        message = form.error_texts.get(code) or FIELD_ERRORS[FIELD_ERROR_OF_CODE.get(code, "invalid")]
        parts = where.removeprefix("result").lstrip(".").replace("]", "").replace("[", ".").split(".")
        if parts[0] == "items" and len(parts) > 2 and parts[1].isdigit() and int(parts[1]) < len(filled):
            errors.setdefault(f"items-{filled[int(parts[1])]}-{parts[2]}", message)
        elif parts[0] == "note":
            errors.setdefault("note", message)
        else:
            errors.setdefault("items", message)
    return errors


@router.post("/tasks/{task_id}/result")
async def set_result(task_id: str, request: Request, principal: OptionalPrincipal) -> Response:
    """A kind completed with a structured result (an employment plan): its rows, checked as the API checks."""
    def prepare(posted: FormData, task: TaskDetail, officer: Principal) -> Send | tuple[dict, dict]:
        form = service.result_spec(task.service_code, task.kind)
        if form is None:
            return {"items": "outcome-not-allowed"}, {}
        result, typed = _posted_result(posted, form)
        try:
            checked = service.checked_result(task.service_code, task.kind, result)
        except ValidationFailed as refused:
            return _result_errors(refused, form, typed), typed
        return lambda: service.act(request, officer, task_id, "complete_task", CompleteTaskInput,
                                   outcome=form.outcome, result=checked)
    return await _act(request, principal, task_id, "task.completed", prepare)


@router.post("/tasks/{task_id}/reassign")
async def reassign(task_id: str, request: Request, principal: OptionalPrincipal) -> Response:
    def prepare(posted: FormData, task: TaskDetail, officer: Principal) -> Send | tuple[dict, dict]:
        to = str(posted.get("to") or "")
        if not to:
            return {"to": "assignee_missing"}, {}

        async def send() -> Any:
            await assignees.check_assignee(request, officer, task_id, to)
            return await service.act(request, officer, task_id, "reassign_task", ReassignTaskInput, to=to)
        return send
    return await _act(request, principal, task_id, "task.reassigned", prepare)


# --- the supervisor's audit trail -----------------------------------------------------------

@router.get("/audit")
async def audit_trail(request: Request, principal: OptionalPrincipal, object_type: str = "", object_id: str = "",
                      action: str = "", before: str = "") -> Response:
    gate = _officer(request, principal)
    if isinstance(gate, Response):
        return gate
    supervisor = gate
    if not is_supervisor(supervisor) or not supervisor.agency:
        return _refusal(request, supervisor, "supervisors_only")
    chosen = {"object_type": object_type[:FILTER_MAX].strip(), "object_id": object_id[:FILTER_MAX].strip(),
              "action": action[:FILTER_MAX].strip()}
    # The API's own reading: the supervisor's region only, and citizens by pseudonym.
    query = AuditFilter(agency=supervisor.agency, region=supervisor.region,
                        before=int(before) if before.isdigit() else None,
                        limit=PAGE_SIZE, **{k: v or None for k, v in chosen.items()})
    pseudonyms = request.app.state.pseudonyms
    page = await in_transaction(request, lambda session: audit_page(session, query, pseudonyms), read_only=True)
    return _page(request, "officer_audit.html", supervisor, page=page, chosen=chosen,
                 query={k: v for k, v in chosen.items() if v}, first_page=query.before is None)


__all__ = ["router", "working_days_left"]
