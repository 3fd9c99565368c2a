"""A Temporal worker: every workflow and activity of onestop on one task queue.

Several workers may run at once (`onestop up --workers N`, or one per machine); Temporal
spreads the work between them, and a worker that dies mid-activity has its work retried
elsewhere once the activity's timeout passes.
"""

from __future__ import annotations

import asyncio
import importlib
import logging
import re
import signal
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from typing import Any

from temporalio import activity
from temporalio.client import Client
from temporalio.exceptions import WorkflowAlreadyStartedError
from temporalio.worker import ActivityInboundInterceptor, ExecuteActivityInput, Interceptor, Worker

from connectors import registry_activities
from connectors.webhooks import WebhookActivities
from documents.activities import DocumentActivities
from documents.signer import DocumentSigner
from onestop import action_signing
from onestop.action_signing import signer_for
from onestop.heap import freeze_startup_heap
from onestop.logs import application_id_var
from onestop.schedules import ensure_schedules
from onestop.settings import Settings
from onestop.temporal_client import connect
from services.catalogue import CATALOGUE
from services.policy_activities import PolicyActivities
from store.activities import ReadModelActivities
from store.appeals import AppealActivities
from store.engine import get_engine
from store.labour_activities import LabourExchangeActivities
from store.tasks import TaskActivities
from store.vacancy_activities import VacancyActivities
from workflows.appeal import AppealWorkflow
from workflows.application import ApplicationWorkflow
from workflows.events_poller import EVENTS_POLLER_ID, EVENTS_POLLER_WORKFLOW, PollerInput, RegistryEventsPoller
from workflows.vacancy_archive import VacancyArchiveWorkflow
from workflows.webhooks import WebhookDeliveryWorkflow

log = logging.getLogger("onestop.worker")



def _imported(target: str) -> Any:
    """The object a spec names as "module:attribute"."""
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)


def service_workflows() -> list[type]:
    return [_imported(spec.workflow_class) for spec in CATALOGUE.values() if spec.workflow_class]


def service_activities() -> list[Any]:
    """Every service's own activities (its policies), each object built once."""
    return [activity for spec in CATALOGUE.values() for target in spec.activities
            for activity in _imported(target)().all()]


# The catalogue's services, then what every application uses.
WORKFLOWS = [*service_workflows(), ApplicationWorkflow, WebhookDeliveryWorkflow, AppealWorkflow, RegistryEventsPoller,
             VacancyArchiveWorkflow]

_APPLICATION_ID = re.compile(r"^application-([0-9a-f-]{36})")


class _ApplicationIdInLogs(ActivityInboundInterceptor):
    async def execute_activity(self, input: ExecuteActivityInput) -> Any:
        found = _APPLICATION_ID.match(activity.info().workflow_id or "")
        application_id_var.set(found.group(1) if found else "-")
        return await super().execute_activity(input)


class ApplicationIdInterceptor(Interceptor):
    """Every log line of an activity names the application it works for."""

    def intercept_activity(self, next: ActivityInboundInterceptor) -> ActivityInboundInterceptor:
        return _ApplicationIdInLogs(next)


def worker_activities(settings: Settings, registries: list[Callable[..., Any]],
                      webhooks: WebhookActivities) -> list[Callable[..., Any]]:
    """Every activity a worker runs: the registries' (async) and the rest, each run in the worker's
    thread pool (onestop/thread_activity.py)."""
    engine = get_engine(settings.database_url)
    read_model = ReadModelActivities(engine)
    documents = DocumentActivities(engine, DocumentSigner(settings.keys_dir), settings.portal_public_url)
    return [
        *registries,
        read_model.record_event, read_model.set_service_status, read_model.set_application_status,
        read_model.grant_standing_status, read_model.standing_status, read_model.decided_services_of,
        *TaskActivities(engine).all(),
        *VacancyActivities(engine).all(),
        *LabourExchangeActivities(engine).all(),
        *AppealActivities(engine).all(),
        documents.issue_certificate,
        *PolicyActivities().all(),
        *service_activities(),
        *webhooks.all(),
    ]


@asynccontextmanager
async def build_worker(client: Client, settings: Settings, task_queue: str | None = None) -> AsyncIterator[Worker]:
    """A configured worker and the resources it owns (HTTP client, thread pool), closed on exit."""
    action_signing.install(signer_for(settings))  # what the update validators check the portal's signatures with
    registries = registry_activities(settings)
    webhooks = WebhookActivities(get_engine(settings.database_url), settings=settings)
    executor = ThreadPoolExecutor(max_workers=settings.worker_activity_threads, thread_name_prefix="activity")
    activities = worker_activities(settings, registries, webhooks)
    try:
        yield Worker(
            client,
            task_queue=task_queue or settings.temporal_task_queue,
            workflows=WORKFLOWS,
            activities=activities,
            activity_executor=executor,
            max_concurrent_activities=settings.worker_activity_threads,
            interceptors=[ApplicationIdInterceptor()],
        )
    finally:
        executor.shutdown(wait=False, cancel_futures=True)
        webhooks.close()
        close = getattr(registries, "aclose", None)
        if close is not None:
            await close()


async def checkpoint_audit_chain(settings: Settings, stop: asyncio.Event) -> None:
    """Every audit_checkpoint_minutes, sign the audit chain's head (several workers each write
    one: more checkpoints only narrow what a deleted tail could hide)."""
    from onestop.audit_cli import write_audit_checkpoint

    period = settings.audit_checkpoint_minutes * 60
    while period > 0 and not stop.is_set():
        try:
            await asyncio.wait_for(stop.wait(), timeout=period)
        except TimeoutError:
            try:
                await asyncio.to_thread(write_audit_checkpoint, settings, _LogLines(log))
            except Exception:  # the next period tries again; the worker's work goes on  # noqa: BLE001
                log.exception("audit checkpoint failed")


class _LogLines:
    """A text stream into the worker's log."""

    def __init__(self, logger: logging.Logger) -> None:
        self._logger = logger

    def write(self, text: str) -> int:
        if text.strip():
            self._logger.info(text.strip())
        return len(text)

    def flush(self) -> None:
        pass


async def ensure_events_poller(client: Client, settings: Settings) -> None:
    """The registries' events poller runs once per cluster: every worker asks, Temporal keeps one."""
    if settings.events_poll_seconds <= 0:
        return
    try:
        await client.start_workflow(
            EVENTS_POLLER_WORKFLOW, PollerInput(interval_seconds=settings.events_poll_seconds),
            id=EVENTS_POLLER_ID, task_queue=settings.temporal_task_queue)
        log.info("registry events poller started")
    except WorkflowAlreadyStartedError:
        pass


async def run_worker(settings: Settings) -> None:
    client = await connect(settings)
    await ensure_events_poller(client, settings)
    await ensure_schedules(client, settings)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    async with build_worker(client, settings) as worker:
        freeze_startup_heap()
        log.info("worker polling task queue %s at %s", settings.temporal_task_queue, settings.temporal_address)
        checkpoints = asyncio.create_task(checkpoint_audit_chain(settings, stop))
        async with worker:
            await stop.wait()
        await checkpoints
        log.info("worker stopped")
