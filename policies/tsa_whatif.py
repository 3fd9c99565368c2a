"""What-if for targeted social assistance: decide a caseload twice, as the law stands and as changed.

``simulate(households, changes)`` assesses each household under the parameters in force and
under ``changes`` (each a ``ParameterChange``: a parameter, its new value, the date it takes
effect) and counts who gains, who loses, the monthly budget difference, the same by region, and
the distribution of the change per family. Only ``assess`` runs (figures, no sentences), so
100,000 households take seconds, not minutes.

The caseload is either stored cases (``read_caseload``: JSON lines ``{"id", "case"}``, as the
service's read model exports them) or ``synthetic_population(n, on, regions)``: households
drawn around the poverty line (a seeded generator, the same N and seed give the same families).

Errors: ``ChangeError`` (ValueError) for a ``--set`` that names no parameter or gives no value.
"""

from __future__ import annotations

import json
import math
import random
import struct
import time
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from policies.parameters import ParameterError, history, meta, value
from policies.tsa import Assessment, NoRulesInForce, ParameterChange, TsaCase, assess

__all__ = [
    "Household",
    "ChangeError",
    "parse_change",
    "synthetic_population",
    "read_caseload",
    "RegionSummary",
    "Simulation",
    "simulate",
    "histogram",
    "write_histogram_png",
]


@dataclass(frozen=True)
class Household:
    id: str
    case: TsaCase


class ChangeError(ValueError):
    pass


def parse_change(text: str, start: date) -> ParameterChange:
    """``path=value`` (as on the command line) into a change from ``start``; the path must exist."""
    path, sep, raw = text.partition("=")
    path = path.strip()
    if not sep or not raw.strip():
        raise ChangeError(f"--set {text!r}: expected PARAMETER=VALUE")
    try:
        meta(path)
    except ParameterError as exc:
        raise ChangeError(f"--set {text!r}: {exc}") from exc
    parsed = yaml.safe_load(raw)
    current = next((v for _, v in reversed(history(path)) if v is not None), None)
    if isinstance(current, (int, Decimal)) and not isinstance(current, bool):
        try:
            number = Decimal(raw.strip())
        except InvalidOperation as exc:
            raise ChangeError(f"--set {text!r}: {path} is a number; {raw.strip()!r} is not") from exc
        if not number.is_finite() or number < 0:
            raise ChangeError(f"--set {text!r}: the value must be a number, not negative")
        parsed = int(number) if number == number.to_integral_value() and "." not in raw else number
    elif type(parsed) is not type(current):
        raise ChangeError(f"--set {text!r}: {path} holds a {type(current).__name__}, not a {type(parsed).__name__}")
    return ParameterChange(path=path, value=parsed, start=start)


# ---------------------------------------------------------------- caseloads


def read_caseload(path: Path) -> Iterator[Household]:
    """Stored cases, one JSON object a line: ``{"id": ..., "case": {...TsaCase...}}``."""
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            row = json.loads(line)
            yield Household(id=str(row.get("id", number)), case=TsaCase.model_validate(row["case"]))


_SIZES = (1, 2, 3, 4, 5, 6, 7, 8)
_SIZE_WEIGHTS = (12, 14, 18, 20, 16, 10, 6, 4)
_EMPLOYMENT = ("employed", "job_seeker", "self_employed", "training", "none")
_EMPLOYMENT_WEIGHTS = (50, 20, 10, 5, 15)


def _birth(rng: random.Random, on: date, low: int, high: int) -> date:
    return on - timedelta(days=rng.randint(low * 365 + 1, high * 365 + 364))


