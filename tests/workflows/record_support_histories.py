"""Record a support-measure history for the replay test: `python -m tests.workflows.record_support_histories v5`.

A registered job seeker's application for social jobs, refused by the career centre. Run on the code before
the `support-registry-facts` patch (v5: only the person and the businesses registry read) and after it
(v6: family, social payments, contracts, education and special records read too): both must replay on today's code.
"""

from __future__ import annotations

import asyncio
from datetime import date

from services import support_measure
from tests.labour.people import out_of_work
from tests.support.workflows import RECORD_QUEUE, recording_stack, write_history
from tests.workflows.test_labour_services import answers_of, start
from tests.workflows.test_support_measure import _decide
from workflows.inputs import service_workflow_id


async def record(version: str) -> None:
    async with recording_stack() as (env, stack):
        application_id, handle = await start(
            env, RECORD_QUEUE, stack.settings, out_of_work(),
            [(support_measure.CODE, answers_of(support_measure.SPEC, measure="social_jobs"))], on=date(2026, 12, 2))
        await _decide(env, stack.settings, application_id, "refuse", "conditions_not_met")
        await handle.result()
        await write_history(env.client.get_workflow_handle(service_workflow_id(application_id, support_measure.CODE)),
                            f"{version}-support-refused-support-measure")


if __name__ == "__main__":
    import sys

    asyncio.run(record(sys.argv[1] if len(sys.argv) > 1 else "v6"))
