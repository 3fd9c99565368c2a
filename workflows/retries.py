"""How long and how often each kind of activity is tried.

A registry outage delays an application, it never loses one: registry calls retry without
limit, backing off to one attempt a minute. A business refusal (person not found, already
registered) is final and goes back to the applicant as a reason.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TypedDict

from temporalio.common import RetryPolicy

REFUSAL_ERROR_TYPE = "RegistryRefusal"  # same string as connectors.errors.REFUSAL_ERROR_TYPE


class ActivityOptions(TypedDict):
    """The keyword arguments of execute_(local_)activity that every option set here gives."""

    start_to_close_timeout: timedelta
    retry_policy: RetryPolicy


# Longer than the HTTP client's own timeout (ONESTOP_REGISTRIES_TIMEOUT_SECONDS, 5 s) so a slow
# answer fails in the client first; short enough that the work of a dead worker moves on soon.
REGISTRY_CALL = ActivityOptions(
    start_to_close_timeout=timedelta(seconds=10),
    retry_policy=RetryPolicy(
        initial_interval=timedelta(milliseconds=200),
        backoff_coefficient=2.0,
        maximum_interval=timedelta(seconds=60),
        maximum_attempts=0,
        non_retryable_error_types=[REFUSAL_ERROR_TYPE],
    ),
)

# Writes to our own database and policy evaluations: local, cheap, retried until the database is back.
LOCAL_STEP = ActivityOptions(
    start_to_close_timeout=timedelta(seconds=30),
    retry_policy=RetryPolicy(initial_interval=timedelta(milliseconds=100), backoff_coefficient=2.0,
                             maximum_interval=timedelta(seconds=30), maximum_attempts=0),
)

DOCUMENT_ISSUE = ActivityOptions(
    start_to_close_timeout=timedelta(seconds=30),
    retry_policy=RetryPolicy(initial_interval=timedelta(milliseconds=200), backoff_coefficient=2.0,
                             maximum_interval=timedelta(seconds=30), maximum_attempts=0),
)

# A batch of rankings in our own database (the night's refresh of offered vacancies): minutes, with a
# heartbeat after each person so a dead worker's batch moves on within one.
BATCH_STEP = ActivityOptions(
    start_to_close_timeout=timedelta(minutes=15),
    retry_policy=RetryPolicy(initial_interval=timedelta(seconds=1), backoff_coefficient=2.0,
                             maximum_interval=timedelta(minutes=1), maximum_attempts=0),
)
BATCH_HEARTBEAT = timedelta(minutes=1)
