"""What a public service is, as far as the portal and the workflows need to know."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable

from pydantic import BaseModel

Text = dict[str, str]  # kk, ru, en


@dataclass(frozen=True)
class StepSpec:
    """One step the applicant sees on the status page, before and after it runs."""

    code: str
    title: Text
    manual: bool = False


@dataclass(frozen=True)
class ServiceSpec:
    code: str
    title: Text
    description: Text
    audience: tuple[str, ...]
    form: type[BaseModel]
    workflow: str  # the stable Temporal workflow name of the service's child workflow
    legal_deadline_working_days: int
    legal_basis: Text
    steps: tuple[StepSpec, ...]
    registries_read: tuple[str, ...] = ()
    registries_written: tuple[str, ...] = ()
    # The agency that decides the service: its officers do the manual steps, its supervisors review appeals.
    agency: str | None = None
    # Adds to the form's JSON schema what changes with the date (permitted lists, regimes in force).
    schema_for: Callable[[date], dict[str, Any]] | None = field(default=None, compare=False)

    def form_schema(self, on: date) -> dict[str, Any]:
        return self.schema_for(on) if self.schema_for else self.form.model_json_schema()
