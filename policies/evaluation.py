"""The bookkeeping every rule shares: read parameters with a trace, collect reasons, decide.

A rule creates ``Evaluation(on)``, reads each figure through ``param`` (which records the
parameter, its value and effective date in the trace, and remembers unconfirmed ones),
adds ``ok``/``fail``/``refer`` reasons, and returns ``decide()``. Failures come first in
the reasons so the citizen reads what stops them before what went well.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from policies.decision import Decision, LegalReference, Reason, TraceStep, plain
from policies.parameters import lookup, meta
from policies.texts import figure_label, join, reason


def _cited(found: Reason, reference: LegalReference | str | None) -> Reason:
    if reference is not None:
        found.reference = LegalReference.of(reference)
    return found


class Evaluation:
    def __init__(self, on: date) -> None:
        self.on = on
        self.trace: list[TraceStep] = []
        self.figures: dict[str, Any] = {}
        self.unconfirmed: list[str] = []
        self._passed: list[Reason] = []
        self._failed: list[Reason] = []
        self._referred: list[Reason] = []

    def param(self, path: str, region: str | None = None) -> Any:
        return self.param_on(path, self.on, region)

    def param_on(self, path: str, on: date, region: str | None = None, why: str | None = None) -> Any:
        """``param`` read on another day than the decision's (the tax MCI of 1 January); ``why`` says so."""
        found = lookup(path, on, region)
        ref = found.reference
        source = found.source() + (f"; {why}" if why else "") + (f"; {ref.title}" if ref else "")
        self.trace.append(TraceStep(name=path, value=plain(found.value), source=source,
                                    effective_from=found.effective_from, label=meta(path).label,
                                    url=ref.url if ref else None, unconfirmed=found.unconfirmed))
        if found.unconfirmed and path not in self.unconfirmed:
            self.unconfirmed.append(path)
        return found.value

    def note(self, name: str, value: Any, source: str | None = None) -> None:
        """Record an input or intermediate value in the trace."""
        self.trace.append(TraceStep(name=name, value=plain(value), source=source))

    def figure(self, **figures: Any) -> None:
        self.figures.update(plain(figures))

    def ok(self, code: str, *, reference: LegalReference | str | None = None, **params: Any) -> None:
        self._passed.append(_cited(reason(code, **params), reference))

    def fail(self, code: str, *, reference: LegalReference | str | None = None, **params: Any) -> None:
        self._failed.append(_cited(reason(code, **params), reference))

    def refer(self, code: str, *, reference: LegalReference | str | None = None, **params: Any) -> None:
        """A finding an officer must look at: the outcome becomes review unless something failed."""
        self._referred.append(_cited(reason(code, **params), reference))

    @property
    def failed(self) -> bool:
        return bool(self._failed)

    def unconfirmed_reason(self) -> Reason | None:
        if not self.unconfirmed:
            return None
        # Named in words; the paths stay in params for the "how this was decided" view.
        return reason("unconfirmed_parameters", names=join([figure_label(p) for p in self.unconfirmed], ", "),
                      figures=list(self.unconfirmed))

    def reasons(self) -> list[Reason]:
        extra = self.unconfirmed_reason()
        return self._failed + self._referred + self._passed + ([extra] if extra else [])

    def decide(self) -> Decision:
        outcome = "ineligible" if self._failed else "review" if self._referred else "eligible"
        decisive = [r.code for r in (self._failed or self._referred)]
        return Decision(outcome=outcome, reasons=self.reasons(), figures=dict(self.figures),
                        trace=list(self.trace), decided_on=self.on, unconfirmed=list(self.unconfirmed),
                        decisive=decisive)
