"""Bulk publication of vacancies: one request of up to 1,000, checked and stored at once.

Every vacancy is checked as the single publication checks it (the form, then the policy's
automatic checks). One bad item refuses the whole request, naming the item and its field
(`vacancies[3].salary_min`), and nothing is stored. The vacancies no check flags are published at
once, as rows of store/vacancies.py in one transaction. A vacancy whose wording a check flags
becomes a `vacancy-publication` application of its own, stored in the same transaction, and its
workflow sends it to a moderator's task exactly as a single publication would; it is published
when the moderator approves it.

The employer is a business the person heads (`Onestop-Acting-For`, checked in the businesses
registry) and active there. The vacancies' ids come from the business, the Idempotency-Key and
the item's index, so a repeated request stores nothing twice.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pydantic import ValidationError
from sqlmodel import Session

from policies.labour.vacancy_checks import vacancy_checks
from policies.working_days import add_working_days
from portal.applications import submission
from portal.auth.acting_for import HEADER as ACTING_FOR
from portal.auth.acting_for import Applicant
from portal.errors import field_errors
from portal.problems import Forbidden, PayloadTooLarge, ValidationFailed
from services.vacancy import CODE, SPEC, VacancyForm, draft_of
from store import audit, repository, vacancies

BULK_PATH = "/api/v1/vacancies/bulk"
MAX_VACANCIES = 1000
_IDS = uuid.UUID("6f0d5c43-4a8e-4d52-9a0f-2b1e8d1c7a01")  # the namespace of bulk vacancies' ids


@dataclass
class Checked:
    """The request's vacancies, valid, split by what the checks said."""

    published: list[tuple[int, dict[str, Any]]] = field(default_factory=list)  # (index, row)
    flagged: list[tuple[int, dict[str, Any], dict[str, Any]]] = field(default_factory=list)  # (index, answers, words)


def _items(body: Any) -> list[Any]:
    if not isinstance(body, dict) or not isinstance(body.get("vacancies"), list):
        raise ValidationFailed("the body is {\"vacancies\": [...]}: a list of vacancy forms", field="vacancies")
    unknown = sorted(set(body) - {"vacancies", "language"})
    if unknown:
        raise ValidationFailed(f"unknown field '{unknown[0]}'", field=unknown[0])
    items = body["vacancies"]
    if len(items) > MAX_VACANCIES:
        raise PayloadTooLarge(f"at most {MAX_VACANCIES} vacancies in one request, {len(items)} sent",
                              field="vacancies", slug="too-many-vacancies")
    if not items:
        raise ValidationFailed("no vacancy to publish", field="vacancies")
    return items


def check(body: Any, employer: Applicant, key: str, on: date) -> Checked:
    """Every item valid and checked, or ValidationFailed naming each bad item's field."""
    business = employer.business
    assert business is not None
    checked, errors = Checked(), []
    for index, item in enumerate(_items(body)):
        try:
            form = VacancyForm.model_validate(item, context={"on": on})
        except ValidationError as exc:
            errors.extend(field_errors(exc.errors(), within=("vacancies", index), whole=f"vacancies[{index}]"))
            continue
        answers = form.model_dump(mode="json")
        decision = vacancy_checks(draft_of(form), on)
        if decision.outcome == "review":
            checked.flagged.append((index, answers, decision.figures.get("flagged", {})))
            continue
        vacancy = {**answers, "vacancy_id": str(uuid.uuid5(_IDS, f"{business.id}:{key}:{index}")),
                   "employer_id": business.id, "employer_name": business.name, "published_on": on.isoformat()}
        checked.published.append((index, vacancy))
    if errors:
        # The first error's own message: the problem handler tells it by its code in kk/ru, the field named.
        raise ValidationFailed(errors[0]["message"], field=errors[0]["field"],
                               errors=errors)
    return checked


def require_active_business(employer: Applicant) -> None:
    if employer.business is None:
        raise Forbidden(f"vacancies are published for a business: send {ACTING_FOR} with its BIN", field=ACTING_FOR,
                        slug="acting-for-required")
    if employer.business.status != "active":
        raise Forbidden("the business is not active in the businesses registry", field=ACTING_FOR,
                        slug="business-not-active")


def store(session: Session, employer: Applicant, key: str, checked: Checked, language: str,
          on: date) -> tuple[str, list[tuple[int, str, bool]]]:
    """Publish the clean vacancies and file each flagged one as its own application, in one transaction.

    The batch id, and (index, application id, created) per flagged vacancy."""
    business, principal = employer.business, employer.principal
    assert business is not None
    batch_id = str(uuid.uuid5(_IDS, f"{business.id}:{key}"))
    vacancies.insert_vacancies(session.connection(), [vacancies.row_of(v, batch_id=batch_id)
                                                      for _, v in checked.published])
    filed = []
    for index, answers, _ in checked.flagged:
        orders = [(CODE, answers, add_working_days(on, SPEC.legal_deadline_working_days))]
        application, created = repository.create_application(
            session, owner=principal.subject, idempotency_key=f"{key}:{index}",
            request_hash=submission.request_hash(answers), applicant_iin=business.id, submitted_via="portal",
            language=language, services=orders)
        filed.append((index, application.id, created))
    audit.append(session, actor=principal.subject, actor_role="citizen", action="vacancies.bulk_published",
                 object_type="vacancy_batch", object_id=batch_id,
                 after={"acting_for": business.id, "published": len(checked.published),
                        "in_moderation": len(checked.flagged)})
    return batch_id, filed
