"""Webhook secrets are sealed at rest: the secret a client registers over HTTP is in the database only
encrypted (bound to that client), the worker still signs with it, and the migration seals the
secrets stored in clear before it."""

from __future__ import annotations

import uuid
from datetime import datetime

import pytest
import sqlalchemy as sa

from onestop.settings import get_settings
from onestop.webhook_secrets import SecretUnreadable, secrets_for
from portal.agency.signatures import new_secret
from store import webhooks
from store.engine import get_engine, make_engine, migrate, session_scope
from tests.support.api import client_as
from tests.support.stack import Stack

CLIENT = "akimat-astana"


async def test_a_registered_secret_is_stored_sealed(healthy_stack: Stack) -> None:
    async with await client_as(healthy_stack, "/api/v1/agency", client=CLIENT) as akimat:
        registered = await akimat.put("/webhook", json={"url": "http://localhost:9/hook"})
    assert registered.status_code == 200, registered.text
    secret = registered.json()["secret"]
    with session_scope(get_engine(healthy_stack.database_url)) as session:
        subscription = webhooks.subscription_of(session, CLIENT)
        assert subscription is not None
        stored = subscription.secret
    assert stored.startswith("enc1:") and secret not in stored and secret[6:] not in stored
    box = secrets_for(healthy_stack.settings)  # the stack's key, in its state dir
    assert box.open(CLIENT, stored) == secret
    with pytest.raises(SecretUnreadable):
        box.open("career-centre-almaty", stored)  # copied to another client's row, it does not open
    with pytest.raises(SecretUnreadable):
        box.open(CLIENT, secret)  # nor does a secret written in clear


def test_the_migration_seals_the_secrets_stored_in_clear(unmigrated_database_url: str) -> None:
    url = unmigrated_database_url
    migrate(url, "0004_service_seam")
    secrets = {f"client-{uuid.uuid4().hex[:8]}": new_secret() for _ in range(2)}
    engine = make_engine(url)
    try:
        table = sa.table("webhook_subscriptions", *(sa.column(c) for c in (
            "id", "client_id", "url", "secret", "active", "created_at", "updated_at")))
        with engine.begin() as connection:
            connection.execute(table.insert(), [
                {"id": str(uuid.uuid4()), "client_id": client_id, "url": "https://hooks.example.kz/x",
                 "secret": secret, "active": True, "created_at": datetime(2026, 11, 1),
                 "updated_at": datetime(2026, 11, 1)}
                for client_id, secret in secrets.items()])
        migrate(url)
        box = secrets_for(get_settings())  # the key this process's settings give, as the migration's did
        with session_scope(engine) as session:
            for client_id, secret in secrets.items():
                subscription = webhooks.subscription_of(session, client_id)
                assert subscription is not None and subscription.secret.startswith("enc1:")
                assert box.open(client_id, subscription.secret) == secret
        migrate(url)  # once: a second run changes nothing
        with session_scope(engine) as session:
            again = webhooks.subscription_of(session, next(iter(secrets)))
            assert again is not None and box.open(again.client_id, again.secret) == next(iter(secrets.values()))
    finally:
        engine.dispose()
