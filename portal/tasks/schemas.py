"""What the tasks API takes and returns (never the table model itself)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class TaskSummary(BaseModel):
    id: str
    kind: str
    title: dict[str, str]
    status: str
    agency: str
    region: str
    role: str
    assignee: str | None
    escalated: bool
    deadline: date
    overdue: bool
    application_id: str
    service_code: str
    allowed_outcomes: list[str]
    created_at: datetime
    url: str


class TaskPage(BaseModel):
    items: list[TaskSummary]
    total: int
    limit: int
    offset: int


class ReasonCode(BaseModel):
    code: str
    text: dict[str, str]


class HistoryEntry(BaseModel):
    at: datetime
    actor: str
    actor_role: str
    action: str
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None


class ApplicationBrief(BaseModel):
    id: str
    status: str
    language: str
    submitted_via: str
    created_at: datetime
    service_status: str | None
    service_deadline: date | None


class TaskDetail(TaskSummary):
    payload: dict[str, Any]
    reason_codes: list[ReasonCode]
    info_request: dict[str, Any] | None
    outcome: str | None
    reasons: list[dict[str, Any]]
    comment: str | None
    completed_by: str | None
    # What the officer entered on completion, for a kind completed with a structured result (an employment plan).
    result: dict[str, Any] | None = None
    # The JSON schema of the result this kind is completed with (POST .../complete `result`); None: none.
    result_schema: dict[str, Any] | None = None
    application: ApplicationBrief
    history: list[HistoryEntry]


class ReasonIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: str = Field(min_length=1, max_length=64)
    comment: str | None = Field(default=None, max_length=2000)


class CompleteBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    outcome: str = Field(min_length=1, max_length=64)
    # A reason is a code from the kind's catalogue (GET /tasks/{id} lists them), alone or with a comment.
    reasons: list[ReasonIn | str] = Field(default_factory=list, max_length=20)
    comment: str | None = Field(default=None, max_length=4000)
    # The kind's structured result, for a kind completed with one (GET /tasks/{id} gives its `result_schema`):
    # an employment plan is {"items": [{"action", "due_on", "detail"}], "note"}.
    result: dict[str, Any] | None = None


class RequestInfoBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    question: str = Field(min_length=1, max_length=4000)


class ReassignBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    to: str = Field(min_length=1, max_length=255)


class Assignee(BaseModel):
    login: str
    name: str | None
    roles: list[str]


class AssigneeList(BaseModel):
    items: list[Assignee]


class AnswerBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    task_id: str | None = None
    text: str = Field(min_length=1, max_length=4000)
    answers: dict[str, Any] = Field(default_factory=dict)


class AnswerAccepted(BaseModel):
    task_id: str
    status: str


class WithdrawBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: str | None = Field(default=None, max_length=2000)


class WithdrawAccepted(BaseModel):
    application_id: str
    services: list[str]
    status_url: str
