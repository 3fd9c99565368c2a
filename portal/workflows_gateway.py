"""How the portal starts applications and appeals on Temporal: by workflow name and input model only.

The portal never imports an activity's implementation; it names the workflow. Starting is
idempotent: the workflow id is the application's (or the appeal's), so a repeated start is refused.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import date

from temporalio.client import Client
from temporalio.common import WorkflowIDReusePolicy
from temporalio.exceptions import WorkflowAlreadyStartedError
from temporalio.service import RPCError, RPCStatusCode

from onestop.settings import Settings
from onestop.temporal_client import connect
from workflows.appeal import APPEAL_WORKFLOW, AppealInput
from workflows.inputs import APPLICATION_WORKFLOW, ApplicationInput, ServiceOrder, application_workflow_id

log = logging.getLogger("onestop.portal")


class WorkflowsGateway:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._client: Client | None = None
        self._lock = asyncio.Lock()
        self._starting: set[asyncio.Task[None]] = set()

    async def client(self) -> Client:
        if self._client is None:
            async with self._lock:
                if self._client is None:
                    self._client = await connect(self.settings)
        return self._client

    async def start_application(self, application_id: str, applicant_iin: str, language: str,
                                services: list[tuple[str, dict]], submitted_on: date,
                                submitted_via: str = "portal", contact: dict[str, str] | None = None) -> None:
        client = await self.client()
        payload = ApplicationInput(
            application_id=application_id, applicant_iin=applicant_iin, language=language,
            services=[ServiceOrder(code=code, answers=answers) for code, answers in services],
            submitted_on=submitted_on, submitted_via=submitted_via, contact=contact)
        try:
            await client.start_workflow(
                APPLICATION_WORKFLOW, payload, id=application_workflow_id(application_id),
                task_queue=self.settings.temporal_task_queue,
                id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE)
        except WorkflowAlreadyStartedError:
            log.info("application workflow already started")

    async def start_appeal(self, input: AppealInput, workflow_id: str) -> None:
        """Start the review of a filed appeal; raises when Temporal cannot take it."""
        client = await self.client()
        await client.start_workflow(APPEAL_WORKFLOW, input, id=workflow_id,
                                    task_queue=self.settings.temporal_task_queue,
                                    id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE)

    def start_soon(self, application_id: str, applicant_iin: str, language: str,
                   services: list[tuple[str, dict]], submitted_on: date,
                   contact: dict[str, str] | None = None) -> None:
        """Start in the background; a failure is logged and left to the sweeper."""
        task = asyncio.create_task(self.start_application(application_id, applicant_iin, language, services,
                                                          submitted_on, contact=contact))
        self._starting.add(task)
        task.add_done_callback(self._started)

    def _started(self, task: asyncio.Task[None]) -> None:
        self._starting.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.warning("workflow start failed; the sweeper will retry: %s", task.exception())

    async def drain(self) -> None:
        """Let starts under way finish (on shutdown)."""
        if self._starting:
            await asyncio.gather(*self._starting, return_exceptions=True)

    async def wait_finished(self, application_id: str, timeout: float) -> None:
        """Hold until the application's workflow closes, or the timeout: Temporal long-polls for us."""
        client = await self.client()
        handle = client.get_workflow_handle(application_workflow_id(application_id))
        deadline = asyncio.get_running_loop().time() + timeout
        while (remaining := deadline - asyncio.get_running_loop().time()) > 0:
            try:
                await asyncio.wait_for(handle.result(), remaining)
                return
            except RPCError as error:
                if error.status != RPCStatusCode.NOT_FOUND:
                    return
                # Stored, its start still under way (start_soon, or the sweeper's): wait for it to exist.
                await asyncio.sleep(min(0.2, max(remaining, 0)))
            except Exception:  # timed out or failed: the caller reads the status either way  # noqa: BLE001
                return

    async def healthy(self) -> bool:
        try:
            client = await asyncio.wait_for(self.client(), 2.0)
            return await asyncio.wait_for(client.service_client.check_health(), 2.0)
        except Exception:  # readiness: any failure means not ready
            return False
