"""One way to reach Temporal, for the portal, the worker and the tests: pydantic payloads,
encrypted when payload keys are set (onestop/payload_codec.py)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from temporalio.client import Client
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.converter import DataConverter
from temporalio.service import TLSConfig

from onestop.payload_codec import codec_for
from onestop.settings import Settings


def data_converter(settings: Settings) -> DataConverter:
    codec = codec_for(settings.payload_keys)
    return dataclasses.replace(pydantic_data_converter, payload_codec=codec) if codec else pydantic_data_converter


def tls_config(settings: Settings) -> TLSConfig | bool:
    """mTLS from the certificate paths in the settings; False (plain TCP) when none is set."""
    paths = (settings.temporal_tls_ca, settings.temporal_tls_cert, settings.temporal_tls_key)
    if not any(paths):
        return False
    if not (settings.temporal_tls_cert and settings.temporal_tls_key):
        raise ValueError("mTLS to Temporal needs both ONESTOP_TEMPORAL_TLS_CERT and ONESTOP_TEMPORAL_TLS_KEY")
    return TLSConfig(
        server_root_ca_cert=Path(settings.temporal_tls_ca).read_bytes() if settings.temporal_tls_ca else None,
        client_cert=Path(settings.temporal_tls_cert).read_bytes(),
        client_private_key=Path(settings.temporal_tls_key).read_bytes(),
        domain=settings.temporal_tls_server_name or None)


async def connect(settings: Settings) -> Client:
    return await Client.connect(settings.temporal_address, namespace=settings.temporal_namespace,
                                data_converter=data_converter(settings), tls=tls_config(settings))
