"""Workflow tests: the real workflows on a real Temporal server, with an in-process worker.

Each test runs twice: on the time-skipping test server (long retries and timers pass in an
instant) and on the dev server `make run` uses. Registry calls go over HTTP to the mock
registries process; the read model is the session's database.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.testing import WorkflowEnvironment

from onestop.settings import Settings
from onestop.temporal_server import temporal_cli_path
from onestop.worker import build_worker
from tests.support.processes import free_port
from tests.support.stack import Stack
from tests.support.workflows import start_time_skipping


@pytest.fixture(scope="session")
def registries(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    state = tmp_path_factory.mktemp("registries")
    stack = Stack.configure(state, "sqlite:///unused.db")
    stack.start("registries")
    yield stack
    stack.stop_all()


@pytest.fixture(scope="session", params=["time-skipping", "dev-server"])
async def workflow_env(request: pytest.FixtureRequest) -> AsyncIterator[WorkflowEnvironment]:
    if request.param == "time-skipping":
        env = await start_time_skipping()
    else:
        env = await WorkflowEnvironment.start_local(
            dev_server_existing_path=str(temporal_cli_path()), data_converter=pydantic_data_converter,
            ui=False, port=free_port(), dev_server_log_level="error")
    yield env
    await env.shutdown()


@pytest.fixture(scope="module")
async def skipping_env() -> AsyncIterator[WorkflowEnvironment]:
    """A time-skipping server for one module alone, for tests that move its clock."""
    env = await start_time_skipping()
    yield env
    await env.shutdown()


@pytest.fixture
def worker_settings(registries: Stack, database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    base = registries.settings
    return base.model_copy(update={"database_url": database_url, "portal_public_url": "https://portal.test",
                                   "state_dir": Path(tmp_path_factory.getbasetemp()) / "worker-state"})


@pytest.fixture
async def task_queue(workflow_env: WorkflowEnvironment, worker_settings: Settings) -> AsyncIterator[str]:
    queue = f"test-{uuid.uuid4()}"
    async with build_worker(workflow_env.client, worker_settings, task_queue=queue) as worker:
        async with worker:
            yield queue
