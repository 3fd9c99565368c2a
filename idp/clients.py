"""The OAuth clients the built-in provider knows, built from settings and onestop/demo.py."""

from __future__ import annotations

import secrets
from collections.abc import Collection
from dataclasses import dataclass, field

from authlib.oauth2.rfc6749 import ClientMixin
from authlib.oauth2.rfc6749.util import list_to_scope, scope_to_list

from onestop import demo
from onestop.settings import Settings

LOGIN_SCOPES = ("openid", "profile")


@dataclass(frozen=True)
class Client(ClientMixin):
    client_id: str
    secret: str | None  # None: a public client (PKCE only)
    grant_types: tuple[str, ...]
    scopes: tuple[str, ...]
    redirect_uris: tuple[str, ...] = ()
    agency: str | None = None
    name: str | None = None
    auth_methods: tuple[str, ...] = field(default=("client_secret_basic", "client_secret_post"))

    def get_client_id(self) -> str:
        return self.client_id

    def get_default_redirect_uri(self) -> str | None:  # type: ignore[override]  # authlib checks for none
        # Exactly one registered URI and still required in the request: no guessing.
        return None

    def get_allowed_scope(self, scope: Collection[str] | str | None) -> str:
        if not scope:
            return list_to_scope(list(self.scopes))
        return list_to_scope([s for s in scope_to_list(scope) if s in self.scopes])

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        return redirect_uri in self.redirect_uris  # exact match, no prefixes

    def check_client_secret(self, client_secret: str) -> bool:
        if self.secret is None:
            return False
        return secrets.compare_digest(self.secret.encode(), client_secret.encode())

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        return method in self.auth_methods

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code" and "authorization_code" in self.grant_types

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type in self.grant_types

    def allows_scopes(self, scope: str | None) -> bool:
        return set(scope_to_list(scope) or []) <= set(self.scopes)


def build_clients(settings: Settings) -> dict[str, Client]:
    portal = Client(
        client_id=settings.portal_client_id,
        secret=settings.portal_client_secret,
        grant_types=("authorization_code",),
        scopes=LOGIN_SCOPES,
        redirect_uris=(settings.portal_public_url.rstrip("/") + demo.PORTAL_REDIRECT_PATH,),
        name="onestop portal",
    )
    cli = Client(
        client_id=settings.cli_client_id,
        secret=None,
        grant_types=("authorization_code",),
        scopes=LOGIN_SCOPES,
        redirect_uris=(settings.cli_redirect_uri,),
        auth_methods=("none",),
        name="onestop command line",
    )
    clients = {c.client_id: c for c in (portal, cli)}
    # The demo agencies' secrets are published in the README: they exist in development only.
    for agency_client in demo.CLIENTS if settings.is_development else ():
        clients[agency_client.client_id] = Client(
            client_id=agency_client.client_id,
            secret=agency_client.secret,
            grant_types=("client_credentials",),
            scopes=agency_client.scopes,
            agency=agency_client.agency,
            name=agency_client.name,
        )
    return clients


def all_scopes(clients: dict[str, Client]) -> list[str]:
    return sorted({s for c in clients.values() for s in c.scopes})
