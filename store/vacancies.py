"""Published vacancies as rows: what the exchange searches, matches and archives.

A vacancy is published by its `vacancy-publication` workflow (one vacancy, through moderation when
a check flags it) or by the bulk endpoint (many at once, the flagged ones sent to that workflow
instead). Either way it lands here, one row, with the columns search and matching filter on.

Full text, per database (migration 0008):

- PostgreSQL: a stored generated ``search_document`` tsvector, Russian stems of the title,
  description and skills plus their ``simple`` words (Kazakh and English are not stemmed), under
  a GIN index. Each word of the query matches either form.
- SQLite: an FTS5 table ``vacancies_fts`` over the same three columns (external content, kept by
  triggers); each word of the query is a prefix there, as SQLite has no Russian stemmer.

Open means published, on or after its publication date and not past its expiry: dates are read
at query time, so a vacancy drops out on its date whether or not the daily archiving has run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Column,
    Connection,
    Date,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    and_,
    func,
    or_,
    select,
    text,
    true,
    update,
)
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Field, SQLModel

from store.types import UTCDateTime, utcnow

__all__ = ["Vacancy", "VACANCY_STATUSES", "SearchFilters", "search_words", "insert_vacancies", "search",
           "best_first", "vacancy_columns", "PUBLIC_COLUMNS", "vacancies_by_id", "archive_expired", "row_of"]

VACANCY_STATUSES: tuple[str, ...] = ("published", "archived")
VACANCY_STATUS_CHECK = "status IN ('published', 'archived')"
# The most words of a query searched for (the rest are ignored): a long paste is not a longer scan.
MAX_QUERY_WORDS = 8
COUNT_CAP = 1_000  # a total past this is shown as "more than": counting thousands of rows is not paging


MATCHING_INDEX_COLUMNS = ("occupation_code", "expires_on", "published_on", "status", "region", "salary_min",
                          "salary_max", "required_experience_months", "id")


class Vacancy(SQLModel, table=True):
    __tablename__ = "vacancies"
    __table_args__ = (
        CheckConstraint(VACANCY_STATUS_CHECK, name="ck_vacancies_status"),
        Index("ix_vacancies_open", "status", "published_on", "id"),
        # Covering what matching's bound reads, so ordering a group by it touches no table page.
        Index("ix_vacancies_matching", *MATCHING_INDEX_COLUMNS),
        # A region's open vacancies newest first, and their count, from the index alone.
        Index("ix_vacancies_region_open", "region", "status", "published_on", "id", "expires_on"),
        Index("ix_vacancies_expires", "status", "expires_on"),
        Index("ix_vacancies_employer", "employer_id"),
    )

    id: str = Field(sa_column=Column(String(36), primary_key=True))
    employer_id: str = Field(sa_column=Column(String(12), nullable=False))
    employer_name: dict[str, str] | None = Field(default=None, sa_column=Column(JSON, nullable=True))  # kk/ru/en
    occupation_code: str = Field(sa_column=Column(String(4), nullable=False))
    title: str = Field(sa_column=Column(String(200), nullable=False))
    description: str = Field(default="", sa_column=Column(Text, nullable=False))
    skills_text: str = Field(default="", sa_column=Column(Text, nullable=False))  # the skills, for full text
    region: str = Field(sa_column=Column(String(40), nullable=False))
    settlement: str = Field(sa_column=Column(String(100), nullable=False))
    salary_min: Decimal = Field(sa_column=Column(Numeric(14, 2), nullable=False))
    salary_max: Decimal | None = Field(default=None, sa_column=Column(Numeric(14, 2), nullable=True))
    schedule: str = Field(sa_column=Column(String(20), nullable=False))
    required_experience_months: int = Field(default=0, sa_column=Column(Integer, nullable=False))
    required_skills: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    published_on: date = Field(sa_column=Column(Date, nullable=False))
    expires_on: date = Field(sa_column=Column(Date, nullable=False))
    status: str = Field(default="published", sa_column=Column(String(16), nullable=False))
    application_id: str | None = Field(default=None, sa_column=Column(String(36), nullable=True))
    batch_id: str | None = Field(default=None, sa_column=Column(String(36), nullable=True))  # bulk publication
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))


_V = Vacancy.__table__  # type: ignore[attr-defined]
# What matching scores: a row in these columns, never the description.
_MATCH_COLUMNS = (_V.c.id, _V.c.occupation_code, _V.c.required_skills, _V.c.region, _V.c.salary_min,
                  _V.c.salary_max, _V.c.required_experience_months, _V.c.published_on, _V.c.expires_on)
vacancy_columns = _V.c  # for the bound matching builds over them
# What `public` shows: a page reads these and no more (not the search text, the batch, the row's times).
PUBLIC_COLUMNS = tuple(_V.c[name] for name in (
    "id", "employer_id", "employer_name", "occupation_code", "title", "description", "region", "settlement",
    "salary_min", "salary_max", "schedule", "required_experience_months", "required_skills", "published_on",
    "expires_on"))
_WORD = re.compile(r"\w+", re.UNICODE)


def row_of(vacancy: dict[str, Any], *, batch_id: str | None = None) -> dict[str, Any]:
    """The row of a published vacancy (the decision's ``vacancy``: the form, with id, employer and date)."""
    skills = [str(s) for s in vacancy.get("required_skills") or []]
    salary_max = vacancy.get("salary_max")
    return {
        "id": vacancy["vacancy_id"], "employer_id": vacancy["employer_id"],
        "employer_name": vacancy.get("employer_name"), "occupation_code": vacancy["occupation_code"],
        "title": vacancy["title"], "description": vacancy.get("description") or "", "skills_text": " ".join(skills),
        "region": vacancy["region"], "settlement": vacancy["settlement"],
        "salary_min": Decimal(str(vacancy["salary_min"])),
        "salary_max": Decimal(str(salary_max)) if salary_max is not None else None,
        "schedule": vacancy.get("schedule") or "full_time",
        "required_experience_months": int(vacancy.get("required_experience_months") or 0),
        "required_skills": skills, "published_on": _day(vacancy["published_on"]),
        "expires_on": _day(vacancy["expires_on"]), "status": "published",
        "application_id": vacancy.get("application_id"), "batch_id": batch_id, "created_at": utcnow(),
    }


def _day(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


def insert_vacancies(connection: Connection, rows: Sequence[dict[str, Any]]) -> None:
    """Store published vacancies in one statement; a vacancy already stored (a retried workflow
    activity, a repeated bulk request) keeps its row."""
    if not rows:
        return
    ids = [r["id"] for r in rows]
    existing = set(connection.execute(select(_V.c.id).where(_V.c.id.in_(ids))).scalars())
    fresh = [r for r in rows if r["id"] not in existing]
    if fresh:
        connection.execute(_V.insert(), fresh)


class SearchFilters:
    """What a search asks: the filters of ``GET /api/v1/vacancies`` (already validated)."""

    def __init__(self, *, region: str | None = None, occupation_code: str | None = None,
                 employer_id: str | None = None, schedule: str | None = None,
                 salary_from: Decimal | None = None, words: Sequence[str] = ()) -> None:
        self.region, self.occupation_code, self.employer_id = region, occupation_code, employer_id
        self.schedule, self.salary_from, self.words = schedule, salary_from, tuple(words)


def search_words(query: str | None) -> list[str]:
    """The words of a free-text query, lower-cased, at most MAX_QUERY_WORDS."""
    return [w.casefold() for w in _WORD.findall(query or "")][:MAX_QUERY_WORDS]


def _open_on(on: date) -> ColumnElement[bool]:
    return and_(_V.c.status == "published", _V.c.published_on <= on, _V.c.expires_on >= on)


def _full_text(connection: Connection, words: Sequence[str]) -> ColumnElement[bool]:
    if connection.dialect.name == "postgresql":
        # Each word in either configuration: a Russian stem ("бухгалтера" -> "бухгалтер") or as written.
        parts = [f"(plainto_tsquery('russian', :w{i}) || plainto_tsquery('simple', :w{i}))" for i in range(len(words))]
        clause = text(f"vacancies.search_document @@ ({' && '.join(parts)})")
    else:
        # FTS5: every word, as a prefix, in any of the indexed columns; quoted, so no word is an operator.
        match = " ".join(f'"{w}"*' for w in words)
        clause = text("vacancies.rowid IN (SELECT rowid FROM vacancies_fts WHERE vacancies_fts MATCH :match)")
        return clause.bindparams(match=match)  # type: ignore[return-value]
    return clause.bindparams(**{f"w{i}": w for i, w in enumerate(words)})  # type: ignore[return-value]


def _conditions(connection: Connection, on: date, filters: SearchFilters) -> list[ColumnElement[bool]]:
    where = [_open_on(on)]
    if filters.region:
        where.append(_V.c.region == filters.region)
    if filters.occupation_code:
        where.append(_V.c.occupation_code == filters.occupation_code)
    if filters.employer_id:
        where.append(_V.c.employer_id == filters.employer_id)
    if filters.schedule:
        where.append(_V.c.schedule == filters.schedule)
    if filters.salary_from is not None:
        where.append(func.coalesce(_V.c.salary_max, _V.c.salary_min) >= filters.salary_from)
    if filters.words:
        where.append(_full_text(connection, filters.words))
    return where


def search(connection: Connection, on: date, filters: SearchFilters, *, limit: int,
           offset: int) -> tuple[list[dict[str, Any]], int, bool]:
    """One page of the vacancies open on ``on``, newest first; the total (exact when the flag says so)."""
    if connection.dialect.name != "postgresql":
        return _search(connection, on, filters, limit=limit, offset=offset)
    # The best plan depends on the values: a common word is found walking the newest vacancies, a rare one
    # through its index, and the offset decides how far to walk. The generic plan PostgreSQL settles on
    # for a statement prepared and run five times knows none of them (a search took ~75% more of the
    # server's time), so a search is never prepared: a setting of the driver's, no round trip.
    driver = connection.connection.driver_connection  # psycopg's own, the sync or the asyncio one
    threshold = driver.prepare_threshold  # type: ignore[union-attr]
    driver.prepare_threshold = None  # type: ignore[union-attr]
    try:
        if filters.words:
            return _search_by_words(connection, on, filters, limit=limit, offset=offset)
        return _search(connection, on, filters, limit=limit, offset=offset)
    finally:
        driver.prepare_threshold = threshold  # type: ignore[union-attr]


def _search(connection: Connection, on: date, filters: SearchFilters, *, limit: int,
            offset: int, more_than_cap: bool = False) -> tuple[list[dict[str, Any]], int, bool]:
    where = _conditions(connection, on, filters)
    rows = connection.execute(_newest(where, limit=limit, offset=offset)).mappings().all()
    if more_than_cap:
        total = COUNT_CAP + 1
    elif rows and len(rows) < limit or not rows and offset == 0:
        total = offset + len(rows)  # the last page: what came back is all there is
    else:
        total = _count(connection, where)
    return [public(r) for r in rows], min(total, COUNT_CAP), total <= COUNT_CAP


def _search_by_words(connection: Connection, on: date, filters: SearchFilters, *, limit: int,
                     offset: int) -> tuple[list[dict[str, Any]], int, bool]:
    """Words on PostgreSQL: the matches are found through the full-text index, up to one past the cap,
    counted and the page sorted from them, in one statement. Walking the newest vacancies and testing
    each against the words costs as many rows as it passes: for a word in 1 vacancy in 100, page five
    tested ~10,000 rows (~25 ms) where its ~1,000 matches were found in ~2 ms. Only past the cap, where
    the words are common and the walk short, is the page read again newest first."""
    where = _conditions(connection, on, filters)
    found = select(_V.c.id, _V.c.published_on).where(*where).limit(COUNT_CAP + 1).cte("found")
    found = found.prefix_with("MATERIALIZED")
    counted = select(func.count().label("total")).select_from(found).subquery()
    page = (select(found.c.id, found.c.published_on).order_by(found.c.published_on.desc(), found.c.id.desc())
            .limit(limit).offset(offset).subquery())
    rows = (select(*PUBLIC_COLUMNS, page.c.published_on.label("page_order"))
            .join_from(page, _V, _V.c.id == page.c.id).subquery())
    # The count's one row, and the page's rows beside it (none past the last page).
    found_rows = connection.execute(select(counted.c.total, *rows.c).join_from(counted, rows, true(), isouter=True)
                                    .order_by(rows.c.page_order.desc(), rows.c.id.desc())).mappings().all()
    total = int(found_rows[0]["total"])
    if total > COUNT_CAP:
        return _search(connection, on, filters, limit=limit, offset=offset, more_than_cap=True)
    return [public(r) for r in found_rows if r["id"] is not None], total, True


def _newest(where: Sequence[ColumnElement[bool]], *, limit: int, offset: int) -> Any:
    return (select(*PUBLIC_COLUMNS).where(*where).order_by(_V.c.published_on.desc(), _V.c.id.desc())
            .limit(limit).offset(offset))


def _count(connection: Connection, where: Sequence[ColumnElement[bool]]) -> int:
    """How many match, counted up to one past the cap."""
    capped = select(_V.c.id).where(*where).limit(COUNT_CAP + 1).subquery()
    return int(connection.execute(select(func.count()).select_from(capped)).scalar_one())


def public(row: Any) -> dict[str, Any]:
    """A row as the API shows it: the vacancy's form fields, its id, employer and dates."""
    return {
        "vacancy_id": row["id"], "employer_id": row["employer_id"], "employer_name": row["employer_name"],
        "occupation_code": row["occupation_code"], "title": row["title"], "description": row["description"],
        "region": row["region"], "settlement": row["settlement"], "salary_min": _number(row["salary_min"]),
        "salary_max": _number(row["salary_max"]), "schedule": row["schedule"],
        "required_experience_months": row["required_experience_months"],
        "required_skills": list(row["required_skills"] or []),
        "published_on": row["published_on"].isoformat(), "expires_on": row["expires_on"].isoformat(),
    }


def _number(value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


def best_first(connection: Connection, on: date, bound: ColumnElement[Any], *, limit: int, offset: int,
               occupation_prefixes: Iterable[str] | None = None,
               not_occupation_prefixes: Iterable[str] | None = None, at_least: float | None = None) -> list[Any]:
    """The open vacancies' matching columns and ``bound`` (an SQL expression over the columns of
    ix_vacancies_matching), highest bound first: matching scores them in this order and stops where
    the bound falls below the last one it keeps. Only the occupation groups given (or all but those),
    and with ``at_least``, only a bound that reaches it (what cannot enter the ranking is not sorted).

    The order is found in the covering index alone; only the page's rows are read from the table.
    """
    where = [_open_on(on)]
    if occupation_prefixes is not None:
        where.append(_in_groups(occupation_prefixes))
    if not_occupation_prefixes:
        where.append(~_in_groups(not_occupation_prefixes))
    if at_least is not None:
        where.append(bound >= at_least)
    ordered = (select(_V.c.id, bound.label("bound")).where(*where).order_by(bound.desc(), _V.c.id)
               .limit(limit).offset(offset)).subquery()
    return list(connection.execute(select(*_MATCH_COLUMNS, ordered.c.bound).join(ordered, ordered.c.id == _V.c.id)
                                   .order_by(ordered.c.bound.desc(), _V.c.id)).all())


def _in_groups(prefixes: Iterable[str]) -> ColumnElement[bool]:
    return or_(*[and_(_V.c.occupation_code >= p, _V.c.occupation_code < _next_prefix(p))
                 for p in sorted(set(prefixes))])


def _next_prefix(prefix: str) -> str:
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def vacancies_by_id(connection: Connection, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    if not ids:
        return {}
    rows = connection.execute(select(*PUBLIC_COLUMNS).where(_V.c.id.in_(list(ids)))).mappings()
    return {r["id"]: public(r) for r in rows}


def archive_expired(connection: Connection, on: date) -> int:
    """Archive the published vacancies whose last day is before ``on``; how many were archived."""
    result = connection.execute(update(_V).where(_V.c.status == "published", _V.c.expires_on < on)
                                .values(status="archived"))
    return int(result.rowcount or 0)
