"""A search on PostgreSQL is planned for its own words and page, however often its statement has run.

psycopg prepares a statement on its fifth run, and PostgreSQL may then plan it once for any values
(a generic plan): for a search, the word's frequency and the offset decide between walking the newest
vacancies and reading the word's index, and a generic plan knows neither. The setting that asks for
a plan each time is the connection's: the pooled connection must get it back as it was.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import text

from portal.applications.submission import today_in_kazakhstan
from store.engine import get_engine, read_scope
from store.vacancies import SearchFilters, search
from tests.labour.vacancy_rows import employer_id, insert, vacancy

WORDS = ["developer", "logistics", "services", "python", "company", "backend"]


def test_every_run_of_a_search_gets_a_plan_of_its_own_and_the_connection_its_setting_back(postgres: str) -> None:
    employer, today = employer_id(), today_in_kazakhstan()
    insert(postgres, *(vacancy(employer, published_on=(today - timedelta(days=n % 20)).isoformat())
                       for n in range(300)))
    engine = get_engine(postgres)
    with read_scope(engine) as session:
        connection = session.connection()
        for n in range(24):  # well past psycopg's fifth run (prepared) and PostgreSQL's fifth (generic or not)
            items, total, _ = search(connection, today, SearchFilters(words=[WORDS[n % len(WORDS)]]),
                                     limit=20, offset=20 * (n % 4))
            assert len(items) == 20 and total == 300
        plans = connection.execute(text(
            "SELECT coalesce(sum(generic_plans), 0), coalesce(sum(custom_plans), 0) FROM pg_prepared_statements "
            "WHERE statement LIKE '%search_document @@%'")).one()
        mode = connection.execute(text("SHOW plan_cache_mode")).scalar_one()
    assert plans[1] > 0, "the searches' statements were never prepared: nothing was measured"
    assert plans[0] == 0, f"{plans[0]} runs of a search took a generic plan"
    assert mode == "auto"
