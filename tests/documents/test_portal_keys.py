"""The portal holds only the public document keys: the workers sign. A portal started on a copy of
the stack's state dir without the private key file publishes the workers' keys and verifies a
certificate they issued, and makes no private key of its own."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from documents.signer import PUBLIC_FILE
from tests.support.api import api_client, submit, wait_finished
from tests.support.citizens import next_citizen
from tests.support.processes import free_port
from tests.support.stack import Stack


@pytest.fixture
def public_only(stack: Stack, tmp_path: Path) -> Iterator[Stack]:
    state_dir = tmp_path / "state"
    shutil.copytree(stack.state_dir, state_dir, ignore=lambda folder, names: [
        n for n in names if n == "keys.json" and Path(folder).name == "documents" or n.endswith((".db", ".db-wal",
                                                                                               ".db-shm", ".log"))])
    portal = Stack(state_dir=state_dir, database_url=stack.database_url, env={
        **stack.env, "ONESTOP_STATE_DIR": str(state_dir), "ONESTOP_PORTAL_PORT": str(free_port())})
    portal.start("portal")
    try:
        yield portal
    finally:
        portal.stop_all()


async def test_the_portal_verifies_with_the_public_keys_alone(healthy_stack: Stack, public_only: Stack) -> None:
    async with await api_client(healthy_stack, next_citizen()) as citizen:
        accepted = await submit(citizen)
        assert accepted.status_code == 202, accepted.text
        view = await wait_finished(citizen, accepted.json()["id"])
        document_id = view["documents"][0]["id"]
        signed_with = (await citizen.get("/documents/jwks.json")).json()
    documents = public_only.state_dir / "keys" / "documents"
    assert not (documents / "keys.json").exists() and (documents / PUBLIC_FILE).exists()

    async with httpx.AsyncClient(base_url=f"{public_only.portal_url}/api/v1") as anyone:
        jwks = (await anyone.get("/documents/jwks.json")).json()
        verified = (await anyone.get(f"/documents/{document_id}/verify")).json()
    assert jwks == signed_with and jwks["keys"]
    assert all(not {"d", "p", "q"} & set(key) for key in jwks["keys"])  # public halves only
    assert verified["valid"] is True, verified
    assert not (documents / "keys.json").exists()  # the portal made no private key of its own
