"""Vacancy rows written straight into the stack's database, for search and matching tests that need
many vacancies or dates a form refuses (an expired one). Each test's rows carry an employer id of
their own, so a search filtered by it sees only them."""

from __future__ import annotations

import random
import uuid
from datetime import timedelta
from typing import Any

from portal.applications.submission import today_in_kazakhstan
from store import vacancies
from store.engine import get_engine, session_scope


def employer_id() -> str:
    return "".join(random.choice("0123456789") for _ in range(12))


def vacancy(employer: str, **overrides: Any) -> dict[str, Any]:
    today = today_in_kazakhstan()
    form: dict[str, Any] = {
        "vacancy_id": str(uuid.uuid4()), "employer_id": employer, "employer_name": None,
        "title": "Backend developer", "description": "Services of a logistics company.", "occupation_code": "2512",
        "region": "astana", "settlement": "Astana", "salary_min": 450000, "salary_max": 700000,
        "schedule": "full_time", "required_experience_months": 0, "required_skills": ["Python"],
        "published_on": (today - timedelta(days=1)).isoformat(), "expires_on": (today + timedelta(days=30)).isoformat()}
    form.update(overrides)
    return form


def insert(database_url: str, *forms: dict[str, Any]) -> list[str]:
    with session_scope(get_engine(database_url)) as session:
        vacancies.insert_vacancies(session.connection(), [vacancies.row_of(f) for f in forms])
    return [f["vacancy_id"] for f in forms]
