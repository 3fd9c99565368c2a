"""`onestop token` and obtain_token_async: the real flows, as the CLI and the bench use them."""

from __future__ import annotations

import subprocess
import sys

import httpx
import pytest
from joserfc import jwt
from joserfc.jwk import KeySet

from onestop import demo
from onestop.token import TokenRefused, obtain_token_async
from tests.idp.process import Idp
from tests.support.processes import ROOT, onestop_env


def _claims(idp: Idp, token: str) -> dict:
    keys = KeySet.import_key_set(httpx.get(f"{idp.url}/jwks.json").json())
    return jwt.decode(token, keys, algorithms=["RS256"]).claims


async def test_citizen(idp: Idp) -> None:
    token = await obtain_token_async(idp.settings, citizen="010203500038")
    claims = _claims(idp, token)
    assert claims["sub"] == "010203500038" and claims["roles"] == ["citizen"]


async def test_officer(idp: Idp) -> None:
    claims = _claims(idp, await obtain_token_async(idp.settings, officer="tax.almaty.officer"))
    assert claims["roles"] == ["officer"] and claims["region"] == "almaty"


async def test_client_with_and_without_explicit_secret(idp: Idp) -> None:
    agency = demo.CLIENTS[1]
    explicit = await obtain_token_async(idp.settings, client=agency.client_id, secret=agency.secret)
    assert _claims(idp, explicit)["sub"] == agency.client_id
    defaulted = await obtain_token_async(idp.settings, client=agency.client_id)  # development
    assert _claims(idp, defaulted)["scope"] == "applications:read"


async def test_refusals_are_clear_and_never_name_the_iin(idp: Idp) -> None:
    deceased = next(c for c in demo.CITIZENS if c.deceased)
    with pytest.raises(TokenRefused, match="cannot log in") as refused:
        await obtain_token_async(idp.settings, citizen=deceased.iin)
    assert deceased.iin not in str(refused.value)
    with pytest.raises(TokenRefused, match="Wrong IIN, login or password"):
        await obtain_token_async(idp.settings, citizen="850715300122", password="nope")
    with pytest.raises(TokenRefused, match="invalid_client"):
        await obtain_token_async(idp.settings, client=demo.CLIENTS[0].client_id, secret="nope")


async def test_exactly_one_identity(idp: Idp) -> None:
    with pytest.raises(ValueError):
        await obtain_token_async(idp.settings, citizen="850715300122", officer="x")


def test_cli_prints_a_token(idp: Idp) -> None:
    env = onestop_env(idp_port=idp.settings.idp_port, state_dir=idp.state_dir, log_level="ERROR")
    done = subprocess.run([sys.executable, "-m", "onestop", "token", "--citizen", "850715300122"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    assert _claims(idp, done.stdout.strip())["sub"] == "850715300122"
    refused = subprocess.run([sys.executable, "-m", "onestop", "token", "--officer", "nobody"],
                             cwd=ROOT, env=env, capture_output=True, text=True, timeout=30)
    assert refused.returncode == 1 and "login refused" in refused.stderr
