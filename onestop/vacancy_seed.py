"""Synthetic published vacancies: a smaller set for `make run` (development, when there are none yet)
and 100,000 or more for the bench (bench/labour.py).

Deterministic from the seed: occupations of the classifier in force (labour.guidance.occupations),
the 20 regions, titles and descriptions in Russian (most), Kazakh or English, wages from the
minimum wage up, publication over the last 60 days and expiry over the next 90. The employers are
made-up ids and names: they are not in the businesses registry.

    onestop seed-vacancies [--count 2000]
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine, func, select

from policies.parameters import lookup
from services.labour_exchange import occupations
from services.regions import KNOWN_REGIONS
from store import vacancies
from store.engine import session_scope

_IDS = uuid.UUID("0b5e6f0e-3b0c-4c1e-9d43-5a0e2c7f1b11")
_BATCH = 2000
_REGIONS = sorted(KNOWN_REGIONS)
_SETTLEMENT = {"astana": "Астана", "almaty": "Алматы", "shymkent": "Шымкент"}
# Skills by ISCO major group (the first digit): what a vacancy of that group may ask.
_SKILLS = {
    "1": ["Управление персоналом", "Бюджетирование", "Стратегическое планирование", "Excel"],
    "2": ["Python", "SQL", "Анализ данных", "Английский язык", "1С", "МСФО", "Docker", "Excel"],
    "3": ["Лабораторный анализ", "Продажи", "Работа с клиентами", "Фотосъёмка", "Excel"],
    "4": ["1С", "Excel", "Делопроизводство", "WMS", "Учёт товара"],
    "5": ["Кулинария", "Работа с кассой", "Обслуживание клиентов", "Уход за пожилыми"],
    "6": ["Агротехника", "Трактор", "Полив"],
    "7": ["Электромонтаж", "Сварка", "Ремонт двигателей", "Столярные работы", "Чтение чертежей"],
    "8": ["Водительские права категории C", "Водительские права категории B", "Погрузчик"],
}
_RU = [("", "Требуется {t} в {s}. Официальное трудоустройство, социальный пакет."),
       ("Старший ", "Ищем опытного специалиста: {t}. Работа в {s}, стабильная заработная плата."),
       ("Ведущий ", "Компания приглашает на должность: {t}. Обучение и карьерный рост."),
       ("Младший ", "Вакансия для начинающих: {t}, {s}. Наставничество, гибкий график.")]
_KK = [("", "{s} қаласында {t} қажет. Ресми жұмысқа орналастыру, әлеуметтік пакет."),
       ("Аға ", "Тәжірибелі маман іздейміз: {t}. Тұрақты жалақы.")]
_EN = [("", "We are hiring a {t} in {s}. Official employment and benefits."),
       ("Senior ", "Experienced {t} wanted in {s}. Training and career growth.")]


def vacancy_forms(count: int, on: date, seed: int = 20261202) -> Iterator[dict[str, Any]]:
    """``count`` vacancies as published ones read (the decision's ``vacancy``), the same for the same seed."""
    rng = random.Random(seed)
    titles = occupations(on)
    codes = sorted(titles)
    minimum = int(Decimal(str(lookup("economy.minimum_wage", on).value)))
    for n in range(count):
        code, region = rng.choice(codes), rng.choice(_REGIONS)
        settlement = _SETTLEMENT.get(region, region.replace("_", " ").title())
        language = rng.choices(("ru", "kk", "en"), weights=(65, 25, 10))[0]
        prefix, text = rng.choice({"ru": _RU, "kk": _KK, "en": _EN}[language])
        title = titles[code][language]
        low = minimum + rng.randrange(0, 40) * 10_000
        skills = rng.sample(_SKILLS.get(code[0], _SKILLS["4"]), k=rng.randint(0, 3))
        yield {
            "vacancy_id": str(uuid.uuid5(_IDS, f"{seed}:{n}")), "employer_id": f"{990000000000 + n % 5000:012d}",
            "employer_name": {"kk": f"«Жұмыс беруші {n % 5000}» ЖШС", "ru": f"ТОО «Работодатель {n % 5000}»",
                              "en": f"Employer {n % 5000} LLP"},
            "title": f"{prefix}{title[0].lower() + title[1:] if prefix else title}"[:200],
            "description": text.format(t=title.lower(), s=settlement), "occupation_code": code, "region": region,
            "settlement": settlement, "salary_min": low, "salary_max": low + rng.randrange(0, 30) * 10_000 or None,
            "schedule": rng.choice(("full_time", "full_time", "full_time", "part_time", "shift", "remote")),
            "required_experience_months": rng.choice((0, 0, 6, 12, 24, 36)), "required_skills": skills,
            "published_on": (on - timedelta(days=rng.randrange(0, 60))).isoformat(),
            "expires_on": (on + timedelta(days=rng.randrange(1, 90))).isoformat(),
        }


def seed_vacancies(engine: Engine, count: int, on: date, seed: int = 20261202) -> int:
    """Insert ``count`` seeded vacancies in batches (a seeded id already there is kept); how many asked."""
    batch: list[dict[str, Any]] = []
    for form in vacancy_forms(count, on, seed):
        batch.append(vacancies.row_of(form, batch_id=None))
        if len(batch) == _BATCH:
            _insert(engine, batch)
            batch = []
    _insert(engine, batch)
    return count


def _insert(engine: Engine, rows: list[dict[str, Any]]) -> None:
    if rows:
        with session_scope(engine) as session:
            vacancies.insert_vacancies(session.connection(), rows)


def seed_if_empty(engine: Engine, count: int, on: date) -> int:
    """`make run`: seed when the exchange has no vacancy at all (a database in use is left alone)."""
    table = vacancies.Vacancy.__table__  # type: ignore[attr-defined]
    with session_scope(engine) as session:
        if session.connection().execute(select(func.count()).select_from(table)).scalar_one():
            return 0
    return seed_vacancies(engine, count, on)


__all__ = ["seed_if_empty", "seed_vacancies", "vacancy_forms"]