def synthetic_population(n: int, on: date, regions: Sequence[str], seed: int = 2026) -> Iterator[Household]:
    """``n`` applicant households around the poverty line of ``on`` (70% of the SM as the yardstick).

    Per-capita income is the yardstick × a log-normal factor, so about half fall below the line
    and many sit near it, where a change of rule moves families. Each household is built as plain
    data and validated once (pydantic's core is quicker at that than at building models field by
    field).
    """
    rng = random.Random(seed)
    yardstick = float(value("economy.subsistence_minimum", on)) * 0.7
    for i in range(n):
        size = rng.choices(_SIZES, _SIZE_WEIGHTS)[0]
        pensioner = size == 1 and rng.random() < 0.4
        applicant: dict[str, Any] = {"id": "a", "relation": "applicant",
                                     "birth_date": _birth(rng, on, 64, 80) if pensioner else _birth(rng, on, 20, 55)}
        if pensioner:
            applicant["exemption"] = "pension_age"
        elif rng.random() < 0.05:
            applicant.update(exemption="disability", disability_group=rng.choice((1, 2, 3)))
        if not pensioner:
            applicant["employment"] = rng.choices(_EMPLOYMENT, _EMPLOYMENT_WEIGHTS)[0]
        members = [applicant]
        children = size - 1
        spouse: dict[str, Any] | None = None
        if size >= 2 and rng.random() < 0.75:
            children -= 1
            spouse = {"id": "s", "relation": "spouse", "birth_date": _birth(rng, on, 20, 55)}
            members.append(spouse)
        if children and rng.random() < 0.1:
            children -= 1
            members.append({"id": "g", "relation": "dependant", "birth_date": _birth(rng, on, 64, 85),
                            "exemption": "pension_age"})
        ages = sorted(rng.randint(0, 17) for _ in range(children))
        for k, age in enumerate(ages):
            members.append({"id": f"c{k}", "relation": "child", "birth_date": _birth(rng, on, age, age),
                            "disabled_child": rng.random() < 0.03})
        if spouse is not None:
            if ages and ages[0] < 3 and rng.random() < 0.8:
                spouse["exemption"] = "caring_child_under_3"
            else:
                spouse["employment"] = rng.choices(_EMPLOYMENT, _EMPLOYMENT_WEIGHTS)[0]
        total = round(yardstick * math.exp(rng.gauss(-0.25, 0.45)) * 3 * len(members))
        _share_income(rng, members, total)
        case = TsaCase.model_validate({
            "region": rng.choice(regions), "members": members,
            "property": {"homes": 2 if rng.random() < 0.03 else 1, "cars": 1 if rng.random() < 0.08 else 0}})
        yield Household(id=f"synthetic-{i}", case=case)


def _share_income(rng: random.Random, members: list[dict[str, Any]], total: int) -> None:
    """Split the household's quarterly income between its earners by the kind each would have."""
    earners = [m for m in members if m["relation"] != "child"
               and (m.get("employment", "none") != "none" or m.get("exemption") == "pension_age"
                    or m["relation"] == "applicant")]
    share = total // len(earners)
    for m in earners:
        employment = m.get("employment", "none")
        kind = ("pensions" if m.get("exemption") == "pension_age" else "business" if employment == "self_employed"
                else "wages" if employment == "employed" else "benefits")
        m["incomes"] = {kind: share}
        if rng.random() < 0.1:
            m["incomes"]["housing_assistance"] = rng.randint(5, 30) * 1000


# ---------------------------------------------------------------- the simulation


@dataclass
class RegionSummary:
    households: int = 0
    gain: int = 0
    lose: int = 0
    budget_before: int = 0
    budget_after: int = 0

    @property
    def budget_difference(self) -> int:
        return self.budget_after - self.budget_before


@dataclass
class Simulation:
    on: date
    changes: list[ParameterChange]
    households: int = 0
    no_rules: int = 0
    eligible_before: int = 0
    eligible_after: int = 0
    newly_eligible: int = 0
    no_longer_eligible: int = 0
    gain: int = 0
    lose: int = 0
    same: int = 0
    kind_changed: int = 0
    """Families whose amount stayed but whose result changed (e.g. conditional to unconditional)."""
    budget_before: int = 0
    budget_after: int = 0
    by_region: dict[str, RegionSummary] = field(default_factory=dict)
    deltas: list[int] = field(default_factory=list)
    """The change of each family's monthly total (assistance + child package), tenge."""
    seconds: float = 0.0

    @property
    def budget_difference(self) -> int:
        return self.budget_after - self.budget_before

    def summary(self) -> dict[str, Any]:
        return {
            "date": self.on.isoformat(),
            "changes": [{"parameter": c.path, "value": str(c.value), "from": c.start.isoformat()}
                        for c in self.changes],
            "households": self.households, "no_rules_in_force": self.no_rules,
            "eligible_before": self.eligible_before, "eligible_after": self.eligible_after,
            "newly_eligible": self.newly_eligible, "no_longer_eligible": self.no_longer_eligible,
            "gain": self.gain, "lose": self.lose, "unchanged": self.same,
            "result_changed_same_amount": self.kind_changed,
            "monthly_budget_before": self.budget_before, "monthly_budget_after": self.budget_after,
            "monthly_budget_difference": self.budget_difference,
            "by_region": {code: {"households": r.households, "gain": r.gain, "lose": r.lose,
                                 "monthly_budget_before": r.budget_before, "monthly_budget_after": r.budget_after,
                                 "monthly_budget_difference": r.budget_difference}
                          for code, r in sorted(self.by_region.items())},
            "histogram": [{"from": lo, "to": hi, "families": n} for lo, hi, n in histogram(self.deltas)],
            "seconds": round(self.seconds, 3),
        }


