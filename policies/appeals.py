"""The term for appealing a decision, and whether an appeal came in time.

``appeal_timeliness(notice_received_on, filed_on)`` is the law (Administrative Procedural and
Process-Related Code, Art. 92): the term is ``appeals.filing_term_months`` (three) calendar
months from the day the decision's notice reached the applicant, in force on that day, so a
later change of the law neither shortens nor lengthens a term already running. A late appeal is
**not refused**: it is accepted, marked late, and the reviewing body decides whether to restore
the term for the reason the applicant gives.

``appeal_filing_term(decided_on, today)`` is the older 30-day reading, kept until the workflow
and the portal call ``appeal_timeliness``.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from pydantic import BaseModel, Field

from policies.decision import Reason
from policies.parameters import ParameterStore, Reference, default_store
from policies.texts import reason
from policies.working_days import WorkingCalendar, default_calendar

__all__ = [
    "FILING_TERM",
    "FILING_TERM_MONTHS",
    "TERM_END_MOVES",
    "AppealFilingTerm",
    "AppealTimeliness",
    "appeal_filing_term",
    "appeal_timeliness",
    "add_calendar_months",
]

FILING_TERM = "appeals.filing_term_calendar_days"
FILING_TERM_MONTHS = "appeals.filing_term_months"
TERM_END_MOVES = "appeals.term_end_moves_to_working_day"


class AppealFilingTerm(BaseModel):
    calendar_days: int
    # None when the decision day is not known: nothing shows an appeal would be in time.
    last_day: date | None
    open: bool


def appeal_filing_term(decided_on: date | None, today: date,
                       parameters: ParameterStore = default_store) -> AppealFilingTerm:
    """The term for a decision of ``decided_on``, and whether an appeal filed ``today`` is in time."""
    calendar_days = int(parameters.value(FILING_TERM, decided_on or today))
    if decided_on is None:
        return AppealFilingTerm(calendar_days=calendar_days, last_day=None, open=False)
    last_day = decided_on + timedelta(days=calendar_days)
    return AppealFilingTerm(calendar_days=calendar_days, last_day=last_day, open=today <= last_day)


class AppealTimeliness(BaseModel):
    """Whether an appeal came within its term. A late one is still accepted, marked late."""

    term_months: int
    notice_received_on: date
    last_day: date
    """The last day an appeal is in time (moved past a day off when the rule says so)."""
    filed_on: date
    late: bool
    days_late: int
    """Calendar days after ``last_day``; 0 when in time."""
    reference: Reference | None = None
    unconfirmed: list[str] = Field(default_factory=list)
    reason: Reason | None = None
    """What the applicant reads: in time, or late and still accepted (kk/ru/en, citing APPK Art. 92)."""


def add_calendar_months(start: date, months: int) -> date:
    """The same day ``months`` later; the month's last day when it has no such day (31 Jan + 1 = 28/29 Feb)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def appeal_timeliness(notice_received_on: date, filed_on: date, parameters: ParameterStore = default_store,
                      working_calendar: WorkingCalendar | None = None) -> AppealTimeliness:
    """The term of an appeal against a decision whose notice reached the applicant on ``notice_received_on``.

    The term runs from the day after the notice arrived and ends on the same date ``term_months``
    later (notice on 2 March, last day 2 June). Whatever the answer, the appeal is accepted.
    """
    term = parameters.lookup(FILING_TERM_MONTHS, notice_received_on)
    last_day = add_calendar_months(notice_received_on, int(term.value))
    unconfirmed = [FILING_TERM_MONTHS] if term.unconfirmed else []
    moves = parameters.lookup(TERM_END_MOVES, notice_received_on)
    if moves.unconfirmed:
        unconfirmed.append(TERM_END_MOVES)
    if moves.value:
        days = working_calendar or default_calendar()
        while not days.is_working_day(last_day):
            last_day += timedelta(days=1)
    days_late = max((filed_on - last_day).days, 0)
    said = (reason("appeal_late", days_late=days_late, last_day=last_day) if days_late
            else reason("appeal_in_time", notice=notice_received_on, months=int(term.value), last_day=last_day))
    return AppealTimeliness(term_months=int(term.value), notice_received_on=notice_received_on, last_day=last_day,
                            filed_on=filed_on, late=days_late > 0, days_late=days_late, reference=term.reference,
                            unconfirmed=unconfirmed, reason=said)
