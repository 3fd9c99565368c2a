"""The shared Evaluation, saying the labour exchange's own sentences (policies/labour/texts.py).

Only ok/fail/refer change: the bookkeeping, the trace, the unconfirmed note and decide() are
the shared ones, so a labour decision reads like every other.
"""

from __future__ import annotations

from typing import Any

from policies.evaluation import Evaluation
from policies.labour.texts import say

__all__ = ["LabourEvaluation"]


class LabourEvaluation(Evaluation):
    def ok(self, code: str, **params: Any) -> None:
        self._passed.append(say(code, params))

    def fail(self, code: str, **params: Any) -> None:
        self._failed.append(say(code, params))

    def refer(self, code: str, **params: Any) -> None:
        self._referred.append(say(code, params))
