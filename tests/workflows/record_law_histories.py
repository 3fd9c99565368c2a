"""Record the self-employed histories of the law's wiring (issue 12) for the replay test:
`python -m tests.workflows.record_law_histories`.

A simplified declaration with a declared income, and an active entrepreneur's change of regime:
the paths the `self-employed-law-2026` patch added.
"""

from __future__ import annotations

import asyncio
from datetime import date

from tests.support.citizens import next_citizen
from tests.support.workflows import CODE, RECORD_QUEUE, recording, start_application, write_history
from workflows.inputs import service_workflow_id

ENTREPRENEUR = "900101400013"  # the demo's active entrepreneur
FORM = {"activity_code": "tutoring", "regime": "simplified-declaration", "expected_monthly_income": "300000.00",
        "declared_monthly_income": "150000.00", "phone": "+77011112233", "language": "ru",
        "activity_address": None, "email": None}


async def record(version: str) -> None:
    async with recording() as (env, database_url):
        for case, iin in {"law-declared-income": None, "law-regime-change": ENTREPRENEUR}.items():
            application_id, handle = await start_application(
                env, database_url, RECORD_QUEUE, iin=iin or next_citizen(), form=FORM,
                submitted_on=date(2026, 12, 2), language="ru")
            await handle.result()
            await write_history(env.client.get_workflow_handle(service_workflow_id(application_id, CODE)),
                                f"{version}-{case}-self-employed")


if __name__ == "__main__":
    import sys

    asyncio.run(record(sys.argv[1] if len(sys.argv) > 1 else "v4"))
