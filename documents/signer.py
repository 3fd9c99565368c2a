"""Signing the documents a service issues (certificates), and checking them offline.

A document is a compact JWS (ES256, header `typ: onestop-document+jws`, `kid` = RFC 7638
thumbprint of the key). Anyone holding the portal's published JWKS can check it without
calling us: `verify_with_jwks(jws, jwks)`.

Keys live in `<keys_dir>/documents/keys.json` (mode 0600, folder 0700): the current key first,
then every retired one. Retired keys stay published, because a certificate issued years ago
must still verify. Only the worker signs: the file is created on first use by whichever worker
gets there first; the others read it, and re-read it when it changes (a rotation). Each write
also publishes the public half, `<keys_dir>/documents/public/jwks.json`, which is all the portal
reads (DocumentKeys): the portal verifies and publishes, so it never holds a private key, and a
deployment gives it that one folder. Where the workers' key folder is read-only (a mounted
secret), the public half is published by the operator instead (deploy/README.md).

    InvalidDocument      bad signature, unknown key, wrong type, not a JWS at all
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from joserfc import jws as jose_jws
from joserfc.errors import JoseError
from joserfc.jwk import ECKey, KeySet
from pydantic_core import to_jsonable_python

try:
    import fcntl
except ImportError:  # not on Windows: creation stays safe (link), concurrent rotations do not
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger("onestop.documents")

ALGORITHM = "ES256"
DOCUMENT_TYPE = "onestop-document+jws"
PUBLIC_FILE = "public/jwks.json"  # in a folder of its own: a deployment mounts it, and only it, in the portal


class InvalidDocument(Exception):
    """The JWS is not a valid onestop document. The message never quotes the payload."""


def _new_key() -> dict[str, Any]:
    key = ECKey.generate_key("P-256", private=True)
    return key.as_dict(private=True, kid=key.thumbprint(), alg=ALGORITHM, use="sig")


def _public(jwk: dict[str, Any]) -> dict[str, Any]:
    return ECKey.import_key(jwk).as_dict(private=False, kid=jwk["kid"], alg=ALGORITHM, use="sig")


class DocumentSigner:
    def __init__(self, keys_dir: Path) -> None:
        self.folder = Path(keys_dir) / "documents"
        self.path = self.folder / "keys.json"
        self._lock = threading.Lock()
        self._keys: list[dict[str, Any]] = []
        self._stamp: tuple[int, int] | None = None

    # --- key storage ----------------------------------------------------------------------

    @contextmanager
    def _file_lock(self) -> Iterator[None]:
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        with open(self.folder / ".lock", "a") as handle:
            if fcntl is not None:
                fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                if fcntl is not None:
                    fcntl.flock(handle, fcntl.LOCK_UN)

    def _write(self, keys: list[dict[str, Any]]) -> None:
        temporary = self.folder / f".keys.{os.getpid()}.{threading.get_ident()}.tmp"
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            json.dump({"keys": keys}, handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, self.path)  # readers see the old file or the new one, never half
        self._publish(keys)

    def _publish(self, keys: list[dict[str, Any]]) -> None:
        """Write the public half where the portal reads it (the private file never leaves the workers)."""
        jwks = {"keys": [_public(key) for key in keys]}
        public = self.folder / PUBLIC_FILE
        try:
            if json.loads(public.read_text()) == jwks:
                return
        except (OSError, ValueError):
            pass
        try:
            public.parent.mkdir(parents=True, exist_ok=True)
            temporary = public.parent / f".jwks.{os.getpid()}.{threading.get_ident()}.tmp"
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            with os.fdopen(descriptor, "w") as handle:
                json.dump(jwks, handle)
            os.chmod(temporary, 0o644)  # whatever the umask: the portal's user reads it
            os.replace(temporary, public)
        except OSError as error:  # a read-only key folder (a mounted secret): the operator publishes it
            log.warning("the public document keys were not written to %s (%s): the portal verifies with the "
                        "ones it is given", public, error)

    def _read(self) -> list[dict[str, Any]]:
        with open(self.path) as handle:
            keys = json.load(handle)["keys"]
        if not keys:
            raise InvalidDocument(f"no signing keys in {self.path}")
        return keys

    def _current_keys(self) -> list[dict[str, Any]]:
        with self._lock:
            try:
                stat = self.path.stat()
            except FileNotFoundError:
                with self._file_lock():
                    if not self.path.exists():
                        self._write([_new_key()])
                stat = self.path.stat()
            stamp = (stat.st_mtime_ns, stat.st_ino)
            if stamp != self._stamp:
                self._keys, self._stamp = self._read(), stamp
                self._publish(self._keys)  # a key file from before the public one existed
            return self._keys

    def publish(self) -> None:
        """Make the keys if there are none yet, and their public half: a worker does it as it starts."""
        self._current_keys()

    def rotate(self) -> str:
        """Start signing with a new key; the old ones stay published. Returns the new kid."""
        self._current_keys()
        with self._lock, self._file_lock():
            key = _new_key()
            self._write([key, *self._read()])
            self._stamp = None
        return str(key["kid"])

    # --- signing and checking -------------------------------------------------------------

    @property
    def current_kid(self) -> str:
        return str(self._current_keys()[0]["kid"])

    def sign(self, claims: dict[str, Any]) -> str:
        current = self._current_keys()[0]
        payload = json.dumps(to_jsonable_python(claims), ensure_ascii=False, sort_keys=True,
                             separators=(",", ":")).encode()
        header = {"alg": ALGORITHM, "kid": current["kid"], "typ": DOCUMENT_TYPE}
        return jose_jws.serialize_compact(header, payload, ECKey.import_key(current), algorithms=[ALGORITHM])

    def jwks(self) -> dict[str, Any]:
        """The public keys, current first: publish this at the portal's documents JWKS URL."""
        return {"keys": [_public(key) for key in self._current_keys()]}

    def verify(self, value: str) -> dict[str, Any]:
        return verify_with_jwks(value, self.jwks())


