"""One running application per person, for a service that allows one at a time (a family's targeted
social assistance while an application of any member runs).

    claim(connection, service, application, persons)   in the submit's own transaction; ClaimTaken

The unique (service, person) of `service_claims` decides a race, not a read before the insert: of two
submits at once for the same family, the second's insert fails (PostgreSQL makes it wait for the
first to commit; SQLite has one writer), its transaction is rolled back and nothing is stored.
A claim is released once its service has finished (SERVICE_FINAL_STATUSES): the next claim of that
person deletes it in the same transaction, so no workflow has to remember to give it back.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, and_, delete, select
from sqlalchemy.exc import IntegrityError

from store.models import SERVICE_FINAL_STATUSES, ServiceClaim, ServiceRequest, new_id
from store.types import utcnow

_CLAIMS = ServiceClaim.__table__  # type: ignore[attr-defined]
_REQUESTS = ServiceRequest.__table__  # type: ignore[attr-defined]


class ClaimTaken(Exception):
    """A person is taken by another running application of the service."""

    def __init__(self, person_iin: str, application_id: str | None) -> None:
        super().__init__(f"{person_iin} is in application {application_id} of the same service, still running")
        self.person_iin = person_iin
        self.application_id = application_id


def holder(connection: Connection, service_code: str, person_iin: str) -> str | None:
    """The application holding the person for the service, if its service is still running."""
    return connection.execute(
        select(_CLAIMS.c.application_id).join(_REQUESTS, and_(
            _REQUESTS.c.application_id == _CLAIMS.c.application_id, _REQUESTS.c.service_code == _CLAIMS.c.service_code))
        .where(_CLAIMS.c.service_code == service_code, _CLAIMS.c.person_iin == person_iin,
               _REQUESTS.c.status.not_in(sorted(SERVICE_FINAL_STATUSES)))).scalar()


def claim(connection: Connection, service_code: str, application_id: str, persons: Iterable[str]) -> None:
    """Take every person for the application, or raise ClaimTaken (the caller's transaction is then
    to be rolled back: on PostgreSQL the failed insert has aborted it)."""
    wanted = sorted(set(persons))
    if not wanted:
        return
    finished = (select(_REQUESTS.c.application_id)
                .where(_REQUESTS.c.service_code == service_code,
                       _REQUESTS.c.status.in_(sorted(SERVICE_FINAL_STATUSES))))
    connection.execute(delete(_CLAIMS).where(_CLAIMS.c.service_code == service_code,
                                             _CLAIMS.c.person_iin.in_(wanted),
                                             _CLAIMS.c.application_id.in_(finished)))
    for person in wanted:  # named in the answer; the unique constraint is what refuses
        taken = holder(connection, service_code, person)
        if taken is not None:
            raise ClaimTaken(person, taken)
    now = utcnow()
    try:
        connection.execute(_CLAIMS.insert(), [
            {"id": new_id(), "service_code": service_code, "person_iin": person, "application_id": application_id,
             "created_at": now} for person in wanted])
    except IntegrityError as exc:  # a submit for the same family committed between the read and the insert
        raise ClaimTaken(wanted[0] if len(wanted) == 1 else ",".join(wanted), None) from exc


__all__ = ["ClaimTaken", "claim", "holder"]
