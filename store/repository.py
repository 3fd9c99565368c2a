"""Every query of the read model. Functions take a Session (or a Connection) and never commit:
the caller's `session_scope` owns the transaction. Each write exists once, as Core statements.

Exceptions (none carries an IIN: they end up in logs)::

    StoreError
    ├── IdempotencyConflict      the Idempotency-Key was used before with another request
    └── NotFound                 no such application / service request
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from functools import cache
from typing import Any, NamedTuple, cast

from sqlalchemy import ColumnElement, Connection, CursorResult, Table, func, inspect, literal, or_
from sqlalchemy import select as core_select
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from store.models import (
    APPLICATION_STATUSES,
    LANGUAGES,
    SERVICE_FINAL_STATUSES,
    SERVICE_STATUSES,
    Application,
    Document,
    IdempotencyRecord,
    ServiceRequest,
    StandingStatus,
    TimelineEvent,
    new_id,
)
from store.types import utcnow

log = logging.getLogger(__name__)

ServiceInput = tuple[str, dict[str, Any], date | None]  # (service_code, answers, legal deadline)

_APPLICATIONS: Table = Application.__table__  # type: ignore[attr-defined]
_SERVICE_REQUESTS: Table = ServiceRequest.__table__  # type: ignore[attr-defined]
_IDEMPOTENCY_RECORDS: Table = IdempotencyRecord.__table__  # type: ignore[attr-defined]
_APPLICATION_STATE = select(_APPLICATIONS.c.status, _APPLICATIONS.c.workflow_started)
# Core's select: sqlmodel's is typed for at most four columns.
_SERVICE_STATE = core_select(_SERVICE_REQUESTS.c.id, _SERVICE_REQUESTS.c.status, _SERVICE_REQUESTS.c.decision,
                             _SERVICE_REQUESTS.c.started_at, _SERVICE_REQUESTS.c.completed_at)


class StoreError(Exception):
    pass


class IdempotencyConflict(StoreError):
    """The same Idempotency-Key came back with a different request body (HTTP 409)."""

    def __init__(self, application_id: str) -> None:
        super().__init__(f"idempotency key already used for application {application_id} with another request")
        self.application_id = application_id


class NotFound(StoreError):
    pass


# --- applications -------------------------------------------------------------------------

def _idempotency_record(session: Session, owner: str, key: str) -> IdempotencyRecord | None:
    return session.exec(
        select(IdempotencyRecord).where(IdempotencyRecord.owner == owner, IdempotencyRecord.key == key)
    ).first()


def _replay(session: Session, application_id: str, first_hash: str, request_hash: str) -> tuple[Application, bool]:
    if first_hash != request_hash:
        raise IdempotencyConflict(application_id)
    application = session.get(Application, application_id)
    if application is None:  # the foreign key makes this impossible; say so loudly if it happens
        raise NotFound(f"application {application_id} of an idempotency record is missing")
    return application, False


def create_application(
    session: Session,
    *,
    owner: str,
    idempotency_key: str,
    request_hash: str,
    applicant_iin: str,
    submitted_via: str,
    language: str,
    services: Sequence[ServiceInput],
    legal_basis: str | None = None,
    contact: dict[str, str] | None = None,
) -> tuple[Application, bool]:
    """Store a new application with its service requests, once per (owner, idempotency_key).

    Returns (application, created). A repeat with the same request hash returns the first
    application and False; with another hash it raises IdempotencyConflict. The unique
    (owner, key) settles concurrent identical requests: PostgreSQL makes the second wait for
    the first to commit, and it then returns the first one's application.

    The one place where the databases are written differently: PostgreSQL stores all of it in
    one round trip (`_submit_in_one_statement`); SQLite, a local call away, in plain statements.
    """
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    if not services:
        raise ValueError("an application needs at least one service")
    codes = [code for code, _, _ in services]
    if len(set(codes)) != len(codes):
        raise ValueError("a service appears twice in one application")

    now = utcnow()
    application = Application(
        applicant_iin=applicant_iin, submitted_by=owner, submitted_via=submitted_via, language=language,
        status="submitted", workflow_started=False, legal_basis=legal_basis, contact=contact, created_at=now,
        updated_at=now)
    requests = [
        {"id": new_id(), "application_id": application.id, "service_code": code, "status": "pending",
         "answers": answers, "decision": None, "deadline": deadline, "started_at": None, "completed_at": None}
        for code, answers, deadline in services]
    record = {"id": new_id(), "owner": owner, "key": idempotency_key, "request_hash": request_hash,
              "application_id": application.id, "created_at": now}
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        stored = _submit_in_one_statement(connection, application, requests, record)
    else:
        stored = _submit_in_plain_statements(session, application, requests, record)
    if stored.created:
        return application, True
    log.debug("the idempotency key was used before (or by a concurrent request that won); replaying")
    return _replay(session, stored.application_id, stored.request_hash, request_hash)


class _Submitted(NamedTuple):
    application_id: str  # the key's application: this one when created, the first one's otherwise
    request_hash: str
    created: bool


def _submit_in_one_statement(connection: Connection, application: Application, requests: list[dict[str, Any]],
                             record: dict[str, Any]) -> _Submitted:
    """The key record, the application and its services in one statement (data-modifying CTEs).

    The key goes first: ON CONFLICT DO UPDATE (a no-op update) returns the row that was there,
    even one a concurrent request committed while this one waited for it, so a replay learns
    the first application in the same round trip. The application and its services are
    inserted only from the key's row when it is this request's own. The foreign keys of the
    key and the services are checked at the end of the statement, when all rows are in.
    """
    records = _IDEMPOTENCY_RECORDS
    key = (postgresql.insert(records).values(**record)
           .on_conflict_do_update(index_elements=["owner", "key"], set_={"request_hash": records.c.request_hash})
           .returning(records.c.id, records.c.application_id, records.c.request_hash)
           .cte("key"))
    ours = key.c.id == literal(record["id"], records.c.id.type)
    stored = (_APPLICATIONS.insert()
              .from_select(list(_APPLICATIONS.columns.keys()), select(*_literals(_APPLICATIONS, {
                  column: getattr(application, column) for column in _APPLICATIONS.columns.keys()})).where(ours))
              .returning(_APPLICATIONS.c.id)
              .cte("application"))
    services = [
        _SERVICE_REQUESTS.insert()
        .from_select(list(_SERVICE_REQUESTS.columns.keys()),
                     select(*_literals(_SERVICE_REQUESTS, {**values, "application_id": stored.c.id})))
        .returning(_SERVICE_REQUESTS.c.id)
        .cte(f"service_{n}")
        for n, values in enumerate(requests)]
    row = connection.execute(
        select(key.c.application_id, key.c.request_hash, ours.label("created")).add_cte(stored, *services)).one()
    return _Submitted(row.application_id, row.request_hash, bool(row.created))


def _literals(table: Table, values: dict[str, Any]) -> list[Any]:
    # Typed binds, so JSON and dates are sent as the columns' types convert them.
    return [value if isinstance(value, ColumnElement) else literal(value, table.c[column].type)
            for column, value in values.items()]


def _submit_in_plain_statements(session: Session, application: Application, requests: list[dict[str, Any]],
                                record: dict[str, Any]) -> _Submitted:
    """Three inserts; a key that was there undoes the first two. Under SQLite's BEGIN IMMEDIATE
    no other writer comes between them."""
    connection = session.connection()
    connection.execute(_APPLICATIONS.insert(), {
        column: getattr(application, column) for column in _APPLICATIONS.columns.keys()})
    connection.execute(_SERVICE_REQUESTS.insert(), requests)
    if _insert_ignoring_duplicates(connection, IdempotencyRecord, record, ("owner", "key")):
        return _Submitted(application.id, record["request_hash"], True)
    for table, column in ((_SERVICE_REQUESTS, "application_id"), (_APPLICATIONS, "id")):
        connection.execute(table.delete().where(table.c[column] == application.id))
    first = _idempotency_record(session, record["owner"], record["key"])
    if first is None:  # the conflicting record is committed and keys are never deleted
        raise NotFound("the idempotency record that refused this key is missing")
    return _Submitted(first.application_id, first.request_hash, False)


def mark_workflow_started(session: Session, application_id: str) -> None:
    application = _application(session, application_id)
    application.workflow_started = True
    application.updated_at = utcnow()
    session.add(application)
    session.flush()


def applications_not_started(session: Session, older_than: datetime, limit: int = 100) -> list[str]:
    """Ids of applications stored before `older_than` whose workflow start was never recorded
    (the process died between commit and start): a sweeper starts them, oldest first."""
    return list(session.exec(
        select(Application.id)
        .where(col(Application.workflow_started).is_(False), col(Application.created_at) < older_than)
        .order_by(col(Application.created_at))
        .limit(limit)
    ).all())


def list_applications(session: Session, applicant_iin: str, limit: int = 20,
                      offset: int = 0) -> tuple[list[Application], int]:
    """One page of an applicant's applications, newest first, and how many there are in all."""
    total = session.exec(
        select(func.count()).select_from(Application).where(Application.applicant_iin == applicant_iin)
    ).one()
    rows = session.exec(
        select(Application)
        .where(Application.applicant_iin == applicant_iin)
        .order_by(col(Application.created_at).desc(), col(Application.id).desc())
        .limit(limit).offset(offset)
    ).all()
    return list(rows), int(total)


