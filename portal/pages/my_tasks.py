"""/me/tasks: what someone else's application asks of this citizen (a family member's consent), and the answer.

The list and the answer are the API's own (portal.api.my_tasks): only the addressee sees a task,
the workflow checks the answer. A plain form per open task; a second click finds it answered.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError

from portal.api.my_tasks import CitizenTaskAnswer, answer_my_task, my_tasks
from portal.auth import OptionalPrincipal, Principal
from portal.auth.csrf import csrf_valid
from portal.pages.officer_texts import ACTION_ERRORS, OUTCOMES, TASK_STATUSES
from portal.pages.rendering import page_language, render
from portal.pages.routes import _login_redirect
from portal.pages.texts import text
from portal.problems import Conflict, NotFound, Problem

router = APIRouter(include_in_schema=False)


async def _page(request: Request, citizen: Principal, *, status_code: int = 200, task_id: str = "",
                errors: dict[str, str] | None = None, notice: str | None = None,
                values: dict[str, str] | None = None) -> Response:
    language = page_language(request)
    tasks = (await my_tasks(request, citizen, include_closed=True)).items
    return render(request, "my_tasks.html", principal=citizen, status_code=status_code,
                  open_tasks=[t for t in tasks if t.status in ("open", "claimed")],
                  closed_tasks=[t for t in tasks if t.status not in ("open", "claimed")],
                  outcome_text=lambda s: text(OUTCOMES, s, language), failed_task=task_id,
                  task_status=lambda s: text(TASK_STATUSES, s, language),
                  errors={k: text(ACTION_ERRORS, v, language) for k, v in (errors or {}).items()},
                  notice=text(ACTION_ERRORS, notice, language) if notice else None, values=values or {})


def _citizen(request: Request, principal: Principal | None) -> Principal | Response:
    if principal is None:
        return _login_redirect(request)
    if principal.kind != "citizen" or principal.iin is None:
        return render(request, "officer_message.html", principal=principal, status_code=403,
                      heading_key="forbidden", message_key="citizens_data_only")
    return principal


@router.get("/me/tasks")
async def tasks_page(request: Request, principal: OptionalPrincipal) -> Response:
    gate = _citizen(request, principal)
    if isinstance(gate, Response):
        return gate
    return await _page(request, gate)


@router.post("/me/tasks/{task_id}/answer")
async def answer(task_id: str, request: Request, principal: OptionalPrincipal) -> Response:
    gate = _citizen(request, principal)
    if isinstance(gate, Response):
        return gate
    citizen = gate
    posted = await request.form()
    values = {"outcome": str(posted.get("outcome") or ""), "comment": str(posted.get("comment") or "").strip()}

    async def again(**why: Any) -> Response:
        return await _page(request, citizen, task_id=task_id, values=values, **why)

    if not csrf_valid(request, posted.get("csrf")):
        return await again(notice="form_expired", status_code=403)
    if not values["outcome"]:
        return await again(errors={"outcome": "choice_missing"}, status_code=422)
    try:
        body = CitizenTaskAnswer(outcome=values["outcome"], comment=values["comment"] or None)
    except ValidationError:
        return await again(errors={"comment": "reason_too_long"}, status_code=422)
    try:
        await answer_my_task(task_id, body, request, citizen)
    except NotFound:
        return await again(notice="no_such_task", status_code=404)
    except Conflict:  # answered already: by this very form a moment ago (a second click), or from elsewhere
        return RedirectResponse("/me/tasks", status_code=303)
    except Problem as refused:
        field = "outcome" if refused.field == "outcome" else None
        slug = refused.slug if refused.slug in ACTION_ERRORS else "refused"
        if field:
            return await again(errors={field: slug}, status_code=refused.status)
        return await again(notice=slug, status_code=refused.status)
    return RedirectResponse("/me/tasks", status_code=303)


__all__ = ["router"]
