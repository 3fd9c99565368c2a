"""The built-in OpenID Connect provider as a Flask app: `onestop idp`.

    GET  /.well-known/openid-configuration   discovery
    GET  /jwks.json                          public signing keys (current and previous)
    GET  /authorize                          the login page (kk/ru/en)
    POST /authorize                          checks the login, redirects back with a code
    POST /token                              authorization_code (+PKCE) and client_credentials
    POST /admin/rotate-keys                  development only: a new signing key
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from typing import Any, cast
from urllib.parse import urlencode

from authlib.oauth2.rfc6749.errors import OAuth2Error
from flask import Flask, Response, jsonify, render_template, request, session

from idp.accounts import Refusal, authenticate
from idp.clients import build_clients
from idp.keys import KeyRing
from idp.server import Server, build_server
from idp.texts import LANGUAGE_NAMES, LANGUAGES, pick_language, texts_for
from onestop.settings import Settings

log = logging.getLogger("onestop.idp")


def _language() -> str:
    return pick_language(request.values.get("lang"), request.values.get("ui_locales"),
                         request.accept_languages.best_match(LANGUAGES))


def _language_links() -> list[tuple[str, str, str]]:
    links = []
    for code in LANGUAGES:
        args = request.args.to_dict(flat=False)
        args["lang"] = [code]
        links.append((code, LANGUAGE_NAMES[code], f"{request.path}?{urlencode(args, doseq=True)}"))
    return links


def _csrf_token() -> str:
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(24)
    return str(session["csrf"])


def _page(status: int, *, lang: str, form: bool, error: str | None = None,
          client_name: str | None = None, username: str = "") -> Response:
    html = render_template(
        "login.html", lang=lang, t=texts_for(lang), languages=_language_links(), form=form,
        error=error, client_name=client_name, username=username, action=request.full_path,
        csrf_token=_csrf_token() if form else "")
    response = Response(html, status=status, mimetype="text/html")
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Frame-Options"] = "DENY"  # no clickjacking of the login form
    response.headers["Content-Security-Policy"] = ("default-src 'self'; style-src 'unsafe-inline'; "
                                                   "frame-ancestors 'none'")
    return response


def discovery(settings: Settings, server: Server) -> dict[str, Any]:
    issuer = server.issuer
    return {
        "issuer": issuer,
        "authorization_endpoint": f"{issuer}/authorize",
        "token_endpoint": f"{issuer}/token",
        "jwks_uri": f"{issuer}/jwks.json",
        "response_types_supported": ["code"],
        "response_modes_supported": ["query"],
        "grant_types_supported": ["authorization_code", "client_credentials"],
        "code_challenge_methods_supported": ["S256"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post", "none"],
        "scopes_supported": server.scopes_supported,
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "ui_locales_supported": list(LANGUAGES),
        "claims_supported": ["sub", "name", "roles", "agency", "region", "scope", "client_id"],
    }


def create_app(settings: Settings) -> Flask:
    settings.require_development("the built-in identity provider")  # demo accounts, one shared password
    app = Flask(__name__)
    app.config.update(
        # A key of its own, derived so that the portal's session secret is never reused as is.
        SECRET_KEY=hashlib.sha256(f"onestop-idp:{settings.session_secret}".encode()).hexdigest(),
        SESSION_COOKIE_NAME="onestop_idp",  # cookies ignore ports: keep clear of the portal's
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.environment != "development",
        SESSION_COOKIE_HTTPONLY=True,
    )
    clients = build_clients(settings)
    keyring = KeyRing(settings.keys_dir / "idp")
    server = build_server(app, settings, clients, keyring)
    app.extensions["onestop_idp"] = server

    @app.get("/.well-known/openid-configuration")
    def openid_configuration() -> Response:
        return jsonify(discovery(settings, server))

    @app.get("/jwks.json")
    def jwks() -> Response:
        response = jsonify(keyring.public_jwks())
        response.headers["Cache-Control"] = f"public, max-age={settings.jwks_cache_seconds}"
        return response

    @app.route("/authorize", methods=["GET", "POST"])
    def authorize() -> Response:
        lang = _language()
        try:
            grant = server.get_consent_grant(end_user=None)
        except OAuth2Error as error:
            if error.redirect_uri:  # client and redirect URI are known good: tell the client
                # authlib hands the request only to get_error_uri, which needs none; its stubs want one
                # and type the base server's answer, a flask Response here, as object.
                return cast(Response, server.handle_error_response(None, error))  # type: ignore[arg-type]
            log.info("authorization request refused: %s", error.error)
            return _page(400, lang=lang, form=False, error=texts_for(lang)["bad_request"])
        client_name = grant.request.client.name
        if request.method == "GET":
            return _page(200, lang=lang, form=True, client_name=client_name)

        username = request.form.get("username", "")
        sent_csrf = request.form.get("csrf_token", "")
        if not secrets.compare_digest(sent_csrf, str(session.get("csrf", ""))) or not sent_csrf:
            return _page(400, lang=lang, form=True, client_name=client_name, username=username,
                         error=texts_for(lang)["form_expired"])
        outcome = authenticate(username, request.form.get("password", ""), settings.demo_password)
        if isinstance(outcome, Refusal):
            log.info("login refused: %s", outcome.value)
            return _page(401, lang=lang, form=True, client_name=client_name, username=username,
                         error=texts_for(lang)[outcome.value])
        session.pop("csrf", None)  # one login per form
        log.info("login of a %s for client %s", outcome.kind, grant.request.client.client_id)
        return cast(Response, server.create_authorization_response(grant_user=outcome, grant=grant))

    @app.post("/token")
    def issue_token() -> Response:
        return cast(Response, server.create_token_response())  # flask's server answers with a Response

    @app.post("/admin/rotate-keys")
    def rotate_keys() -> Response | tuple[Response, int]:
        if settings.environment != "development":
            return jsonify({"error": "not_found"}), 404
        kid = keyring.rotate()
        log.info("signing key rotated, new kid %s", kid)
        return jsonify({"kid": kid, "jwks": keyring.public_jwks()})

    return app


def serve(settings: Settings) -> None:
    from werkzeug.serving import run_simple

    run_simple(settings.host, settings.idp_port, create_app(settings), threaded=True)
