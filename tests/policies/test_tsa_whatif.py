"""The what-if: parsing a change, the synthetic population, gains and losses, the budget, the PNG."""

from __future__ import annotations

import struct
import zlib
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from policies.tsa import ParameterChange, TsaCase, assess
from policies.tsa_whatif import (
    ChangeError,
    Household,
    histogram,
    parse_change,
    read_caseload,
    simulate,
    synthetic_population,
    write_histogram_png,
)

ON = date(2026, 1, 1)
REGIONS = ["akmola", "almaty", "turkistan"]


def test_parse_change_keeps_decimals_exact_and_names_bad_input() -> None:
    change = parse_change("tsa.poverty_line.sm_share=0.6", ON)
    assert change == ParameterChange("tsa.poverty_line.sm_share", Decimal("0.6"), ON)
    assert parse_change("tsa.property.max_cars=1", ON).value == 1
    for bad, words in (("tsa.poverty_line.nothing=1", "unknown parameter"),
                       ("tsa.poverty_line.sm_share", "PARAMETER=VALUE"),
                       ("tsa.poverty_line.sm_share=-0.1", "negative"), ("tsa.poverty_line.sm_share=yes", "is a number"),
                       ("tsa.family.relations_counted=applicant", "holds a list")):
        with pytest.raises(ChangeError, match=words):
            parse_change(bad, ON)


def test_the_synthetic_population_is_valid_seeded_and_spans_the_line() -> None:
    first = list(synthetic_population(400, ON, REGIONS, seed=7))
    again = list(synthetic_population(400, ON, REGIONS, seed=7))
    assert [h.case for h in first] == [h.case for h in again]
    assert {h.case.region for h in first} == set(REGIONS)
    sizes = {len(h.case.members) for h in first}
    assert min(sizes) == 1 and max(sizes) == 8
    results = [assess(h.case, ON).result for h in first]
    assert {"eligible_conditional", "eligible_unconditional", "refused"} <= set(results)
    share = sum(r != "refused" for r in results) / len(results)
    assert 0.3 < share < 0.8, share
    for h in first[:50]:  # generated data passes the same validation a case file does
        TsaCase.model_validate(h.case.model_dump())


def _pensioner(region: str, pension: int) -> Household:
    return Household(id=f"{region}-{pension}", case=TsaCase.model_validate({"region": region, "members": [
        {"id": "a", "birth_date": "1950-01-01", "relation": "applicant", "exemption": "pension_age",
         "incomes": {"pensions": pension}}]}))


def test_simulate_counts_gains_losses_and_the_budget_by_hand() -> None:
    # Q4 2025 lines (DOMAIN.md SM 46,228; medians are the PLACEHOLDER files): Akmola (national median)
    # 36,750; Turkistan floor 0.7 x 46,228 = 32,359.6. With sm_share 0.6 the Turkistan floor is
    # 27,736.8 and the median line 28,525 binds: 81,500 x 0.35. Akmola does not move.
    households = [
        _pensioner("akmola", 60000),      # 36,750 - 20,000 = 16,750 before and after
        _pensioner("turkistan", 60000),   # 32,359.6 - 20,000 = 12,360 -> 28,525 - 20,000 = 8,525
        _pensioner("turkistan", 90000),   # 32,359.6 - 30,000 = 2,360 -> refused (30,000 >= 28,525)
        _pensioner("turkistan", 120000),  # refused before and after
    ]
    result = simulate(households, [parse_change("tsa.poverty_line.sm_share=0.6", ON)])
    assert (result.households, result.gain, result.lose, result.same) == (4, 0, 2, 2)
    assert (result.eligible_before, result.eligible_after, result.no_longer_eligible) == (3, 2, 1)
    assert result.budget_before == 16750 + 12360 + 2360
    assert result.budget_after == 16750 + 8525
    assert result.budget_difference == -(12360 - 8525) - 2360
    assert result.by_region["akmola"].budget_difference == 0
    assert result.by_region["turkistan"].lose == 2
    assert sorted(result.deltas) == [-3835, -2360, 0, 0]
    summary = result.summary()
    assert summary["monthly_budget_difference"] == -6195 and summary["by_region"]["turkistan"]["households"] == 3


def test_a_change_from_a_later_date_does_not_touch_earlier_applications() -> None:
    change = parse_change("tsa.poverty_line.sm_share=0.9", date(2026, 7, 1))
    result = simulate([_pensioner("turkistan", 60000)], [change], on=ON)
    assert result.budget_difference == 0 and result.same == 1


def test_raising_the_line_makes_families_gain() -> None:
    households = list(synthetic_population(300, ON, REGIONS, seed=1))
    result = simulate(households, [parse_change("tsa.poverty_line.median_share=0.45", ON)])
    assert result.gain > 0 and result.lose == 0 and result.budget_difference > 0
    assert result.newly_eligible > 0 and result.eligible_after == result.eligible_before + result.newly_eligible


def test_histogram_bins_cover_every_family() -> None:
    deltas = [-500, -20, 0, 0, 0, 10, 10, 990]
    bars = histogram(deltas, bins=5)
    assert sum(n for _, _, n in bars) == len(deltas)
    assert (0, 0, 3) in bars
    assert all(lo < hi for lo, hi, _ in bars if (lo, hi) != (0, 0))
    assert histogram([]) == []


def test_the_png_is_a_valid_image(tmp_path: Path) -> None:
    path = write_histogram_png([-300, -300, 0, 50, 800], tmp_path / "h.png", width=200, height=100)
    data = path.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    length, kind = struct.unpack(">I4s", data[8:16])
    assert kind == b"IHDR" and struct.unpack(">II", data[16:24]) == (200, 100)
    idat_at = data.index(b"IDAT")
    idat_len = struct.unpack(">I", data[idat_at - 4:idat_at])[0]
    pixels = zlib.decompress(data[idat_at + 4:idat_at + 4 + idat_len])
    assert len(pixels) == 100 * (1 + 200 * 3)
    assert b"\x2e\x9e\x4e" in pixels and b"\xd0\x3a\x3a" in pixels  # gains green, losses red


def test_read_caseload_reads_json_lines(tmp_path: Path) -> None:
    file = tmp_path / "cases.jsonl"
    file.write_text("\n".join(h.case.model_dump_json().join([f'{{"id": "x{k}", "case": ', "}"])
                              for k, h in enumerate([_pensioner("akmola", 1), _pensioner("almaty", 2)])) + "\n")
    loaded = list(read_caseload(file))
    assert [h.id for h in loaded] == ["x0", "x1"] and loaded[1].case.region == "almaty"
