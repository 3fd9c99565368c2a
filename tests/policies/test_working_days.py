"""Working days: the holidays package's Kazakhstan calendar, checked against DOMAIN.md, plus decree overrides."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from policies.working_days import (
    OVERRIDES_FILE,
    WorkingCalendar,
    add_working_days,
    day_off_reason,
    default_calendar,
    is_working_day,
    working_days_between,
)


def test_nauryz_2026_and_its_weekend_shift() -> None:
    # 21 and 22 March 2026 fall on Saturday and Sunday: the days off move to Tuesday and Wednesday.
    assert is_working_day(date(2026, 3, 20))
    for day in (21, 22, 23, 24, 25):
        assert not is_working_day(date(2026, 3, day)), day
    assert is_working_day(date(2026, 3, 26))
    assert add_working_days(date(2026, 3, 20), 1) == date(2026, 3, 26)


def test_holiday_on_a_weekend_moves_to_the_next_working_day() -> None:
    assert not is_working_day(date(2026, 3, 9))  # 8 March 2026 is a Sunday
    assert not is_working_day(date(2026, 5, 11))  # 9 May 2026 is a Saturday
    assert not is_working_day(date(2026, 10, 26))  # 25 October 2026 is a Sunday


def test_orthodox_christmas_on_a_weekend_is_not_moved() -> None:
    assert date(2024, 1, 7).weekday() == 6
    assert is_working_day(date(2024, 1, 8))


def test_override_file_entry_makes_a_sunday_a_working_day() -> None:
    # 2025: the day off of Sunday 5 January moved to Friday 3 January.
    assert not is_working_day(date(2025, 1, 3))
    assert date(2025, 1, 5).weekday() == 6 and is_working_day(date(2025, 1, 5))
    assert add_working_days(date(2025, 1, 2), 1) == date(2025, 1, 5)
    assert default_calendar().extra_working_days[date(2025, 1, 5)].startswith("Sunday worked")


def test_every_decree_substitution_of_the_package_has_its_worked_weekend_day() -> None:
    import re

    import holidays

    worked = default_calendar().extra_working_days
    for year in range(2018, 2026):
        for day, name in holidays.country_holidays("KZ", years=year, language="en_US").items():
            match = re.search(r"substituted from (\d\d)/(\d\d)/(\d{4})", name)
            if match:
                source = date(int(match[3]), int(match[1]), int(match[2]))
                if source.weekday() >= 5:
                    assert source in worked, (day, source)
    assert all(d.weekday() >= 5 for d in worked), "only weekend days need to be declared working"


# DOMAIN.md: New Year 1-2 Jan, 7 Jan, 8 Mar, Nauryz 21-23 Mar, 1 May, 7 May, 9 May, 6 Jul,
# 30 Aug, 25 Oct, 16 Dec, first day of Kurban Ait; weekend holidays move except 7 Jan and Kurban Ait.
DAYS_OFF_2025 = [
    "2025-01-01", "2025-01-02", "2025-01-07", "2025-03-10", "2025-03-21", "2025-03-24", "2025-03-25",
    "2025-05-01", "2025-05-07", "2025-05-09", "2025-06-06", "2025-07-07", "2025-09-01", "2025-10-27",
    "2025-12-16",
]
DAYS_OFF_2026 = [
    "2026-01-01", "2026-01-02", "2026-01-07", "2026-03-09", "2026-03-23", "2026-03-24", "2026-03-25",
    "2026-05-01", "2026-05-07", "2026-05-11", "2026-07-06", "2026-10-26", "2026-12-16",
]


@pytest.mark.parametrize("day", DAYS_OFF_2025 + DAYS_OFF_2026)
def test_domain_holidays_are_days_off(day: str) -> None:
    assert day_off_reason(date.fromisoformat(day)) not in (None, "weekend")


def test_working_days_of_2025_and_2026() -> None:
    # 2025: 261 weekdays - 15 holidays on weekdays (DAYS_OFF_2025) - Friday 3 Jan + Sunday 5 Jan worked.
    assert working_days_between(date(2024, 12, 31), date(2025, 12, 31)) == 261 - 15 - 1 + 1
    # 2026 in the package: 261 weekdays - 14 days off on weekdays (DAYS_OFF_2026 + Kurban Ait, estimated 27 May).
    # DOMAIN.md still lists Constitution Day (30 Aug, a Sunday -> Mon 31 Aug); the package
    # (0.109, citing the 2026 amendment) has no Constitution Day in 2026 and 15 March from 2027.
    assert not is_working_day(date(2026, 5, 27))
    assert is_working_day(date(2026, 8, 31))
    assert working_days_between(date(2025, 12, 31), date(2026, 12, 31)) == 261 - 14


def test_a_legal_deadline_of_15_working_days_across_nauryz() -> None:
    assert add_working_days(date(2026, 3, 2), 15) == date(2026, 3, 27)


@pytest.mark.parametrize("start", [date(2026, 3, 20) + timedelta(days=i) for i in range(0, 10)])
@pytest.mark.parametrize("n", [0, 1, 3, 15, 30, -1, -5])
def test_add_and_count_agree(start: date, n: int) -> None:
    end = add_working_days(start, n)
    assert working_days_between(start, end) == n
    if n:
        assert is_working_day(end)


def test_start_is_not_counted() -> None:
    monday = date(2026, 4, 6)
    assert add_working_days(monday, 1) == date(2026, 4, 7)
    assert add_working_days(date(2026, 4, 4), 1) == monday  # from a Saturday
    assert add_working_days(monday, 0) == monday


def test_a_decree_newer_than_the_package(tmp_path: Path) -> None:
    overrides = tmp_path / "overrides.yaml"
    overrides.write_text(
        "working:\n  - {date: 2026-04-11, note: Saturday worked}\n"
        "non_working:\n  - {date: 2026-04-10, note: Friday off by decree}\n",
        encoding="utf-8",
    )
    calendar = WorkingCalendar.from_file(overrides)
    assert calendar.day_off_reason(date(2026, 4, 10)) == "Friday off by decree"
    assert calendar.is_working_day(date(2026, 4, 11))
    assert calendar.add_working_days(date(2026, 4, 9), 1) == date(2026, 4, 11)
    assert calendar.add_working_days(date(2026, 4, 9), 2) == date(2026, 4, 13)
    assert is_working_day(date(2026, 4, 10))  # the default calendar is unaffected


def test_a_day_cannot_be_both_working_and_off() -> None:
    with pytest.raises(ValueError):
        WorkingCalendar({date(2026, 4, 10): "off"}, {date(2026, 4, 10): "worked"})


def test_the_shipped_overrides_file_loads() -> None:
    assert OVERRIDES_FILE.is_file()
    calendar = WorkingCalendar.from_file(OVERRIDES_FILE)
    assert len(calendar.extra_working_days) >= 15
