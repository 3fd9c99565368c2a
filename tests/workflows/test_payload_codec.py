"""Workflow payloads encrypted at rest in Temporal (onestop/payload_codec.py), keys that rotate,
and histories written before the codec that still read."""

from __future__ import annotations

import dataclasses
import uuid

import pytest
from cryptography.exceptions import InvalidTag
from temporalio.api.common.v1 import Payload
from temporalio.client import Client
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.testing import WorkflowEnvironment

from onestop.payload_codec import ENCODING, EncryptionCodec, codec_for, new_key_setting, parse_keys
from onestop.settings import Settings
from onestop.worker import build_worker
from tests.support.citizens import next_citizen
from tests.workflows.test_self_employed import TODAY, answers, store_application
from workflows.inputs import (
    APPLICATION_WORKFLOW,
    ApplicationInput,
    ApplicationOutcome,
    ServiceOrder,
    application_workflow_id,
)


async def test_a_payload_is_sealed_under_the_first_key_and_opened_by_any_kept_one() -> None:
    old = new_key_setting("k1")
    rotated = new_key_setting("k2", [old])
    plain = Payload(metadata={"encoding": b"json/plain"}, data=b'{"iin": "850715300122"}')

    [sealed_old] = await EncryptionCodec(parse_keys(old)).encode([plain])
    assert sealed_old.metadata["encoding"] == ENCODING and b"850715300122" not in sealed_old.data
    codec = EncryptionCodec(parse_keys(rotated))
    [sealed_new] = await codec.encode([plain])
    assert sealed_new.metadata["encryption-key-id"] == b"k2"
    assert await codec.decode([sealed_old, sealed_new, plain]) == [plain, plain, plain]  # old, new, never sealed

    with pytest.raises(ValueError, match="unknown key id 'k1'"):
        await EncryptionCodec(parse_keys(new_key_setting("k3"))).decode([sealed_old])
    tampered = Payload(metadata=sealed_new.metadata, data=sealed_new.data[:-1] + bytes([sealed_new.data[-1] ^ 1]))
    with pytest.raises(InvalidTag):
        await codec.decode([tampered])


@pytest.mark.parametrize("setting", ["k1", "k1:not-base64!", ":" + new_key_setting("x").split(":", 1)[1],
                                     "k1:" + "QUJD"])
def test_a_malformed_key_setting_refuses_to_start(setting: str) -> None:
    with pytest.raises(ValueError):
        codec_for(setting)


async def test_temporal_holds_no_readable_payload_of_an_encrypted_application(
        workflow_env: WorkflowEnvironment, worker_settings: Settings) -> None:
    settings = worker_settings.model_copy(update={"payload_keys": new_key_setting("k1")})
    codec = codec_for(settings.payload_keys)
    config = workflow_env.client.config()
    config["data_converter"] = dataclasses.replace(pydantic_data_converter, payload_codec=codec)
    sealed = Client(**config)
    iin = next_citizen()
    form = answers()
    application_id = store_application(settings, iin, form)
    queue = f"test-{uuid.uuid4()}"
    async with build_worker(sealed, settings, task_queue=queue) as worker, worker:
        outcome = await sealed.execute_workflow(
            APPLICATION_WORKFLOW,
            ApplicationInput(application_id=application_id, applicant_iin=iin, language="ru",
                             services=[ServiceOrder(code="self-employed-registration", answers=form)],
                             submitted_on=TODAY),
            id=application_workflow_id(application_id), task_queue=queue, result_type=ApplicationOutcome)
    assert outcome.status == "completed"

    # Read as the store holds it, with no codec: every payload sealed, the IIN nowhere.
    raw = await workflow_env.client.get_workflow_handle(application_workflow_id(application_id)).fetch_history()
    blob = raw.to_json()
    assert iin not in blob and "tutoring" not in blob
    started = raw.events[0].workflow_execution_started_event_attributes.input.payloads
    assert started and all(p.metadata["encoding"] == ENCODING for p in started)
