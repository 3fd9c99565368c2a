"""A webhook may only point at a public address: refused at registration (through HTTP) and again
as the worker connects, before any packet leaves for a loopback, private or metadata address."""

from __future__ import annotations

import json
import secrets
import socket
import threading
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, date, datetime
from typing import Any

import httpx
import pytest
from sqlmodel import select
from temporalio.exceptions import ApplicationError
from temporalio.testing import ActivityEnvironment

from connectors.egress import DestinationRefused, Destinations, GuardedTransport
from connectors.webhooks import (
    DESTINATION_REFUSED,
    DeliverInput,
    WebhookActivities,
    WebhookEventInput,
    webhook_destinations,
)
from onestop.settings import SECRET_FIELDS, Settings
from policies.iin import complete
from portal.agency.signatures import new_secret
from store import repository, webhooks
from store.engine import get_engine, session_scope
from store.workbench import WebhookSubscription
from tests.support.api import client_as
from tests.support.processes import free_port, start, stop, wait_http
from tests.support.receiver import FlakyReceiver, sealed
from tests.support.stack import Stack

PROBLEM = "application/problem+json"
AGENCY_API = "/api/v1/agency"
AKIMAT = "akimat-astana"


class Listener:
    """A TCP port on loopback that counts the connections it is offered (it should be offered none)."""

    def __init__(self) -> None:
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(8)
        self.socket.settimeout(0.2)
        self.port = self.socket.getsockname()[1]
        self.connections = 0
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while not self.stopped.is_set():
            try:
                conn, _ = self.socket.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self.stopped.set()
        self.thread.join(2)
        self.socket.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    listening = Listener()
    try:
        yield listening
    finally:
        listening.close()


@pytest.fixture
async def akimat(healthy_stack: Stack) -> AsyncIterator[httpx.AsyncClient]:
    async with await client_as(healthy_stack, AGENCY_API, client=AKIMAT) as client:
        yield client


def subscribed_url(stack: Stack, client_id: str) -> str | None:
    with session_scope(get_engine(stack.database_url)) as session:
        row = session.exec(select(WebhookSubscription).where(WebhookSubscription.client_id == client_id)).first()
        return row.url if row else None


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:{port}/hook",  # loopback
    "http://169.254.169.254/latest/meta-data/",  # the cloud metadata address
    "http://167772161/hook",  # a name (not an IP literal) that resolves to 10.0.0.1
    "http://0xa.0.0.1/hook",  # another spelling that resolves to 10.0.0.1
    "http://[::1]:{port}/hook",  # IPv6 loopback
    "http://[::ffff:127.0.0.1]:{port}/hook",  # loopback inside an IPv4-mapped address
    "http://224.0.0.1/hook",  # multicast
])
async def test_registration_refuses_a_non_public_address_and_sends_nothing(
        healthy_stack: Stack, akimat: httpx.AsyncClient, listener: Listener, url: str) -> None:
    before = subscribed_url(healthy_stack, AKIMAT)
    target = url.format(port=listener.port)
    refused = await akimat.put("/webhook", json={"url": target})
    assert refused.status_code == 422, refused.text
    assert refused.headers["content-type"].startswith(PROBLEM)
    problem = refused.json()
    assert problem["field"] == "url" and problem["type"].endswith("/webhook-url-refused")
    assert "10.0.0.1" not in refused.text and "169.254" not in problem["detail"]  # the answer maps nothing
    assert subscribed_url(healthy_stack, AKIMAT) == before  # nothing stored
    assert listener.connections == 0


async def test_webhooks_need_the_manage_scope(healthy_stack: Stack) -> None:
    async with await client_as(healthy_stack, AGENCY_API, client="career-centre-almaty") as career_centre:
        with FlakyReceiver(failures=0) as receiver:
            refused = await career_centre.put("/webhook", json={"url": receiver.url})
        assert refused.status_code == 403 and "webhooks:manage" in refused.json()["detail"]
        assert (await career_centre.get("/webhook/deliveries")).status_code == 403
    assert subscribed_url(healthy_stack, "career-centre-almaty") is None


async def test_a_client_held_to_its_own_hosts(healthy_stack: Stack, tmp_path: Any) -> None:
    """With a per-client list, even a host allowed anyway is refused if it is not on the client's list."""
    port = free_port()
    env = {**healthy_stack.env, "ONESTOP_PORTAL_PORT": str(port),
           "ONESTOP_WEBHOOK_CLIENT_HOSTS": json.dumps({AKIMAT: [".akimat.example.kz"]})}
    portal = start(["portal"], env, healthy_stack.log("portal-client-hosts"))
    try:
        wait_http(f"http://127.0.0.1:{port}/healthz", 60, portal)
        async with await client_as(healthy_stack, AGENCY_API, client=AKIMAT) as unrestricted:
            token = unrestricted.headers["authorization"]
            with FlakyReceiver(failures=0) as receiver:
                async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}{AGENCY_API}", timeout=30,
                                             headers={"authorization": token, "accept-language": "en"}) as akimat:
                    refused = await akimat.put("/webhook", json={"url": receiver.url})
                    assert refused.status_code == 422 and refused.json()["field"] == "url"
                    assert "allowed for this client" in refused.json()["detail"]
                # the same URL from the portal without the list: allowed (the test host is allowed anyway)
                assert (await unrestricted.put("/webhook", json={"url": receiver.url})).status_code == 200
    finally:
        stop(portal)


