"""The workbench through HTTP on the running stack: citizens of Astana, Astana's tax officers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from tests.support.api import apply_for_review, client_as, task_of
from tests.support.citizens import citizen_of
from tests.support.stack import Stack

REGION = "astana"
OFFICER = "tax.astana.officer"


def astana_citizen() -> str:
    return citizen_of(REGION)


@dataclass
class Review:
    citizen: httpx.AsyncClient
    officer: httpx.AsyncClient
    application_id: str
    task: dict[str, Any]


@pytest.fixture
async def review(healthy_stack: Stack) -> AsyncIterator[Review]:
    """An Astana citizen's registration waiting in the inbox of Astana's tax officers."""
    async with await client_as(healthy_stack, citizen=astana_citizen()) as citizen, \
            await client_as(healthy_stack, officer=OFFICER) as officer:
        application_id = await apply_for_review(citizen)
        yield Review(citizen, officer, application_id, await task_of(officer, application_id))
