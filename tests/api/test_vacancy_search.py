"""`GET /api/v1/vacancies` over HTTP: filters and full text on both databases (Russian stems on
PostgreSQL, FTS5 on SQLite), expired vacancies left out by their date, bad parameters refused naming
the parameter, and the per-address limit answering 429 with Retry-After."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import httpx
import pytest

from portal.applications.submission import today_in_kazakhstan
from tests.labour.vacancy_rows import employer_id, insert, vacancy
from tests.support.processes import free_port
from tests.support.stack import Stack

PROBLEM = "application/problem+json"


def _postgres(stack: Stack) -> bool:
    return stack.database_url.startswith("postgresql")


async def _search(stack: Stack, **params: Any) -> httpx.Response:
    async with httpx.AsyncClient(base_url=f"{stack.portal_url}/api/v1", timeout=30) as anyone:
        return await anyone.get("/vacancies", params=params)


async def _ids(stack: Stack, **params: Any) -> list[str]:
    response = await _search(stack, **params)
    assert response.status_code == 200, response.text
    return [v["vacancy_id"] for v in response.json()["items"]]


async def test_full_text_finds_words_of_the_title_description_and_skills_in_any_language(
        healthy_stack: Stack) -> None:
    employer = employer_id()
    accountant, developer, kazakh, driver = insert(
        healthy_stack.database_url,
        vacancy(employer, title="Главный бухгалтер", description="Ведение учёта, налоговая отчётность.",
                occupation_code="2411", required_skills=["1С"]),
        vacancy(employer, title="Python developer", description="Back-end of a logistics company.",
                required_skills=["Docker"]),
        vacancy(employer, title="Бас есепші", description="Салық есептілігі, қаржылық есеп.",
                occupation_code="2411"),
        vacancy(employer, title="Водитель категории C", description="Перевозка грузов по области.",
                occupation_code="8332"))

    assert await _ids(healthy_stack, employer_id=employer, q="бухгалтер") == [accountant]
    assert await _ids(healthy_stack, employer_id=employer, q="DEVELOPER") == [developer]
    assert await _ids(healthy_stack, employer_id=employer, q="docker") == [developer]  # a skill
    assert await _ids(healthy_stack, employer_id=employer, q="есепші") == [kazakh]
    assert await _ids(healthy_stack, employer_id=employer, q="налоговая отчётность") == [accountant]
    # Every word must match: a word of another vacancy narrows to none.
    assert await _ids(healthy_stack, employer_id=employer, q="бухгалтер водитель") == []
    # Without words, newest first within the filters.
    found = await _search(healthy_stack, employer_id=employer, occupation_code="2411")
    assert {v["vacancy_id"] for v in found.json()["items"]} == {accountant, kazakh}
    assert found.json()["total"] == 2 and found.json()["total_exact"] is True


async def test_a_russian_word_matches_its_other_forms_on_postgresql(healthy_stack: Stack) -> None:
    if not _postgres(healthy_stack):
        pytest.skip("stems are PostgreSQL's 'russian' configuration; SQLite's FTS5 matches prefixes")
    employer = employer_id()
    accountant, driver = insert(healthy_stack.database_url,
                                vacancy(employer, title="Бухгалтер", occupation_code="2411"),
                                vacancy(employer, title="Водители на грузовые автомобили", occupation_code="8332"))
    assert await _ids(healthy_stack, employer_id=employer, q="бухгалтера") == [accountant]
    assert await _ids(healthy_stack, employer_id=employer, q="бухгалтеров") == [accountant]
    assert await _ids(healthy_stack, employer_id=employer, q="водитель") == [driver]
    assert await _ids(healthy_stack, employer_id=employer, q="грузовой водителя") == [driver]


async def test_a_word_s_beginning_matches_on_sqlite(healthy_stack: Stack) -> None:
    if _postgres(healthy_stack):
        pytest.skip("FTS5 prefixes are SQLite's; PostgreSQL matches stems")
    employer = employer_id()
    accountant, = insert(healthy_stack.database_url, vacancy(employer, title="Бухгалтер-кассир",
                                                             occupation_code="2411"))
    assert await _ids(healthy_stack, employer_id=employer, q="бухгалт") == [accountant]
    assert await _ids(healthy_stack, employer_id=employer, q="КАССИР") == [accountant]
    assert await _ids(healthy_stack, employer_id=employer, q="кассиры") == []


async def test_expired_and_not_yet_published_vacancies_drop_out_by_date(healthy_stack: Stack) -> None:
    employer, today = employer_id(), today_in_kazakhstan()
    open_one, expired, future, last_day = insert(
        healthy_stack.database_url,
        vacancy(employer, title="Сварщик открыт"),
        vacancy(employer, title="Сварщик истёк", published_on=(today - timedelta(days=40)).isoformat(),
                expires_on=(today - timedelta(days=1)).isoformat()),
        vacancy(employer, title="Сварщик завтра", published_on=(today + timedelta(days=1)).isoformat()),
        vacancy(employer, title="Сварщик сегодня последний день", expires_on=today.isoformat()))
    assert set(await _ids(healthy_stack, employer_id=employer)) == {open_one, last_day}
    assert set(await _ids(healthy_stack, employer_id=employer, q="сварщик")) == {open_one, last_day}


async def test_filters_and_pages(healthy_stack: Stack) -> None:
    employer, today = employer_id(), today_in_kazakhstan()
    ids = insert(healthy_stack.database_url, *[
        vacancy(employer, title=f"Повар {i}", occupation_code="5120", region="almaty" if i % 2 else "astana",
                salary_min=300000 + i * 10000, salary_max=None, schedule="shift" if i == 4 else "full_time",
                published_on=(today - timedelta(days=i)).isoformat()) for i in range(5)])
    # Newest first, paged.
    assert await _ids(healthy_stack, employer_id=employer, limit=2) == ids[:2]
    page = (await _search(healthy_stack, employer_id=employer, limit=2, offset=4)).json()
    assert [v["vacancy_id"] for v in page["items"]] == ids[4:] and page["total"] == 5
    # The total whether the page is full (counted), short (the rest is all there is) or past the end.
    for offset, shown in ((0, 2), (3, 2), (10, 0)):
        page = (await _search(healthy_stack, employer_id=employer, limit=2, offset=offset)).json()
        assert (len(page["items"]), page["total"], page["total_exact"]) == (shown, 5, True), offset
    assert await _ids(healthy_stack, employer_id=employer, region="almaty") == [ids[1], ids[3]]
    assert await _ids(healthy_stack, employer_id=employer, salary_from=330000) == [ids[3], ids[4]]
    assert await _ids(healthy_stack, employer_id=employer, schedule="shift") == [ids[4]]


@pytest.mark.parametrize(("params", "field"), [
    ({"limit": 0}, "limit"), ({"limit": 101}, "limit"), ({"offset": -1}, "offset"), ({"offset": 10_001}, "offset"),
    ({"region": "mars"}, "region"), ({"occupation_code": "25"}, "occupation_code"), ({"q": "x" * 201}, "q"),
    ({"q": "!!! ???"}, "q"), ({"schedule": "nights"}, "schedule"), ({"salary_from": "-5"}, "salary_from"),
    ({"employer_id": "abc"}, "employer_id"),
])
async def test_bad_parameters_are_422_naming_the_parameter(healthy_stack: Stack, params: dict[str, Any],
                                                           field: str) -> None:
    response = await _search(healthy_stack, **params)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    assert response.json()["field"] == field


@pytest.fixture(scope="module")
def strict(stack: Stack) -> Iterator[Stack]:
    """A second portal on the same stack that lets one address search 3 times a minute."""
    strict = Stack(state_dir=stack.state_dir, database_url=stack.database_url, env={
        **stack.env, "ONESTOP_PORTAL_PORT": str(free_port()), "ONESTOP_QUOTA_PUBLIC_REQUESTS_PER_ADDRESS": "3",
        "ONESTOP_QUOTA_PUBLIC_WINDOW_SECONDS": "60"})
    strict.start("portal")
    try:
        yield strict
    finally:
        strict.stop_all()


async def test_searches_past_the_address_s_limit_are_429_with_retry_after(healthy_stack: Stack,
                                                                          strict: Stack) -> None:
    for _ in range(3):
        assert (await _search(strict, q="повар")).status_code == 200
    refused = await _search(strict, q="повар")
    assert refused.status_code == 429, refused.text
    assert refused.headers["content-type"].startswith(PROBLEM)
    assert refused.json()["type"].endswith("/too-many-requests")
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    async with httpx.AsyncClient(base_url=f"{strict.portal_url}/api/v1", timeout=30) as anyone:
        # The guidance test is public too, on the same budget of the address.
        guidance = await anyone.get("/guidance-test")
        assert guidance.status_code == 429, guidance.text
        assert guidance.headers["content-type"].startswith(PROBLEM) and "Retry-After" in guidance.headers
        # So is the course catalogue.
        courses = await anyone.get("/courses")
        assert courses.status_code == 429, courses.text
        assert courses.headers["content-type"].startswith(PROBLEM) and "Retry-After" in courses.headers
        # A door that is not public is not this quota's: the catalogue still answers.
        assert (await anyone.get("/services")).status_code == 200
