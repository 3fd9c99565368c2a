"""Authentication for the portal: token checking, browser login, and the dependencies routes use."""

from portal.auth.dependencies import (
                                      CurrentPrincipal,
                                      OptionalPrincipal,
                                      get_principal,
                                      get_verifier,
                                      optional_principal,
                                      require_roles,
                                      require_scopes,
                                      verifier_for,
)
from portal.auth.login import install_sessions, login_router, safe_next
from portal.auth.tokens import InvalidToken, IssuerUnavailable, Principal, TokenVerifier, principal_from_claims

__all__ = [
    "CurrentPrincipal",
    "InvalidToken",
    "IssuerUnavailable",
    "OptionalPrincipal",
    "Principal",
    "TokenVerifier",
    "get_principal",
    "get_verifier",
    "install_sessions",
    "login_router",
    "optional_principal",
    "principal_from_claims",
    "require_roles",
    "require_scopes",
    "safe_next",
    "verifier_for",
]
