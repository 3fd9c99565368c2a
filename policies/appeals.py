"""The term for appealing a decision: calendar days from the day it was made.

The term is the dated parameter ``appeals.filing_term_calendar_days`` (Administrative
Procedural and Process Code, Art. 91) in force on the decision day, so a later change of the
law neither shortens nor lengthens the term of a decision already made. The decision day plus
the term is the last day an appeal is still in time.
"""

from __future__ import annotations

from datetime import date, timedelta

from pydantic import BaseModel

from policies.parameters import ParameterStore, default_store

__all__ = ["FILING_TERM", "AppealFilingTerm", "appeal_filing_term"]

FILING_TERM = "appeals.filing_term_calendar_days"


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
