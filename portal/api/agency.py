"""/agency: other state systems start services for citizens, read their status, and hear back by webhook.

HTTP only; the logic is in portal/agency/. Every call of a client writes one audit row
(actor = client id, role "agency"), refused calls included.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Header, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from pydantic import ValidationError

from connectors.egress import DestinationRefused
from connectors.webhooks import webhook_destinations
from onestop.logs import application_id_var
from portal import quotas
from portal.agency import service
from portal.agency.schemas import (
    AgencyApplicationCreate,
    AgencyApplicationPage,
    AgencyApplicationView,
    DeliveryPage,
    DeliveryView,
    WebhookRegistered,
    WebhookRegistration,
)
from portal.agency.signatures import new_secret
from portal.applications import submission
from portal.applications.schemas import Accepted
from portal.auth import CurrentPrincipal, Principal
from portal.database import in_transaction
from portal.errors import field_errors
from portal.limits import MAX_OFFSET
from portal.openapi import LOCATION
from portal.problems import Conflict, Problem, ValidationFailed
from store import audit, repository, webhooks
from store.repository import IdempotencyConflict

router = APIRouter(prefix="/agency", tags=["agency"])

T = TypeVar("T")

_START_BODY = {"requestBody": {"required": True, "content": {"application/json": {
    "schema": AgencyApplicationCreate.model_json_schema(ref_template="#/components/schemas/{model}")}}}}


async def _audited(request: Request, principal: Principal, action: str, call: Callable[[], Awaitable[T]],
                   object_id: str = "-") -> T:
    """Run the call; a refusal is written to the audit trail before it goes back to the client."""
    try:
        return await call()
    except Problem as problem:
        await service.audit_refusal(request, principal, action, problem, object_id=object_id)
        raise


def _parse(model: type[Any], body: Any) -> Any:
    try:
        return model.model_validate(body)
    except ValidationError as exc:
        errors = field_errors(exc.errors(), whole="body")
        raise ValidationFailed(errors[0]["message"], field=errors[0]["field"], errors=errors) from exc


@router.post("/applications", status_code=202, response_model=Accepted, openapi_extra=_START_BODY,
             summary="Start services for a citizen, on a legal basis",
             responses={202: {"headers": LOCATION},
                        400: {"description": "malformed body or missing Idempotency-Key"},
                        403: {"description": "not a client, or a services:<code>:start scope missing"},
                        409: {"description": "Idempotency-Key reused with another body"},
                        422: {"description": "bad IIN, unknown person, no legal basis, form errors"},
                        429: {"description": "past the client's quota of applications or of open officer tasks"},
                        503: {"description": "the population registry does not answer"}})
async def start(request: Request, response: Response, principal: CurrentPrincipal,
                idempotency_key: Annotated[str | None, Header(alias="Idempotency-Key")] = None) -> Accepted:
    async def call() -> Accepted:
        client_id = service.client_of(principal)
        key = submission.idempotency_key(idempotency_key)
        body = submission.parse_json_body(request.headers.get("content-type"), await request.body())
        create: AgencyApplicationCreate = _parse(AgencyApplicationCreate, body)
        service.require_start_scopes(principal, create.services)
        service.check_iin_format(create.applicant_iin)
        on = submission.today_in_kazakhstan()
        orders = submission.validated_orders(create.services, create.answers, on, audience="citizen")
        await service.check_in_population_registry(request.app.state.registries, create.applicant_iin, client_id,
                                                   create.services[0])
        exclusive = await submission.admitted(request.app.state.registries, create.applicant_iin, orders)
        language = (create.language or next((a.get("language") for _, a, _ in orders if a.get("language")), None)
                    or "kk")
        digest = submission.request_hash(body)
        await quotas.check_new_application(request, principal, client_id, key)
        try:
            application, created = await in_transaction(request, lambda session: service.store_application(
                session, principal, key=key, digest=digest, iin=create.applicant_iin, language=language,
                orders=orders, legal_basis=create.legal_basis, exclusive=exclusive))
        except IdempotencyConflict as exc:
            raise Conflict("this Idempotency-Key was used for a different application", field="Idempotency-Key",
                           slug="idempotency-key-reused") from exc
        application_id_var.set(application.id)
        if created or not application.workflow_started:
            await service.start_workflow(request.app.state.workflows, application,
                                         [(code, answers) for code, answers, _ in orders])
        url = f"/api/v1/agency/applications/{application.id}"
        response.headers["Location"] = url
        return Accepted(id=application.id, status=application.status, status_url=url)

    return await _audited(request, principal, "agency.application.start", call)


_NOT_A_CLIENT: dict[int | str, dict[str, Any]] = {403: {"description": "not a client, or the scope this needs missing"}}


@router.get("/applications", response_model=AgencyApplicationPage, responses=_NOT_A_CLIENT,
            summary="The applications this client started, newest first")
async def list_started(request: Request, principal: CurrentPrincipal,
                       limit: Annotated[int, Query(ge=1, le=100)] = 20,
                       offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0) -> AgencyApplicationPage:
    async def call() -> AgencyApplicationPage:
        client_id = service.client_of(principal)
        service.require_scope(principal, service.APPLICATIONS_READ)

        def load(session):  # type: ignore[no-untyped-def]
            rows, total = webhooks.applications_started_by(session, client_id, limit, offset)
            return [service.application_view(a, repository.service_requests(session, a.id)) for a in rows], total

        items, total = await in_transaction(request, load)
        await service.audit_call(request, principal, "agency.applications.list", "application", "-",
                                 after={"count": len(items), "offset": offset})
        return AgencyApplicationPage(items=items, total=total, limit=limit, offset=offset)

    return await _audited(request, principal, "agency.applications.list", call)


@router.get("/applications/{application_id}", response_model=AgencyApplicationView, responses=_NOT_A_CLIENT,
            summary="Status of one application this client started (others' are not found)")
async def get_started(application_id: str, request: Request, principal: CurrentPrincipal) -> AgencyApplicationView:
    async def call() -> AgencyApplicationView:
        client_id = service.client_of(principal)
        service.require_scope(principal, service.APPLICATIONS_READ)

        def load(session):  # type: ignore[no-untyped-def]
            application = service.own_application(session, client_id, application_id)
            return service.application_view(application, repository.service_requests(session, application.id))

        view = await in_transaction(request, load)
        await service.audit_call(request, principal, "agency.application.read", "application", view.id)
        return view

    return await _audited(request, principal, "agency.application.read", call, object_id=application_id[:64])


async def _check_url(request: Request, client_id: str, url: str) -> str:
    """Refused unless every address of the host is public (connectors/egress.py); checked again at each connect.

    The name is resolved in a thread: a slow DNS answer must not stall every other request."""
    settings = request.app.state.settings
    check = webhook_destinations(settings).check_url
    try:
        return await run_in_threadpool(check, url, settings.webhook_client_hosts.get(client_id))
    except DestinationRefused as exc:
        raise ValidationFailed(exc.reason, field="url", errors=[{"field": "url", "message": exc.reason}],
                               slug="webhook-url-refused") from exc


_WEBHOOK_BODY = {"requestBody": {"required": True, "content": {"application/json": {
    "schema": WebhookRegistration.model_json_schema(ref_template="#/components/schemas/{model}")}}}}


@router.put("/webhook", response_model=WebhookRegistered, openapi_extra=_WEBHOOK_BODY,
            summary="Register (or replace) where this client hears of its applications; returns the secret once",
            responses={403: {"description": "not a client, or the webhooks:manage scope missing"},
                       422: {"description": "not an https URL (http in development), a host not allowed for "
                                            "this client, or a host that resolves to a non-public address"}})
async def register_webhook(request: Request, principal: CurrentPrincipal) -> WebhookRegistered:
    async def call() -> WebhookRegistered:
        client_id = service.client_of(principal)
        service.require_scope(principal, service.WEBHOOKS_MANAGE)
        body = submission.parse_json_body(request.headers.get("content-type"), await request.body())
        url = await _check_url(request, client_id, _parse(WebhookRegistration, body).url)
        secret = new_secret()

        def store(session):  # type: ignore[no-untyped-def]
            sealed = request.app.state.webhook_secrets.seal(client_id, secret)
            subscription = webhooks.register_subscription(session, client_id, url, sealed)
            audit.append(session, actor=client_id, actor_role=service.ROLE, agency=principal.agency,
                         action="agency.webhook.register", object_type="webhook_subscription",
                         object_id=subscription.id, after={"url": url})  # never the secret
            return WebhookRegistered(url=subscription.url, secret=secret, updated_at=subscription.updated_at)

        return await in_transaction(request, store)

    return await _audited(request, principal, "agency.webhook.register", call)


@router.get("/webhook/deliveries", response_model=DeliveryPage, responses=_NOT_A_CLIENT,
            summary="Events sent to this client's webhook, newest first, with their outcome")
async def list_deliveries(request: Request, principal: CurrentPrincipal,
                          application_id: str | None = None,
                          limit: Annotated[int, Query(ge=1, le=100)] = 50,
                          offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0) -> DeliveryPage:
    async def call() -> DeliveryPage:
        client_id = service.client_of(principal)
        service.require_scope(principal, service.WEBHOOKS_MANAGE)

        def load(session):  # type: ignore[no-untyped-def]
            rows, total = webhooks.deliveries_of(session, client_id, application_id=application_id, limit=limit,
                                                 offset=offset)
            return [DeliveryView.model_validate(d, from_attributes=True) for d in rows], total

        items, total = await in_transaction(request, load)
        await service.audit_call(request, principal, "agency.webhook.deliveries.list", "webhook_delivery", "-",
                                 after={"count": len(items), "offset": offset})
        return DeliveryPage(items=items, total=total, limit=limit, offset=offset)

    return await _audited(request, principal, "agency.webhook.deliveries.list", call)
