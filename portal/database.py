"""The read model from request handlers: the portal's one transaction helper.

`in_transaction` runs a unit of work (store.engine's `session_scope`, or `read_scope` when the
work only reads) in the thread pool, which keeps the event loop free for other requests. The
request owns the transaction; business code never commits. A read that lost its connection to the
server is run once more on a fresh one.

On PostgreSQL a request's read runs on the event loop instead, through the application's
`async_reader`: the same synchronous unit of work, each statement awaited. A thread per read cost
the portal about as much CPU again as the read itself, its threads handing the GIL to one another
across the cores (bench/README.md, the labour exchange).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TypeVar

from fastapi import Request
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from portal.problems import Unavailable
from store.engine import async_read_scope, read_scope, session_scope

T = TypeVar("T")

_LOCK_TAKEN = frozenset({sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED})


def engine_of(request: Request) -> Engine:
    return request.app.state.engine


async def in_transaction(source: Request | Engine, work: Callable[[Session], T], *, read_only: bool = False) -> T:
    """`work` in one unit of work, committed when it returns. `read_only`: on SQLite it does not
    queue behind the writers. 503 when SQLite's write lock stays taken past its busy timeout."""
    engine = engine_of(source) if isinstance(source, Request) else source
    reader = getattr(source.app.state, "reader", None) if read_only and isinstance(source, Request) else None
    if reader is not None:
        return await _read_on_loop(reader, work)
    scope = read_scope if read_only else session_scope

    def run() -> T:
        with scope(engine) as session:
            return work(session)

    try:
        try:
            return await run_in_threadpool(run)
        except DBAPIError as error:
            if not (read_only and error.connection_invalidated):
                raise
            # The server dropped the connection (a restart, a failover) and the pool was emptied:
            # a read runs once more on a fresh connection. A write is not run again (its commit
            # may have landed before the connection went); the caller sends it again.
            return await run_in_threadpool(run)
    except OperationalError as error:
        if not _lock_taken(error):
            raise
        raise Unavailable("the database is busy; send the same request again shortly",
                          headers={"Retry-After": "5"}) from None


async def _read_on_loop(reader: AsyncEngine, work: Callable[[Session], T]) -> T:
    async def run() -> T:
        async with async_read_scope(reader) as session:
            return await session.run_sync(work)  # type: ignore[arg-type]  # sqlmodel's Session is the sync one

    try:
        return await run()
    except DBAPIError as error:
        if not error.connection_invalidated:
            raise
        return await run()  # the server dropped the connection: once more, on a fresh one


def _lock_taken(error: OperationalError) -> bool:
    # The low byte is the primary code under any extended one (BUSY_SNAPSHOT, ...).
    code = getattr(error.orig, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in _LOCK_TAKEN