def get_application(session: Session, application_id: str) -> Application | None:
    return session.get(Application, application_id)


def _application(session: Session, application_id: str) -> Application:
    application = session.get(Application, application_id)
    if application is None:
        raise NotFound(f"application {application_id} not found")
    return application


def move_application(db: Session | Connection, application_id: str, status: str) -> str:
    """Set the application's status; returns the one it had.

    In an ORM session, its pending changes go first and what it had loaded of the application
    is read again afterwards."""
    if status not in APPLICATION_STATUSES:
        raise ValueError(f"unknown application status {status!r}")
    with _core(db, application_id) as connection:
        row = connection.execute(_for_update(connection, _APPLICATION_STATE).where(
            _APPLICATIONS.c.id == application_id)).first()
        if row is None:
            raise NotFound(f"application {application_id} not found")
        # Only the application's workflow sets its status: that it does proves the start happened,
        # so the submit path need not write a second time.
        if row.status != status or not row.workflow_started:
            connection.execute(_APPLICATIONS.update().where(_APPLICATIONS.c.id == application_id).values(
                status=status, workflow_started=True, updated_at=utcnow()))
        return str(row.status)


@contextmanager
def _core(db: Session | Connection, application_id: str) -> Iterator[Connection]:
    """The connection for Core statements that change an application or its services.

    A Session flushes first, and afterwards forgets what it loaded of that application and its
    services (and only that), so its next read sees the change."""
    if isinstance(db, Connection):
        yield db
        return
    db.flush()
    yield db.connection()
    for loaded in list(db.identity_map.values()):
        state = inspect(loaded).dict
        if (isinstance(loaded, Application) and state.get("id") == application_id) or (
                isinstance(loaded, ServiceRequest) and state.get("application_id") == application_id):
            db.expire(loaded)


