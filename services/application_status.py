"""An application's status from the statuses of its services: one rule for the workflow that
decides it and for the read model that recomputes it after an appeal."""

from __future__ import annotations

from collections.abc import Iterable

# A long-running service that is granted and goes on (paying) is done as far as its application goes.
_AS_APPLICATION = {"decided": "completed"}


def application_status(service_statuses: Iterable[str]) -> str:
    """All services ended alike: that status; otherwise partially completed. Pass final (or decided)
    statuses only."""
    distinct = {_AS_APPLICATION.get(status, status) for status in service_statuses}
    return distinct.pop() if len(distinct) == 1 else "partially_completed"
