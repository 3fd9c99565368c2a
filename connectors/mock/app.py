"""The mock state registries: one FastAPI app, one router per registry, run by `onestop registries`."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import uvicorn
from fastapi import FastAPI

from connectors.mock.access import MockState, systems_for
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
    return app


def serve(settings: Settings) -> None:
    # log_config=None keeps the process's logging (which masks IINs in paths); uvicorn's own
    # config would print request lines with IINs in them.
    uvicorn.run(create_app(settings), host=settings.host, port=settings.registries_port,
                log_config=None, access_log=False, log_level=settings.log_level.lower())
