"""The appeal form of the status page: which services may be appealed, and what was typed and refused.

The filing itself is the API's (portal.appeals.service.file): the page only turns a form post into
its body and its refusal (a problem naming a field) into a message next to that field.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from portal.appeals.schemas import AppealCreate
from portal.applications.schemas import ApplicationView
from portal.pages.texts import TEXTS, in_language
from store.appeals import DECIDED_STATUSES


@dataclass(frozen=True)
class AppealForm:
    service_code: str = ""
    grounds: str = ""
    late_reason: str = ""
    errors: dict[str, str] = field(default_factory=dict)  # field ("" for the form as a whole) -> message

    @classmethod
    def posted(cls, posted: Any) -> "AppealForm":
        return cls(service_code=str(posted.get("service_code") or ""), grounds=str(posted.get("grounds") or ""),
                   late_reason=str(posted.get("late_reason") or ""))

    def body(self) -> AppealCreate:
        return AppealCreate(service_code=self.service_code, grounds=self.grounds,
                            late_reason=self.late_reason.strip() or None)

    def refused(self, field_name: str, detail: str | dict[str, str], language: str = "kk") -> "AppealForm":
        """This form with the refusal's message at its field (a TEXTS key, or a problem's detail)."""
        if isinstance(detail, str) and detail in TEXTS:
            message = in_language(TEXTS[detail], language)
        else:
            message = detail if isinstance(detail, str) else in_language(detail, language)
        return replace(self, errors={**self.errors, field_name if field_name in ("grounds", "late_reason") else "":
                                     message})


def appealable(view: ApplicationView) -> set[str]:
    """The codes of the decided services of this application (a service under appeal is not decided)."""
    return {s.code for s in view.services if s.status in DECIDED_STATUSES}


__all__ = ["AppealForm", "appealable"]
