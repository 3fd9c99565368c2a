"""bench.policy runs end to end on a small load and prints both figures with their verdicts."""

from __future__ import annotations

import subprocess
import sys

from tests.support.processes import ROOT


def test_bench_policy_prints_decisions_and_simulate_figures() -> None:
    # A child process: the bench pins itself to one core, which must not pin the test runner.
    run = subprocess.run([sys.executable, "-m", "bench.policy", "--decisions", "300", "--households", "300"],
                         capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    assert "policy decision (assess), 300 decisions:" in run.stdout
    assert "simulate tsa.poverty_line.sm_share=0.6 over 300 synthetic households" in run.stdout
    assert run.stdout.count("goal") == 2
