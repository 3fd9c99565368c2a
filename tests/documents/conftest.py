"""Fixtures for the documents tests: a signer on a temporary folder, an engine, an application."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from sqlalchemy import Engine

from documents.signer import DocumentSigner
from store import repository
from store.engine import get_engine, session_scope

HOLDER_IIN = "850715300122"


@pytest.fixture
def signer(tmp_path: Path) -> DocumentSigner:
    return DocumentSigner(tmp_path / "keys")


@pytest.fixture(scope="session")
def engine(database_url: str) -> Engine:
    return get_engine(database_url)


@pytest.fixture
def application_id(engine: Engine) -> str:
    with session_scope(engine) as session:
        application, _ = repository.create_application(
            session, owner=HOLDER_IIN, idempotency_key=str(uuid.uuid4()), request_hash="h",
            applicant_iin=HOLDER_IIN, submitted_via="portal", language="kk",
            services=[("self-employed-registration", {}, None)])
        return application.id
