"""Record workflow histories for the replay test: `python -m tests.workflows.record_histories`.

Run it when a workflow change is released, and keep the old files: the replay test proves
that runs started by every recorded version still replay on today's code.
"""

from __future__ import annotations

import asyncio
from datetime import date

from tests.support.citizens import next_citizen
from tests.support.workflows import CODE, RECORD_QUEUE, recording, start_application, write_history
from workflows.inputs import service_workflow_id

CASES = {"completed": None, "refused-minor": "100505500009"}
FORM = {"activity_code": "tutoring", "regime": "self-employed", "expected_monthly_income": "250000.00",
        "phone": "+77011112233", "language": "ru", "activity_address": None, "email": None}


async def record(version: str) -> None:
    async with recording() as (env, database_url):
        for case, iin in CASES.items():
            application_id, handle = await start_application(
                env, database_url, RECORD_QUEUE, iin=iin or next_citizen(), form=FORM,
                submitted_on=date(2026, 11, 23), language="ru")
            await handle.result()
            await write_history(handle, f"{version}-{case}-application")
            await write_history(env.client.get_workflow_handle(service_workflow_id(application_id, CODE)),
                                f"{version}-{case}-self-employed")


if __name__ == "__main__":
    import sys

    asyncio.run(record(sys.argv[1] if len(sys.argv) > 1 else "v1"))