def _for_update(connection: Connection, query: Any) -> Any:
    # PostgreSQL: "before" is the state this transaction changes, not a stale read. SQLite's
    # BEGIN IMMEDIATE has locked the whole database already.
    return query.with_for_update() if connection.dialect.name == "postgresql" else query


# --- service requests ---------------------------------------------------------------------

def service_requests(session: Session, application_id: str) -> list[ServiceRequest]:
    return list(session.exec(
        select(ServiceRequest).where(ServiceRequest.application_id == application_id)
        .order_by(col(ServiceRequest.service_code))
    ).all())


def get_service_request(session: Session, application_id: str, service_code: str) -> ServiceRequest | None:
    return session.exec(
        select(ServiceRequest).where(ServiceRequest.application_id == application_id,
                                     ServiceRequest.service_code == service_code)
    ).first()


class ServiceState(NamedTuple):
    status: str
    decision: dict[str, Any] | None
    started_at: datetime | None = None
    completed_at: datetime | None = None


def move_service(db: Session | Connection, application_id: str, service_code: str, status: str,
                 decision: dict[str, Any] | None = None) -> tuple[ServiceState, ServiceState]:
    """Move one service to `status`, and touch its application; returns (before, after).

    Records when it started (first move out of pending) and when it finished (a final
    status; a reopened service, e.g. on appeal, is unfinished again). A decision, once given,
    is kept when a later status change comes without one. In an ORM session as in
    `move_application`.
    """
    if status not in SERVICE_STATUSES:
        raise ValueError(f"unknown service status {status!r}")
    requests = _SERVICE_REQUESTS
    with _core(db, application_id) as connection:
        row = connection.execute(_for_update(connection, _SERVICE_STATE).where(
            requests.c.application_id == application_id, requests.c.service_code == service_code)).first()
        if row is None:
            raise NotFound(f"service {service_code} of application {application_id} not found")
        now = utcnow()
        values: dict[str, Any] = {"status": status}
        if decision is not None:
            values["decision"] = decision
        if status != "pending" and row.started_at is None:
            values["started_at"] = now
        values["completed_at"] = (row.completed_at or now) if status in SERVICE_FINAL_STATUSES else None
        connection.execute(requests.update().where(requests.c.id == row.id).values(**values))
        connection.execute(_APPLICATIONS.update().where(_APPLICATIONS.c.id == application_id).values(updated_at=now))
    before = ServiceState(row.status, row.decision, row.started_at, row.completed_at)
    after = ServiceState(status, values.get("decision", row.decision), values.get("started_at", row.started_at),
                         values["completed_at"])
    return before, after


