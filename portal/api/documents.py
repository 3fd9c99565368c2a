"""Signed documents: the owner reads and downloads them; anyone verifies them.

A certificate is a compact JWS. It verifies at its public URL, or offline against the
document-signing keys published here as a JWKS.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response

from documents.verification import verify_document
from portal.applications.views import document_link
from portal.auth import CurrentPrincipal
from portal.database import in_transaction
from portal.problems import NotFound
from store import repository
from store.models import DocumentPublic

router = APIRouter(prefix="/documents", tags=["documents"])


@router.get("/jwks.json", summary="Public keys that sign documents (verify offline)")
async def document_keys(request: Request) -> dict[str, Any]:
    return request.app.state.document_keys.jwks()


async def _own_document(request: Request, document_id: str, iin: str | None):  # type: ignore[no-untyped-def]
    document = await in_transaction(request, lambda s: repository.get_document(s, document_id), read_only=True)
    if document is None or document.owner_iin != iin:
        raise NotFound("no such document")
    return document


@router.get("/{document_id}", response_model=DocumentPublic, summary="One of my documents, with its JWS",
            responses={200: {"headers": {"Link": {"description": 'Where it verifies: <url>; rel="verify"',
                                                  "schema": {"type": "string"}}}}})
async def get_document(document_id: str, request: Request, principal: CurrentPrincipal,
                       response: Response) -> DocumentPublic:
    document = await _own_document(request, document_id, principal.iin)
    link = document_link(document, request.app.state.settings.portal_public_url)
    response.headers["Link"] = f'<{link.verify_url}>; rel="verify"'
    return DocumentPublic.model_validate(document, from_attributes=True)


@router.get("/{document_id}/download", summary="Download the signed document (application/jose)",
            response_class=Response,
            responses={200: {"description": "The document as a compact JWS",
                             "content": {"application/jose": {"schema": {"type": "string"}}},
                             "headers": {"Content-Disposition": {"description": "attachment, with a file name",
                                                                 "schema": {"type": "string"}}}}})
async def download(document_id: str, request: Request, principal: CurrentPrincipal) -> Response:
    document = await _own_document(request, document_id, principal.iin)
    return Response(document.jws, media_type="application/jose",
                    headers={"Content-Disposition": f'attachment; filename="{document.kind}-{document.id[:8]}.jws"'})


@router.get("/{document_id}/verify", summary="Public check that a document is genuine")
async def verify(document_id: str, request: Request) -> dict[str, Any]:
    signer = request.app.state.document_keys
    result = await in_transaction(request, lambda s: verify_document(s, signer, document_id), read_only=True)
    if result is None:
        raise NotFound("no document with this number was issued")
    return result.model_dump(mode="json")
