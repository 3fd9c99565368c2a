"""What a public service is, as far as the portal and the workflows need to know.

A service is its own modules (form and spec, workflow, policy with parameters and cases, texts)
and one line in services/catalogue.py; everything else (the worker, the pages, prefill, the
appeal's queue) reads it from its ServiceSpec.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from services.regions import registered_region

if TYPE_CHECKING:
    from connectors.base import RegistryClient

Text = dict[str, str]  # kk, ru, en


@dataclass(frozen=True)
class StepSpec:
    """One step the applicant sees on the status page, before and after it runs."""

    code: str
    title: Text
    manual: bool = False


@dataclass(frozen=True)
class FieldHint:
    """How a page renders one form field that its JSON schema alone does not say."""

    label: Text | None = None
    # text | textarea | tel | email | number | date | select | checkbox; None: from the schema
    kind: str | None = None
    # code -> title; for a select whose schema lists bare codes (the schema's x-titles win)
    choices: Mapping[str, Text] = field(default_factory=dict)


@dataclass(frozen=True)
class TaskResultSpec:
    """What an officer enters to complete a task of one kind, beyond an outcome: dated actions and a note
    (an individual employment plan). The model's shape is {"items": [{"action", "due_on", "detail"}],
    "note"}; the portal validates it (422 naming the field, nothing sent) and so does the workflow's
    validator, with the date of the completion in the context ("on")."""

    model: type[BaseModel]
    outcome: str  # the task's one outcome once the result is entered
    title: Text  # the form's heading on the officer's page
    actions: Mapping[str, Text]  # the choices of an item's action, with their titles
    rows: int = 5  # item rows the officer's page offers
    # Texts of the model's own validation error codes, for the officer's page.
    error_texts: Mapping[str, Text] = field(default_factory=dict)


@dataclass(frozen=True)
class Dependency:
    """A service this one needs, and the outcome of it it needs: met by that service in the same
    application once decided, or by a standing status of the applicant from an earlier one."""

    service: str
    outcome: str


@dataclass(frozen=True)
class DocumentSpec:
    """How the service's decision document is shown: its kind and its title on the status page."""

    kind: str
    title: Text


@dataclass(frozen=True)
class DecisionPart:
    """A part of a granted decision that is decided on its own: ``decision[key]`` is
    ``{"outcome": "granted" | "refused" | ..., "reasons": [...]}`` (a job seeker's unemployed status).

    Its refusal is appealed as a refused service is (portal/appeals): the granted decision stands
    meanwhile, and an overturn runs the service again under the appeal-rerun contract
    (workflows/service.py), which grants the part. A service with parts has its granted decision
    appealed through a refused part only: the rest of it is what the applicant asked for.
    """

    key: str
    title: Text
    # outcome -> why there is nothing to appeal, told to the applicant ("granted", "not_requested").
    not_appealable: Mapping[str, Text] = field(default_factory=dict)


@dataclass(frozen=True)
class Admission:
    """What a service's registry checks at submit say, before anything is stored or started."""

    # Each {"field": the form's field ("members", "added_members[1]"), "code", "message"}: the answer is 4xx.
    errors: list[dict[str, str]] = field(default_factory=list)
    # Persons the application takes while its service runs: a second application of the service for any of
    # them is refused (store/claims.py), whoever submits it.
    exclusive: tuple[str, ...] = ()


# (registries, applicant's IIN, the form's normalised answers) -> Admission
AdmitFn = Callable[["RegistryClient", str, dict[str, Any]], Awaitable[Admission]]


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
    # The workflow class, "module:Class", imported by the worker only (the portal never loads it).
    workflow_class: str = ""
    # Activity objects of the service's own (its policies), "module:Class" with an `all()` method.
    activities: tuple[str, ...] = ()
    # Form field -> the population registry's field it is prefilled from (dotted: "address.line").
    prefill: Mapping[str, str] = field(default_factory=dict)
    hints: Mapping[str, FieldHint] = field(default_factory=dict)
    # Answers that pass the form, for the API's examples.
    example_answers: Mapping[str, Any] = field(default_factory=dict)
    # Texts of the form's own validation error codes, for the pages to put next to their fields.
    error_texts: Mapping[str, Text] = field(default_factory=dict)
    # The region whose officers take a person's manual work, from their registered region.
    queue_region: Callable[[str], str] = field(default=registered_region, compare=False)
    depends_on: tuple[Dependency, ...] = ()
    document: DocumentSpec | None = None
    # Long-running: the service reports its decision to the application and goes on (paying monthly).
    long_running: bool = False
    # Checks of the answers against the registries, and the persons the application takes (None: none).
    admit: AdmitFn | None = field(default=None, compare=False)
    # Task kinds of this service completed with a structured result the officer enters (TaskResultSpec).
    task_results: Mapping[str, TaskResultSpec] = field(default_factory=dict, compare=False)
    # Parts of a granted decision appealed on their own when refused (DecisionPart).
    decision_parts: tuple[DecisionPart, ...] = ()

    def decision_part(self, key: str) -> DecisionPart | None:
        return next((p for p in self.decision_parts if p.key == key), None)

    def form_schema(self, on: date) -> dict[str, Any]:
        schema = self.schema_for(on) if self.schema_for else self.form.model_json_schema()
        if self.prefill:
            schema.setdefault("x-prefilled", [name for name in self.prefill if name in schema.get("properties", {})])
        return schema
