"""The read model from request handlers: each unit of work in a worker thread, one transaction.

Repository calls are synchronous (SQLAlchemy); running them in the thread pool keeps the
event loop free for other requests. The request owns the transaction; business code never
commits.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import TypeVar

from fastapi import Request
from sqlalchemy.engine import Engine
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from portal.problems import Unavailable
from store.engine import WriteLockTaken, read_scope, session_scope, write_soon

T = TypeVar("T")


def engine_of(request: Request) -> Engine:
    return request.app.state.engine


async def in_transaction(request: Request, work: Callable[[Session], T]) -> T:
    return await _in_thread(session_scope, request, work)


async def in_short_transaction(request: Request, work: Callable[[Session], T]) -> T:
    """A write of a few statements, such as a submit (store.engine.write_soon: on SQLite, on the
    event loop itself); 503 when SQLite's write lock stays taken past its busy timeout."""
    try:
        return await write_soon(engine_of(request), work)
    except WriteLockTaken:
        raise Unavailable("the database is busy; send the same request again shortly",
                          headers={"Retry-After": "5"}) from None


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
