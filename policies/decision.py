"""What every rule returns: an outcome, the reasons a citizen can read, the figures and the trace.

The models are plain pydantic so they cross Temporal activity boundaries as JSON. Figures
and trace values are kept JSON-native (int, float, str, bool) for the same reason: a
Decimal inside ``dict[str, Any]`` would come back from JSON as a string.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, Field

Text = dict[str, str]
"""A user-visible text in every language the portal speaks: keys kk, ru, en."""

LANGUAGES: tuple[str, ...] = ("kk", "ru", "en")

Outcome = Literal["eligible", "ineligible", "review"]


class Reason(BaseModel):
    """One sentence of the decision, for the citizen, with the figures it quotes in params."""

    code: str
    text: Text
    params: dict[str, Any] = Field(default_factory=dict)
    # The law the sentence applies, for rules that cite one per reason (targeted social assistance).
    reference: str | None = None


class TraceStep(BaseModel):
    """One value the rule read or computed; source names the parameter and its effective date."""

    name: str
    value: Any
    source: str | None = None


class Decision(BaseModel):
    outcome: Outcome
    reasons: list[Reason]
    figures: dict[str, Any] = Field(default_factory=dict)
    trace: list[TraceStep] = Field(default_factory=list)
    decided_on: date
    unconfirmed: list[str] = Field(default_factory=list)
    # Codes of the reasons that decided the outcome (what failed, or what needs review), so a
    # refusal can name its causes apart from the conditions that were met.
    decisive: list[str] = Field(default_factory=list)

    @classmethod
    def eligible(cls, decided_on: date, reasons: list[Reason] | None = None, **extra: Any) -> Decision:
        return cls(outcome="eligible", reasons=reasons or [], decided_on=decided_on, **extra)

    @classmethod
    def ineligible(cls, decided_on: date, reasons: list[Reason], **extra: Any) -> Decision:
        return cls(outcome="ineligible", reasons=reasons, decided_on=decided_on, **extra)

    @property
    def is_eligible(self) -> bool:
        return self.outcome == "eligible"

    def reason_codes(self) -> list[str]:
        return [r.code for r in self.reasons]


def plain(value: Any) -> Any:
    """A JSON-native copy of a figure: whole Decimals become int, others float; dates ISO strings."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value
