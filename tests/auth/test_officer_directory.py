"""The officer directory records who called, on the real database, and writes only when it learns something."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, event

from portal.auth.officer_directory import RECORD_AGAIN_AFTER, OfficerDirectory
from portal.auth.tokens import Principal
from store.engine import get_engine, read_scope
from store.officers import Officer, get_officer, officers_of_queue

START = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def engine(database_url: str) -> Engine:
    return get_engine(database_url)


@pytest.fixture
def writes(engine: Engine) -> Iterator[list[str]]:
    """Every INSERT or UPDATE of the officers table the engine sends."""
    seen: list[str] = []

    def count(_conn, _cursor, statement: str, *_args: object) -> None:
        if "officers" in statement and statement.lstrip().upper().startswith(("INSERT", "UPDATE")):
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    yield seen
    event.remove(engine, "before_cursor_execute", count)


def officer(login: str, *, roles: tuple[str, ...] = ("officer",), region: str = "astana",
            name: str = "Asel Bekova") -> Principal:
    return Principal(subject=login, kind="officer", roles=roles, scopes=frozenset(), agency="tax",
                     region=region, name=name)


def row(engine: Engine, login: str) -> Officer | None:
    with read_scope(engine) as session:
        return get_officer(session, login)


def fresh_login() -> str:
    return f"test.{uuid.uuid4().hex[:10]}"


async def test_first_call_records_the_officer_and_repeats_write_nothing(engine: Engine, writes: list[str]) -> None:
    clock, login = Clock(), fresh_login()
    directory = OfficerDirectory(engine, clock)
    await directory.saw(officer(login))
    recorded = row(engine, login)
    assert recorded is not None
    assert (recorded.name, recorded.agency, recorded.region, recorded.roles) == ("Asel Bekova", "tax", "astana",
                                                                               ["officer"])
    assert recorded.last_seen_at == START
    assert len(writes) == 1

    for minutes in (1, 30, 59):
        clock.now = START + timedelta(minutes=minutes)
        await directory.saw(officer(login))
    assert len(writes) == 1
    assert row(engine, login).last_seen_at == START  # type: ignore[union-attr]


async def test_new_claims_are_written_at_once_and_last_seen_after_an_hour(engine: Engine,
                                                                          writes: list[str]) -> None:
    clock, login = Clock(), fresh_login()
    directory = OfficerDirectory(engine, clock)
    await directory.saw(officer(login))

    clock.now = START + timedelta(minutes=5)
    await directory.saw(officer(login, roles=("officer", "supervisor"), region="almaty"))
    moved = row(engine, login)
    assert moved is not None and moved.region == "almaty" and moved.roles == ["officer", "supervisor"]
    assert moved.last_seen_at == clock.now
    with read_scope(engine) as session:
        assert login not in [o.login for o in officers_of_queue(session, agency="tax", region="astana")]
        assert login in [o.login for o in officers_of_queue(session, agency="tax", region="almaty")]

    clock.now = START + timedelta(minutes=5) + RECORD_AGAIN_AFTER
    await directory.saw(officer(login, roles=("officer", "supervisor"), region="almaty"))
    assert row(engine, login).last_seen_at == clock.now  # type: ignore[union-attr]
    assert len(writes) == 3


async def test_a_restarted_portal_reads_the_row_instead_of_writing_it_again(engine: Engine,
                                                                            writes: list[str]) -> None:
    clock, login = Clock(), fresh_login()
    await OfficerDirectory(engine, clock).saw(officer(login))
    clock.now = START + timedelta(minutes=10)
    await OfficerDirectory(engine, clock).saw(officer(login))
    assert len(writes) == 1
    assert row(engine, login).last_seen_at == START  # type: ignore[union-attr]

    await OfficerDirectory(engine, clock).saw(officer(login, name="Asel Bekova-Nurlanova"))
    assert len(writes) == 2
    assert row(engine, login).name == "Asel Bekova-Nurlanova"  # type: ignore[union-attr]


async def test_citizens_and_clients_are_not_officers(engine: Engine, writes: list[str]) -> None:
    directory = OfficerDirectory(engine, Clock())
    await directory.saw(Principal(subject="850715300128", kind="citizen", roles=(), scopes=frozenset()))
    await directory.saw(Principal(subject="akimat-astana", kind="client", roles=("agency",), scopes=frozenset(),
                                  client_id="akimat-astana"))
    assert writes == []
    assert row(engine, "akimat-astana") is None
