"""Vacancies as rows with full-text search: a stored tsvector under a GIN index on PostgreSQL (Russian
stems plus the words as written, for Kazakh and English), an FTS5 table kept by triggers on SQLite.

The vacancies published before this revision were the decisions of completed `vacancy-publication`
requests; they are copied in once.

Revision ID: 0008_vacancy_search
Revises: 0007_labour_exchange
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0008_vacancy_search"
down_revision: str | None = "0007_labour_exchange"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copies: the document searched on each database.
_PG_DOCUMENT = (
    "setweight(to_tsvector('russian', coalesce(title, '')), 'A') || "
    "to_tsvector('russian', coalesce(description, '') || ' ' || coalesce(skills_text, '')) || "
    "to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(description, '') || ' ' || "
    "coalesce(skills_text, ''))")
_SQLITE_FTS = ("CREATE VIRTUAL TABLE vacancies_fts USING fts5(title, description, skills_text, "
               "content='vacancies', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')")
_SQLITE_TRIGGERS = (
    "CREATE TRIGGER vacancies_fts_insert AFTER INSERT ON vacancies BEGIN "
    "INSERT INTO vacancies_fts(rowid, title, description, skills_text) "
    "VALUES (new.rowid, new.title, new.description, new.skills_text); END",
    "CREATE TRIGGER vacancies_fts_delete AFTER DELETE ON vacancies BEGIN "
    "INSERT INTO vacancies_fts(vacancies_fts, rowid, title, description, skills_text) "
    "VALUES ('delete', old.rowid, old.title, old.description, old.skills_text); END",
    "CREATE TRIGGER vacancies_fts_update AFTER UPDATE OF title, description, skills_text ON vacancies BEGIN "
    "INSERT INTO vacancies_fts(vacancies_fts, rowid, title, description, skills_text) "
    "VALUES ('delete', old.rowid, old.title, old.description, old.skills_text); "
    "INSERT INTO vacancies_fts(rowid, title, description, skills_text) "
    "VALUES (new.rowid, new.title, new.description, new.skills_text); END",
)


def upgrade() -> None:
    op.create_table(
        "vacancies",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("employer_id", sa.String(12), nullable=False),
        sa.Column("employer_name", sa.JSON(), nullable=True),
        sa.Column("occupation_code", sa.String(4), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("skills_text", sa.Text(), nullable=False),
        sa.Column("region", sa.String(40), nullable=False),
        sa.Column("settlement", sa.String(100), nullable=False),
        sa.Column("salary_min", sa.Numeric(14, 2), nullable=False),
        sa.Column("salary_max", sa.Numeric(14, 2), nullable=True),
        sa.Column("schedule", sa.String(20), nullable=False),
        sa.Column("required_experience_months", sa.Integer(), nullable=False),
        sa.Column("required_skills", sa.JSON(), nullable=False),
        sa.Column("published_on", sa.Date(), nullable=False),
        sa.Column("expires_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("application_id", sa.String(36), nullable=True),
        sa.Column("batch_id", sa.String(36), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("status IN ('published', 'archived')", name="ck_vacancies_status"),
    )
    op.create_index("ix_vacancies_open", "vacancies", ["status", "published_on", "id"])
    op.create_index("ix_vacancies_matching", "vacancies", ["occupation_code", "expires_on", "published_on", "status",
                                                           "region", "salary_min", "salary_max",
                                                           "required_experience_months", "id"])
    op.create_index("ix_vacancies_region", "vacancies", ["region", "published_on"])
    op.create_index("ix_vacancies_expires", "vacancies", ["status", "expires_on"])
    op.create_index("ix_vacancies_employer", "vacancies", ["employer_id"])
    if _postgres():
        op.execute(f"ALTER TABLE vacancies ADD COLUMN search_document tsvector "
                   f"GENERATED ALWAYS AS ({_PG_DOCUMENT}) STORED")
        op.execute("CREATE INDEX ix_vacancies_search_document ON vacancies USING gin (search_document)")
    else:
        op.execute(_SQLITE_FTS)
        for trigger in _SQLITE_TRIGGERS:
            op.execute(trigger)
    _copy_published_decisions()


def downgrade() -> None:
    if not _postgres():
        for name in ("vacancies_fts_insert", "vacancies_fts_delete", "vacancies_fts_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS vacancies_fts")
    op.drop_table("vacancies")


def _postgres() -> bool:
    return op.get_bind().dialect.name == "postgresql"


_REQUESTS = sa.table("service_requests", sa.column("service_code", sa.String), sa.column("status", sa.String),
                     sa.column("decision", sa.JSON), sa.column("application_id", sa.String))


def _copy_published_decisions() -> None:
    connection = op.get_bind()
    found = connection.execute(sa.select(_REQUESTS.c.decision, _REQUESTS.c.application_id).where(
        _REQUESTS.c.service_code == "vacancy-publication", _REQUESTS.c.status == "completed")).all()
    # Naive UTC on SQLite, as store.types.UTCDateTime stores it.
    now = datetime.now(UTC) if _postgres() else datetime.now(UTC).replace(tzinfo=None)
    rows = [_row(decision["vacancy"], application_id, now) for decision, application_id in found
            if isinstance(decision, dict) and isinstance(decision.get("vacancy"), dict)]
    if rows:
        connection.execute(sa.table("vacancies", *[sa.column(name) for name in rows[0]]).insert(), rows)


def _row(vacancy: dict[str, Any], application_id: str, now: datetime) -> dict[str, Any]:
    skills = [str(s) for s in vacancy.get("required_skills") or []]
    top = vacancy.get("salary_max")
    return {
        "id": vacancy.get("vacancy_id") or application_id, "employer_id": vacancy["employer_id"],
        "employer_name": vacancy.get("employer_name"), "occupation_code": vacancy["occupation_code"],
        "title": vacancy["title"], "description": vacancy.get("description") or "", "skills_text": " ".join(skills),
        "region": vacancy["region"], "settlement": vacancy.get("settlement") or "",
        "salary_min": Decimal(str(vacancy["salary_min"])), "salary_max": None if top is None else Decimal(str(top)),
        "schedule": vacancy.get("schedule") or "full_time",
        "required_experience_months": int(vacancy.get("required_experience_months") or 0),
        "required_skills": skills, "published_on": date.fromisoformat(str(vacancy["published_on"])),
        "expires_on": date.fromisoformat(str(vacancy["expires_on"])), "status": "published",
        "application_id": application_id, "batch_id": None,
        "created_at": now,
    }
