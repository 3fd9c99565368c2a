"""The mock state registries: one FastAPI app, one router per registry, run by `onestop registries`."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import uvicorn
from fastapi import FastAPI
from starlette.middleware.trustedhost import TrustedHostMiddleware

from connectors.mock.access import MockState, systems_for
from connectors.mock.admin_token import admin_token
from connectors.mock.knobs import KnobBoard
from connectors.mock.problems import install_problem_handlers
from connectors.mock.routers import admin, businesses, notifications, population, tax
from connectors.mock.seed import Population, generate_population
from connectors.mock.store import RegistryStore
from onestop.settings import Settings

__all__ = ["create_app", "serve"]

log = logging.getLogger("onestop.registries")


def create_app(settings: Settings) -> FastAPI:
    settings.require_development("the mock registries")  # synthetic people, knobs that make outages
    people = Population(generate_population(settings.seed, settings.seed_persons))
    store = RegistryStore(settings.state_dir / "registries.db")

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        log.info("mock registries ready: %d persons", len(people))
        try:
            yield
        finally:
            store.close()

    app = FastAPI(title="onestop mock state registries", lifespan=lifespan)
    app.state.mock = MockState(settings=settings, population=people, store=store,
                               knobs=KnobBoard(), systems=systems_for(settings))
    install_problem_handlers(app)
    for module in (population, businesses, tax, notifications, admin):
        app.include_router(module.router)
    if settings.is_development:  # never anywhere else (create_app refuses other environments anyway)
        app.state.admin_token = admin_token(settings.registries_admin_token, settings.state_dir)
        app.include_router(admin.admin_router)
    # Only the names this service is called by: a page that rebinds its own name to this
    # machine's address cannot reach it from a developer's browser.
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=sorted(trusted_hosts(settings)))
    return app


def trusted_hosts(settings: Settings) -> set[str]:
    names = {"127.0.0.1", "localhost", "::1", "[::1]", settings.host}
    if hostname := urlsplit(settings.registries_url).hostname:
        names.add(hostname)
    return names


def serve(settings: Settings) -> None:
    # log_config=None keeps the process's logging (which masks IINs in paths); uvicorn's own
    # config would print request lines with IINs in them.
    uvicorn.run(create_app(settings), host=settings.host, port=settings.registries_port,
                log_config=None, access_log=False, log_level=settings.log_level.lower())
