"""SMS / e-mail gateway: sends nothing, keeps an outbox of what it was asked to send."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Header, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, model_validator

from connectors.mock.access import CallContext, gate, state_of
from connectors.mock.routers.common import idempotency_key, replay

router = APIRouter(prefix="/notifications", tags=["notifications"])
Caller = Annotated[CallContext, Depends(gate("notifications"))]

_PHONE = re.compile(r"^\+7\d{10}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class NotificationRequest(BaseModel):
    channel: Literal["sms", "email"]
    to: str = Field(min_length=3, max_length=320)
    language: Literal["kk", "ru", "en"]
    subject: str = Field("", max_length=200)
    body: str = Field(min_length=1, max_length=4000)

    @model_validator(mode="after")
    def _address_fits_channel(self) -> NotificationRequest:
        pattern = _PHONE if self.channel == "sms" else _EMAIL
        if not pattern.match(self.to):
            raise ValueError(f"'to' is not a valid {self.channel} address")
        return self


@router.post("")
async def send(body: NotificationRequest, request: Request, caller: Caller,
               key: Annotated[str | None, Header(alias="Idempotency-Key")] = None) -> JSONResponse:
    state = state_of(request)
    key = idempotency_key(key)
    asked = body.model_dump()
    existing = replay(state.store.by_key("notification", key), asked)
    caller.record()
    if existing is not None:
        return JSONResponse({"message_id": existing["message"]["message_id"], "created": False})
    message = {
        "message_id": f"MSG-{uuid.uuid4().hex[:16]}",
        **asked,
        "application_id": caller.application_id,
        "service_code": caller.service_code,
        "sent_at": datetime.now(UTC).isoformat(),
    }
    state.store.insert("notification", message["message_id"], key, body.to,
                       {"request": asked, "message": message})
    return JSONResponse({"message_id": message["message_id"], "created": True}, status_code=201)


@router.get("/outbox")
async def outbox(request: Request, caller: Caller, to: Annotated[str, Query()]) -> dict[str, Any]:
    messages = [m["message"] for m in state_of(request).store.for_subject("notification", to)]
    caller.record()
    return {"to": to, "messages": messages}
