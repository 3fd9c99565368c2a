"""Submitting an application: stored once per Idempotency-Key, even under concurrent repeats."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, event, func
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from store import repository
from store.engine import session_scope
from store.models import Application, ApplicationPublic, ServiceRequest, ServiceRequestPublic

SERVICES = [("self-employed-registration", {"activity_code": "47.91", "regime": "self_employed"}, date(2026, 12, 4)),
            ("labour-exchange-registration", {"education": "higher"}, None)]


def _create(engine: Engine, owner: str, key: str, iin: str, request_hash: str = "hash-1",
            services: list[repository.ServiceInput] = SERVICES) -> tuple[str, bool]:
    with session_scope(engine) as session:
        application, created = repository.create_application(
            session, owner=owner, idempotency_key=key, request_hash=request_hash, applicant_iin=iin,
            submitted_via="portal", language="ru", services=services)
        return application.id, created


def test_an_application_is_stored_with_its_services(engine: Engine, iin: str) -> None:
    application_id, created = _create(engine, iin, str(uuid.uuid4()), iin)
    assert created
    with session_scope(engine) as session:
        application = repository.get_application(session, application_id)
        assert application is not None
        public = ApplicationPublic.model_validate(application)
        assert (public.status, public.language, public.applicant_iin) == ("submitted", "ru", iin)
        assert public.created_at.tzinfo is not None and public.created_at.utcoffset() == timedelta(0)
        assert application.workflow_started is False
        services = [ServiceRequestPublic.model_validate(s)
                    for s in repository.service_requests(session, application_id)]
    assert [(s.service_code, s.status, s.deadline) for s in services] == [
        ("labour-exchange-registration", "pending", None),
        ("self-employed-registration", "pending", date(2026, 12, 4))]
    assert services[1].answers == {"activity_code": "47.91", "regime": "self_employed"}


def test_same_key_and_body_returns_the_first_application(engine: Engine, iin: str) -> None:
    key = str(uuid.uuid4())
    first, created_first = _create(engine, iin, key, iin)
    again, created_again = _create(engine, iin, key, iin)
    assert (again, created_first, created_again) == (first, True, False)


def test_same_key_with_another_body_is_a_conflict(engine: Engine, iin: str) -> None:
    key = str(uuid.uuid4())
    first, _ = _create(engine, iin, key, iin, request_hash="hash-1")
    with pytest.raises(repository.IdempotencyConflict) as raised:
        _create(engine, iin, key, iin, request_hash="hash-2")
    assert raised.value.application_id == first
    assert iin not in str(raised.value)


def test_keys_belong_to_their_owner(engine: Engine, iin: str) -> None:
    key = str(uuid.uuid4())
    mine, _ = _create(engine, iin, key, iin)
    agency, created = _create(engine, "agency-client", key, iin)
    assert created and agency != mine


@contextmanager
def _statements(engine: Engine) -> Iterator[list[str]]:
    """The statements this thread sends to the database while the block runs."""
    sent: list[str] = []
    me = threading.get_ident()

    def count(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if threading.get_ident() == me:
            sent.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", count)


def _submit_counting(engine: Engine, iin: str, key: str, request_hash: str = "hash-1") -> tuple[str, bool, list[str]]:
    with session_scope(engine) as session:
        session.connection()  # the transaction is open: what is counted is the submit's alone
        with _statements(engine) as sent:
            application, created = repository.create_application(
                session, owner=iin, idempotency_key=key, request_hash=request_hash, applicant_iin=iin,
                submitted_via="portal", language="ru", services=SERVICES)
        return application.id, created, sent


def test_a_submit_is_one_round_trip_on_postgresql(engine: Engine, iin: str) -> None:
    """Application, services and key record in one statement; a replay adds the read of the first."""
    if engine.dialect.name != "postgresql":
        pytest.skip("the one-statement submit is PostgreSQL's (SQLite: the test below)")
    key = str(uuid.uuid4())
    application_id, created, sent = _submit_counting(engine, iin, key)
    assert created and len(sent) == 1, sent
    assert sent[0].lstrip().upper().startswith("WITH")
    again, created_again, sent_again = _submit_counting(engine, iin, key)
    assert (again, created_again, len(sent_again)) == (application_id, False, 2), sent_again
    with pytest.raises(repository.IdempotencyConflict):
        _submit_counting(engine, iin, key, request_hash="hash-2")
    with session_scope(engine) as session:
        assert len(repository.service_requests(session, application_id)) == len(SERVICES)
        assert repository.list_applications(session, iin, 10, 0)[1] == 1


def test_a_submit_is_three_plain_statements_on_sqlite(engine: Engine, iin: str) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite's submit (PostgreSQL: the test above)")
    application_id, created, sent = _submit_counting(engine, iin, str(uuid.uuid4()))
    assert created and [s.split()[0].upper() for s in sent] == ["INSERT"] * 3, sent
    with session_scope(engine) as session:
        assert len(repository.service_requests(session, application_id)) == len(SERVICES)


def test_ten_identical_requests_at_once_store_one_application(engine: Engine, iin: str) -> None:
    key = str(uuid.uuid4())
    barrier = threading.Barrier(10)

    def submit(_: int) -> tuple[str, bool]:
        barrier.wait()
        return _create(engine, iin, key, iin)

    with ThreadPoolExecutor(max_workers=10) as pool:
        results = list(pool.map(submit, range(10)))

    assert len({application_id for application_id, _ in results}) == 1
    assert sum(created for _, created in results) == 1
    with session_scope(engine) as session:
        count = session.exec(select(func.count()).select_from(Application)
                             .where(Application.applicant_iin == iin)).one()
        services = session.exec(select(func.count()).select_from(ServiceRequest)
                                .where(ServiceRequest.application_id == results[0][0])).one()
    assert (count, services) == (1, 2)


def test_a_failed_insert_inside_the_callers_transaction_rolls_back_whole(engine: Engine, iin: str) -> None:
    key = str(uuid.uuid4())
    with pytest.raises(RuntimeError):
        with session_scope(engine) as session:
            repository.create_application(
                session, owner=iin, idempotency_key=key, request_hash="h", applicant_iin=iin,
                submitted_via="portal", language="kk", services=SERVICES)
            raise RuntimeError("the request failed after storing")
    with session_scope(engine) as session:
        assert repository.list_applications(session, iin, 10, 0) == ([], 0)


def test_bad_input_is_refused_before_anything_is_stored(engine: Engine, iin: str) -> None:
    with pytest.raises(ValueError):
        _create(engine, iin, str(uuid.uuid4()), iin, services=[])
    with pytest.raises(ValueError):
        _create(engine, iin, str(uuid.uuid4()), iin, services=[SERVICES[0], SERVICES[0]])
    with session_scope(engine) as session:
        with pytest.raises(ValueError):
            repository.create_application(
                session, owner=iin, idempotency_key="k", request_hash="h", applicant_iin=iin,
                submitted_via="portal", language="de", services=SERVICES)


def test_the_database_refuses_an_unknown_status(engine: Engine, iin: str) -> None:
    application_id, _ = _create(engine, iin, str(uuid.uuid4()), iin)
    with pytest.raises(IntegrityError):
        with session_scope(engine) as session:
            application = repository.get_application(session, application_id)
            assert application is not None
            application.status = "lost"
            session.add(application)


def test_applications_are_listed_newest_first_with_the_total(engine: Engine, iin: str) -> None:
    ids = [_create(engine, iin, str(uuid.uuid4()), iin)[0] for _ in range(3)]
    with session_scope(engine) as session:
        first_page, total = repository.list_applications(session, iin, limit=2, offset=0)
        second_page, _ = repository.list_applications(session, iin, limit=2, offset=2)
    assert total == 3
    assert [a.id for a in first_page + second_page] == list(reversed(ids))


def test_applications_whose_workflow_never_started_are_found(engine: Engine, iin: str) -> None:
    started, _ = _create(engine, iin, str(uuid.uuid4()), iin)
    forgotten, _ = _create(engine, iin, str(uuid.uuid4()), iin)
    with session_scope(engine) as session:
        repository.mark_workflow_started(session, started)
    later = datetime.now(UTC) + timedelta(seconds=1)
    with session_scope(engine) as session:
        waiting = repository.applications_not_started(session, older_than=later, limit=10_000)
        too_early = repository.applications_not_started(session, older_than=later - timedelta(hours=1))
    assert forgotten in waiting and started not in waiting
    assert forgotten not in too_early


def test_service_and_application_statuses(engine: Engine, iin: str) -> None:
    application_id, _ = _create(engine, iin, str(uuid.uuid4()), iin)
    decision = {"outcome": "approved", "reasons": [{"kk": "...", "ru": "...", "en": "ok"}], "figures": {"total": 1}}
    with session_scope(engine) as session:
        _, running = repository.move_service(session, application_id, "self-employed-registration", "in_progress")
        assert running.started_at is not None and running.completed_at is None
        _, done = repository.move_service(session, application_id, "self-employed-registration",
                                          "completed", decision)
        assert done.completed_at is not None and done.decision == decision
        repository.move_application(session, application_id, "partially_completed")
    with session_scope(engine) as session:
        stored = repository.get_service_request(session, application_id, "self-employed-registration")
        application = repository.get_application(session, application_id)
        assert stored is not None and application is not None
        assert (stored.status, stored.decision, application.status) == ("completed", decision, "partially_completed")
        with pytest.raises(repository.NotFound):
            repository.move_service(session, application_id, "no-such-service", "completed")
        with pytest.raises(ValueError):
            repository.move_application(session, application_id, "lost")
