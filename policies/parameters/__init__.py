"""Effective-dated parameters, one YAML file per parameter (OpenFisca style).

``economy.mci`` lives in ``economy/mci.yaml``::

    description: Monthly calculation index (MCI)
    label: {kk: ..., ru: ..., en: ...}   # what a citizen reads; required when anything is unconfirmed
    unit: tenge
    reference: {title: ..., url: ...}
    unconfirmed: true          # optional: a figure nobody could check yet
    values:
      2025-01-01: 3932
      2026-01-01: 4325         # in force from this date until the next one
      2027-01-01: null         # null ends the parameter

A file may also carry ``regions: {region_code: {date: value}}``: a regional value in force
on the date wins over the national one (the subsistence minimum for targeted assistance).

One dated value can carry its own mark and source when it differs from the rest of the
file (an older row nobody could check, a value set by another act)::

      2017-01-01: {value: 2269, unconfirmed: true, reference: {title: ..., url: ...}, note: ...}

Errors::

    ParameterError (LookupError)
    ├── UnknownParameter      no such file, or the file has no values
    └── ParameterNotInForce   the date is before the first value, or the parameter has ended
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, Field

__all__ = [
    "ParameterError",
    "UnknownParameter",
    "ParameterNotInForce",
    "Reference",
    "ParameterMeta",
    "ParameterValue",
    "DATA_DIR",
    "ParameterStore",
    "default_store",
    "value",
    "lookup",
    "meta",
    "history",
    "load_data",
]

DATA_DIR = Path(__file__).resolve().parent
_PATH = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)*$")


class ParameterError(LookupError):
    pass


class UnknownParameter(ParameterError):
    def __init__(self, path: str) -> None:
        super().__init__(f"unknown parameter {path!r}")
        self.path = path


class ParameterNotInForce(ParameterError):
    def __init__(self, path: str, on: date, region: str | None = None) -> None:
        where = f" (region {region})" if region else ""
        super().__init__(f"parameter {path!r} has no value in force on {on.isoformat()}{where}")
        self.path = path
        self.on = on


class Reference(BaseModel):
    title: str
    url: str | None = None
    article: str | None = None


class ParameterMeta(BaseModel):
    path: str
    description: str
    unit: str | None = None
    reference: Reference | None = None
    unconfirmed: bool = False
    note: str | None = None
    label: dict[str, str] | None = None
    """What the figure is called in kk, ru and en, for a citizen (a decision names unconfirmed figures so)."""


class ParameterValue(BaseModel):
    """A value together with where it came from, for traces."""

    path: str
    value: Any
    effective_from: date
    region: str | None = None
    unconfirmed: bool = False
    # The value's own source when it has one, else the file's.
    reference: Reference | None = None
    note: str | None = None

    def source(self) -> str:
        where = f", region {self.region}" if self.region else ""
        mark = " [unconfirmed]" if self.unconfirmed else ""
        return f"{self.path} from {self.effective_from.isoformat()}{where}{mark}"


class _ValueMark(BaseModel):
    """What one dated value says about itself, apart from the file's metadata."""

    unconfirmed: bool = False
    reference: Reference | None = None
    note: str | None = None


class _Parameter(BaseModel):
    meta: ParameterMeta
    # Sorted by date; None ends the parameter.
    values: list[tuple[date, Any]]
    regions: dict[str, list[tuple[date, Any]]] = Field(default_factory=dict)
    marks: dict[date, _ValueMark] = Field(default_factory=dict)


def _as_date(key: Any) -> date:
    # PyYAML already turns YYYY-MM-DD keys into dates; quoted keys arrive as strings.
    return key if isinstance(key, date) else date.fromisoformat(str(key))


def _as_value(raw: Any) -> Any:
    # Floats become Decimal through their text so 0.01 stays exactly 0.01.
    if isinstance(raw, float):
        return Decimal(str(raw))
    return raw


def _is_marked(raw: Any) -> bool:
    return isinstance(raw, dict) and "value" in raw


def _series(raw: dict[Any, Any]) -> list[tuple[date, Any]]:
    return sorted((_as_date(k), _as_value(v["value"] if _is_marked(v) else v)) for k, v in raw.items())


