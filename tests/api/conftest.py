"""Callers of the API, one of each kind, logged in through the real identity provider."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from tests.support.api import client_as
from tests.support.citizens import next_citizen
from tests.support.stack import Stack


@pytest.fixture
async def citizen(healthy_stack: Stack) -> AsyncIterator[httpx.AsyncClient]:
    async with await client_as(healthy_stack, citizen=next_citizen()) as client:
        yield client


@pytest.fixture
async def officer(healthy_stack: Stack) -> AsyncIterator[httpx.AsyncClient]:
    async with await client_as(healthy_stack, officer="tax.astana.officer") as client:
        yield client


@pytest.fixture
async def agency(healthy_stack: Stack) -> AsyncIterator[httpx.AsyncClient]:
    async with await client_as(healthy_stack, client="akimat-astana") as client:
        yield client
