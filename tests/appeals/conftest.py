"""The workflow tests of appeals use the same mock registries and worker settings as tests/workflows."""

from tests.workflows.conftest import registries, worker_settings  # noqa: F401
