"""Record histories of an agency's application and its webhook deliveries for the replay test.

    .venv/bin/python -m tests.agency.record_histories [version]

Writes tests/workflows/histories/<version>-agency-*.json, which tests/workflows/test_replay.py
replays with the rest: the "agency-webhooks" patch of ApplicationWorkflow and the
WebhookDelivery workflow are then covered against later changes.
"""

from __future__ import annotations

import asyncio
import tempfile
import threading
import uuid
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.testing import WorkflowEnvironment

from onestop.temporal_server import test_server_path
from onestop.worker import build_worker
from portal.agency.signatures import new_secret
from store import repository, webhooks
from store.engine import get_engine, migrate, session_scope
from tests.support.citizens import next_citizen
from tests.support.stack import Stack
from workflows.inputs import (APPLICATION_WORKFLOW, ApplicationInput, ApplicationOutcome, ServiceOrder,
                              application_workflow_id)
from workflows.webhooks import delivery_workflow_id

HERE = Path(__file__).resolve().parent.parent / "workflows" / "histories"
CODE = "self-employed-registration"
CLIENT = "akimat-astana"


class _Ok(BaseHTTPRequestHandler):
    def do_POST(self) -> None:  # noqa: N802
        self.rfile.read(int(self.headers.get("content-length", "0")))
        self.send_response(204)
        self.send_header("content-length", "0")
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


async def record(version: str) -> None:
    receiver = ThreadingHTTPServer(("127.0.0.1", 0), _Ok)
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    with tempfile.TemporaryDirectory() as tmp:
        database_url = f"sqlite:///{tmp}/onestop.db"
        migrate(database_url)
        stack = Stack.configure(Path(tmp), database_url)
        stack.start("registries")
        try:
            env = await WorkflowEnvironment.start_time_skipping(
                test_server_existing_path=str(test_server_path()), data_converter=pydantic_data_converter)
            async with build_worker(env.client, stack.settings, task_queue="record") as worker, worker:
                iin = next_citizen()
                form = {"activity_code": "tutoring", "regime": "self-employed",
                        "expected_monthly_income": "250000.00", "phone": "+77011112233", "language": "ru",
                        "activity_address": None, "email": None}
                with session_scope(get_engine(database_url)) as session:
                    webhooks.register_subscription(session, CLIENT,
                                                   f"http://127.0.0.1:{receiver.server_port}/hook", new_secret())
                    application, _ = repository.create_application(
                        session, owner=CLIENT, idempotency_key=str(uuid.uuid4()), request_hash="h",
                        applicant_iin=iin, submitted_via=webhooks.submitted_via_agency(CLIENT), language="ru",
                        services=[(CODE, form, date(2026, 11, 23))])
                handle = await env.client.start_workflow(
                    APPLICATION_WORKFLOW,
                    ApplicationInput(application_id=application.id, applicant_iin=iin, language="ru",
                                     services=[ServiceOrder(code=CODE, answers=form)],
                                     submitted_on=date(2026, 11, 23),
                                     submitted_via=webhooks.submitted_via_agency(CLIENT)),
                    id=application_workflow_id(application.id), task_queue="record", result_type=ApplicationOutcome)
                await handle.result()
                named = [("agency-application", handle)]
                for n in (1, 2):
                    delivery = env.client.get_workflow_handle(delivery_workflow_id(application.id, n))
                    await delivery.result()
                    named.append((f"agency-webhook-delivery-{n}", delivery))
                for name, h in named:
                    path = HERE / f"{version}-{name}.json"
                    path.write_text((await h.fetch_history()).to_json())
                    print("wrote", path)
            await env.shutdown()
        finally:
            stack.stop_all()
            receiver.shutdown()


if __name__ == "__main__":
    import sys

    asyncio.run(record(sys.argv[1] if len(sys.argv) > 1 else "v2"))
