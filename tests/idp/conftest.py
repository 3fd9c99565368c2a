from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.idp.process import Idp, idp_process


@pytest.fixture(scope="session")
def idp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Idp]:
    with idp_process(tmp_path_factory.mktemp("idp")) as provider:
        yield provider
