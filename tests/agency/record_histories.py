"""Record histories of an agency's application and its webhook deliveries for the replay test.

    .venv/bin/python -m tests.agency.record_histories [version]

Writes tests/workflows/histories/<version>-agency-*.json, which tests/workflows/test_replay.py
replays with the rest: the "agency-webhooks" patch of ApplicationWorkflow and the
WebhookDelivery workflow are then covered against later changes.
"""

from __future__ import annotations

import asyncio
import os
from datetime import date

from portal.agency.signatures import new_secret
from store import webhooks
from store.engine import get_engine, session_scope
from tests.support.citizens import next_citizen
from tests.support.receiver import FlakyReceiver, sealed
from tests.support.workflows import RECORD_QUEUE, recording, start_application, write_history
from workflows.webhooks import delivery_workflow_id

CLIENT = "akimat-astana"
FORM = {"activity_code": "tutoring", "regime": "self-employed", "expected_monthly_income": "250000.00",
        "phone": "+77011112233", "language": "ru", "activity_address": None, "email": None}


async def record(version: str) -> None:
    # the worker's webhook client refuses loopback unless told the receiver's host is allowed
    os.environ.setdefault("ONESTOP_WEBHOOK_ALLOWED_HOSTS", "localhost")
    with FlakyReceiver(failures=0) as receiver:
        async with recording() as (env, database_url):
            with session_scope(get_engine(database_url)) as session:
                webhooks.register_subscription(session, CLIENT, receiver.url, sealed(CLIENT, new_secret()))
            application_id, handle = await start_application(
                env, database_url, RECORD_QUEUE, iin=next_citizen(), owner=CLIENT, form=FORM,
                submitted_on=date(2026, 11, 23), language="ru", submitted_via=webhooks.submitted_via_agency(CLIENT))
            await handle.result()
            await write_history(handle, f"{version}-agency-application")
            for n in (1, 2):
                delivery = env.client.get_workflow_handle(delivery_workflow_id(application_id, n))
                await delivery.result()
                await write_history(delivery, f"{version}-agency-webhook-delivery-{n}")


if __name__ == "__main__":
    import sys

    asyncio.run(record(sys.argv[1] if len(sys.argv) > 1 else "v2"))
