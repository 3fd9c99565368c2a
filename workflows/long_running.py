"""Waiting for a long-running service: its decision, signalled, or its end, whichever comes first.

A service that pays monthly reports its decision (status "decided") to whoever started it and
goes on; the starter (the application, or an appeal that runs the service again) takes the
report as the outcome, and is free to end while the child, started with ParentClosePolicy.ABANDON,
keeps paying. A child that ends before it reports (it failed, say) gives its own outcome.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from temporalio import workflow
from temporalio.exceptions import ChildWorkflowError
from temporalio.workflow import ChildWorkflowHandle

with workflow.unsafe.imports_passed_through():
    from workflows.inputs import ServiceOutcome


class DecisionReports:
    """The decisions long-running services signalled to this workflow, by service code."""

    def __init__(self) -> None:
        self.reported: dict[str, ServiceOutcome] = {}

    def receive(self, outcome: ServiceOutcome) -> None:
        self.reported.setdefault(outcome.service_code, outcome)

    async def decided_or_ended(self, code: str, child: ChildWorkflowHandle[Any, ServiceOutcome],
                               on_failure: Callable[[], Awaitable[ServiceOutcome]]) -> ServiceOutcome:
        ended = asyncio.ensure_future(_ended(child, on_failure))
        await workflow.wait_condition(lambda: code in self.reported or ended.done())
        return self.reported.get(code) or ended.result()


async def _ended(child: ChildWorkflowHandle[Any, ServiceOutcome],
                 on_failure: Callable[[], Awaitable[ServiceOutcome]]) -> ServiceOutcome:
    try:
        return await child
    except ChildWorkflowError:
        return await on_failure()


__all__ = ["DecisionReports"]
