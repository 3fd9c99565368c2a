"""SMS / e-mail gateway: tell a person about their application, in their language."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel
from temporalio import activity

from connectors.base import Purpose, RegistryClient
from connectors.errors import refusals_as_application_errors

__all__ = ["NotificationActivities", "NotificationReceipt", "OutboxMessage",
           "SendNotificationInput", "fetch_outbox", "send_notification"]

REGISTRY = "notifications"


class SendNotificationInput(BaseModel):
    channel: Literal["sms", "email"]
    to: str
    language: Literal["kk", "ru", "en"]
    subject: str = ""
    body: str
    idempotency_key: str
    purpose: Purpose


class NotificationReceipt(BaseModel):
    message_id: str


class OutboxMessage(BaseModel):
    message_id: str
    channel: Literal["sms", "email"]
    to: str
    language: str
    subject: str
    body: str
    application_id: str
    service_code: str
    sent_at: datetime


async def send_notification(client: RegistryClient, input: SendNotificationInput) -> NotificationReceipt:
    """Send once per idempotency key; refusal `invalid_request` for a bad address."""
    body = await client.post(
        REGISTRY, "/notifications", purpose=input.purpose,
        json={"channel": input.channel, "to": input.to, "language": input.language,
              "subject": input.subject, "body": input.body},
        idempotency_key=input.idempotency_key)
    return NotificationReceipt.model_validate(body)


async def fetch_outbox(client: RegistryClient, to: str, purpose: Purpose) -> list[OutboxMessage]:
    """What the gateway was asked to send to this address, oldest first."""
    body = await client.get(REGISTRY, "/notifications/outbox", purpose=purpose, params={"to": to})
    return [OutboxMessage.model_validate(m) for m in body["messages"]]


class NotificationActivities:
    def __init__(self, client: RegistryClient) -> None:
        self.client = client

    @activity.defn(name="notifications.send")
    async def send(self, input: SendNotificationInput) -> NotificationReceipt:
        with refusals_as_application_errors():
            return await send_notification(self.client, input)
