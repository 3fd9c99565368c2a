"""Every service onestop offers, by code."""

from __future__ import annotations

from services import self_employed
from services.spec import ServiceSpec, StepSpec

CATALOGUE: dict[str, ServiceSpec] = {spec.code: spec for spec in (self_employed.SPEC,)}


def get_service(code: str) -> ServiceSpec | None:
    return CATALOGUE.get(code)


__all__ = ["CATALOGUE", "ServiceSpec", "StepSpec", "get_service"]
