"""Every service onestop offers, by code: one line per service module.

A module named here (or in the setting ONESTOP_SERVICE_MODULES, comma-separated, which is how a
service defined only in tests reaches the portal and worker processes) exposes `SPEC`, its
ServiceSpec. The worker's workflows and activities, the policy activities, prefill and the pages'
forms all come from these specs. A `depends_on` cycle is refused here, at start-up.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from onestop.settings import Settings
from services.spec import Dependency, DocumentSpec, FieldHint, ServiceSpec, StepSpec

SERVICE_MODULES: tuple[str, ...] = (
    "services.self_employed",
    "services.tsa",
    "services.job_seeker",
    "services.vacancy",
    "services.unemployment_benefit",
    "services.support_measure",
)


class CatalogueError(RuntimeError):
    """The catalogue cannot be built: the process must not start."""


def configured_modules(extra: str | None = None) -> tuple[str, ...]:
    """The catalogue's modules, then those of the setting (or of `extra`)."""
    raw = Settings().service_modules if extra is None else extra
    added = tuple(name.strip() for name in raw.split(",") if name.strip())
    return SERVICE_MODULES + tuple(name for name in added if name not in SERVICE_MODULES)


def build_catalogue(specs: Iterable[ServiceSpec]) -> dict[str, ServiceSpec]:
    catalogue: dict[str, ServiceSpec] = {}
    for spec in specs:
        if spec.code in catalogue:
            raise CatalogueError(f"service '{spec.code}' is registered twice")
        catalogue[spec.code] = spec
    for spec in catalogue.values():
        for need in spec.depends_on:
            if need.service not in catalogue:
                raise CatalogueError(f"service '{spec.code}' depends on '{need.service}', "
                                     "which is not in the catalogue")
    cycle = dependency_cycle(catalogue)
    if cycle:
        raise CatalogueError("services depend on each other in a cycle: " + " -> ".join(cycle))
    return catalogue


def dependency_cycle(catalogue: dict[str, ServiceSpec]) -> list[str]:
    """The first cycle of `depends_on` found (its codes, the first repeated at the end), or []."""
    done: set[str] = set()

    def visit(code: str, path: list[str]) -> list[str]:
        if code in path:
            return path[path.index(code):] + [code]
        if code in done:
            return []
        for need in catalogue[code].depends_on:
            found = visit(need.service, [*path, code])
            if found:
                return found
        done.add(code)
        return []

    for code in catalogue:
        found = visit(code, [])
        if found:
            return found
    return []


def load_catalogue(modules: Iterable[str]) -> dict[str, ServiceSpec]:
    specs = []
    for name in modules:
        try:
            module = importlib.import_module(name)
        except ImportError as exc:
            raise CatalogueError(f"service module '{name}' cannot be imported: {exc}") from exc
        spec = getattr(module, "SPEC", None)
        if not isinstance(spec, ServiceSpec):
            raise CatalogueError(f"service module '{name}' has no SPEC of type ServiceSpec")
        specs.append(spec)
    return build_catalogue(specs)


class _Catalogue(Mapping[str, ServiceSpec]):
    """The configured catalogue, loaded on first use: a service's module may import what imports the
    catalogue (its workflow's base does), which a load at import time would make circular."""

    def __init__(self) -> None:
        self._specs: dict[str, ServiceSpec] | None = None

    def _loaded(self) -> dict[str, ServiceSpec]:
        if self._specs is None:
            self._specs = load_catalogue(configured_modules())
        return self._specs

    def __getitem__(self, code: str) -> ServiceSpec:
        return self._loaded()[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self._loaded())

    def __len__(self) -> int:
        return len(self._loaded())


CATALOGUE: Mapping[str, ServiceSpec] = _Catalogue()


def get_service(code: str) -> ServiceSpec | None:
    return CATALOGUE.get(code)


def first_service() -> ServiceSpec:
    """The catalogue's first entry: what examples and placeholders name."""
    return next(iter(CATALOGUE.values()))


def example_order() -> dict[str, Any]:
    """The API's example of an application: the first service with its example answers."""
    spec = first_service()
    return {"services": [spec.code], "answers": {spec.code: dict(spec.example_answers)}}


__all__ = ["CATALOGUE", "CatalogueError", "Dependency", "DocumentSpec", "FieldHint", "ServiceSpec", "StepSpec",
           "build_catalogue", "example_order", "first_service", "get_service", "load_catalogue"]