def _total(found: Assessment) -> int:
    return found.monthly_total if found.eligible else 0


def simulate(households: Iterable[Household], changes: Sequence[ParameterChange], on: date | None = None) -> Simulation:
    """Decide every household on ``on`` (default: the earliest change's date) before and after ``changes``."""
    if on is None:
        if not changes:
            raise ChangeError("a simulation needs at least one change or a date")
        on = min(c.start for c in changes)
    started = time.perf_counter()
    result = Simulation(on=on, changes=list(changes))
    for household in households:
        result.households += 1
        try:
            before = assess(household.case, on)
            after = assess(household.case, on, changes)
        except NoRulesInForce:
            result.no_rules += 1
            continue
        old, new = _total(before), _total(after)
        region = result.by_region.setdefault(household.case.region, RegionSummary())
        region.households += 1
        region.budget_before += old
        region.budget_after += new
        result.budget_before += old
        result.budget_after += new
        result.eligible_before += before.eligible
        result.eligible_after += after.eligible
        result.newly_eligible += after.eligible and not before.eligible
        result.no_longer_eligible += before.eligible and not after.eligible
        result.deltas.append(new - old)
        if new > old:
            result.gain += 1
            region.gain += 1
        elif new < old:
            result.lose += 1
            region.lose += 1
        elif before.result != after.result:
            result.kind_changed += 1
        else:
            result.same += 1
    result.seconds = time.perf_counter() - started
    return result


def histogram(deltas: Sequence[int], bins: int = 20) -> list[tuple[int, int, int]]:
    """Non-zero changes in ``bins`` equal ranges ``[from, to)`` (the last closed), and the zeros apart."""
    moved = [d for d in deltas if d]
    out: list[tuple[int, int, int]] = []
    zeros = len(deltas) - len(moved)
    if not moved:
        return [(0, 0, zeros)] if zeros else []
    low, high = min(moved), max(moved)
    width = max(1, math.ceil((high - low + 1) / bins))
    counts = [0] * bins
    for d in moved:
        counts[min((d - low) // width, bins - 1)] += 1
    for k, n in enumerate(counts):
        if n:
            out.append((low + k * width, low + (k + 1) * width, n))
    if zeros:
        out.append((0, 0, zeros))
    return sorted(out)


# ---------------------------------------------------------------- the PNG, without a plotting library


def _png(width: int, height: int, pixels: list[bytearray]) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + bytes(row) for row in pixels)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def write_histogram_png(deltas: Sequence[int], path: Path, width: int = 800, height: int = 400) -> Path:
    """Bars of the change per family (losses red, gains green, no change grey), zero marked by a line.

    Drawn by hand into an RGB PNG: a what-if must not pull a plotting stack into the install.
    The text report carries the figures; the picture gives the shape.
    """
    bars = histogram(deltas, bins=40)
    pixels = [bytearray(b"\xff\xff\xff" * width) for _ in range(height)]
    margin = 20
    if bars:
        tallest = max(n for _, _, n in bars)
        slot = (width - 2 * margin) // len(bars)
        for k, (lo, hi, n) in enumerate(bars):
            colour = b"\x99\x99\x99" if lo == hi == 0 else (b"\xd0\x3a\x3a" if hi <= 0 else b"\x2e\x9e\x4e")
            h = max(1, round((height - 2 * margin) * n / tallest))
            x0 = margin + k * slot + 1
            for y in range(height - margin - h, height - margin):
                row = pixels[y]
                row[3 * x0:3 * (x0 + max(1, slot - 2))] = colour * max(1, slot - 2)
    axis = pixels[height - margin]
    axis[3 * margin:3 * (width - margin)] = b"\x00\x00\x00" * (width - 2 * margin)
    path.write_bytes(_png(width, height, pixels))
    return path
