"""Every page of a search is the open vacancies that match, newest first, and its total is their count up
to the cap: for words found through the full-text index and counted with the page (a few matches), for
words common enough to pass the cap (the page read again newest first), for pages past the last one,
and by region alone (read from the region's index). The expected pages are worked out here in Python
from the rows the test wrote, on both databases."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from portal.applications.submission import today_in_kazakhstan
from store.engine import get_engine, read_scope
from store.vacancies import COUNT_CAP, SearchFilters, search
from tests.labour.vacancy_rows import employer_id, insert, vacancy

RARE, COMMON = "sommelier", "forklift"


@pytest.fixture(scope="module")
def written(database_url: str) -> tuple[str, list[dict[str, Any]]]:
    """One employer's vacancies: 45 open of a sommelier, COUNT_CAP + 30 open of a forklift driver (some in
    Almaty), and ones that must never show: expired, not yet published, of another word."""
    employer, today = employer_id(), today_in_kazakhstan()
    forms = []
    for n in range(45):
        forms.append(vacancy(employer, title=f"{RARE.title()} {n}", region="almaty" if n % 3 else "astana",
                             published_on=_day(today, n % 17)))
    for n in range(COUNT_CAP + 30):
        forms.append(vacancy(employer, title=f"{COMMON.title()} driver {n}",
                             region="almaty" if n % 4 == 0 else "astana", published_on=_day(today, n % 40)))
    forms.append(vacancy(employer, title=f"{RARE.title()}, expired", published_on=_day(today, 50),
                         expires_on=_day(today, 1)))
    forms.append(vacancy(employer, title=f"{RARE.title()}, tomorrow", published_on=_day(today, -1)))
    forms.append(vacancy(employer, title="Baker", published_on=_day(today, 0)))
    insert(database_url, *forms)
    return employer, forms


def _day(today: date, days_ago: int) -> str:
    return (today - timedelta(days=days_ago)).isoformat()


def _expected(forms: list[dict[str, Any]], word: str | None, region: str | None) -> list[str]:
    today = today_in_kazakhstan().isoformat()
    found = [f for f in forms if f["published_on"] <= today <= f["expires_on"]
             and (word is None or word in f["title"].lower()) and (region is None or f["region"] == region)]
    return [f["vacancy_id"] for f in sorted(found, key=lambda f: (f["published_on"], f["vacancy_id"]), reverse=True)]


@pytest.mark.parametrize(("word", "region"), [(RARE, None), (RARE, "almaty"), (COMMON, None), (COMMON, "almaty"),
                                              (None, "almaty")])
def test_every_page_and_its_total(database_url: str, written: tuple[str, list[dict[str, Any]]], word: str | None,
                                  region: str | None) -> None:
    employer, forms = written
    expected = _expected(forms, word, region)
    filters = SearchFilters(employer_id=employer, region=region, words=[word] if word else [])
    with read_scope(get_engine(database_url)) as session:
        for offset in (0, 20, 40, 60, 980, 1000, 1020, 1100):
            items, total, exact = search(session.connection(), today_in_kazakhstan(), filters, limit=20, offset=offset)
            assert [v["vacancy_id"] for v in items] == expected[offset:offset + 20], f"the page at {offset}"
            assert (total, exact) == (min(len(expected), COUNT_CAP), len(expected) <= COUNT_CAP), f"at {offset}"
