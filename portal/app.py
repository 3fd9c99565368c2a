"""The portal: /api/v1 for citizens and other systems, web pages, health checks."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

from fastapi import APIRouter, FastAPI

from connectors.base import RegistryClient
from documents.signer import DocumentKeys
from onestop.action_signing import signer_for
from onestop.audit_mac import mac_key_for
from onestop.heap import freeze_startup_heap
from onestop.settings import Settings, get_settings
from onestop.webhook_secrets import secrets_for
from portal.api import (
    agency,
    appeals,
    applications,
    audit,
    catalogue,
    data_access,
    documents,
    health,
    labour,
    labour_exchange,
    labour_guidance,
    my_tasks,
    profile,
    tasks,
    vacancy_bulk,
)
from portal.applications.sweeper import sweep_forever
from portal.audit_pseudonyms import pseudonyms_for
from portal.auth import install_sessions, login_router
from portal.auth.officer_directory import OfficerDirectory
from portal.errors import install_error_handlers
from portal.labour.bulk import BULK_PATH
from portal.limits import BodySizeLimit, JsonDepthLimit
from portal.openapi import contract_openapi
from portal.quotas import LongPolls
from portal.security_headers import SecurityHeaders
from portal.timing import ServerTiming
from portal.workflows_gateway import WorkflowsGateway
from store import audit as audit_chain
from store.engine import async_reader, get_engine


def create_app(settings: Settings | None = None, *, sweep: bool = True) -> FastAPI:
    settings = settings or get_settings()

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.registries = RegistryClient(settings)
        freeze_startup_heap()
        sweeper = asyncio.create_task(sweep_forever(app.state.engine, app.state.workflows)) if sweep else None
        try:
            yield
        finally:
            if sweeper:
                sweeper.cancel()
            await app.state.workflows.drain()
            await app.state.registries.aclose()
            if app.state.reader is not None:
                await app.state.reader.dispose()

    app = FastAPI(title="onestop", version="1", lifespan=lifespan,
                  description="One window for public services: apply once, follow every step, "
                              "download signed certificates.")
    app.state.settings = settings
    app.state.engine = get_engine(settings.database_url)
    app.state.reader = async_reader(settings.database_url)  # PostgreSQL: reads wait on the event loop
    app.state.officer_directory = OfficerDirectory(app.state.engine)
    app.state.workflows = WorkflowsGateway(settings)
    app.state.long_polls = LongPolls()
    app.state.pseudonyms = pseudonyms_for(settings)
    app.state.webhook_secrets = secrets_for(settings)
    app.state.document_keys = DocumentKeys(settings.keys_dir)  # public only: the workers sign
    app.state.action_signer = signer_for(settings)
    audit_chain.install_mac_key(mac_key_for(settings))  # no key, no start: not a failure at the first audited call

    api = APIRouter(prefix="/api/v1")
    for module in (catalogue, profile, applications, appeals, documents, agency, tasks, audit, data_access,
                   my_tasks, labour, labour_exchange, labour_guidance, vacancy_bulk):
        api.include_router(module.router)
    app.include_router(api)
    app.include_router(health.router)
    app.include_router(login_router(settings))
    with contextlib.suppress(ImportError):
        from portal.labour.employer_pages import router as employer_pages_router
        from portal.labour.exchange_pages import router as exchange_pages_router
        from portal.labour.pages import router as labour_pages_router
        from portal.pages import router as pages_router

        app.include_router(pages_router)
        app.include_router(labour_pages_router)
        app.include_router(employer_pages_router)
        app.include_router(exchange_pages_router)

    app.openapi = contract_openapi(app)  # type: ignore[method-assign]
    install_error_handlers(app)
    install_sessions(app, settings)
    app.add_middleware(JsonDepthLimit)  # inside the size limit: it reads only bodies already bounded
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes,
                       larger={BULK_PATH: settings.max_bulk_body_bytes})
    app.add_middleware(SecurityHeaders, identity_provider=settings.issuer_url)
    if settings.server_timing:
        app.add_middleware(ServerTiming)  # outermost: the whole of the application's time
    return app


def serve(settings: Settings) -> int:
    """Serve the portal until stopped; the exit code."""
    if settings.portal_processes > 1:
        from portal.processes import serve_processes

        return serve_processes(settings)
    import uvicorn

    uvicorn.run(create_app(settings), host=settings.host, port=settings.portal_port, log_level="warning",
                access_log=False)
    return 0
