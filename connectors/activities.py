"""Every registry activity, bound to one shared RegistryClient, for the worker to register."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from connectors.base import RegistryClient
from connectors.businesses import BusinessActivities
from connectors.contracts import ContractActivities
from connectors.contributions import ContributionActivities
from connectors.education import EducationActivities
from connectors.events import EventActivities
from connectors.notifications import NotificationActivities
from connectors.payments import PaymentActivities
from connectors.population import PopulationActivities
from connectors.property import PropertyActivities
from connectors.social_payments import SocialPaymentActivities
from connectors.special_records import SpecialRecordActivities
from connectors.tax import TaxActivities
from onestop.settings import Settings

__all__ = ["RegistryActivityList", "registry_activities"]


class RegistryActivityList(list[Callable[..., Any]]):
    """The bound activity methods; `await aclose()` closes the client they share."""

    def __init__(self, client: RegistryClient, activities: list[Callable[..., Any]]) -> None:
        super().__init__(activities)
        self.client = client

    async def aclose(self) -> None:
        await self.client.aclose()


def registry_activities(settings: Settings, client: RegistryClient | None = None) -> RegistryActivityList:
    client = client or RegistryClient(settings)
    population = PopulationActivities(client)
    businesses = BusinessActivities(client)
    tax = TaxActivities(client)
    notifications = NotificationActivities(client)
    contracts = ContractActivities(client)
    contributions = ContributionActivities(client)
    social_payments = SocialPaymentActivities(client)
    property_ = PropertyActivities(client)
    payments = PaymentActivities(client)
    events = EventActivities(client)
    education = EducationActivities(client)
    special_records = SpecialRecordActivities(client)
    return RegistryActivityList(client, [
        population.get_person,
        population.get_family,
        businesses.get_status,
        businesses.get_business,
        businesses.check_head,
        businesses.notify_registration,
        tax.register_taxpayer,
        tax.change_regime,
        contracts.get_record,
        contributions.get_pension_contributions,
        contributions.get_social_contributions,
        social_payments.get_payments,
        property_.get_property,
        payments.pay,
        events.read,
        notifications.send,
        education.get_diplomas,
        special_records.get_releases,
    ])
