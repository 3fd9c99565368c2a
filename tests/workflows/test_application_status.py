"""The application's status from its services' final statuses (the workflow and the read model share it)."""

from __future__ import annotations

import pytest

from services.application_status import application_status
from store.appeals import overall_status


@pytest.mark.parametrize(("services", "expected"), [
    (["completed"], "completed"),
    (["completed", "completed"], "completed"),
    (["refused", "refused"], "refused"),
    (["failed"], "failed"),
    (["withdrawn", "withdrawn"], "withdrawn"),
    (["completed", "refused"], "partially_completed"),
    (["completed", "withdrawn", "failed"], "partially_completed"),
])
def test_alike_services_give_their_status_and_mixed_ones_partially_completed(services: list[str],
                                                                             expected: str) -> None:
    assert application_status(services) == expected
    assert overall_status(services) == expected


def test_the_read_model_leaves_an_application_open_while_a_service_is() -> None:
    assert overall_status(["completed", "in_progress"]) is None
    assert overall_status([]) is None
