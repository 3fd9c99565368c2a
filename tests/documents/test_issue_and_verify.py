"""Issuing a certificate is idempotent by document_key; its verify link tells genuine from forged."""

from __future__ import annotations

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import Engine, func
from sqlmodel import select

from documents.activities import DocumentActivities, IssueCertificateInput
from documents.signer import DocumentSigner, verify_with_jwks
from documents.verification import MISMATCH, NOT_FOUND, SIGNATURE_INVALID, verify_document
from store import repository
from store.engine import session_scope
from store.models import Document, DocumentPublic
from tests.documents.conftest import HOLDER_IIN

PUBLIC_URL = "https://portal.example.kz"
TITLE = {"kk": "Өзін-өзі жұмыспен қамтыған ретінде тіркеу", "ru": "Регистрация самозанятого",
         "en": "Self-employed registration"}


def _input(application_id: str, document_key: str) -> IssueCertificateInput:
    return IssueCertificateInput(
        application_id=application_id, service_code="self-employed-registration", document_key=document_key,
        kind="self-employed-registration-certificate", owner_iin=HOLDER_IIN, holder_name="Серікова Әлия",
        title=TITLE, claims={"regime": "self_employed", "iss": "https://forger.example"}, language="kk")


def test_a_certificate_is_signed_with_the_facts_and_stored(
        engine: Engine, signer: DocumentSigner, application_id: str) -> None:
    activities = DocumentActivities(engine, signer, PUBLIC_URL + "/")
    issued = activities.issue_certificate(_input(application_id, f"{application_id}:certificate"))

    assert issued.verify_url == f"{PUBLIC_URL}/api/v1/documents/{issued.document_id}/verify"
    with session_scope(engine) as session:
        document = repository.get_document(session, issued.document_id)
        assert document is not None
        public = DocumentPublic.model_validate(document)
        assert [d.id for d in repository.documents_of(session, application_id)] == [issued.document_id]
    claims = verify_with_jwks(public.jws, signer.jwks())
    assert claims == public.claims
    assert claims["iss"] == PUBLIC_URL  # a service's own claims cannot override the issuer
    assert claims["jti"] == issued.document_id
    assert claims["iat"] == int(issued.issued_at.timestamp()) == int(public.issued_at.timestamp())
    assert claims["holder"] == {"name": "Серікова Әлия", "iin": HOLDER_IIN}
    assert (claims["kind"], claims["application_id"], claims["regime"]) == (
        "self-employed-registration-certificate", application_id, "self_employed")
    assert public.title == TITLE


def test_a_retried_issue_returns_the_same_document(engine: Engine, signer: DocumentSigner, application_id: str) -> None:
    activities = DocumentActivities(engine, signer, PUBLIC_URL)
    key = f"{application_id}:certificate"
    first = activities.issue_certificate(_input(application_id, key))
    again = activities.issue_certificate(_input(application_id, key))
    assert again == first

    barrier = threading.Barrier(5)
    racing_key = f"{application_id}:racing"

    def issue(_: int) -> str:
        barrier.wait()
        return activities.issue_certificate(_input(application_id, racing_key)).document_id

    with ThreadPoolExecutor(max_workers=5) as pool:
        ids = set(pool.map(issue, range(5)))
    assert len(ids) == 1
    with session_scope(engine) as session:
        count = session.exec(select(func.count()).select_from(Document)
                             .where(Document.application_id == application_id)).one()
    assert count == 2


def test_the_verify_link_shows_a_genuine_document_with_a_masked_iin(
        engine: Engine, signer: DocumentSigner, application_id: str) -> None:
    issued = DocumentActivities(engine, signer, PUBLIC_URL).issue_certificate(
        _input(application_id, f"{application_id}:certificate"))
    with session_scope(engine) as session:
        result = verify_document(session, signer, issued.document_id)
    assert result.valid and result.reason is None
    assert result.holder == "850715******"
    assert HOLDER_IIN not in result.model_dump_json()
    assert (result.kind, result.title, result.issued_at) == (
        "self-employed-registration-certificate", TITLE, issued.issued_at)


def test_the_verify_link_refuses_unknown_forged_and_swapped_documents(
        engine: Engine, signer: DocumentSigner, application_id: str) -> None:
    activities = DocumentActivities(engine, signer, PUBLIC_URL)
    first = activities.issue_certificate(_input(application_id, f"{application_id}:first"))
    second = activities.issue_certificate(_input(application_id, f"{application_id}:second"))

    with session_scope(engine) as session:
        assert verify_document(session, signer, str(uuid.uuid4())).reason == NOT_FOUND

        forged = repository.get_document(session, first.document_id)
        assert forged is not None
        header, _, signature = forged.jws.split(".")
        other = repository.get_document(session, second.document_id)
        assert other is not None
        forged.jws = f"{header}.{other.jws.split('.')[1]}.{signature}"
        session.add(forged)
        session.flush()
        result = verify_document(session, signer, first.document_id)
        assert (result.valid, result.reason, result.holder) == (False, SIGNATURE_INVALID, None)

        forged.jws = other.jws  # a genuine signature, but of another document
        session.add(forged)
        session.flush()
        assert verify_document(session, signer, first.document_id).reason == MISMATCH
        session.rollback()
