"""An application's status from the statuses of its services: one rule for the workflow that
decides it and for the read model that recomputes it after an appeal."""

from __future__ import annotations

from typing import Iterable


def application_status(service_statuses: Iterable[str]) -> str:
    """All services ended alike: that status; otherwise partially completed. Pass final statuses only."""
    distinct = set(service_statuses)
    return distinct.pop() if len(distinct) == 1 else "partially_completed"
