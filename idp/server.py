"""The authlib authorization server: grants, PKCE (S256 only), OpenID id_token, JWT access tokens.

    authorization_code  portal (confidential) and CLI (public); PKCE S256 required for both
    client_credentials  agency systems; client_secret_basic or client_secret_post

Access tokens are RS256 JWTs in the RFC 9068 profile (`typ: at+jwt`), audience = the API.
"""

from __future__ import annotations

import time
from typing import Any

from authlib.integrations.flask_oauth2 import AuthorizationServer
from authlib.oauth2.rfc6749 import ClientMixin, grants
from authlib.oauth2.rfc6749.errors import InvalidRequestError, InvalidScopeError
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oauth2.rfc7636.challenge import compare_s256_code_challenge
from authlib.oauth2.rfc9068 import JWTBearerTokenGenerator
from authlib.oidc.core import UserInfo
from authlib.oidc.core.grants import OpenIDCode
from flask import Flask
from joserfc.jwk import KeySet

from idp.accounts import Account
from idp.clients import Client, all_scopes
from idp.codes import CODE_TTL_SECONDS, AuthorizationCode, CodeStore
from idp.keys import KeyRing
from onestop.settings import Settings


class Server(AuthorizationServer):
    """authlib's Flask server, carrying what the grants below need."""

    def __init__(self, app: Flask, settings: Settings, clients: dict[str, Client],
                 keyring: KeyRing) -> None:
        self.settings = settings
        self.clients = clients
        self.keyring = keyring
        self.codes = CodeStore()
        app.config["OAUTH2_SCOPES_SUPPORTED"] = all_scopes(clients)
        super().__init__(app, query_client=clients.get, save_token=lambda token, request: None)

    @property
    def issuer(self) -> str:
        return self.settings.issuer_url.rstrip("/")


class S256Only(CodeChallenge):
    """PKCE with S256 only: a missing challenge or the plain method is refused at /authorize."""

    SUPPORTED_CODE_CHALLENGE_METHOD = ["S256"]
    DEFAULT_CODE_CHALLENGE_METHOD = "S256"
    CODE_CHALLENGE_METHODS = {"S256": compare_s256_code_challenge}

    def validate_code_challenge(self, grant: Any, redirect_uri: str) -> None:
        data = grant.request.payload.data
        if not data.get("code_challenge"):
            raise InvalidRequestError("Missing 'code_challenge': PKCE (S256) is required.")
        if data.get("code_challenge_method") != "S256":
            raise InvalidRequestError("Unsupported 'code_challenge_method': only S256 is accepted.")
        super().validate_code_challenge(grant, redirect_uri)


class AuthorizationCodeGrant(grants.AuthorizationCodeGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post", "none"]
    server: Server

    def save_authorization_code(self, code: str, request: Any) -> None:
        data = request.payload.data
        self.server.codes.save(AuthorizationCode(
            code=code,
            client_id=request.client.get_client_id(),
            redirect_uri=request.payload.redirect_uri,
            scope=request.scope,
            account=request.user,
            code_challenge=data.get("code_challenge"),
            code_challenge_method=data.get("code_challenge_method"),
            nonce=data.get("nonce"),
            auth_time=int(time.time()),
            expires_at=time.time() + CODE_TTL_SECONDS,
        ))

    def query_authorization_code(self, code: str, client: ClientMixin) -> AuthorizationCode | None:
        return self.server.codes.take(code, client.get_client_id())

    def delete_authorization_code(self, authorization_code: AuthorizationCode) -> None:
        pass  # already taken out of the store when it was presented

    def authenticate_user(self, authorization_code: AuthorizationCode) -> Account:
        return authorization_code.account


class AgencyCredentialsGrant(grants.ClientCredentialsGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post"]

    def validate_token_request(self) -> None:
        super().validate_token_request()
        client, payload = self.request.client, self.request.payload
        assert isinstance(client, Client) and payload is not None  # authenticated by super()
        if not client.allows_scopes(payload.scope):
            raise InvalidScopeError("The client may not ask for this scope.")


class IdTokens(OpenIDCode):
    def __init__(self, server: Server) -> None:
        super().__init__(require_nonce=False)
        self.server = server

    def resolve_client_private_key(self, client: Client) -> KeySet:
        return self.server.keyring.signing_set()

    def get_client_claims(self, client: Client) -> dict[str, Any]:
        return {"iss": self.server.issuer, "aud": [client.get_client_id()],
                "exp": int(time.time()) + self.server.settings.access_token_ttl_seconds}

    def exists_nonce(self, nonce: str, request: Any) -> bool:
        return self.server.codes.nonce_used(request.payload.client_id, nonce)

    def generate_user_info(self, user: Account, scope: str) -> UserInfo:
        info = UserInfo(sub=user.subject)
        if user.name:
            info["name"] = user.name
        return info


class AccessTokens(JWTBearerTokenGenerator):
    def __init__(self, server: Server) -> None:
        settings = server.settings
        super().__init__(server.issuer, alg="RS256",
                         expires_generator=lambda client, grant_type: settings.access_token_ttl_seconds)
        self.server = server

    def get_jwks(self) -> KeySet:
        return self.server.keyring.signing_set()

    def get_audiences(self, client: Client, user: Account | None, scope: str) -> str:
        return self.server.settings.api_audience

    def get_extra_claims(self, client: Client, grant_type: str, user: Account | None,
                         scope: str) -> dict[str, Any]:
        if user is None:  # client credentials: the agency system itself
            return {"roles": ["agency"], "agency": client.agency, "name": client.name}
        claims: dict[str, Any] = {"roles": list(user.roles)}
        if user.name:
            claims["name"] = user.name
        if user.agency:
            claims["agency"] = user.agency
        if user.region:
            claims["region"] = user.region
        return claims


def build_server(app: Flask, settings: Settings, clients: dict[str, Client],
                 keyring: KeyRing) -> Server:
    server = Server(app, settings, clients, keyring)
    server.register_token_generator("default", AccessTokens(server))
    server.register_grant(AuthorizationCodeGrant, [S256Only(required=True), IdTokens(server)])
    server.register_grant(AgencyCredentialsGrant)
    return server
