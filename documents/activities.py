"""Issuing signed certificates: a Temporal activity (sync, run in the worker's thread pool).

Idempotent by document_key (the workflow derives it from the application and the step): a
retry, or a second worker racing the first, gets the document already issued, never a second one.

The document is signed before its unit of work opens, which then only stores it: on SQLite a
transaction opened first held the write lock (which every citizen's submit waits for) while
this busy thread signed and waited for the GIL, up to tens of milliseconds.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import Engine

from documents.signer import DocumentSigner
from onestop.thread_activity import thread_activity
from store import repository
from store.engine import read_scope, session_scope
from store.models import Document, new_id
from store.types import utcnow


class IssueCertificateInput(BaseModel):
    application_id: str
    service_code: str
    document_key: str
    kind: str
    owner_iin: str
    holder_name: str
    title: dict[str, str]
    claims: dict[str, Any] = Field(default_factory=dict)
    language: str = "kk"


class IssuedDocument(BaseModel):
    document_id: str
    verify_url: str
    issued_at: datetime


# Claims the signer sets itself; a service's own claims cannot override them.
RESERVED_CLAIMS = frozenset({"iss", "jti", "iat", "sub", "kind", "application_id", "service_code",
                             "holder", "title", "lang"})


def verify_url(public_url: str, document_id: str) -> str:
    return f"{public_url.rstrip('/')}/api/v1/documents/{document_id}/verify"


class DocumentActivities:
    def __init__(self, engine: Engine, signer: DocumentSigner, public_url: str) -> None:
        self.engine = engine
        self.signer = signer
        signer.publish()  # the portal verifies with the public keys from its first request on
        self.public_url = public_url.rstrip("/")

    def _result(self, document: Document) -> IssuedDocument:
        return IssuedDocument(document_id=document.id, verify_url=verify_url(self.public_url, document.id),
                              issued_at=document.issued_at)

    @thread_activity("documents.issue_certificate")
    def issue_certificate(self, input: IssueCertificateInput) -> IssuedDocument:
        existing = self._issued(input.document_key)
        if existing is not None:
            return self._result(existing)
        document = self._signed(input)
        with session_scope(self.engine) as session:
            stored = repository.add_document(session.connection(), document)
        if stored:
            return self._result(document)
        # Another attempt stored its own between our look and our insert: that one is the document.
        existing = self._issued(input.document_key)
        if existing is None:
            raise RuntimeError(f"document {input.document_key} vanished after a conflict")
        return self._result(existing)

    def _issued(self, document_key: str) -> Document | None:
        with read_scope(self.engine) as session:
            return repository.document_by_key(session, document_key)

    def _signed(self, input: IssueCertificateInput) -> Document:
        document_id = new_id()
        # Whole seconds, so the stored time and the signed `iat` are the same instant.
        issued_at = utcnow().replace(microsecond=0)
        claims = {
            **{k: v for k, v in input.claims.items() if k not in RESERVED_CLAIMS},
            "iss": self.public_url,
            "jti": document_id,
            "iat": int(issued_at.timestamp()),
            "sub": input.owner_iin,
            "kind": input.kind,
            "application_id": input.application_id,
            "service_code": input.service_code,
            "holder": {"name": input.holder_name, "iin": input.owner_iin},
            "title": input.title,
            "lang": input.language,
        }
        return Document(id=document_id, document_key=input.document_key, application_id=input.application_id,
                        service_code=input.service_code, kind=input.kind, owner_iin=input.owner_iin,
                        title=input.title, jws=self.signer.sign(claims), claims=claims, issued_at=issued_at)


__all__ = ["DocumentActivities", "IssueCertificateInput", "IssuedDocument", "RESERVED_CLAIMS", "verify_url"]
