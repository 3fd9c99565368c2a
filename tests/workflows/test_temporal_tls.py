"""mTLS to Temporal: the client side, through a TLS-terminating proxy in front of the server (the
dev server has no TLS flags of its own; deploy/ configures the cluster's side)."""

from __future__ import annotations

import asyncio
import datetime as dt
import ipaddress
import ssl
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from temporalio.client import Client
from temporalio.service import TLSConfig
from temporalio.testing import WorkflowEnvironment

from onestop.settings import Settings
from onestop.temporal_client import connect, tls_config


def _certificate(name: str, key: ec.EllipticCurvePrivateKey,
                 issuer: tuple[x509.Name, ec.EllipticCurvePrivateKey] | None, *, ca: bool = False,
                 server: bool = False) -> x509.Certificate:
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    issuer_name, signer = issuer or (subject, key)
    now = dt.datetime.now(dt.UTC)
    builder = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer_name).public_key(key.public_key())
               .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(minutes=1))
               .not_valid_after(now + dt.timedelta(days=1))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
    if server:
        builder = builder.add_extension(x509.SubjectAlternativeName(
            [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
    return builder.sign(signer, hashes.SHA256())


def _write(folder: Path, name: str, cert: x509.Certificate, key: ec.EllipticCurvePrivateKey) -> tuple[Path, Path]:
    cert_path, key_path = folder / f"{name}.crt", folder / f"{name}.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


@pytest.fixture
def pki(tmp_path: Path) -> dict[str, Path]:
    """A CA, the cluster's certificate (localhost) and a client certificate, all signed by the CA."""
    ca_key, server_key, client_key = (ec.generate_private_key(ec.SECP256R1()) for _ in range(3))
    ca = _certificate("onestop test CA", ca_key, None, ca=True)
    ca_pair = (ca.subject, ca_key)
    ca_path, _ = _write(tmp_path, "ca", ca, ca_key)
    server_cert, server_key_path = _write(tmp_path, "server", _certificate("localhost", server_key, ca_pair,
                                                                            server=True), server_key)
    client_cert, client_key_path = _write(tmp_path, "client", _certificate("onestop-worker", client_key, ca_pair),
                                          client_key)
    return {"ca": ca_path, "server_cert": server_cert, "server_key": server_key_path, "client_cert": client_cert,
            "client_key": client_key_path}


@pytest.fixture
async def tls_proxy(workflow_env: WorkflowEnvironment, pki: dict[str, Path]) -> AsyncIterator[str]:
    """Terminates mTLS (a client certificate from the CA required) and passes the bytes to Temporal."""
    target_host, _, target_port = workflow_env.client.service_client.config.target_host.rpartition(":")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH, cafile=str(pki["ca"]))
    context.load_cert_chain(pki["server_cert"], pki["server_key"])
    context.verify_mode = ssl.CERT_REQUIRED
    context.set_alpn_protocols(["h2"])

    async def pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        except (ConnectionError, ssl.SSLError):
            pass
        finally:
            writer.close()

    async def serve(client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter) -> None:
        upstream_reader, upstream_writer = await asyncio.open_connection(target_host, int(target_port))
        await asyncio.gather(pipe(client_reader, upstream_writer), pipe(upstream_reader, client_writer))

    server = await asyncio.start_server(serve, "127.0.0.1", 0, ssl=context)
    port = server.sockets[0].getsockname()[1]
    try:
        yield f"localhost:{port}"
    finally:
        server.close()


async def test_portal_and_worker_reach_temporal_over_mtls(tls_proxy: str, pki: dict[str, Path],
                                                          worker_settings: Settings) -> None:
    settings = worker_settings.model_copy(update={
        "temporal_address": tls_proxy, "temporal_namespace": "default", "temporal_tls_ca": str(pki["ca"]),
        "temporal_tls_cert": str(pki["client_cert"]), "temporal_tls_key": str(pki["client_key"])})
    client = await connect(settings)
    assert await client.service_client.check_health()


async def test_without_a_client_certificate_the_cluster_refuses(tls_proxy: str, pki: dict[str, Path]) -> None:
    with pytest.raises(RuntimeError):
        client = await Client.connect(tls_proxy, tls=TLSConfig(server_root_ca_cert=pki["ca"].read_bytes()))
        await client.service_client.check_health()


def test_a_certificate_without_its_key_is_refused_at_start(pki: dict[str, Path]) -> None:
    with pytest.raises(ValueError, match="TEMPORAL_TLS_KEY"):
        tls_config(Settings(temporal_tls_ca=str(pki["ca"]), temporal_tls_cert=str(pki["client_cert"])))
    assert tls_config(Settings()) is False