def service_codes(db: Session | Connection, application_id: str) -> list[str]:
    return list(db.execute(select(_SERVICE_REQUESTS.c.service_code).where(
        _SERVICE_REQUESTS.c.application_id == application_id)).scalars())


# --- timeline -----------------------------------------------------------------------------

_UPSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


def upsert_insert(dialect: str, table: Table) -> Any:
    """INSERT for `table` with ON CONFLICT available: both databases have it, under their own dialect."""
    insert = _UPSERTS.get(dialect)
    if insert is None:
        raise NotImplementedError(f"no upsert for {dialect}")
    return insert(table)


@cache
def _insert_ignoring_duplicates_statement(dialect: str, table: Table, conflict: tuple[str, ...]) -> Any:
    statement = upsert_insert(dialect, table).on_conflict_do_nothing(index_elements=list(conflict))
    if dialect == "sqlite":
        # The row count is exact there, and a statement with rows still to fetch would keep
        # SQLite's write lock until they are fetched.
        return statement
    # SQLAlchemy gives no dependable row count for this insert on PostgreSQL: RETURNING says it.
    return statement.returning(table.c[conflict[0]])


def _insert_ignoring_duplicates(db: Session | Connection, model: type[Any], values: dict[str, Any],
                                conflict: str | tuple[str, ...]) -> bool:
    """INSERT ... ON CONFLICT DO NOTHING (both SQLite and PostgreSQL have it): True when inserted.

    No exception, no savepoint: a concurrent duplicate just finds the row there. On the Core
    table (not the ORM entity, whose bulk path hides the outcome), built once per table: the
    workflows write a timeline event per step, and this is their hottest statement.
    """
    dialect = db.dialect.name if isinstance(db, Connection) else db.get_bind().dialect.name
    columns = (conflict,) if isinstance(conflict, str) else conflict  # the unique key it may collide on
    statement = _insert_ignoring_duplicates_statement(dialect, model.__table__, columns)
    # An INSERT gives a CursorResult, though Session.execute is typed to return a plain Result.
    result = cast(CursorResult[Any], db.execute(statement, values))
    return result.first() is not None if result.returns_rows else result.rowcount == 1


def record_event(db: Session | Connection, *, application_id: str, event_key: str, kind: str,
                 title: dict[str, str], service_code: str | None = None, step: str | None = None,
                 detail: dict[str, Any] | None = None, at: datetime | None = None) -> bool:
    """Add a timeline event once per event_key; True when it was new, False for a repeat.

    Takes a Connection too: a lone event needs no ORM session around its one statement.
    """
    return _insert_ignoring_duplicates(db, TimelineEvent, {
        "id": new_id(),
        "application_id": application_id, "service_code": service_code, "event_key": event_key,
        "kind": kind, "step": step, "title": title, "detail": detail or {}, "at": at or utcnow(),
    }, "event_key")


