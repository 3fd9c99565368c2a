"""Who read a person's data and why: the registries' access log, for "who read my data"."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from connectors.base import RegistryClient

__all__ = ["DataAccess", "fetch_access_log"]


class DataAccess(BaseModel):
    at: datetime
    system: str
    registry: str
    application_id: str
    service_code: str


async def fetch_access_log(client: RegistryClient, iin: str, limit: int = 1000) -> list[DataAccess]:
    """Reads and writes of this person's data, newest first."""
    body = await client.get("admin", "/_admin/access-log", purpose=None,
                            params={"iin": iin, "limit": limit})
    return [DataAccess.model_validate(e) for e in body["entries"]]
