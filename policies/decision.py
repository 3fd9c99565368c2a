"""What every rule returns: an outcome, the reasons a citizen can read, the figures and the trace.

The models are plain pydantic so they cross Temporal activity boundaries as JSON. Figures
and trace values are kept JSON-native (int, float, str, bool) for the same reason: a
Decimal inside ``dict[str, Any]`` would come back from JSON as a string.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Text = dict[str, str]
"""A user-visible text in every language the portal speaks: keys kk, ru, en."""

LANGUAGES: tuple[str, ...] = ("kk", "ru", "en")

Outcome = Literal["eligible", "ineligible", "review"]


ARTICLE: Text = {"kk": "{n}-бап", "ru": "ст. {n}", "en": "Art. {n}"}
CHAPTER: Text = {"kk": "{n}-тарау", "ru": "гл. {n}", "en": "ch. {n}"}
NOT_CONFIRMED: Text = {"kk": "сілтеме әлі расталмаған", "ru": "ссылка ещё не сверена",
                       "en": "reference not yet confirmed"}
NOT_RECORDED: Text = {"kk": "құқықтық негіз жазылмаған", "ru": "правовое основание не записано",
                      "en": "reference not recorded"}


class LegalReference(BaseModel):
    """The act a reason rests on, as the citizen reads it: its title, article or chapter, and its page.

    ``unconfirmed``: the act is right but the article, or the act's page, could not be checked.
    """

    title: Text
    article: str | None = None
    chapter: str | None = None
    url: str | None = None
    unconfirmed: bool = False

    def citation(self) -> Text:
        """``Tax Code ..., Art. 92 (reference not yet confirmed)`` in each language."""
        out = {}
        for lang in LANGUAGES:
            parts = [self.title[lang]]
            if self.chapter:
                parts.append(CHAPTER[lang].format(n=self.chapter))
            if self.article:
                parts.append(ARTICLE[lang].format(n=self.article))
            text = ", ".join(parts)
            out[lang] = f"{text} ({NOT_CONFIRMED[lang]})" if self.unconfirmed else text
        return out

    @classmethod
    def of(cls, reference: LegalReference | str) -> LegalReference:
        """A rule may cite an act by its title alone (the parameters' references are plain titles)."""
        return cls(title={lang: reference for lang in LANGUAGES}) if isinstance(reference, str) else reference


class Reason(BaseModel):
    """One sentence of the decision, for the citizen, with the figures it quotes in params.

    ``reference`` is the law it rests on; reasons stored before references existed have none,
    and ``citation()`` then says "reference not recorded" instead of failing.
    """

    # A reference set after construction is validated too (a title alone becomes a LegalReference).
    model_config = ConfigDict(validate_assignment=True)

    code: str
    text: Text
    params: dict[str, Any] = Field(default_factory=dict)
    reference: LegalReference | None = None

    @field_validator("reference", mode="before")
    @classmethod
    def _titled(cls, value: Any) -> Any:
        return LegalReference.of(value) if isinstance(value, str) else value

    def citation(self) -> Text:
        return self.reference.citation() if self.reference else dict(NOT_RECORDED)


class TraceStep(BaseModel):
    """One value the rule read or computed; source names the parameter and its effective date.

    A parameter read also carries, for the "how this was decided" view, its effective date, what
    it is called (``label``, kk/ru/en, when the file has one), the act's page and whether it is
    confirmed. Steps recorded before these fields existed have only ``source``.
    """

    name: str
    value: Any
    source: str | None = None
    effective_from: date | None = None
    label: Text | None = None
    url: str | None = None
    unconfirmed: bool = False


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