class DocumentKeys:
    """The public document keys, as the portal holds them: it publishes and verifies, it cannot sign.

    Reads `<keys_dir>/documents/public/jwks.json` (written by the workers' DocumentSigner) and re-reads it
    when it changes; until a worker has written it, there is no key and nothing verifies.
    """

    def __init__(self, keys_dir: Path) -> None:
        self.path = Path(keys_dir) / "documents" / PUBLIC_FILE
        self._lock = threading.Lock()
        self._jwks: dict[str, Any] = {"keys": []}
        self._stamp: tuple[int, int] | None = None

    def jwks(self) -> dict[str, Any]:
        with self._lock:
            try:
                stat = self.path.stat()
            except FileNotFoundError:
                return {"keys": []}
            stamp = (stat.st_mtime_ns, stat.st_ino)
            if stamp != self._stamp:
                with open(self.path) as handle:
                    jwks = json.load(handle)
                if any("d" in key for key in jwks.get("keys", [])):
                    raise InvalidDocument(f"{self.path} holds a private key; it must hold public keys only")
                self._jwks, self._stamp = jwks, stamp
            return self._jwks

    def verify(self, value: str) -> dict[str, Any]:
        return verify_with_jwks(value, self.jwks())


def verify_with_jwks(value: str, jwks: dict[str, Any]) -> dict[str, Any]:
    """The claims of a document signed by one of the keys in `jwks`, or InvalidDocument."""
    try:
        keys = KeySet.import_key_set(jwks)  # type: ignore[arg-type]
        signature = jose_jws.deserialize_compact(value, keys, algorithms=[ALGORITHM])
    except (JoseError, ValueError, TypeError, KeyError) as error:
        raise InvalidDocument(f"signature check failed: {type(error).__name__}") from None
    if signature.headers().get("typ") != DOCUMENT_TYPE:
        raise InvalidDocument("not an onestop document (typ)")
    try:
        claims = json.loads(signature.payload)
    except ValueError:
        raise InvalidDocument("payload is not JSON") from None
    if not isinstance(claims, dict):
        raise InvalidDocument("payload is not a JSON object")
    return claims


__all__ = ["ALGORITHM", "DOCUMENT_TYPE", "PUBLIC_FILE", "DocumentKeys", "DocumentSigner", "InvalidDocument",
           "verify_with_jwks"]
