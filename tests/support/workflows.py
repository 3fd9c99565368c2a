"""Workflows on a real Temporal test server with an in-process worker: start an application the
way the portal does, wait for what the activities write, and record histories for the replay test."""

from __future__ import annotations

import asyncio
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path
from typing import Any

from temporalio.client import WorkflowHandle
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.testing import WorkflowEnvironment

from onestop.temporal_server import test_server_path
from onestop.worker import build_worker
from store import repository
from store.engine import get_engine, migrate, session_scope
from tests.support.signing import SigningHandle
from tests.support.stack import Stack
from workflows.inputs import (
    APPLICATION_WORKFLOW,
    ApplicationInput,
    ApplicationOutcome,
    ServiceOrder,
    application_workflow_id,
)

CODE = "self-employed-registration"
HISTORIES = Path(__file__).resolve().parent.parent / "workflows" / "histories"
RECORD_QUEUE = "record"


async def start_time_skipping() -> WorkflowEnvironment:
    return await WorkflowEnvironment.start_time_skipping(
        test_server_existing_path=str(test_server_path()), data_converter=pydantic_data_converter)


async def start_application(env: WorkflowEnvironment, database_url: str, queue: str, *, iin: str,
                            form: dict[str, Any], submitted_on: date, language: str,
                            owner: str | None = None, submitted_via: str = "portal") -> tuple[str, WorkflowHandle]:
    """Store an application of one self-employed registration and start its workflow, as the portal does."""
    with session_scope(get_engine(database_url)) as session:
        application, _ = repository.create_application(
            session, owner=owner or iin, idempotency_key=str(uuid.uuid4()), request_hash="h", applicant_iin=iin,
            submitted_via=submitted_via, language=language, services=[(CODE, form, submitted_on)])
    handle = await env.client.start_workflow(
        APPLICATION_WORKFLOW,
        ApplicationInput(application_id=application.id, applicant_iin=iin, language=language,
                         services=[ServiceOrder(code=CODE, answers=form)], submitted_on=submitted_on,
                         submitted_via=submitted_via),
        id=application_workflow_id(application.id), task_queue=queue, result_type=ApplicationOutcome)
    return application.id, handle


async def eventually(database_url: str, read: Callable, timeout: float = 30) -> Any:
    """Poll the read model until `read(session)` gives something truthy, and give that."""
    limit = time.monotonic() + timeout
    while time.monotonic() < limit:
        with session_scope(get_engine(database_url)) as session:
            found = read(session)
        if found:
            return found
        await asyncio.sleep(0.1)
    raise TimeoutError("the read model did not get there in time")


@asynccontextmanager
async def recording() -> AsyncIterator[tuple[WorkflowEnvironment, str]]:
    """A fresh database, the mock registries and a worker on RECORD_QUEUE: the setting every
    recorded history was made in. Gives the environment and the database URL."""
    async with recording_stack() as (env, stack):
        yield env, stack.database_url


@asynccontextmanager
async def recording_stack() -> AsyncIterator[tuple[WorkflowEnvironment, Stack]]:
    """The same, giving the stack (its settings name the registries, for recorders that call them)."""
    with tempfile.TemporaryDirectory() as tmp:
        database_url = f"sqlite:///{tmp}/onestop.db"
        migrate(database_url)
        stack = Stack.configure(Path(tmp), database_url)
        stack.start("registries")
        try:
            env = await start_time_skipping()
            try:
                async with build_worker(env.client, stack.settings, task_queue=RECORD_QUEUE) as worker, worker:
                    yield env, stack
            finally:
                await env.shutdown()
        finally:
            stack.stop_all()


async def write_history(handle: WorkflowHandle | SigningHandle, name: str) -> None:
    path = HISTORIES / f"{name}.json"
    path.write_text((await handle.fetch_history()).to_json())
    print("wrote", path)