def _marks(raw: dict[Any, Any]) -> dict[date, _ValueMark]:
    return {_as_date(k): _ValueMark(unconfirmed=bool(v.get("unconfirmed", False)),
                                    reference=Reference(**v["reference"]) if isinstance(v.get("reference"), dict)
                                    else None,
                                    note=v.get("note"))
            for k, v in raw.items() if _is_marked(v)}


def _in_force(series: list[tuple[date, Any]], on: date) -> tuple[date, Any] | None:
    current: tuple[date, Any] | None = None
    for start, v in series:
        if start > on:
            break
        current = (start, v)
    if current is None or current[1] is None:
        return None
    return current


class ParameterStore:
    """Parameters under one folder; the package's own folder is the default store."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._parameters: dict[str, _Parameter] = {}
        self._data: dict[str, Any] = {}

    def _file_of(self, path: str) -> Path:
        if not _PATH.match(path):
            raise UnknownParameter(path)
        return self.root.joinpath(*path.split(".")).with_suffix(".yaml")

    def _load(self, path: str) -> _Parameter:
        # Cached: parameter files are read once per process (they change with a deploy only).
        if path in self._parameters:
            return self._parameters[path]
        file = self._file_of(path)
        if not file.is_file():
            raise UnknownParameter(path)
        data = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
        if not isinstance(data, dict) or not isinstance(data.get("values"), dict):
            raise UnknownParameter(path)
        reference = data.get("reference")
        parameter = _Parameter(
            meta=ParameterMeta(
                path=path,
                description=data.get("description", ""),
                unit=data.get("unit"),
                reference=Reference(**reference) if isinstance(reference, dict) else None,
                unconfirmed=bool(data.get("unconfirmed", False)),
                note=data.get("note"),
                label=data.get("label") if isinstance(data.get("label"), dict) else None,
            ),
            values=_series(data["values"]),
            regions={str(k): _series(v) for k, v in (data.get("regions") or {}).items()},
            marks=_marks(data["values"]),
        )
        self._parameters[path] = parameter
        return parameter

    def lookup(self, path: str, on: date, region: str | None = None) -> ParameterValue:
        """The value of ``path`` in force on ``on`` with its effective date."""
        parameter = self._load(path)
        unconfirmed = parameter.meta.unconfirmed
        if region is not None and region in parameter.regions:
            found = _in_force(parameter.regions[region], on)
            if found is not None:
                return ParameterValue(path=path, value=found[1], effective_from=found[0], region=region,
                                      unconfirmed=unconfirmed, reference=parameter.meta.reference)
        found = _in_force(parameter.values, on)
        if found is None:
            raise ParameterNotInForce(path, on, region)
        mark = parameter.marks.get(found[0]) or _ValueMark()
        return ParameterValue(path=path, value=found[1], effective_from=found[0],
                              unconfirmed=unconfirmed or mark.unconfirmed,
                              reference=mark.reference or parameter.meta.reference, note=mark.note)

    def value(self, path: str, on: date, region: str | None = None) -> Any:
        return self.lookup(path, on, region).value

    def meta(self, path: str) -> ParameterMeta:
        return self._load(path).meta

    def history(self, path: str) -> list[tuple[date, Any]]:
        return list(self._load(path).values)

    def load_data(self, relative: str) -> Any:
        """A data file that is not a single parameter (lists, calendars). Do not mutate the result."""
        if relative not in self._data:
            self._data[relative] = yaml.safe_load(self.root.joinpath(relative).read_text(encoding="utf-8"))
        return self._data[relative]


default_store = ParameterStore(DATA_DIR)


def lookup(path: str, on: date, region: str | None = None) -> ParameterValue:
    """The value of ``path`` in force on ``on`` with its effective date."""
    return default_store.lookup(path, on, region)


def value(path: str, on: date, region: str | None = None) -> Any:
    """The value of ``path`` in force on ``on``: int for whole numbers, Decimal for fractions.

    ``region`` picks a regional value when the file has one in force on that date.
    """
    return default_store.value(path, on, region)


def meta(path: str) -> ParameterMeta:
    return default_store.meta(path)


def history(path: str) -> list[tuple[date, Any]]:
    """Every (effective date, value) of the national series, oldest first."""
    return default_store.history(path)


def load_data(relative: str) -> Any:
    """A data file that is not a single parameter, e.g. ``self_employed/regimes.yaml``."""
    return default_store.load_data(relative)
