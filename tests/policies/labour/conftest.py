"""Until economy/minimum_wage.yaml lands (another branch adds it), the store gets DOMAIN.md's values.

Only when the file is missing: once it exists, the real parameter is read and these values
must agree with it for the cases to pass.
"""

from __future__ import annotations

from datetime import date

import pytest

from policies.parameters import DATA_DIR, ParameterMeta, _Parameter, default_store

MINIMUM_WAGE = "economy.minimum_wage"
DOMAIN_MINIMUM_WAGE = [
    (date(2017, 1, 1), 24459), (date(2018, 1, 1), 28284), (date(2019, 1, 1), 42500),
    (date(2022, 1, 1), 60000), (date(2023, 1, 1), 70000), (date(2024, 1, 1), 85000),
]


@pytest.fixture(autouse=True, scope="session")
def minimum_wage_until_it_lands() -> None:
    if (DATA_DIR / "economy" / "minimum_wage.yaml").is_file():
        return
    default_store._parameters[MINIMUM_WAGE] = _Parameter(
        meta=ParameterMeta(path=MINIMUM_WAGE, description="minimum wage (test fallback from DOMAIN.md)",
                           unit="tenge"),
        values=DOMAIN_MINIMUM_WAGE)
