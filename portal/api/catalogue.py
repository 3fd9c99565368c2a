"""GET /services: what can be applied for, with each form's schema and its legal deadline."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel

from portal.applications.submission import today_in_kazakhstan
from services.catalogue import CATALOGUE

router = APIRouter(prefix="/services", tags=["catalogue"])


class ServiceCard(BaseModel):
    code: str
    title: dict[str, str]
    description: dict[str, str]
    audience: list[str]
    legal_deadline_working_days: int
    legal_basis: dict[str, str]
    steps: list[dict[str, Any]]
    form_schema: dict[str, Any]


def service_card(code: str) -> ServiceCard:
    spec = CATALOGUE[code]
    return ServiceCard(code=spec.code, title=spec.title, description=spec.description,
                       audience=list(spec.audience), legal_deadline_working_days=spec.legal_deadline_working_days,
                       legal_basis=spec.legal_basis,
                       steps=[{"code": s.code, "title": s.title, "manual": s.manual} for s in spec.steps],
                       form_schema=spec.form_schema(today_in_kazakhstan()))


@router.get("", response_model=list[ServiceCard], summary="The service catalogue")
async def list_services() -> list[ServiceCard]:
    return [service_card(code) for code in CATALOGUE]
