"""The read model from request handlers: each unit of work in a worker thread, one transaction.

Repository calls are synchronous (SQLAlchemy); running them in the thread pool keeps the
event loop free for other requests. The request owns the transaction; business code never
commits.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Callable, TypeVar

from fastapi import Request
from sqlalchemy.engine import Engine
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from store.engine import read_scope, session_scope

T = TypeVar("T")


def engine_of(request: Request) -> Engine:
    return request.app.state.engine


async def in_transaction(request: Request, work: Callable[[Session], T]) -> T:
    return await _in_thread(session_scope, request, work)


async def reading(request: Request, work: Callable[[Session], T]) -> T:
    """A unit of work that only reads: it never waits behind the workers' writes."""
    return await _in_thread(read_scope, request, work)


async def _in_thread(scope: Callable[[Engine], AbstractContextManager[Session]], request: Request,
                     work: Callable[[Session], T]) -> T:
    engine = engine_of(request)

    def _run() -> T:
        with scope(engine) as session:
            return work(session)

    return await run_in_threadpool(_run)