def decisions_of(db: Session | Connection, service_code: str,
                 batch: int = 1000) -> Iterator[tuple[str, dict[str, Any]]]:
    """(application id, decision) of every decided request of a service, in batches: a what-if reads them all."""
    requests = _SERVICE_REQUESTS
    after = ""
    while True:
        rows = db.execute(select(requests.c.application_id, requests.c.decision)
                          .where(requests.c.service_code == service_code, requests.c.decision.is_not(None),
                                 requests.c.application_id > after)
                          .order_by(requests.c.application_id).limit(batch)).all()
        if not rows:
            return
        for row in rows:
            yield row.application_id, row.decision
        after = rows[-1].application_id


def decided_services_of(db: Session | Connection, applicant_iins: Sequence[str]) -> list[tuple[str, str]]:
    """(application id, service code) of the long-running services decided and still running for
    these applicants: what a change in the registries may concern."""
    if not applicant_iins:
        return []
    requests, applications = _SERVICE_REQUESTS, _APPLICATIONS
    rows = db.execute(select(requests.c.application_id, requests.c.service_code)
                      .join(applications, applications.c.id == requests.c.application_id)
                      .where(applications.c.applicant_iin.in_(list(applicant_iins)), requests.c.status == "decided")
                      .order_by(requests.c.application_id, requests.c.service_code))
    return [(row.application_id, row.service_code) for row in rows]


# --- standing statuses ----------------------------------------------------------------------

def grant_standing_status(db: Session | Connection, *, iin: str, status: str, service_code: str,
                          application_id: str, valid_from: date, valid_until: date | None = None) -> bool:
    """Record that a service granted a person a status; once per (application, service, status)."""
    return _insert_ignoring_duplicates(db, StandingStatus, {
        "id": new_id(), "iin": iin, "status": status, "service_code": service_code,
        "application_id": application_id, "valid_from": valid_from, "valid_until": valid_until,
    }, ("application_id", "service_code", "status"))


def standing_status(db: Session | Connection, iin: str, status: str, on: date) -> StandingStatus | None:
    """The person's grant of this status in force on that day (the latest granted), or None."""
    table: Table = StandingStatus.__table__  # type: ignore[attr-defined]
    row = db.execute(table.select().where(
        table.c.iin == iin, table.c.status == status, table.c.valid_from <= on,
        or_(table.c.valid_until.is_(None), table.c.valid_until >= on),
        or_(table.c.revoked_on.is_(None), table.c.revoked_on > on),
    ).order_by(table.c.valid_from.desc()).limit(1)).first()
    return StandingStatus.model_validate(row._mapping) if row is not None else None


def timeline(session: Session, application_id: str) -> list[TimelineEvent]:
    return list(session.exec(
        select(TimelineEvent).where(TimelineEvent.application_id == application_id)
        .order_by(col(TimelineEvent.at), col(TimelineEvent.id))
    ).all())


# --- documents ----------------------------------------------------------------------------

def add_document(db: Session | Connection, document: Document) -> bool:
    """Store a signed document once per document_key: True when stored, False when one was there.

    One statement: on SQLite the write lock is held inside it only, never while a document is
    signed. The caller reads the stored one (`document_by_key`) after a False.
    """
    return _insert_ignoring_duplicates(db, Document, document.model_dump(), "document_key")


def document_by_key(session: Session, document_key: str) -> Document | None:
    return session.exec(select(Document).where(Document.document_key == document_key)).first()


def documents_of(session: Session, application_id: str) -> list[Document]:
    return list(session.exec(
        select(Document).where(Document.application_id == application_id)
        .order_by(col(Document.issued_at), col(Document.id))
    ).all())


def documents_of_owner(session: Session, owner_iin: str, limit: int = 50, offset: int = 0) -> list[Document]:
    """A person's documents, newest first (the "my documents" page)."""
    return list(session.exec(
        select(Document).where(Document.owner_iin == owner_iin)
        .order_by(col(Document.issued_at).desc(), col(Document.id).desc())
        .limit(limit).offset(offset)
    ).all())


def get_document(session: Session, document_id: str) -> Document | None:
    return session.get(Document, document_id)


__all__ = [
    "IdempotencyConflict", "NotFound", "ServiceInput", "StoreError",
    "add_document", "applications_not_started", "create_application", "document_by_key",
    "documents_of", "documents_of_owner", "get_application", "get_document", "get_service_request",
    "list_applications", "mark_workflow_started", "move_application", "move_service", "record_event",
    "service_codes", "upsert_insert", "service_requests", "ServiceState", "timeline",
]
