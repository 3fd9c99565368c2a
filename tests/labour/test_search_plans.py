"""A search on PostgreSQL is planned for its own words and page, however often it runs.

psycopg prepares a statement on its fifth run, and PostgreSQL may then plan it once for any values
(a generic plan): for a search, the word's frequency and the offset decide between walking the newest
vacancies and reading the word's index, and a generic plan knows neither. So a search is never
prepared, and the pooled connection gets its driver's setting back for the statements after it.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import text

from portal.applications.submission import today_in_kazakhstan
from store.engine import get_engine, read_scope
from store.vacancies import SearchFilters, search
from tests.labour.vacancy_rows import employer_id, insert, vacancy

WORDS = ["developer", "logistics", "services", "python", "company", "backend"]


def test_no_run_of_a_search_is_prepared_and_the_connection_prepares_again_after(postgres: str) -> None:
    employer, today = employer_id(), today_in_kazakhstan()
    insert(postgres, *(vacancy(employer, published_on=(today - timedelta(days=n % 20)).isoformat())
                       for n in range(300)))
    engine = get_engine(postgres)
    with read_scope(engine) as session:
        connection = session.connection()
        threshold = connection.connection.driver_connection.prepare_threshold  # type: ignore[union-attr]
        for n in range(24):  # well past psycopg's fifth run of a statement, when it prepares it
            items, total, _ = search(connection, today, SearchFilters(words=[WORDS[n % len(WORDS)]]),
                                     limit=20, offset=20 * (n % 4))
            assert len(items) == 20 and total == 300
        for _ in range(6):  # another statement, run as often: prepared, as every other read is
            connection.execute(text("SELECT count(*) FROM vacancies WHERE employer_id = :e"), {"e": employer})
        prepared = connection.execute(text("SELECT statement FROM pg_prepared_statements")).scalars().all()
        after = connection.connection.driver_connection.prepare_threshold  # type: ignore[union-attr]
    assert not [s for s in prepared if "search_document @@" in s], "a search was prepared"
    assert [s for s in prepared if "WHERE employer_id" in s], "the statement after the searches was not prepared"
    assert after == threshold is not None
