"""The mock state registries: one FastAPI app, one router per registry, run by `onestop registries`.

| registry (knob name) | routes | connector |
|---|---|---|
| population | GET /population/persons/{iin}[/family] | connectors.population |
| businesses | GET /businesses/entities/{bin or IIN}[/heads/{iin}], /businesses/persons/{iin}/headed, /businesses/entrepreneurs/{iin}; POST /businesses/notifications | connectors.businesses |
| tax | GET, POST /tax/registrations | connectors.tax |
| contracts | GET /contracts/persons/{iin} | connectors.contracts |
| pensions, social_insurance | GET /pensions/persons/{iin}/contributions, /social-insurance/persons/{iin}/contributions ?from=YYYY-MM&to=YYYY-MM | connectors.contributions |
| social_payments | GET /social-payments/persons/{iin}?from&to | connectors.social_payments |
| property | GET /property/persons/{iin} | connectors.property |
| education | GET /education/persons/{iin} | connectors.education |
| special_records | GET /special-records/persons/{iin}/releases | connectors.special_records |
| payments | POST /payments (Idempotency-Key), GET /payments/{id}, GET /payments?beneficiary_iin= | connectors.payments |
| events | GET /events?after=<cursor> | connectors.events |
| notifications | POST /notifications, GET /notifications/outbox | connectors.notifications |

Every registry route passes the same gate: the fault knobs (`PUT /_admin/knobs/{registry}`
with latency_ms, error_rate, outage), the calling system's key and grant, and the purpose
headers. Admin routes for tests and demos: /_admin/knobs, /_admin/persons, /_admin/businesses,
/_admin/access-log, and POST /_admin/events (a change in the registries, published on the feed).
"""  # noqa: E501  (a Markdown table's rows do not wrap)

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from urllib.parse import urlsplit

import uvicorn
from fastapi import FastAPI
from starlette.middleware.trustedhost import TrustedHostMiddleware

from connectors.mock.access import MockState, systems_for
from connectors.mock.admin_token import admin_token
from connectors.mock.events import replay_events
from connectors.mock.knobs import KnobBoard
from connectors.mock.legal_entities import Businesses, generate_entities
from connectors.mock.livelihood import Livelihood
from connectors.mock.problems import install_problem_handlers
from connectors.mock.routers import (
    admin,
    businesses,
    contracts,
    contributions,
    education,
    events,
    notifications,
    payments,
    population,
    property,
    social_payments,
    special_records,
    tax,
)
from connectors.mock.seed import Population, generate_population
from connectors.mock.store import RegistryStore
from onestop.settings import Settings

__all__ = ["create_app", "serve"]

log = logging.getLogger("onestop.registries")


def create_app(settings: Settings) -> FastAPI:
    settings.require_development("the mock registries")  # synthetic people, knobs that make outages
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
                   property.router, payments.router, events.router, notifications.router, education.router,
                   special_records.router, admin.router):
        app.include_router(router)
    if settings.is_development:  # never anywhere else (create_app refuses other environments anyway)
        app.state.admin_token = admin_token(settings.registries_admin_token, settings.state_dir)
        app.include_router(admin.admin_router)
        app.include_router(events.admin_router)
    # Only the names this service is called by: a page that rebinds its own name to this
    # machine's address cannot reach it from a developer's browser.
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=sorted(trusted_hosts(settings)))
    replayed = replay_events(app.state.mock)
    if replayed:
        log.info("mock registries: %d registry events replayed", replayed)
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
