"""What the appeals API takes and returns."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from services.catalogue import first_service


class AppealCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "service_code": first_service().code,
        "grounds": "I turned 18 last month; the population registry has my birth date wrong."}]})

    service_code: str = Field(min_length=1, max_length=64, description="The decided service appealed against")
    grounds: str = Field(description="Why the decision is wrong, in the applicant's words")
    part: str | None = Field(
        default=None, max_length=64,
        description="The refused part of a granted decision appealed (the job-seeker registration's "
                    "`unemployed_status`); when the service has one part, it is the one appealed")
    late_reason: str | None = Field(
        default=None,
        description="Why the appeal comes after its term (three calendar months from the day the decision's notice "
                    "reached you; APPK Art. 92). A late appeal is accepted, and the reviewer decides whether to "
                    "restore the term: it needs this reason")


class AppealView(BaseModel):
    id: str
    application_id: str
    service_code: str
    part: str | None = None  # the refused part of a granted decision appealed (unemployed_status), if one
    status: str  # filed | under_review | upheld | overturned | returned | cancelled
    outcome: str | None  # upheld | overturned | returned, once reviewed
    grounds: str
    filed_at: datetime
    deadline: date | None  # of the step under way (the review, or the rework), in working days
    decided_at: datetime | None
    comment: str | None  # the reviewer's, once reviewed
    url: str
    # The term (APPK Art. 92): a late appeal is accepted, marked late, with the applicant's reason for it.
    late: bool = False
    days_late: int = 0
    term_last_day: date | None = None
    late_reason: str | None = None


class AppealList(BaseModel):
    items: list[AppealView]
