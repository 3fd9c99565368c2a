"""The receiver's check: a signed body passes; any change to body, signature, secret or time fails."""

from __future__ import annotations

import hashlib
import hmac

from portal.agency.signatures import new_secret, sign, signature_header, verify_signature

BODY = b'{"application_id":"a","event_id":"a:completed:2","status":"completed"}'
NOW = 1_800_000_000


def test_a_signed_body_verifies_and_the_signature_is_hmac_sha256_of_timestamp_dot_body() -> None:
    secret = new_secret()
    header = signature_header(secret, NOW, BODY)
    expected = hmac.new(secret.encode(), f"{NOW}.".encode() + BODY, hashlib.sha256).hexdigest()
    assert header == f"t={NOW},v1={expected}"
    assert verify_signature(secret, header, BODY, tolerance_s=300, now=NOW + 10)


def test_tampered_body_signature_secret_or_timestamp_is_rejected() -> None:
    secret = new_secret()
    header = signature_header(secret, NOW, BODY)
    assert not verify_signature(secret, header, BODY.replace(b"completed", b"refused"), now=NOW)
    assert not verify_signature(secret, header[:-1] + ("0" if header[-1] != "0" else "1"), BODY, now=NOW)
    assert not verify_signature(new_secret(), header, BODY, now=NOW)
    # the timestamp is signed: moving it to pass the freshness check breaks the signature
    assert not verify_signature(secret, header.replace(f"t={NOW}", f"t={NOW + 1000}"), BODY, now=NOW + 1000)


def test_an_old_signature_is_rejected_as_a_replay() -> None:
    secret = new_secret()
    header = signature_header(secret, NOW, BODY)
    assert verify_signature(secret, header, BODY, tolerance_s=300, now=NOW + 299)
    assert not verify_signature(secret, header, BODY, tolerance_s=300, now=NOW + 301)


def test_malformed_headers_are_rejected_not_raised() -> None:
    secret = new_secret()
    for header in (None, "", "v1=abc", "t=abc,v1=def", f"t={NOW}", "garbage"):
        assert not verify_signature(secret, header, BODY, now=NOW)


def test_any_of_several_v1_signatures_may_match_during_a_secret_rotation() -> None:
    old, new = new_secret(), new_secret()
    header = f"t={NOW},v1={sign(old, NOW, BODY)},v1={sign(new, NOW, BODY)}"
    assert verify_signature(new, header, BODY, now=NOW) and verify_signature(old, header, BODY, now=NOW)
