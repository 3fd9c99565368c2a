"""What targeted social assistance checks against the population registry when a family applies, before
anything is stored or started (services/spec.py `admit`):

- the family the applicant confirms (`members`, when given) has the applicant in it, and every other
  member is in the applicant's family as the registry shows it, or added by the correction;
- every person the correction adds (`added_members`) exists in the population registry;
- the application takes every member (the registry's family and those added): while it runs, no other
  application of the service for any of them is accepted (store/claims.py decides it at the insert).
"""

from __future__ import annotations

from typing import Any

from connectors.base import Purpose, RegistryClient
from connectors.errors import RegistryRefusal
from connectors.population import fetch_family, fetch_person
from services.spec import Admission

CODE = "social-assistance"
# The reads at submit are logged as this purpose in each member's "who read my data".
PURPOSE = Purpose(application_id="submission", service_code=CODE)


async def admit(registries: RegistryClient, applicant_iin: str, answers: dict[str, Any]) -> Admission:
    """RegistryUnavailable propagates (the portal answers 503: try again)."""
    family = await fetch_family(registries, applicant_iin, PURPOSE)
    relatives = ([family.spouse] if family.spouse else []) + list(family.children)
    registered = {applicant_iin} | {r.iin for r in relatives if not r.deceased}
    errors: list[dict[str, str]] = []
    added: list[str] = []
    for index, iin in enumerate(answers.get("added_members") or []):
        try:
            person = await fetch_person(registries, iin, PURPOSE)
        except RegistryRefusal:
            errors.append({"field": f"added_members[{index}]", "code": "person_not_found",
                           "message": "no person with this IIN in the population registry"})
            continue
        if person.deceased:
            errors.append({"field": f"added_members[{index}]", "code": "person_not_found",
                           "message": "the population registry records this person as deceased"})
            continue
        added.append(iin)
    members = answers.get("members")
    if members is not None:
        if applicant_iin not in members:
            errors.append({"field": "members", "code": "tsa_applicant_not_in_family",
                           "message": "the applicant must belong to the family applied for"})
        else:
            errors.extend({"field": f"members[{index}]", "code": "tsa_not_in_family",
                           "message": "not in the applicant's family in the population registry; "
                                      "add them as a correction (added_members)"}
                          for index, iin in enumerate(members) if iin not in registered and iin not in added)
    return Admission(errors=errors, exclusive=tuple(sorted(registered | set(added))))


__all__ = ["PURPOSE", "admit"]
