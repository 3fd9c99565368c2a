"""Connectors to the state registries: wire models, one shared HTTP client, Temporal activities.

Activity names (stable strings, used by workflows):
    population.get_person, population.get_family, businesses.get_status,
    businesses.get_business, businesses.check_head, businesses.notify_registration,
    contracts.get_record, pensions.get_contributions, social_insurance.get_contributions,
    social_payments.get_payments, property.get_property, payments.pay, events.read, tax.register_taxpayer,
    notifications.send
"""

from connectors.activities import RegistryActivityList, registry_activities
from connectors.base import Purpose, RegistryClient
from connectors.errors import REFUSAL_ERROR_TYPE, RegistryError, RegistryRefusal, RegistryUnavailable

__all__ = [
    "REFUSAL_ERROR_TYPE",
    "Purpose",
    "RegistryActivityList",
    "RegistryClient",
    "RegistryError",
    "RegistryRefusal",
    "RegistryUnavailable",
    "registry_activities",
]
