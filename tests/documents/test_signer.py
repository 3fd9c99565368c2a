"""Documents are ES256 JWS that anyone can check offline against the published JWKS."""

from __future__ import annotations

import base64
import json
import stat
from pathlib import Path

import pytest
from joserfc import jws as jose_jws
from joserfc.jwk import ECKey

from documents.signer import DOCUMENT_TYPE, DocumentSigner, InvalidDocument, verify_with_jwks

CLAIMS = {"kind": "self-employed-registration-certificate", "holder": {"name": "Әлия Серікқызы", "iin": "850715300122"}}


def _segments(token: str) -> tuple[dict, dict, str]:
    header, payload, signature = token.split(".")
    decode = lambda part: json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))  # noqa: E731
    return decode(header), decode(payload), signature


def _b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def test_a_signed_document_verifies_and_carries_its_claims(signer: DocumentSigner) -> None:
    token = signer.sign(CLAIMS)
    header, _, _ = _segments(token)
    assert header == {"alg": "ES256", "kid": signer.current_kid, "typ": DOCUMENT_TYPE}
    assert signer.verify(token) == CLAIMS


def test_the_kid_is_the_rfc7638_thumbprint_and_the_key_file_is_private(signer: DocumentSigner, tmp_path: Path) -> None:
    jwks = signer.jwks()
    (public,) = jwks["keys"]
    assert "d" not in public  # never the private part
    assert public["kid"] == ECKey.import_key(public).thumbprint()
    key_file = tmp_path / "keys" / "documents" / "keys.json"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert DocumentSigner(tmp_path / "keys").current_kid == public["kid"]  # created once, then shared


def test_a_tampered_document_is_refused(signer: DocumentSigner) -> None:
    header, payload, signature = signer.sign(CLAIMS).split(".")
    forged_payload = _b64({**CLAIMS, "holder": {"name": "Someone Else", "iin": "900101400013"}})
    with pytest.raises(InvalidDocument) as raised:
        signer.verify(f"{header}.{forged_payload}.{signature}")
    assert "900101400013" not in str(raised.value)
    with pytest.raises(InvalidDocument):
        signer.verify("not-a-jws")


def test_a_document_signed_by_another_key_is_refused(signer: DocumentSigner, tmp_path: Path) -> None:
    stranger = DocumentSigner(tmp_path / "elsewhere")
    with pytest.raises(InvalidDocument):
        signer.verify(stranger.sign(CLAIMS))


def test_a_jws_of_another_type_is_refused(signer: DocumentSigner, tmp_path: Path) -> None:
    # Signed with our own key but typed as something else (e.g. an access token): not a document.
    _ = signer.current_kid  # creates the key
    private = json.loads((tmp_path / "keys" / "documents" / "keys.json").read_text())["keys"][0]
    token = jose_jws.serialize_compact({"alg": "ES256", "kid": private["kid"], "typ": "JWT"},
                                       json.dumps(CLAIMS).encode(), ECKey.import_key(private), algorithms=["ES256"])
    with pytest.raises(InvalidDocument):
        signer.verify(token)


def test_after_rotation_old_documents_still_verify_and_new_ones_use_the_new_key(
        signer: DocumentSigner, tmp_path: Path) -> None:
    old_token = signer.sign(CLAIMS)
    old_kid = signer.current_kid
    other_process = DocumentSigner(tmp_path / "keys")
    assert other_process.current_kid == old_kid

    new_kid = signer.rotate()
    new_token = signer.sign(CLAIMS)
    assert new_kid != old_kid
    assert _segments(new_token)[0]["kid"] == new_kid
    assert [k["kid"] for k in signer.jwks()["keys"]] == [new_kid, old_kid]
    assert signer.verify(old_token) == signer.verify(new_token) == CLAIMS
    # another process picks the rotation up from the file
    assert other_process.current_kid == new_kid
    assert other_process.verify(new_token) == CLAIMS


def test_anyone_verifies_offline_with_the_published_jwks(signer: DocumentSigner) -> None:
    token = signer.sign(CLAIMS)
    published = json.loads(json.dumps(signer.jwks()))  # what a verifier downloaded
    assert verify_with_jwks(token, published) == CLAIMS
    with pytest.raises(InvalidDocument):
        verify_with_jwks(token, {"keys": []})


def test_the_public_half_follows_every_key_change(signer: DocumentSigner, tmp_path: Path) -> None:
    from documents.signer import PUBLIC_FILE, DocumentKeys

    portal = DocumentKeys(tmp_path / "keys")
    assert portal.jwks() == {"keys": []}  # no worker has made keys yet: nothing verifies
    document = signer.sign({"jti": "d1"})
    assert portal.jwks() == signer.jwks() and portal.verify(document)["jti"] == "d1"
    signer.rotate()
    assert [k["kid"] for k in portal.jwks()["keys"]] == [k["kid"] for k in signer.jwks()["keys"]]
    (tmp_path / "keys" / "documents" / PUBLIC_FILE).unlink()  # keys made before the public file existed
    DocumentSigner(tmp_path / "keys").publish()
    assert portal.jwks() == signer.jwks()
    assert (tmp_path / "keys" / "documents" / PUBLIC_FILE).stat().st_mode & 0o777 == 0o644
