"""The hand-written migrations build exactly the schema the models describe, on both databases."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect, text
from sqlmodel import SQLModel

import store.job_matches  # noqa: F401
import store.labour  # noqa: F401
import store.models  # noqa: F401
import store.officers  # noqa: F401
import store.vacancies  # noqa: F401
import store.workbench  # noqa: F401
from store.engine import make_engine, migrate, normalize_url


def test_migrated_schema_matches_the_models(engine: Engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = [d for d in compare_metadata(context, SQLModel.metadata)
                       if _is_ours(d)]
    assert differences == []


def _is_ours(difference: object) -> bool:
    # Other packages may register tables on SQLModel.metadata with migrations of their own;
    # this test is about the read model's tables.
    ours = {"applications", "service_requests", "timeline_events", "documents", "idempotency_records",
            "tasks", "appeals", "audit_events", "webhook_subscriptions", "webhook_deliveries", "officers",
            "vacancies", "job_match_lists", "job_matches"}
    # Full text lives outside the models, made by 0006 for each database: PostgreSQL's generated
    # tsvector and its GIN index, SQLite's FTS5 table (and the shadow tables FTS5 keeps).
    if any(name in repr(difference) for name in ("search_document", "vacancies_fts")):
        return False
    return any(name in repr(difference) for name in ours)


def test_head_is_recorded_and_migrate_is_repeatable(database_url: str, engine: Engine) -> None:
    migrate(database_url)  # a second run finds nothing to do
    with engine.connect() as connection:
        version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
        tables = set(inspect(connection).get_table_names())
    assert version == "0010_vacancies_by_region"
    assert {"applications", "service_requests", "timeline_events", "documents", "idempotency_records",
            "officers", "standing_statuses"} <= tables


def test_migrate_creates_the_folder_of_a_sqlite_file(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "onestop.db"
    migrate(f"sqlite:///{path.as_posix()}")
    engine = make_engine(f"sqlite:///{path.as_posix()}")
    try:
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "wal"
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1
            assert "applications" in inspect(connection).get_table_names()
    finally:
        engine.dispose()


def test_plain_postgresql_urls_mean_psycopg3() -> None:
    assert normalize_url("postgresql://u@h:5432/db") == "postgresql+psycopg://u@h:5432/db"
    assert normalize_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalize_url("sqlite:///x.db") == "sqlite:///x.db"


def test_the_migration_goes_down_and_up_again(tmp_path: Path) -> None:
    """On a database of its own (a downgrade would wreck the session's shared one)."""
    import os

    from alembic import command

    from store.engine import _alembic_config
    from tests.conftest import _drop_postgres_database, _fresh_postgres_database

    server_url = os.environ.get("ONESTOP_TEST_DATABASE_URL", "")
    name = ""
    if server_url.startswith("postgresql"):
        url, name = _fresh_postgres_database(server_url)
    else:
        url = f"sqlite:///{(tmp_path / 'roundtrip.db').as_posix()}"
    engine = make_engine(url)
    try:
        migrate(url)
        with engine.begin() as connection:
            config = _alembic_config(url)
            config.attributes["connection"] = connection
            command.downgrade(config, "base")
        with engine.connect() as connection:
            assert set(inspect(connection).get_table_names()) <= {"alembic_version"}
        migrate(url)
        with engine.connect() as connection:
            assert "timeline_events" in inspect(connection).get_table_names()
    finally:
        engine.dispose()
        if name:
            _drop_postgres_database(server_url, name)
