"""The month range a history query asks for: `from` and `to` as YYYY-MM, at most ten years."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

from fastapi import Query

from connectors.mock.livelihood import add_months, first_of, month_range
from connectors.mock.problems import Problem

__all__ = ["Months", "history", "month_text", "months"]

_MONTH = r"^\d{4}-(0[1-9]|1[0-2])$"
_LONGEST = 120
# How far back a query reaches when it names no start.
_DEFAULT_SPAN = 24


@dataclass(frozen=True)
class Months:
    first: date
    last: date

    @property
    def each(self) -> list[date]:
        return month_range(self.first, self.last)


def month_text(month: date) -> str:
    return f"{month:%Y-%m}"


def months(start: Annotated[str | None, Query(alias="from", pattern=_MONTH)] = None,
           end: Annotated[str | None, Query(alias="to", pattern=_MONTH)] = None) -> Months:
    """Defaults: the 24 months up to the last full month. A history has nothing after this month."""
    this_month = first_of(date.today())
    last = date.fromisoformat(f"{end}-01") if end else add_months(this_month, -1)
    last = min(last, this_month)
    first = date.fromisoformat(f"{start}-01") if start else add_months(last, 1 - _DEFAULT_SPAN)
    if first > last:
        raise Problem("invalid_request", "'from' is after 'to' (or after this month)")
    if len(month_range(first, last)) > _LONGEST:
        raise Problem("invalid_request", f"at most {_LONGEST} months in one query")
    return Months(first, last)





def history(iin: str, period: Months, **items: list[dict[str, Any]]) -> dict[str, Any]:
    """A history answer: whose, which months, and its entries."""
    return {"iin": iin, "from": month_text(period.first), "to": month_text(period.last), **items}
