"""The mock registries' admin routes over HTTP: the token they generated into the state dir, or nothing;
and only the host names they are called by (a rebound DNS name from a browser is refused)."""

from __future__ import annotations

import stat

import httpx
import pytest

from connectors.mock.admin_token import HEADER, token_path
from onestop.settings import Settings

ADMIN_ROUTES = [("GET", "/_admin/knobs"), ("PUT", "/_admin/knobs"), ("GET", "/_admin/knobs/population"),
                ("PUT", "/_admin/knobs/population"), ("GET", "/_admin/persons"), ("GET", "/_admin/access-log")]


@pytest.mark.parametrize(("method", "path"), ADMIN_ROUTES)
def test_admin_routes_need_the_token(registries: Settings, admin: httpx.Client, method: str, path: str) -> None:
    body: dict[str, object] | None = {} if method == "PUT" else None
    for headers in ({}, {HEADER: ""}, {HEADER: "wrong"}, {HEADER: admin.headers[HEADER] + "x"}):
        refused = httpx.request(method, f"{registries.registries_url}{path}", json=body, headers=headers)
        assert refused.status_code == 401, (headers, refused.text)
        assert refused.json()["code"] == "admin_token_required"
        assert "iins" not in refused.text
    assert admin.request(method, path, json=body).status_code == 200


def test_the_token_is_generated_once_into_the_state_dir_readable_by_its_owner_only(registries: Settings) -> None:
    path = token_path(registries.state_dir)
    assert len(path.read_text().strip()) == 64
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_health_stays_open_and_other_host_names_are_refused(registries: Settings, admin: httpx.Client) -> None:
    assert httpx.get(f"{registries.registries_url}/healthz").status_code == 200
    for host in ("attacker.example", "registries.attacker.example"):
        rebound = httpx.get(f"{registries.registries_url}/healthz", headers={"host": host})
        assert rebound.status_code == 400
        assert admin.get("/_admin/persons", headers={"host": host}).status_code == 400
