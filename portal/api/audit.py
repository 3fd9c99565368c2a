"""GET /audit: a supervisor reads the audit trail of their own agency, newest first.

Pages go by sequence number (a keyset, stable while new rows are appended): the next page
is `?before=<next_before>` of the previous one.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel
from sqlmodel import Session

from portal.auth import Principal, require_roles
from portal.database import reading
from portal.problems import Forbidden
from store import audit

router = APIRouter(prefix="/audit", tags=["audit"])

Supervisor = Annotated[Principal, Depends(require_roles("supervisor"))]


class AuditEventPublic(BaseModel):
    seq: int
    at: datetime
    actor: str
    actor_role: str
    agency: str | None
    action: str
    object_type: str
    object_id: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    prev_hash: str
    hash: str


class AuditPage(BaseModel):
    items: list[AuditEventPublic]
    next_before: int | None  # pass as ?before= for the next (older) page; null on the last page


class AuditFilter(BaseModel):
    agency: str
    object_type: str | None = None
    object_id: str | None = None
    action: str | None = None
    before: int | None = None
    limit: int = 50


def audit_page(session: Session, query: AuditFilter) -> AuditPage:
    # One row more than asked tells whether an older page exists.
    rows = audit.trail(session, agency=query.agency, limit=query.limit + 1, before_seq=query.before,
                       object_type=query.object_type, object_id=query.object_id, action=query.action)
    items = [AuditEventPublic.model_validate(r, from_attributes=True) for r in rows[:query.limit]]
    return AuditPage(items=items, next_before=items[-1].seq if len(rows) > query.limit else None)


@router.get("", response_model=AuditPage, summary="The audit trail of the supervisor's agency, newest first")
async def read_audit_trail(
    request: Request,
    principal: Supervisor,
    object_type: Annotated[str | None, Query(max_length=32)] = None,
    object_id: Annotated[str | None, Query(max_length=64)] = None,
    action: Annotated[str | None, Query(max_length=64)] = None,
    before: Annotated[int | None, Query(ge=1, description="only rows older than this seq")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> AuditPage:
    if not principal.agency:
        raise Forbidden("your account is bound to no agency, so it has no audit trail to read")
    query = AuditFilter(agency=principal.agency, object_type=object_type, object_id=object_id, action=action,
                        before=before, limit=limit)
    return await reading(request, lambda session: audit_page(session, query))
