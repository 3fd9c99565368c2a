"""The schema of a YAML policy case (tests/policies/cases/*.yaml), as a pydantic model.

A key the runner would not check is an error, not silently ignored: ``extra="forbid"`` at
every level, so a misspelt ``output`` key (``reason:`` for ``reasons:``) fails the suite.
``case.schema.json`` beside the cases is generated from this model (editors validate with it);
a test keeps the two the same. Regenerate it with ``python -m tests.policies.case_schema``.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field

CASES_DIR = Path(__file__).parent / "cases"
SCHEMA_FILE = CASES_DIR / "case.schema.json"

Number = int | float


class CaseOutput(BaseModel):
    """What the case expects; each key present is checked, an absent one is not."""

    model_config = ConfigDict(extra="forbid")

    outcome: Literal["eligible", "ineligible", "review"] | None = None
    reasons: list[str] | None = Field(default=None, description="the reason codes, in any order")
    figures: dict[str, Any] | None = Field(default=None, description="the listed figures; numbers exact")
    unconfirmed: list[str] | None = None
    total: Number | None = None
    tax: Number | None = None
    social: Number | None = None
    parts: dict[str, Number] | None = None
    basis: Literal["rate_of_income", "fixed_mci", "declared_income"] | None = None
    bases: dict[str, str] | None = Field(default=None, description="payment part -> the kind of its base")


class Case(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1)
    source: str = Field(min_length=10, description="where the expected figures come from: the act, DOMAIN.md, "
                                                    "and the hand computation")
    function: Literal["applicant_capacity", "regime_eligibility", "monthly_social_payments"]
    period: date
    input: dict[str, Any]
    output: CaseOutput


def load_cases(directory: Path = CASES_DIR) -> list[tuple[str, Case]]:
    """Every case of every file, validated; (file stem, case)."""
    found = []
    for file in sorted(directory.glob("*.yaml")):
        for raw in yaml.safe_load(file.read_text(encoding="utf-8")):
            found.append((file.stem, Case.model_validate(raw)))
    return found


def json_schema() -> str:
    return json.dumps({"type": "array", "items": Case.model_json_schema()}, indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    SCHEMA_FILE.write_text(json_schema(), encoding="utf-8")
