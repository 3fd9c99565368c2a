"""How much memory a worker needs while many TSA applications wait for the district commission.

    python -m bench.tsa_waiting [--workflows 1000] [--concurrency 20] [--database-url postgresql+psycopg://...]

Issue 13's figure: 1,000 targeted-social-assistance workflows open at once, each waiting for its
commission task, with a worker peak RSS of at most 1 GiB. A fresh system (Temporal dev server, mock
registries, one worker process; no portal: the workflows are started as the portal starts them, the
application stored first), then N applications of the Utemisovs (the demo family: consent by the
husband, then the commission, since the assistance is conditional), started C at a time. Each
consent is answered as the portal sends it (a signed update). The worker's RSS (with its children)
is sampled every 100 ms from the first start until every workflow has its commission task open, and
once more after 10 s of waiting. Prints the figures; never fails a build.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path

from sqlmodel import select
from temporalio.client import WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError
from temporalio.service import RPCError

from bench.database import fresh_database, kind
from bench.memory import Sampled
from onestop.temporal_client import connect
from services.tsa import CODE, SPEC
from store import repository
from store.engine import get_engine, read_scope, session_scope
from store.workbench import Task
from tests.support.signing import SigningHandle
from tests.support.stack import Stack
from workflows.human_tasks import CitizenAnswerInput, TaskState
from workflows.inputs import ServiceInput, ServiceOutcome, service_workflow_id

ZHANAR, SERIK = "880412400711", "850930300439"  # the Utemisovs (onestop/demo.py)
IBAN = "KZ456010000000000001"
GOAL_BYTES = 1 << 30
MIB = 1 << 20


def _store_applications(database_url: str, n: int, on: date) -> list[str]:
    form = SPEC.form.model_validate({"iban": IBAN}).model_dump(mode="json")
    ids = []
    with session_scope(get_engine(database_url)) as session:
        for _ in range(n):
            application, _ = repository.create_application(
                session, owner=ZHANAR, idempotency_key=str(uuid.uuid4()), request_hash="bench", applicant_iin=ZHANAR,
                submitted_via="portal", language="en", services=[(CODE, form, on)])
            ids.append(application.id)
    return ids


def _open_tasks(database_url: str, kind_: str) -> list[Task]:
    with read_scope(get_engine(database_url)) as session:
        return list(session.exec(select(Task).where(Task.kind == kind_, Task.status == "open")).all())


async def _run(stack: Stack, n: int, concurrency: int) -> dict[str, float]:
    from portal.applications.submission import today_in_kazakhstan

    settings = stack.settings
    client = await connect(settings)
    on = today_in_kazakhstan()
    ids = _store_applications(stack.database_url, n, on)
    form = SPEC.form.model_validate({"iban": IBAN}).model_dump(mode="json")
    gate = asyncio.Semaphore(concurrency)
    worker_pid = stack.processes["worker-1"].pid
    figures: dict[str, float] = {}

    async def start(application_id: str) -> None:
        async with gate:
            await client.start_workflow(
                SPEC.workflow, ServiceInput(application_id=application_id, service_code=CODE, applicant_iin=ZHANAR,
                                            language="en", answers=form, submitted_on=on),
                id=service_workflow_id(application_id, CODE), task_queue=settings.temporal_task_queue,
                result_type=ServiceOutcome)

    answered: set[str] = set()

    async def consent(task: Task) -> None:
        async with gate:
            handle = SigningHandle(client.get_workflow_handle(task.workflow_id), settings)
            try:
                await handle.execute_update("answer_citizen_task", CitizenAnswerInput(
                    task_id=task.id, iin=SERIK, outcome="agree"), result_type=TaskState)
            except (WorkflowUpdateRPCTimeoutOrCancelledError, RPCError):
                answered.discard(task.id)  # a worker busy with a thousand starts: asked again next round
            except WorkflowUpdateFailedError:
                pass  # an earlier try got through after all: the task is closed

    with Sampled({"worker": worker_pid, "temporal": stack.processes["temporal"].pid}) as sampled:
        began = time.monotonic()
        await asyncio.gather(*(start(i) for i in ids))
        figures["started_s"] = time.monotonic() - began
        print(f"  {n} started in {figures['started_s']:.1f} s", flush=True)
        waiting = 0
        last_print = 0.0
        while waiting < n:
            fresh = [t for t in await asyncio.to_thread(_open_tasks, stack.database_url, "tsa.consent")
                     if t.id not in answered]
            answered.update(t.id for t in fresh)
            await asyncio.gather(*(consent(t) for t in fresh))
            waiting = len(await asyncio.to_thread(_open_tasks, stack.database_url, "tsa.commission"))
            if time.monotonic() - last_print > 15:
                last_print = time.monotonic()
                print(f"  {time.monotonic() - began:6.0f} s: {len(answered)} consents answered, {waiting} waiting "
                      f"for the commission, worker RSS now {sampled.peak['worker'] / MIB:.0f} MiB peak", flush=True)
            await asyncio.sleep(1)
        figures["all_waiting_s"] = time.monotonic() - began
        await asyncio.sleep(10)
    figures["worker_peak"] = sampled.peak["worker"]
    figures["temporal_peak"] = sampled.peak["temporal"]
    figures["worker_cpu_s"] = sampled.cpu_seconds["worker"]
    return figures


def main(args: argparse.Namespace) -> int:
    load_before = os.getloadavg()[0]
    server_url = args.database_url or os.environ.get("ONESTOP_DATABASE_URL", "")
    with tempfile.TemporaryDirectory(prefix="onestop-bench-tsa-") as tmp, \
            fresh_database(server_url, Path(tmp)) as database_url:
        stack = Stack.configure(Path(tmp), database_url, log_level="WARNING")
        print(f"TSA waiting for the commission: {args.workflows} workflows, {args.concurrency} at a time, "
              f"database {kind(database_url)}, load average {load_before:.1f} before the start", flush=True)
        try:
            for name in ("temporal", "registries"):
                stack.start(name)
            stack.start("worker-1", "worker")
            figures = asyncio.run(_run(stack, args.workflows, args.concurrency))
        finally:
            stack.stop_all()
    peak = figures["worker_peak"]
    print(f"every workflow waiting for the commission after {figures['all_waiting_s']:.0f} s "
          f"(started in {figures['started_s']:.0f} s); worker CPU {figures['worker_cpu_s']:.0f} s")
    print(f"worker peak RSS {peak / MIB:.0f} MiB (goal <= 1024 MiB: {'PASS' if peak <= GOAL_BYTES else 'MISS'}); "
          f"Temporal dev server peak {figures['temporal_peak'] / MIB:.0f} MiB")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.tsa_waiting", description=__doc__.split("\n\n")[0])
    parser.add_argument("--workflows", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--database-url", default="")
    return parser


if __name__ == "__main__":
    raise SystemExit(main(_parser().parse_args()))
