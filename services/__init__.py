"""The service catalogue: one ServiceSpec per public service a citizen can apply for."""

from services.catalogue import CATALOGUE, ServiceSpec, StepSpec, get_service

__all__ = ["CATALOGUE", "ServiceSpec", "StepSpec", "get_service"]
