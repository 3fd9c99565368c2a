"""The term for appealing a decision: the last day is in time, the day after is not; the term is the one in force
on the decision day."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from policies.appeals import FILING_TERM, appeal_filing_term
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
