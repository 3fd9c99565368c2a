"""The registries log the fields each call read or wrote, per person, and keep old logs readable."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

import pytest

from connectors.access_log import FIELD_TITLES, PERSON_FIELDS, RELATIVE_FIELDS, fetch_access_log
from connectors.base import Purpose, RegistryClient
from connectors.errors import RegistryRefusal
from connectors.mock.store import RegistryStore
from connectors.population import fetch_family, fetch_person
from tests.support.stack import Stack

OMAROVA, SPOUSE, CHILD = "770821400009", "881111300008", "100505500009"


async def test_a_family_read_names_what_it_told_about_each_member(healthy_stack: Stack) -> None:
    purpose = Purpose(application_id=str(uuid.uuid4()), service_code="tsa")
    async with RegistryClient(healthy_stack.settings) as client:
        await fetch_person(client, OMAROVA, purpose)
        await fetch_family(client, OMAROVA, purpose)
        logged = {iin: [(e.registry, e.action, e.fields) for e in await fetch_access_log(client, iin)
                        if e.application_id == purpose.application_id]
                  for iin in (OMAROVA, SPOUSE, CHILD)}
    assert logged[OMAROVA] == [("population", "read", ["family"]),
                               ("population", "read", list(PERSON_FIELDS))]  # newest first
    assert logged[SPOUSE] == logged[CHILD] == [("population", "read", list(RELATIVE_FIELDS))]


async def test_only_a_system_granted_the_log_may_list_it(healthy_stack: Stack) -> None:
    # The career centre may read people, but not learn who else read them.
    career_centre = healthy_stack.settings.model_copy(update={
        "registries_system_id": "career-centre", "registries_api_key": "career-centre-registries-key"})
    wrong_key = healthy_stack.settings.model_copy(update={"registries_api_key": "guessed"})
    for settings in (career_centre, wrong_key):
        async with RegistryClient(settings) as client:
            with pytest.raises(RegistryRefusal) as refused:
                await fetch_access_log(client, OMAROVA)
        assert (refused.value.code, refused.value.status) == ("forbidden", 403)
    async with RegistryClient(healthy_stack.settings) as client:
        with pytest.raises(RegistryRefusal) as bad:
            await fetch_access_log(client, "850715300123")
    assert bad.value.code == "invalid_iin"


def test_every_logged_field_has_a_title_in_three_languages() -> None:
    for code in (*PERSON_FIELDS, *RELATIVE_FIELDS, "family", "tax_registrations", "business_registrations"):
        assert set(FIELD_TITLES[code]) == {"kk", "ru", "en"} and all(FIELD_TITLES[code].values()), code


def test_a_log_from_before_fields_were_recorded_is_upgraded_in_place(tmp_path: Path) -> None:
    path = tmp_path / "registries.db"
    old = sqlite3.connect(path)
    old.executescript("""
        CREATE TABLE access_log (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, system TEXT NOT NULL,
            registry TEXT NOT NULL, application_id TEXT NOT NULL, service_code TEXT NOT NULL, iin TEXT);
        INSERT INTO access_log (at, system, registry, application_id, service_code, iin)
            VALUES ('2026-01-05T09:00:00+00:00', 'onestop', 'population', 'a-1', 'tsa', '850715300122');
    """)
    old.commit()
    old.close()
    store = RegistryStore(path)
    try:
        store.log_access("onestop", "tax", "a-2", "self-employed-registration", ["850715300122"],
                         ["tax_registrations"], "write")
        entries = store.access_log("850715300122")
    finally:
        store.close()
    assert [(e["application_id"], e["fields"], e["action"]) for e in entries] == [
        ("a-2", ["tax_registrations"], "write"), ("a-1", [], "read")]
