"""Kazakhstan working days, for legal deadlines counted in working days.

A working day is Monday to Friday, less public holidays. Holidays come from the
``holidays`` package's Kazakhstan calendar (it moves a holiday that falls on a weekend to
the next working day, except Orthodox Christmas and Kurban Ait, and knows the days off
moved by decree up to its release). ``parameters/calendar/working_day_overrides.yaml``
corrects it: ``working`` days (a Saturday worked in exchange for a moved day off) and
``non_working`` days (a decree newer than the package).

Kurban Ait follows the lunar calendar: for years the package has not confirmed, its date is
the package's estimate; add a ``non_working``/``working`` pair when the official date differs.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import holidays
import yaml

from policies.parameters import DATA_DIR

__all__ = [
    "WorkingCalendar",
    "default_calendar",
    "is_working_day",
    "add_working_days",
    "working_days_between",
    "day_off_reason",
    "OVERRIDES_FILE",
]

OVERRIDES_FILE = DATA_DIR / "calendar" / "working_day_overrides.yaml"
_ONE_DAY = timedelta(days=1)


@lru_cache(maxsize=64)
def _public_holidays(year: int) -> dict[date, str]:
    return dict(holidays.country_holidays("KZ", years=year, language="en_US").items())


def _entries(raw: Any) -> dict[date, str]:
    days: dict[date, str] = {}
    for entry in raw or []:
        day = entry["date"] if isinstance(entry["date"], date) else date.fromisoformat(str(entry["date"]))
        days[day] = str(entry.get("note", ""))
    return days


class WorkingCalendar:
    def __init__(self, extra_days_off: dict[date, str] | None = None,
                 extra_working_days: dict[date, str] | None = None) -> None:
        self.extra_days_off = dict(extra_days_off or {})
        self.extra_working_days = dict(extra_working_days or {})
        both = set(self.extra_days_off) & set(self.extra_working_days)
        if both:
            raise ValueError(f"days both working and non-working in overrides: {sorted(both)}")

    @classmethod
    def from_file(cls, path: Path) -> WorkingCalendar:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        return cls(_entries(data.get("non_working")), _entries(data.get("working")))

    def day_off_reason(self, day: date) -> str | None:
        """Why ``day`` is not a working day (holiday name, decree note, weekend), or None if it is one."""
        if day in self.extra_working_days:
            return None
        if day in self.extra_days_off:
            return self.extra_days_off[day] or "day off by decree"
        name = _public_holidays(day.year).get(day)
        if name:
            return name
        if day.weekday() >= 5:
            return "weekend"
        return None

    def is_working_day(self, day: date) -> bool:
        return self.day_off_reason(day) is None

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day after ``start`` (``start`` itself not counted; n < 0 counts back)."""
        step = _ONE_DAY if n >= 0 else -_ONE_DAY
        day, left = start, abs(n)
        while left:
            day += step
            if self.is_working_day(day):
                left -= 1
        return day

    def working_days_between(self, a: date, b: date) -> int:
        """Working days in (a, b], negative in [b, a) when b is earlier.

        So that working_days_between(a, add_working_days(a, n)) == n for any n.
        """
        if b < a:
            return -sum(self.is_working_day(b + _ONE_DAY * i) for i in range((a - b).days))
        return sum(self.is_working_day(a + _ONE_DAY * i) for i in range(1, (b - a).days + 1))


@lru_cache(maxsize=1)
def default_calendar() -> WorkingCalendar:
    return WorkingCalendar.from_file(OVERRIDES_FILE)


def is_working_day(d: date) -> bool:
    return default_calendar().is_working_day(d)


def add_working_days(start: date, n: int) -> date:
    return default_calendar().add_working_days(start, n)


def working_days_between(a: date, b: date) -> int:
    return default_calendar().working_days_between(a, b)


def day_off_reason(d: date) -> str | None:
    return default_calendar().day_off_reason(d)
