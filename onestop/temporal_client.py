"""One way to reach Temporal, for the portal, the worker and the tests: pydantic payloads,
encrypted when payload keys are set (onestop/payload_codec.py)."""

from __future__ import annotations

import dataclasses

from temporalio.client import Client
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.converter import DataConverter

from onestop.payload_codec import codec_for
from onestop.settings import Settings


def data_converter(settings: Settings) -> DataConverter:
    codec = codec_for(settings.payload_keys)
    return dataclasses.replace(pydantic_data_converter, payload_codec=codec) if codec else pydantic_data_converter


async def connect(settings: Settings) -> Client:
    return await Client.connect(settings.temporal_address, namespace=settings.temporal_namespace,
                                data_converter=data_converter(settings))
