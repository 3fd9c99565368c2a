"""Who may log in to the built-in provider: demo citizens (by IIN) and officers (by login).

Any person with a valid IIN may log in, as the mock population registry seeds thousands of
them; a demo citizen marked deceased may not. Everyone uses the demo password.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from enum import Enum

from onestop import demo
from policies.iin import is_valid_iin


@dataclass(frozen=True)
class Account:
    """The resource owner authlib hands to the grants and the token generator."""

    subject: str
    kind: str  # "citizen" | "officer"
    name: str | None
    roles: tuple[str, ...]
    agency: str | None = None
    region: str | None = None

    def get_user_id(self) -> str:
        return self.subject


class Refusal(Enum):
    WRONG_CREDENTIALS = "wrong_credentials"
    CANNOT_LOG_IN = "cannot_log_in"


def find_account(username: str) -> Account | Refusal:
    username = username.strip()
    if username.isdigit() and len(username) == 12:
        person = demo.citizen(username)
        if person is not None:
            if person.deceased:
                return Refusal.CANNOT_LOG_IN
            return Account(person.iin, "citizen", f"{person.first_name} {person.last_name}",
                           ("citizen",))
        if is_valid_iin(username):
            return Account(username, "citizen", None, ("citizen",))
        return Refusal.WRONG_CREDENTIALS
    officer = next((o for o in demo.OFFICERS if o.login == username), None)
    if officer is None:
        return Refusal.WRONG_CREDENTIALS
    return Account(officer.login, "officer", officer.name, officer.roles, officer.agency,
                   officer.region_code)


def authenticate(username: str, password: str, expected_password: str) -> Account | Refusal:
    # Compare the password first and always, so timing does not tell which accounts exist.
    password_ok = secrets.compare_digest(password.encode(), expected_password.encode())
    found = find_account(username)
    if not password_ok:
        return Refusal.WRONG_CREDENTIALS
    return found
