"""The public check behind a certificate's verify link: is this document genuine, and whose?

Anyone with the link may ask, so the answer shows no more than a verifier needs: the kind,
the date, the holder's name as issued and a masked IIN (850715******).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel
from sqlmodel import Session

from documents.signer import DocumentKeys, DocumentSigner, InvalidDocument
from store import repository

NOT_FOUND = {
    "kk": "Құжат табылмады.",
    "ru": "Документ не найден.",
    "en": "Document not found.",
}
SIGNATURE_INVALID = {
    "kk": "Құжаттың қолтаңбасы жарамсыз: құжат өзгертілген немесе біз бермеген.",
    "ru": "Подпись документа недействительна: документ изменён или выдан не нами.",
    "en": "The document's signature is not valid: it was altered or not issued by us.",
}
MISMATCH = {
    "kk": "Қолтаңба басқа құжатқа тиесілі.",
    "ru": "Подпись относится к другому документу.",
    "en": "The signature belongs to another document.",
}


class VerificationResult(BaseModel):
    valid: bool
    document_id: str
    kind: str | None = None
    issued_at: datetime | None = None
    holder: str | None = None  # masked IIN
    holder_name: str | None = None
    title: dict[str, str] | None = None
    reason: dict[str, str] | None = None  # why it is not valid, kk/ru/en


def mask_iin(iin: str) -> str:
    """Birth date digits stay (a verifier compares them with the person), the rest is hidden."""
    return iin[:6] + "*" * max(len(iin) - 6, 0)


def verify_document(session: Session, signer: DocumentKeys | DocumentSigner, document_id: str) -> VerificationResult:
    document = repository.get_document(session, document_id)
    if document is None:
        return VerificationResult(valid=False, document_id=document_id, reason=NOT_FOUND)
    try:
        claims = signer.verify(document.jws)
    except InvalidDocument:
        return VerificationResult(valid=False, document_id=document_id, reason=SIGNATURE_INVALID)
    if claims.get("jti") != document_id:
        return VerificationResult(valid=False, document_id=document_id, reason=MISMATCH)
    # What is shown comes from the signed claims, not from columns anyone could edit.
    holder: dict[str, Any] = claims.get("holder") or {}
    iat = claims.get("iat")
    return VerificationResult(
        valid=True,
        document_id=document_id,
        kind=claims.get("kind"),
        issued_at=datetime.fromtimestamp(iat, UTC) if isinstance(iat, (int, float)) else None,
        holder=mask_iin(str(holder.get("iin", ""))) or None,
        holder_name=holder.get("name"),
        title=claims.get("title"),
    )


__all__ = ["MISMATCH", "NOT_FOUND", "SIGNATURE_INVALID", "VerificationResult", "mask_iin", "verify_document"]
