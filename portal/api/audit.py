"""GET /audit: a supervisor reads the audit trail of their own agency and region, newest first.

Pages go by sequence number (a keyset, stable while new rows are appended): the next page
is `?before=<next_before>` of the previous one. A supervisor bound to a region sees no row about
another region's queue (store/audit.py says which rows those are). A citizen is never shown by
IIN but by a pseudonym (portal/audit_pseudonyms.py), which an auditor of the agency resolves with
GET /audit/actors/{pseudonym}; each resolution is itself written to the trail.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel
from sqlmodel import Session

from portal.audit_pseudonyms import Pseudonyms
from portal.auth import Principal, require_roles
from portal.database import in_transaction
from portal.problems import Forbidden, NotFound
from store import audit
from store.workbench import AuditEvent

router = APIRouter(prefix="/audit", tags=["audit"])

Supervisor = Annotated[Principal, Depends(require_roles("supervisor"))]
Auditor = Annotated[Principal, Depends(require_roles("auditor"))]
CITIZEN_ROLE = "citizen"


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


class ResolvedActor(BaseModel):
    pseudonym: str
    iin: str


class AuditFilter(BaseModel):
    agency: str
    region: str | None = None
    object_type: str | None = None
    object_id: str | None = None
    action: str | None = None
    before: int | None = None
    limit: int = 50


def _public(row: AuditEvent, pseudonyms: Pseudonyms) -> AuditEventPublic:
    event = AuditEventPublic.model_validate(row, from_attributes=True)
    actor = pseudonyms.of(row.actor) if row.actor_role == CITIZEN_ROLE else row.actor
    return event.model_copy(update={"actor": actor, "before": pseudonyms.masked(row.before),
                                    "after": pseudonyms.masked(row.after)})


def audit_page(session: Session, query: AuditFilter, pseudonyms: Pseudonyms) -> AuditPage:
    # One row more than asked tells whether an older page exists.
    rows = audit.trail(session, agency=query.agency, limit=query.limit + 1, before_seq=query.before,
                       object_type=query.object_type, object_id=query.object_id, action=query.action,
                       region=query.region)
    items = [_public(r, pseudonyms) for r in rows[:query.limit]]
    return AuditPage(items=items, next_before=items[-1].seq if len(rows) > query.limit else None)


@router.get("", response_model=AuditPage,
            summary="The audit trail of the supervisor's agency and region, newest first; citizens by pseudonym")
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
    query = AuditFilter(agency=principal.agency, region=principal.region, object_type=object_type,
                        object_id=object_id, action=action, before=before, limit=limit)
    pseudonyms: Pseudonyms = request.app.state.pseudonyms
    return await in_transaction(request, lambda session: audit_page(session, query, pseudonyms), read_only=True)


@router.get("/actors/{pseudonym}", response_model=ResolvedActor,
            summary="The IIN behind a pseudonym of the agency's audit trail (auditors only; the read is audited)",
            responses={403: {"description": "not an auditor, or bound to no agency"},
                       404: {"description": "no citizen of this agency's trail has this pseudonym"}})
async def resolve_actor(pseudonym: str, request: Request, principal: Auditor) -> ResolvedActor:
    if not principal.agency:
        raise Forbidden("your account is bound to no agency, so it has no audit trail to read")
    agency = principal.agency
    iin = request.app.state.pseudonyms.resolve(pseudonym)

    def resolve(session: Session) -> bool:
        if iin is None or not audit.names_citizen(session, agency, iin):
            return False
        audit.append(session, actor=principal.subject, actor_role="auditor", agency=agency,
                     action="audit.actor_resolved", object_type="audit_actor", object_id=pseudonym[:64])
        return True

    if not await in_transaction(request, resolve):
        raise NotFound("no citizen of your agency's audit trail has this pseudonym", field="pseudonym")
    assert iin is not None
    return ResolvedActor(pseudonym=pseudonym, iin=iin)