def test_https_only_outside_development() -> None:
    production = Destinations(require_https=True)
    with pytest.raises(DestinationRefused, match="https"):
        production.check_url("http://hooks.example.kz/x")
    assert webhook_destinations(Settings(environment="development")).require_https is False
    strong: dict[str, Any] = {name: secrets.token_hex(32) for name in SECRET_FIELDS}
    assert webhook_destinations(Settings(_env_file=None, environment="production",
                                         **strong)).require_https is True


def test_a_name_that_turns_private_after_registration_is_refused_at_connect(listener: Listener) -> None:
    """DNS rebinding: public when registered, loopback when the worker connects. The transport's own
    resolution is checked, and the address it checked is the one it would connect to."""
    answers = iter([[(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", 80))],
                    [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", listener.port))]])
    destinations = Destinations(require_https=False, resolver=lambda *args: next(answers))
    assert destinations.check_url(f"http://rebinding.example:{listener.port}/x")
    with httpx.Client(transport=GuardedTransport(destinations)) as client:
        with pytest.raises(DestinationRefused, match="not public"):
            client.post(f"http://rebinding.example:{listener.port}/x", content=b"{}")
    assert listener.connections == 0


def _stored_application(session: Any, client_id: str) -> str:
    application, _ = repository.create_application(
        session, owner=client_id, idempotency_key=str(uuid.uuid4()), request_hash="h",
        applicant_iin=complete("85071530012") or "850715300122",
        submitted_via=webhooks.submitted_via_agency(client_id), language="en",
        services=[("self-employed-registration", {}, date(2026, 12, 1))])
    return application.id


@pytest.fixture
def stored_subscription(database_url: str, listener: Listener) -> Iterator[tuple[str, str]]:
    """A subscription to loopback written straight into the database, as if registration had been fooled."""
    client_id = f"test-client-{uuid.uuid4().hex[:8]}"
    engine = get_engine(database_url)
    with session_scope(engine) as session:
        application_id = _stored_application(session, client_id)
        webhooks.register_subscription(session, client_id, f"http://127.0.0.1:{listener.port}/hook",
                                       sealed(client_id, new_secret()))
    yield client_id, application_id


def test_the_worker_refuses_a_stored_internal_address_before_connecting(
        database_url: str, listener: Listener, stored_subscription: tuple[str, str]) -> None:
    client_id, application_id = stored_subscription
    engine = get_engine(database_url)
    activities = WebhookActivities(engine, settings=Settings(database_url=database_url))  # the guarded client
    env = ActivityEnvironment()
    event = WebhookEventInput(event_id=f"{application_id}:completed:2", client_id=client_id,
                              application_id=application_id, status="completed",
                              occurred_at=datetime(2026, 11, 23, 10, tzinfo=UTC))
    try:
        env.run(activities.prepare, event)
        with pytest.raises(ApplicationError) as raised:
            env.run(activities.deliver, DeliverInput(event_id=event.event_id))
    finally:
        activities.close()
    assert raised.value.type == DESTINATION_REFUSED and raised.value.non_retryable
    assert listener.connections == 0
    with session_scope(engine) as session:
        delivery = webhooks.delivery_by_event(session, event.event_id)
        assert delivery is not None and delivery.last_status_code is None
        assert delivery.last_error and "127.0.0.1" not in delivery.last_error
        assert str(listener.port) not in delivery.last_error


def test_a_failed_connection_is_recorded_without_its_internals(database_url: str) -> None:
    """A refused port and a closed one read the same: the list is no port scanner."""
    client_id = f"test-client-{uuid.uuid4().hex[:8]}"
    engine = get_engine(database_url)
    with session_scope(engine) as session:
        application_id = _stored_application(session, client_id)
        webhooks.register_subscription(session, client_id, "http://hooks.example.kz/x", sealed(client_id, new_secret()))

    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("[Errno 111] Connection refused to internal-db.svc:5432", request=request)

    activities = WebhookActivities(engine, httpx.Client(transport=httpx.MockTransport(refuse)))
    event = WebhookEventInput(event_id=f"{application_id}:completed:2", client_id=client_id,
                              application_id=application_id, status="completed",
                              occurred_at=datetime(2026, 11, 23, 10, tzinfo=UTC))
    env = ActivityEnvironment()
    env.run(activities.prepare, event)
    with pytest.raises(ApplicationError) as raised:
        env.run(activities.deliver, DeliverInput(event_id=event.event_id))
    assert not raised.value.non_retryable
    with session_scope(engine) as session:
        delivery = webhooks.delivery_by_event(session, event.event_id)
        assert delivery is not None
        assert delivery.last_error == "the receiver could not be connected to"


async def test_errors_recorded_before_show_no_internals_either(healthy_stack: Stack, akimat: httpx.AsyncClient) -> None:
    """A delivery recorded by the worker before the fixed wordings (its exception's text named the
    host and port it met) is listed in the fixed wording."""
    with session_scope(get_engine(healthy_stack.database_url)) as session:
        application_id = _stored_application(session, AKIMAT)
        event_id = f"{application_id}:completed:2"
        webhooks.add_delivery(session, event_id=event_id, client_id=AKIMAT, application_id=application_id,
                              event_type="application.status_changed", payload={})
        webhooks.record_attempt(session, event_id, status_code=None, delivered=False,
                                error="the receiver is unreachable (ConnectError: [Errno 111] Connection refused "
                                      "to temporal-ui.onestop.svc:8233)")
    page = (await akimat.get("/webhook/deliveries", params={"application_id": application_id})).json()
    assert [d["last_error"] for d in page["items"]] == ["the receiver could not be connected to"]
    assert "8233" not in json.dumps(page)
