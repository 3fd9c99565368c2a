"""The mock state registries: one FastAPI app, one router per registry, run by `onestop registries`."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import uvicorn
from fastapi import FastAPI

from connectors.mock.access import MockState, systems_for
from connectors.mock.knobs import KnobBoard
from connectors.mock.legal_entities import Businesses, generate_entities
from connectors.mock.problems import install_problem_handlers
from connectors.mock.livelihood import Livelihood
from connectors.mock.events import replay_events
from connectors.mock.routers import (admin, businesses, contracts, contributions, events, notifications,
                                     payments, population, property, social_payments, tax)
from connectors.mock.seed import Population, generate_population
from connectors.mock.store import RegistryStore
from onestop.settings import Settings

__all__ = ["create_app", "serve"]

log = logging.getLogger("onestop.registries")


def create_app(settings: Settings) -> FastAPI:
    people = Population(generate_population(settings.seed, settings.seed_persons))
    entities = Businesses(generate_entities(settings.seed, people))
    store = RegistryStore(settings.state_dir / "registries.db")

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        log.info("mock registries ready: %d persons, %d legal entities", len(people), len(entities))
        try:
            yield
        finally:
            store.close()

    app = FastAPI(title="onestop mock state registries", lifespan=lifespan)
    app.state.mock = MockState(settings=settings, population=people, businesses=entities,
                               livelihood=Livelihood(settings.seed, people, entities), store=store,
                               knobs=KnobBoard(), systems=systems_for(settings))
    install_problem_handlers(app)
    for router in (population.router, businesses.router, tax.router, contracts.router,
                   contributions.pensions, contributions.social_insurance, social_payments.router,
                   property.router, payments.router, events.router, notifications.router, admin.router):
        app.include_router(router)
    replayed = replay_events(app.state.mock)
    if replayed:
        log.info("mock registries: %d registry events replayed", replayed)
    return app


def serve(settings: Settings) -> None:
    # log_config=None keeps the process's logging (which masks IINs in paths); uvicorn's own
    # config would print request lines with IINs in them.
    uvicorn.run(create_app(settings), host=settings.host, port=settings.registries_port,
                log_config=None, access_log=False, log_level=settings.log_level.lower())
