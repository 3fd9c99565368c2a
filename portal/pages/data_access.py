"""/me/data-access: the citizen's page of who read or wrote their data in the registries, and why.

The same log and the same explanations as GET /api/v1/me/data-access (portal.api.data_access).
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from connectors.access_log import fetch_access_log
from connectors.errors import RegistryRefusal, RegistryUnavailable
from portal.api.data_access import explain
from portal.auth import OptionalPrincipal
from portal.pages.rendering import render
from portal.pages.routes import _login_redirect

router = APIRouter(include_in_schema=False)

SHOWN = 200


@router.get("/me/data-access")
async def data_access(request: Request, principal: OptionalPrincipal) -> Response:
    if principal is None:
        return _login_redirect(request)
    if principal.kind != "citizen" or principal.iin is None:
        return render(request, "officer_message.html", principal=principal, status_code=403,
                      heading_key="forbidden", message_key="citizens_data_only")
    client = request.app.state.registries
    try:
        entries = [explain(e, client.system_id) for e in await fetch_access_log(client, principal.iin, SHOWN)]
    except (RegistryUnavailable, RegistryRefusal):
        return render(request, "data_access.html", principal=principal, status_code=503, entries=None)
    return render(request, "data_access.html", principal=principal, entries=entries)


__all__ = ["router"]
