"""What the labour exchange's services share: the career centre, occupation codes, the work history.

The occupation codes offered are the ISCO-08 unit groups of ``labour.guidance.occupations`` (the
classifier the guidance test recommends from), so a vacancy, a job seeker's wish and a
recommendation speak of the same codes. The e-employment record names positions, not codes: a
position this table knows is put in its unit group, any other is kept in the history without a code
(matching then counts nothing for it) rather than guessed.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from pydantic_core import PydanticCustomError

from connectors.contracts import EmploymentContract, EmploymentRecord
from policies.parameters import value

# The career centre (labour department of the akimat): its officers moderate vacancies.
LABOUR_AGENCY = "labour"

# Positions the contracts registry writes -> ISCO-08 unit group [onestop's own mapping, unverified].
POSITION_CODES: dict[str, str] = {
    "accountant": "2411", "storekeeper": "4321", "sales manager": "1221", "cashier": "5230",
    "shop assistant": "5223", "nurse": "2221", "doctor": "2211", "cleaner": "9112",
    "software developer": "2512", "systems administrator": "2522", "electrician": "7411",
    "teacher": "2341", "driver": "8322", "truck driver": "8332", "mechanic": "7231", "baker": "7512",
    "bricklayer": "7112", "crane operator": "8343", "loader": "9333", "cook": "5120",
}

_PHONE = re.compile(r"^\+7\d{10}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def occupations(on: date) -> dict[str, dict[str, str]]:
    """The occupation codes in force on the date, with their kk/ru/en titles."""
    return {row["code"]: row["title"] for row in value("labour.guidance.occupations", on)}


def known_occupation(code: str, on: date) -> str:
    """The code, or a validation error naming it (the form's field carries the location)."""
    if code not in occupations(on):
        raise PydanticCustomError("occupation_unknown", "'{code}' is not an occupation code of the classifier",
                                  {"code": code})
    return code


def position_code(position: str) -> str | None:
    return POSITION_CODES.get(" ".join(position.casefold().split()))


def months_worked(contract: EmploymentContract, on: date) -> int:
    last = min(contract.end_date or on, on)
    if last < contract.start_date:
        return 0
    return (last.year - contract.start_date.year) * 12 + last.month - contract.start_date.month


def work_history(record: EmploymentRecord, on: date) -> list[dict[str, Any]]:
    """The e-employment record as the profile shows it, most recent first (never typed by the person)."""
    jobs = sorted(record.contracts, key=lambda c: c.start_date, reverse=True)
    return [{"contract_id": c.contract_id, "employer_bin": c.employer_bin, "employer_name": c.employer_name,
             "position": c.position, "occupation_code": position_code(c.position),
             "start_date": c.start_date.isoformat(), "end_date": c.end_date.isoformat() if c.end_date else None,
             "months": months_worked(c, on), "monthly_wage": str(c.monthly_wage)} for c in jobs]


def last_job_lost_on(record: EmploymentRecord, on: date) -> date | None:
    """The day the last contract that ended by the date ended (None: no contract has ended)."""
    ended = [c.end_date for c in record.contracts if c.end_date is not None and c.end_date <= on]
    return max(ended) if ended else None


def phone_format(value_: str | None) -> str | None:
    if value_ is not None and not _PHONE.match(value_):
        raise PydanticCustomError("phone_format", "a Kazakhstan mobile number in the form +7XXXXXXXXXX")
    return value_


def email_format(value_: str | None) -> str | None:
    if value_ is not None and not _EMAIL.match(value_):
        raise PydanticCustomError("email_format", "an e-mail address such as name@example.kz")
    return value_


def listed(value: Any) -> Any:
    """A list as the API sends it, or one page input of comma-separated items (the pages post strings)."""
    if isinstance(value, str):
        return [item.strip() for item in value.split(",") if item.strip()]
    return value


def decision_date(context: Any) -> date:
    on = (context or {}).get("on")
    return on if isinstance(on, date) else date.today()


CONTACT_ERRORS = {
    "phone_format": {"kk": "Нөмірді +7XXXXXXXXXX түрінде жазыңыз.", "ru": "Укажите номер в виде +7XXXXXXXXXX.",
                     "en": "Write the number as +7XXXXXXXXXX."},
    "email_format": {"kk": "Электрондық поштаны name@example.kz түрінде жазыңыз.",
                     "ru": "Укажите почту в виде name@example.kz.", "en": "Write the e-mail as name@example.kz."},
    "occupation_unknown": {"kk": "Тізімнен мамандықты таңдаңыз.", "ru": "Выберите профессию из списка.",
                           "en": "Choose an occupation from the list."},
}
