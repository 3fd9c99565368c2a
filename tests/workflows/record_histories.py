"""Record workflow histories for the replay test: `python -m tests.workflows.record_histories`.

Run it when a workflow change is released, and keep the old files: the replay test proves
that runs started by every recorded version still replay on today's code.
"""

from __future__ import annotations

import asyncio
import tempfile
import uuid
from datetime import date
from pathlib import Path

from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.testing import WorkflowEnvironment

from onestop.temporal_server import test_server_path
from onestop.worker import build_worker
from store import repository
from store.engine import get_engine, migrate, session_scope
from tests.support.citizens import next_citizen
from tests.support.stack import Stack
from workflows.inputs import (APPLICATION_WORKFLOW, ApplicationInput, ApplicationOutcome, ServiceOrder,
                              application_workflow_id, service_workflow_id)

HERE = Path(__file__).parent / "histories"
CODE = "self-employed-registration"
CASES = {"completed": None, "refused-minor": "100505500009"}


async def record(version: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        database_url = f"sqlite:///{tmp}/onestop.db"
        migrate(database_url)
        stack = Stack.configure(Path(tmp), database_url)
        stack.start("registries")
        try:
            env = await WorkflowEnvironment.start_time_skipping(
                test_server_existing_path=str(test_server_path()), data_converter=pydantic_data_converter)
            settings = stack.settings
            async with build_worker(env.client, settings, task_queue="record") as worker, worker:
                for case, iin in CASES.items():
                    iin = iin or next_citizen()
                    form = {"activity_code": "tutoring", "regime": "self-employed",
                            "expected_monthly_income": "250000.00", "phone": "+77011112233", "language": "ru",
                            "activity_address": None, "email": None}
                    with session_scope(get_engine(database_url)) as session:
                        application, _ = repository.create_application(
                            session, owner=iin, idempotency_key=str(uuid.uuid4()), request_hash="h",
                            applicant_iin=iin, submitted_via="portal", language="ru",
                            services=[(CODE, form, date(2026, 11, 23))])
                    handle = await env.client.start_workflow(
                        APPLICATION_WORKFLOW,
                        ApplicationInput(application_id=application.id, applicant_iin=iin, language="ru",
                                         services=[ServiceOrder(code=CODE, answers=form)],
                                         submitted_on=date(2026, 11, 23)),
                        id=application_workflow_id(application.id), task_queue="record",
                        result_type=ApplicationOutcome)
                    await handle.result()
                    child = env.client.get_workflow_handle(service_workflow_id(application.id, CODE))
                    for name, h in (("application", handle), ("self-employed", child)):
                        history = await h.fetch_history()
                        path = HERE / f"{version}-{case}-{name}.json"
                        path.write_text(history.to_json())
                        print("wrote", path)
            await env.shutdown()
        finally:
            stack.stop_all()


if __name__ == "__main__":
    import sys

    asyncio.run(record(sys.argv[1] if len(sys.argv) > 1 else "v1"))
