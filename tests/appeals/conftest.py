"""The workflow tests of appeals use the same mock registries, worker settings and time-skipping
server as tests/workflows."""

from tests.workflows.conftest import registries, skipping_env, worker_settings  # noqa: F401
