"""The status page's model: each service's planned steps merged with what has happened."""

from __future__ import annotations

from datetime import date

from portal.applications.schemas import (
    AppealBrief,
    ApplicationSummary,
    ApplicationView,
    DocumentLink,
    ServiceView,
    StepView,
    TimelineItem,
)
from services.catalogue import get_service
from store.appeals import OUTCOMES
from store.models import Application, Document, ServiceRequest, TimelineEvent
from store.workbench import Appeal

API = "/api/v1"


def _steps(request: ServiceRequest, events: list[TimelineEvent]) -> list[StepView]:
    spec = get_service(request.service_code)
    happened = {e.step: e for e in events
                if e.service_code == request.service_code and e.kind in ("step.completed", "step.failed",
                                                                         "document.issued")}
    steps = []
    for step in spec.steps if spec else ():
        event = happened.get(step.code)
        status = "pending" if event is None else ("failed" if event.kind == "step.failed" else "completed")
        steps.append(StepView(code=step.code, title=step.title, status=status,
                              at=event.at if event else None, detail=event.detail if event else {}))
    return steps


def application_view(application: Application, requests: list[ServiceRequest], events: list[TimelineEvent],
                     documents: list[Document], public_url: str,
                     appeals: list[tuple[Appeal, date | None]] | None = None) -> ApplicationView:
    parts = {e.detail["appeal_id"]: e.detail["part"] for e in events
             if e.kind == "appeal.filed" and e.detail and e.detail.get("part")}
    services = []
    for request in requests:
        spec = get_service(request.service_code)
        services.append(ServiceView(
            code=request.service_code,
            title=spec.title if spec else {"kk": request.service_code, "ru": request.service_code,
                                           "en": request.service_code},
            status=request.status, deadline=request.deadline,
            legal_deadline_working_days=spec.legal_deadline_working_days if spec else None,
            steps=_steps(request, events), decision=request.decision,
            started_at=request.started_at, completed_at=request.completed_at))
    return ApplicationView(
        id=application.id, status=application.status, language=application.language,
        submitted_via=application.submitted_via, created_at=application.created_at,
        updated_at=application.updated_at, services=services,
        timeline=[TimelineItem(at=e.at, service_code=e.service_code, kind=e.kind, step=e.step, title=e.title,
                               detail=e.detail) for e in events],
        documents=[document_link(d, public_url) for d in documents],
        appeals=[AppealBrief(id=a.id, service_code=a.service_code, part=parts.get(a.id), status=a.status,
                             filed_at=a.filed_at,
                             deadline=deadline,
                             outcome=a.status if a.status in OUTCOMES else None)
                 for a, deadline in appeals or []])


def document_link(document: Document, public_url: str) -> DocumentLink:
    return DocumentLink(id=document.id, kind=document.kind, service_code=document.service_code,
                        title=document.title, issued_at=document.issued_at,
                        url=f"{API}/documents/{document.id}",
                        verify_url=f"{public_url}{API}/documents/{document.id}/verify")


def application_summary(application: Application, codes: list[str]) -> ApplicationSummary:
    return ApplicationSummary(id=application.id, status=application.status, services=codes,
                              created_at=application.created_at, url=f"{API}/applications/{application.id}")
