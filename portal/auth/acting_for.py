"""Acting for a business: the header `Onestop-Acting-For: <BIN or IIN>` on any call of a citizen.

The person (the token's subject) acts for a business they head in the businesses registry: a
legal entity by its BIN, or their own sole entrepreneurship by their IIN. The registry is asked
on every call that carries the header; the subject stays the person, and the audit trail records
both. A malformed number is 422 naming the header, a business one does not head 403, and a
registry that does not answer 503 with Retry-After: nothing is stored or started then.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Header, Request

from connectors.base import Purpose
from connectors.businesses import Business, check_head
from connectors.errors import RegistryRefusal, RegistryUnavailable
from policies.iin import is_valid_bin, is_valid_iin, looks_like_bin
from portal.auth.dependencies import CurrentPrincipal
from portal.auth.tokens import Principal
from portal.problems import Forbidden, Unavailable, ValidationFailed

HEADER = "Onestop-Acting-For"
# Why the registry is read: the access log shows it to the person, as any other read.
ACTING_FOR_PURPOSE = Purpose(application_id="acting-for", service_code="acting-for-business")


@dataclass(frozen=True)
class Applicant:
    """Who an application is of: the person, or the business they act for."""

    principal: Principal
    business: Business | None = None

    @property
    def id(self) -> str | None:
        """The IIN (or the business's BIN) applications are filed under."""
        return self.business.id if self.business is not None else self.principal.iin

    @property
    def audience(self) -> str:
        return "business" if self.business is not None else "citizen"


def _well_formed(value: str) -> str:
    value = value.strip()
    valid = is_valid_bin(value) if looks_like_bin(value) else is_valid_iin(value)
    if not valid:
        raise ValidationFailed(f"{HEADER} must be a valid BIN or IIN (12 digits with the right check digit)",
                               field=HEADER, slug="acting-for-invalid")
    return value


async def current_applicant(
        request: Request, principal: CurrentPrincipal,
        acting_for: Annotated[str | None, Header(
            alias=HEADER, description="Act for a business you head: its BIN, or your IIN as a sole "
                                      "entrepreneur. Checked against the businesses registry on every call.",
            max_length=32)] = None) -> Applicant:
    if acting_for is None:
        return Applicant(principal)
    business_id = _well_formed(acting_for)
    if principal.kind != "citizen" or principal.iin is None:
        raise Forbidden("only a person acts for a business they head", field=HEADER)
    try:
        representation = await check_head(request.app.state.registries, principal.iin, business_id,
                                          ACTING_FOR_PURPOSE)
    except RegistryRefusal as exc:  # not in the registry at all: one heads nothing there
        raise Forbidden("you do not head this business in the businesses registry", field=HEADER,
                        slug="not-head-of-business") from exc
    except RegistryUnavailable as exc:
        raise Unavailable("the businesses registry does not answer; try again shortly", field=HEADER,
                          slug="registry-unavailable", headers={"Retry-After": "30"}) from exc
    if not representation.heads:
        raise Forbidden("you do not head this business in the businesses registry", field=HEADER,
                        slug="not-head-of-business")
    return Applicant(principal, representation.business)


CurrentApplicant = Annotated[Applicant, Depends(current_applicant)]

# What an operation that takes the header documents besides its own answers.
ACTING_FOR_REFUSALS: dict[int | str, dict[str, Any]] = {
    403: {"description": "acting for a business one does not head"},
    422: {"description": "Onestop-Acting-For is not a valid BIN or IIN"},
    503: {"description": "the businesses registry does not answer (acting for a business)"}}

__all__ = ["ACTING_FOR_PURPOSE", "ACTING_FOR_REFUSALS", "Applicant", "CurrentApplicant", "HEADER", "current_applicant"]
