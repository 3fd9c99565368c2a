"""The shared Evaluation, speaking the labour exchange's sentences as well as the common ones."""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Mapping
from typing import ClassVar

from policies.decision import Text
from policies.evaluation import Evaluation
from policies.labour.texts import LABOUR_TEXTS
from policies.texts import TEMPLATES

__all__ = ["LabourEvaluation"]


class LabourEvaluation(Evaluation):
    texts: ClassVar[Mapping[str, Text]] = ChainMap(LABOUR_TEXTS, TEMPLATES)
