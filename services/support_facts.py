"""The registries' facts behind a support measure's eligibility, gathered once and turned into SupportFacts.

The portal's list of measures (``GET /api/v1/jobseekers/me/support``) and the support-measure workflow read
the same registries and build the facts with the same function, so the advice a career centre gets and the
list a citizen sees agree:

| fact | registry (connector) |
|---|---|
| birth date, sex, full-time studies, kandas status, region | population (connectors.population.fetch_person) |
| children's birth dates, spouse | population, family record (fetch_family) |
| disability group of a disability benefit paid lately | social payments (connectors.social_payments) |
| a contract in force, the end of the last one | contracts (connectors.contracts) |
| the latest college or university diploma, the day a child left state care | education (connectors.education) |
| the last release from a place of detention | special records (connectors.special_records) |

Which groups and windows these facts open is the policy's (policies/labour/support.py), on its dated
parameters; this module only reads and copies.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from datetime import date

from pydantic import BaseModel

from connectors.base import Purpose, RegistryClient
from connectors.contracts import EmploymentRecord, fetch_employment_record
from connectors.education import Education, fetch_education
from connectors.population import Family, Person, fetch_family, fetch_person
from connectors.social_payments import SocialPaymentHistory, fetch_social_payments
from connectors.special_records import Releases, fetch_releases
from policies.labour.support import Registry, SupportFacts
from policies.labour.texts import STATUSES
from policies.labour.unemployment import add_months

__all__ = ["DISABILITY_MONTHS", "RegistryFacts", "disability_months", "read_registry_facts", "support_facts"]

# A disability benefit paid in one of these last months counts as a disability on record (benefits are paid
# on the 10th for the month, so the current month may not be paid yet).
DISABILITY_MONTHS = 3


class RegistryFacts(BaseModel):
    """What the registries answered; a registry left None was not read."""

    person: Person
    family: Family | None = None
    payments: SocialPaymentHistory | None = None
    record: EmploymentRecord | None = None
    education: Education | None = None
    releases: Releases | None = None


def disability_months(on: date) -> tuple[str, str]:
    """The months (YYYY-MM, from and to) of social payments to read for a disability on ``on``."""
    first = add_months(on.replace(day=1), -(DISABILITY_MONTHS - 1))
    return f"{first:%Y-%m}", f"{on:%Y-%m}"


async def read_registry_facts(client: RegistryClient, iin: str, purpose: Purpose, on: date) -> RegistryFacts:
    """Every registry at once; RegistryRefusal / RegistryUnavailable as the connectors raise them."""
    first, last = disability_months(on)
    person, family, payments, record, education, releases = await asyncio.gather(
        fetch_person(client, iin, purpose), fetch_family(client, iin, purpose),
        fetch_social_payments(client, iin, purpose, first, last), fetch_employment_record(client, iin, purpose),
        fetch_education(client, iin, purpose), fetch_releases(client, iin, purpose))
    return RegistryFacts(person=person, family=family, payments=payments, record=record, education=education,
                         releases=releases)


def support_facts(found: RegistryFacts, on: date, statuses: Iterable[str], *, willing_to_relocate: bool = False,
                  desired_occupations: Iterable[str] = ()) -> SupportFacts:
    person = found.person
    read: list[Registry] = ["population"]
    facts = SupportFacts(birth_date=person.birth_date, sex=person.sex, statuses=[s for s in statuses if s in STATUSES],
                         region=person.address.region_code, full_time_student=person.full_time_student,
                         kandas=person.kandas, willing_to_relocate=willing_to_relocate,
                         desired_occupations=list(desired_occupations))
    if found.family is not None:
        read.append("family")
        facts.children_birth_dates = [c.birth_date for c in found.family.children if not c.deceased]
        facts.has_spouse = found.family.spouse is not None and not found.family.spouse.deceased
    if found.payments is not None:
        read.append("social_payments")
        first, _ = disability_months(on)
        groups = [p.details.get("disability_group") for p in found.payments.payments
                  if p.kind == "disability_benefit" and p.month >= first]
        facts.disability_group = next((int(g) for g in reversed(groups) if g), None)
    if found.record is not None:
        read.append("contracts")
        facts.in_work = bool(found.record.active_on(on))
        ended = [c.end_date for c in found.record.contracts if c.end_date is not None and c.end_date <= on]
        facts.last_contract_ended_on = None if facts.in_work or not ended else max(ended)
    if found.education is not None:
        read.append("education")
        diploma = found.education.latest() or found.education.latest(("secondary",))
        if diploma is not None:
            facts.education_level, facts.graduated_on = diploma.level, diploma.graduated_on
        facts.left_state_care_on = found.education.left_state_care_on
    if found.releases is not None:
        read.append("special_records")
        facts.released_on = found.releases.last()
    facts.read_from = read
    return facts
