"""`onestop policy eval|explain|simulate tsa`: output, and exit status 2 naming the bad field."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from onestop.cli import main

CASE: dict[str, Any] = {"region": "akmola", "members": [
    {"id": "a", "name": "Askar", "birth_date": "1990-01-01", "relation": "applicant", "employment": "employed",
     "incomes": {"wages": 90000}},
    {"id": "b", "name": "Dana", "birth_date": "1991-01-01", "relation": "spouse"}]}


def _write(tmp_path: Path, case: object, name: str = "case.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(case), encoding="utf-8")
    return path


def test_eval_prints_the_decision_as_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["policy", "eval", "tsa", "--date", "2026-02-10", "--case", str(_write(tmp_path, CASE))]) == 0
    decision = json.loads(capsys.readouterr().out)
    assert decision["result"] == "refused" and decision["decisive"] == ["tsa_member_not_in_measures"]
    assert decision["changes"][0]["code"] == "tsa_change_measures"


@pytest.mark.parametrize(("lang", "words"), [
    ("en", ["assistance refused", "Dana registering on the labour exchange", "Law:"]),
    ("ru", ["в помощи отказано", "Dana зарегистрируется на бирже труда", "Закон:"]),
    ("kk", ["көмек тағайындалмайды", "Dana еңбек биржасында тіркелсе", "Заң:"]),
])
def test_explain_reads_as_text_in_each_language(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                lang: str, words: list[str]) -> None:
    path = _write(tmp_path, CASE)
    assert main(["policy", "explain", "tsa", "--date", "2026-02-10", "--case", str(path), "--lang", lang]) == 0
    out = capsys.readouterr().out
    for word in words:
        assert word in out, out


@pytest.mark.parametrize(("case", "date", "field"), [
    ({**CASE, "pets": 2}, "2026-02-10", "pets"),
    ({**CASE, "members": [{**CASE["members"][0], "incomes": {"wages": -5}}]}, "2026-02-10",
     "members[0].incomes.wages"),
    ({**CASE, "members": [{**CASE["members"][0], "incomes": {"salary": 5}}]}, "2026-02-10", "members[0].incomes"),
    (CASE, "2016-06-01", "--date 2016-06-01"),
])
def test_bad_input_exits_2_naming_the_field(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                            case: object, date: str, field: str) -> None:
    path = _write(tmp_path, case)
    assert main(["policy", "eval", "tsa", "--date", date, "--case", str(path)]) == 2
    captured = capsys.readouterr()
    assert field in captured.err and not captured.out


def test_a_missing_or_broken_case_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["policy", "eval", "tsa", "--date", "2026-02-10", "--case", str(tmp_path / "none.json")]) == 2
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    assert main(["policy", "explain", "tsa", "--date", "2026-02-10", "--case", str(broken)]) == 2
    assert "not JSON" in capsys.readouterr().err


def test_simulate_prints_the_figures_and_writes_the_png(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    png = tmp_path / "whatif.png"
    assert main(["policy", "simulate", "tsa", "--set", "tsa.poverty_line.median_share=0.4", "--from", "2026-01-01",
                 "--households", "300", "--png", str(png), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["households"] == 300 and summary["gain"] > 0 and summary["lose"] == 0
    assert (summary["monthly_budget_difference"]
            == summary["monthly_budget_after"] - summary["monthly_budget_before"] > 0)
    assert sum(r["households"] for r in summary["by_region"].values()) == 300
    assert png.read_bytes().startswith(b"\x89PNG")
    assert main(["policy", "simulate", "tsa", "--set", "tsa.poverty_line.median_share=0.4", "--from", "2026-01-01",
                 "--households", "50", "--png", str(png), "--lang", "ru"]) == 0
    assert "Выигрывают" in capsys.readouterr().out


def test_simulate_reruns_the_stored_caseload_by_default(own_database_url: str, tmp_path: Path) -> None:
    """Each decision the service stored keeps its case: the what-if reruns them under the change."""
    from services.tsa import CODE
    from store import repository
    from store.engine import get_engine, session_scope
    from tests.support.processes import ROOT, onestop_env

    with session_scope(get_engine(own_database_url)) as session:
        for n, wages in enumerate((60_000, 90_000, 400_000)):
            case = {**CASE, "members": [{**CASE["members"][0], "incomes": {"wages": wages}},
                                        {**CASE["members"][1], "employment": "job_seeker"}]}
            application, _ = repository.create_application(
                session, owner="t", idempotency_key=f"k{n}", request_hash="h", applicant_iin=f"90010130{n:04d}",
                submitted_via="portal", language="en", services=[(CODE, {}, None)])
            repository.move_service(session, application.id, CODE, "refused",
                                     {"outcome": "refused", "figures": {"case": case}})
    run = subprocess.run([sys.executable, "-m", "onestop", "policy", "simulate", "tsa", "--set",
                          "tsa.poverty_line.median_share=0.6", "--from", "2026-01-01", "--json",
                          "--png", str(tmp_path / "x.png")], cwd=ROOT, capture_output=True, text=True, timeout=120,
                         env=onestop_env(database_url=own_database_url, state_dir=tmp_path))
    assert run.returncode == 0, run.stderr
    summary = json.loads(run.stdout)
    assert summary["households"] == 3 and summary["gain"] >= 1


@pytest.mark.parametrize(("args", "words"), [
    (["--set", "tsa.poverty_line.unknown=1", "--households", "5"], "unknown parameter"),
    (["--set", "tsa.poverty_line.sm_share=abc", "--households", "5"], "number"),
    (["--set", "tsa.poverty_line.sm_share=0.6", "--households", "0"], "--households"),
])
def test_simulate_bad_input_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str],
                                    words: str) -> None:
    code = main(["policy", "simulate", "tsa", "--from", "2026-01-01", "--png", str(tmp_path / "x.png"), *args])
    assert code == 2 and words in capsys.readouterr().err
    assert not (tmp_path / "x.png").exists()


def test_the_installed_command_exits_2_for_a_bad_date(tmp_path: Path) -> None:
    """Through the real entry point: argparse rejects a malformed date before anything runs."""
    run = subprocess.run([sys.executable, "-m", "onestop.cli", "policy", "eval", "tsa", "--date", "2026-13-01",
                          "--case", str(_write(tmp_path, CASE))], capture_output=True, text=True, timeout=60)
    assert run.returncode == 2 and "--date" in run.stderr
