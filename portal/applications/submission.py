"""Submitting an application: every check first, then one stored row set, then one start.

Nothing is stored or started unless the whole request is valid. The Idempotency-Key makes a
retry (or ten identical requests at once) return the one application it created.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import ValidationError
from sqlmodel import Session

from connectors.base import RegistryClient
from connectors.errors import RegistryUnavailable
from policies.working_days import add_working_days
from portal.errors import field_errors
from portal.problems import BadRequest, Conflict, Unavailable, UnsupportedMediaType, ValidationFailed
from services.catalogue import get_service
from store import claims

KAZAKHSTAN = ZoneInfo("Asia/Almaty")
_KEY = re.compile(r"^[\x21-\x7e]{1,200}$")


def today_in_kazakhstan() -> date:
    return datetime.now(KAZAKHSTAN).date()


def idempotency_key(header: str | None) -> str:
    if header is None or not header.strip():
        raise BadRequest("the Idempotency-Key header is required: a unique value per application, "
                         "repeated unchanged on retries", field="Idempotency-Key", slug="idempotency-key-missing")
    if not _KEY.match(header):
        raise BadRequest("Idempotency-Key must be 1-200 visible ASCII characters", field="Idempotency-Key",
                         slug="idempotency-key-invalid")
    return header


def parse_json_body(content_type: str | None, raw: bytes) -> Any:
    if (content_type or "").split(";")[0].strip().lower() not in ("application/json", ""):
        raise UnsupportedMediaType("send the application as application/json", field="body")
    try:
        return json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadRequest(f"the body is not valid JSON: {exc}", field="body", slug="malformed-json") from exc
    except RecursionError as exc:  # JsonDepthLimit refuses these first; an app without it still answers 400
        raise BadRequest("the body is not valid JSON: nested too deeply", field="body",
                         slug="malformed-json") from exc


def request_hash(body: Any) -> str:
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def validated_orders(services: list[str], answers: dict[str, dict[str, Any]], on: date,
                     audience: str) -> list[tuple[str, dict[str, Any], date]]:
    """(code, normalised answers, legal deadline) per service, or ValidationFailed naming each field."""
    errors: list[dict[str, str]] = []
    orders: list[tuple[str, dict[str, Any], date]] = []
    seen: set[str] = set()
    for index, code in enumerate(services):
        spec = get_service(code)
        if spec is None or audience not in spec.audience:
            errors.append({"field": f"services[{index}]", "code": "unknown_service",
                           "message": f"unknown service '{code}'"})
            continue
        if code in seen:
            errors.append({"field": f"services[{index}]", "code": "service_repeated",
                           "message": f"service '{code}' is named twice"})
            continue
        seen.add(code)
        try:
            form = spec.form.model_validate(answers.get(code, {}), context={"on": on})
        except ValidationError as exc:
            errors.extend(field_errors(exc.errors(), within=("answers", code)))
            continue
        deadline = add_working_days(on, spec.legal_deadline_working_days)
        orders.append((code, form.model_dump(mode="json"), deadline))
    for code in answers:
        if code not in services:
            errors.append({"field": f"answers.{code}", "code": "service_not_requested",
                           "message": "answers for a service that was not requested"})
    if errors:
        raise ValidationFailed(errors[0]["message"], field=errors[0]["field"], errors=errors)
    return orders


async def admitted(registries: RegistryClient, applicant_iin: str,
                   orders: list[tuple[str, dict[str, Any], date]]) -> dict[str, tuple[str, ...]]:
    """Each service's registry checks of its answers (ServiceSpec.admit), before anything is stored:
    ValidationFailed naming each field, 503 when a registry does not answer. Gives the persons each
    service's application takes while it runs (claim_persons stores them with the application)."""
    errors: list[dict[str, str]] = []
    exclusive: dict[str, tuple[str, ...]] = {}
    for code, answers, _ in orders:
        spec = get_service(code)
        if spec is None or spec.admit is None:
            continue
        try:
            admission = await spec.admit(registries, applicant_iin, answers)
        except RegistryUnavailable as exc:
            raise Unavailable("the population registry does not answer; try again shortly",
                              slug="registry-unavailable", headers={"Retry-After": "30"}) from exc
        errors.extend({**e, "field": f"answers.{code}.{e['field']}"} for e in admission.errors)
        if admission.exclusive:
            exclusive[code] = admission.exclusive
    if errors:
        raise ValidationFailed(errors[0]["message"], field=errors[0]["field"], errors=errors)
    return exclusive


def claim_persons(session: Session, application_id: str, exclusive: dict[str, tuple[str, ...]]) -> None:
    """In the submit's transaction: ClaimTaken rolls the whole application back, as a 409 naming the family."""
    for code, persons in exclusive.items():
        try:
            claims.claim(session.connection(), code, application_id, persons)
        except claims.ClaimTaken as exc:
            raise Conflict(f"an application of '{code}' for a member of this family is still running",
                           field=f"answers.{code}.members", slug="family-application-running",
                           errors=[{"field": f"answers.{code}.members", "code": "application_running",
                                    "message": "an application for a member of this family is still running"}]
                           ) from exc
