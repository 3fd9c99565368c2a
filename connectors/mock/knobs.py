"""Fault knobs per registry, changed while the mock runs: latency, random errors, outage."""

from __future__ import annotations

import asyncio
import random

from pydantic import BaseModel, Field

from connectors.mock.problems import Problem

__all__ = ["REGISTRIES", "KnobBoard", "Knobs", "KnobsUpdate"]

REGISTRIES: tuple[str, ...] = ("population", "businesses", "tax", "contracts", "pensions",
                               "social_insurance", "social_payments", "property", "payments",
                               "events", "notifications", "education",
                               "special_records")


class Knobs(BaseModel):
    latency_ms: int = Field(0, ge=0, le=120_000)
    error_rate: float = Field(0.0, ge=0.0, le=1.0)
    outage: bool = False
    # A write done, then its answer held back this long: the caller's timeout or death leaves a write it
    # never heard of (what an idempotency key is for). Only the writes that say so honour it.
    reply_latency_ms: int = Field(0, ge=0, le=120_000)


class KnobsUpdate(BaseModel):
    """A partial change: fields left out keep their value."""

    latency_ms: int | None = Field(None, ge=0, le=120_000)
    error_rate: float | None = Field(None, ge=0.0, le=1.0)
    outage: bool | None = None
    reply_latency_ms: int | None = Field(None, ge=0, le=120_000)


class KnobBoard:
    def __init__(self) -> None:
        self._knobs: dict[str, Knobs] = {r: Knobs() for r in REGISTRIES}
        self._rng = random.Random()  # faults are meant to be unpredictable

    def get(self, registry: str) -> Knobs:
        return self._knobs[registry]

    def all(self) -> dict[str, Knobs]:
        return dict(self._knobs)

    def update(self, registry: str, change: KnobsUpdate) -> Knobs:
        merged = self._knobs[registry].model_dump() | change.model_dump(exclude_none=True)
        self._knobs[registry] = Knobs(**merged)
        return self._knobs[registry]

    def replace_all(self, knobs: dict[str, Knobs]) -> None:
        """Registries not named go back to normal: `{}` resets everything."""
        self._knobs = {r: knobs.get(r, Knobs()) for r in REGISTRIES}

    async def hold_reply(self, registry: str) -> None:
        """After a write is stored, before it is answered."""
        delay = self._knobs[registry].reply_latency_ms
        if delay:
            await asyncio.sleep(delay / 1000)

    async def apply(self, registry: str) -> None:
        knobs = self._knobs[registry]
        if knobs.latency_ms:
            await asyncio.sleep(knobs.latency_ms / 1000)
        if knobs.outage:
            raise Problem("outage")
        if knobs.error_rate and self._rng.random() < knobs.error_rate:
            raise Problem("injected_error", status=self._rng.choice((500, 503)))
