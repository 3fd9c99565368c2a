"""The term for appealing a decision: the last day is in time, the day after is not; the term is the one in force
on the decision day."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from policies.appeals import FILING_TERM, FILING_TERM_MONTHS, add_calendar_months, appeal_filing_term, appeal_timeliness
from policies.parameters import ParameterNotInForce, ParameterStore, value

DECIDED = date(2026, 3, 2)


def test_the_last_day_is_still_in_time_and_the_day_after_is_not() -> None:
    days = value(FILING_TERM, DECIDED)
    last_day = date(2026, 4, 1)
    assert days == 30
    on_the_last_day = appeal_filing_term(DECIDED, last_day)
    assert (on_the_last_day.calendar_days, on_the_last_day.last_day, on_the_last_day.open) == (30, last_day, True)
    the_day_after = appeal_filing_term(DECIDED, date(2026, 4, 2))
    assert (the_day_after.last_day, the_day_after.open) == (last_day, False)


def test_the_decision_day_itself_is_in_time() -> None:
    assert appeal_filing_term(DECIDED, DECIDED).open


def test_a_decision_of_an_unknown_day_cannot_be_appealed_in_time() -> None:
    term = appeal_filing_term(None, DECIDED)
    assert (term.calendar_days, term.last_day, term.open) == (30, None, False)


def _filing_terms(root: Path, values: str) -> ParameterStore:
    file = root / "appeals" / "filing_term_calendar_days.yaml"
    file.parent.mkdir(parents=True)
    file.write_text(f"description: appeal term\nunit: calendar days\nvalues: {values}\n", encoding="utf-8")
    return ParameterStore(root)


def test_the_term_in_force_on_the_decision_day_applies(tmp_path: Path) -> None:
    store = _filing_terms(tmp_path, "{2021-07-01: 30, 2027-01-01: 10}")
    before_the_change = appeal_filing_term(date(2026, 12, 31), date(2027, 1, 20), store)
    assert (before_the_change.calendar_days, before_the_change.last_day) == (30, date(2027, 1, 30))
    assert before_the_change.open  # the shorter term of 2027 does not cut a 2026 decision's term
    after_the_change = appeal_filing_term(date(2027, 1, 1), date(2027, 1, 12), store)
    assert (after_the_change.calendar_days, after_the_change.last_day, after_the_change.open) == (
        10, date(2027, 1, 11), False)
    assert appeal_filing_term(date(2027, 1, 1), date(2027, 1, 11), store).open


def test_a_decision_before_the_term_exists_is_an_error_not_a_guess(tmp_path: Path) -> None:
    store = _filing_terms(tmp_path, "{2021-07-01: 30}")
    with pytest.raises(ParameterNotInForce):
        appeal_filing_term(date(2021, 6, 30), date(2021, 7, 2), store)


# --- appeal_timeliness: three calendar months from the notice (APPK Art. 92) -----------------

NOTICE = date(2026, 3, 2)  # a Monday


def test_three_months_from_the_notice_and_the_last_day_is_in_time() -> None:
    assert value(FILING_TERM_MONTHS, NOTICE) == 3
    on_the_last_day = appeal_timeliness(NOTICE, date(2026, 6, 2))
    assert (on_the_last_day.term_months, on_the_last_day.last_day) == (3, date(2026, 6, 2))
    assert (on_the_last_day.late, on_the_last_day.days_late) == (False, 0)
    assert appeal_timeliness(NOTICE, NOTICE).late is False
    assert appeal_timeliness(NOTICE, date(2026, 6, 3)).late is True


def test_an_appeal_on_day_95_is_late_but_not_refused() -> None:
    filed = NOTICE + timedelta(days=95)
    result = appeal_timeliness(NOTICE, filed)
    assert filed == date(2026, 6, 5)
    assert (result.late, result.days_late, result.last_day) == (True, 3, date(2026, 6, 2))
    # Nothing here refuses: the appeal is accepted and the reviewer decides whether to restore the term.
    assert not hasattr(result, "open") and not hasattr(result, "refused")
    assert result.reference is not None and result.reference.article == "92"
    assert "350-VI" in result.reference.title


def test_day_30_is_well_within_the_term() -> None:
    # The old reading refused after 30 days; the Code gives three months.
    assert appeal_timeliness(NOTICE, NOTICE + timedelta(days=31)).late is False


def test_a_month_without_the_day_ends_on_its_last_day() -> None:
    assert add_calendar_months(date(2025, 11, 30), 3) == date(2026, 2, 28)
    assert add_calendar_months(date(2023, 11, 30), 3) == date(2024, 2, 29)
    assert add_calendar_months(date(2026, 10, 15), 3) == date(2027, 1, 15)


def test_a_last_day_off_moves_to_the_next_working_day() -> None:
    # 6 Dec 2025 + 3 months = Friday 6 March 2026 (working); 7 Dec 2025 -> Saturday 7 March -> 8 March is
    # International Women's Day (Sunday, moved) -> the next working day.
    result = appeal_timeliness(date(2025, 12, 7), date(2026, 3, 9))
    assert result.last_day > date(2026, 3, 7) and result.last_day.weekday() < 5
    assert "appeals.term_end_moves_to_working_day" in result.unconfirmed
    assert appeal_timeliness(date(2025, 12, 6), date(2026, 3, 6)).last_day == date(2026, 3, 6)


def test_the_term_in_force_on_the_notice_day_applies(tmp_path: Path) -> None:
    root = tmp_path / "appeals"
    root.mkdir()
    (root / "filing_term_months.yaml").write_text(
        "description: term\nunit: months\nvalues: {2021-07-01: 3, 2027-01-01: 1}\n", encoding="utf-8")
    (root / "term_end_moves_to_working_day.yaml").write_text(
        "description: move\nunit: boolean\nvalues: {2021-07-01: false}\n", encoding="utf-8")
    store = ParameterStore(tmp_path)
    assert appeal_timeliness(date(2026, 12, 31), date(2027, 3, 31), store).last_day == date(2027, 3, 31)
    assert appeal_timeliness(date(2027, 1, 1), date(2027, 2, 2), store).late
    with pytest.raises(ParameterNotInForce):
        appeal_timeliness(date(2021, 6, 30), date(2021, 7, 2), store)


def test_the_review_term_is_20_working_days_from_the_code() -> None:
    assert value("appeals.review_deadline_working_days", date(2026, 3, 2)) == 20
    assert value("appeals.review_deadline_working_days", date(2021, 6, 30)) == 5


def test_the_applicant_reads_whether_the_appeal_was_in_time_with_the_article() -> None:
    late = appeal_timeliness(NOTICE, NOTICE + timedelta(days=95)).reason
    assert late is not None and late.code == "appeal_late"
    assert "3 days after" in late.text["en"] and "02.06.2026" in late.text["en"]
    assert "3 дн." in late.text["ru"] and "3 күн" in late.text["kk"]
    assert late.reference is not None and late.reference.article == "92"
    in_time = appeal_timeliness(NOTICE, NOTICE).reason
    assert in_time is not None and in_time.code == "appeal_in_time" and "3 months" in in_time.text["en"]
