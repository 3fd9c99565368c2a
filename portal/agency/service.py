"""Starting and reading applications on an agency client's behalf, and its webhook.

The same submission rules as the citizen's route (portal/applications/submission.py): every
check first, then one transaction that stores the application with its audit row, then one
start of the same ApplicationWorkflow. What differs: the applicant is named by IIN and must
exist in the population registry, the client needs `services:<code>:start` for every service,
and a legal basis is stored with the application.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from sqlmodel import Session

from connectors.base import Purpose, RegistryClient
from connectors.errors import RegistryRefusal, RegistryUnavailable
from connectors.population import fetch_person
from policies.iin import is_valid_iin
from portal.agency.schemas import AgencyApplicationView, AgencyServiceStatus
from portal.applications import submission
from portal.applications.submission import KAZAKHSTAN
from portal.auth import Principal
from portal.database import in_transaction
from portal.problems import Forbidden, NotFound, Problem, Unavailable, ValidationFailed
from portal.workflows_gateway import WorkflowsGateway
from store import audit, repository, webhooks
from store.models import Application, ServiceRequest

APPLICATIONS_READ = "applications:read"
WEBHOOKS_MANAGE = "webhooks:manage"  # register the webhook, read its deliveries
ROLE = "agency"  # actor_role of the client's audit rows


def start_scope(service_code: str) -> str:
    return f"services:{service_code}:start"


def client_of(principal: Principal) -> str:
    """The calling system's client id; anyone else is refused."""
    if principal.kind != "client" or not principal.client_id:
        raise Forbidden("the agency API is for other state systems (OAuth 2 client credentials)")
    return principal.client_id


def require_scope(principal: Principal, scope: str) -> None:
    if scope not in principal.scopes:
        raise Forbidden(f"the token lacks the scope {scope}")


def require_start_scopes(principal: Principal, services: list[str]) -> None:
    missing = [start_scope(code) for code in services if start_scope(code) not in principal.scopes]
    if missing:
        raise Forbidden(f"the token lacks the scopes: {', '.join(missing)}", field="services")


def check_iin_format(iin: str) -> None:
    if not is_valid_iin(iin):
        raise ValidationFailed("not a valid IIN: 12 digits with a correct check digit", field="applicant_iin",
                               errors=[{"field": "applicant_iin", "message": "invalid IIN"}])


async def check_in_population_registry(registries: RegistryClient, iin: str, client_id: str,
                                       service_code: str) -> None:
    """The person must exist; the read is logged against this client, as any registry read is."""
    purpose = Purpose(application_id=f"agency:{client_id}", service_code=service_code)
    try:
        await fetch_person(registries, iin, purpose)
    except RegistryRefusal as exc:
        raise ValidationFailed("no such person in the population registry", field="applicant_iin",
                               errors=[{"field": "applicant_iin", "message": "unknown person"}],
                               slug="applicant-unknown") from exc
    except RegistryUnavailable as exc:
        raise Unavailable("the population registry does not answer; try again shortly",
                          slug="registry-unavailable", headers={"Retry-After": "30"}) from exc


def store_application(session: Session, principal: Principal, *, key: str, digest: str, iin: str, language: str,
                      orders: list[tuple[str, dict[str, Any], Any]], legal_basis: str,
                      exclusive: dict[str, tuple[str, ...]] | None = None) -> tuple[Application, bool]:
    """The application and its audit row, in one transaction; a repeated key returns the first."""
    client_id = client_of(principal)
    application, created = repository.create_application(
        session, owner=client_id, idempotency_key=key, request_hash=digest, applicant_iin=iin,
        submitted_via=webhooks.submitted_via_agency(client_id), language=language, services=orders,
        legal_basis=legal_basis)
    if created and exclusive:
        submission.claim_persons(session, application.id, exclusive)
    audit.append(session, actor=client_id, actor_role=ROLE, agency=principal.agency,
                 action="agency.application.start" if created else "agency.application.start_repeated",
                 object_type="application", object_id=application.id,
                 after={"services": [code for code, _, _ in orders], "legal_basis": application.legal_basis,
                        "submitted_via": application.submitted_via})
    return application, created


async def start_workflow(gateway: WorkflowsGateway, application: Application,
                         services: list[tuple[str, dict[str, Any]]]) -> None:
    """Start the same ApplicationWorkflow as the portal does, telling it which client to notify.

    Idempotent: the workflow id is the application's, so a second start is refused and ignored.
    """
    await gateway.start_application(
        application.id, application.applicant_iin, application.language, services,
        application.created_at.astimezone(KAZAKHSTAN).date(), submitted_via=application.submitted_via)


def own_application(session: Session, client_id: str, application_id: str) -> Application:
    """The client's application, or NotFound: another's is as absent as one that never was."""
    application = repository.get_application(session, application_id)
    if application is None or webhooks.client_of(application.submitted_via) != client_id:
        raise NotFound("no such application")
    return application


def application_view(application: Application, services: list[ServiceRequest]) -> AgencyApplicationView:
    return AgencyApplicationView(
        id=application.id, status=application.status, submitted_via=application.submitted_via,
        legal_basis=application.legal_basis, created_at=application.created_at, updated_at=application.updated_at,
        services=[AgencyServiceStatus(code=s.service_code, status=s.status, deadline=s.deadline,
                                      outcome=(s.decision or {}).get("outcome"), started_at=s.started_at,
                                      completed_at=s.completed_at) for s in services],
        url=f"/api/v1/agency/applications/{application.id}")


async def audit_call(request: Request, principal: Principal, action: str, object_type: str, object_id: str,
                     after: dict[str, Any] | None = None) -> None:
    """One audit row for a call that changed nothing (a read, a refusal): its own transaction."""
    if principal.kind != "client" or not principal.client_id:
        return  # only systems are audited here; a citizen's subject (an IIN) never goes in the trail
    client_id = principal.client_id

    def write(session: Session) -> None:
        audit.append(session, actor=client_id, actor_role=ROLE, agency=principal.agency, action=action,
                     object_type=object_type, object_id=object_id, after=after)

    await in_transaction(request, write)


async def audit_refusal(request: Request, principal: Principal, action: str, problem: Problem,
                        object_type: str = "agency_call", object_id: str = "-") -> None:
    await audit_call(request, principal, f"{action}.refused", object_type, object_id,
                     after={"status": problem.status, "type": problem.slug, "field": problem.field})
