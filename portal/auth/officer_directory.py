"""Every officer who calls the portal with a valid token goes into the directory (store/officers.py).

A supervisor reassigns a task only to an officer recorded there, and the portal cannot ask an
arbitrary OIDC issuer who its officers are: signing in is how an officer becomes known.

Recording must not cost a write per request: the directory remembers what it last recorded
of each officer and writes only when the officer is new to it, when the token tells something
new (name, agency, region, roles), or when the recorded "last seen" is an hour old. The first
request of an officer after a restart reads the row instead of writing it again. A failed write
refuses nobody: the next request tries again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from portal.auth.tokens import Principal
from portal.database import in_transaction
from portal.problems import Unavailable
from store.officers import OfficerClaims, get_officer, record_officer
from store.types import utcnow

log = logging.getLogger("onestop.portal")

RECORD_AGAIN_AFTER = timedelta(hours=1)


def claims_of(principal: Principal) -> OfficerClaims:
    return OfficerClaims(login=principal.subject, name=principal.name, agency=principal.agency,
                         region=principal.region, roles=tuple(sorted(principal.roles)))


class OfficerDirectory:
    def __init__(self, engine: Engine, clock: Callable[[], datetime] = utcnow) -> None:
        self.engine = engine
        self.clock = clock
        self._recorded: dict[str, tuple[OfficerClaims, datetime]] = {}  # login -> (claims, last seen)

    async def saw(self, principal: Principal) -> None:
        """Record an officer who called with a valid token, if the directory would learn anything."""
        if principal.kind != "officer":
            return
        claims, now = claims_of(principal), self.clock()
        if principal.subject not in self._recorded:
            await self._load(principal.subject)
        if not self._due(claims, now):
            return
        try:
            await in_transaction(self.engine, lambda session: record_officer(session, claims, now))
        except (SQLAlchemyError, Unavailable) as error:
            log.warning("officer %s not recorded in the directory: %s", claims.login, type(error).__name__)
            return
        self._recorded[claims.login] = (claims, now)

    def _due(self, claims: OfficerClaims, now: datetime) -> bool:
        recorded = self._recorded.get(claims.login)
        return recorded is None or recorded[0] != claims or now - recorded[1] >= RECORD_AGAIN_AFTER

    async def _load(self, login: str) -> None:
        def read(session: Session) -> tuple[OfficerClaims, datetime] | None:
            officer = get_officer(session, login)
            return (OfficerClaims.of(officer), officer.last_seen_at) if officer else None

        try:
            found = await in_transaction(self.engine, read, read_only=True)
        except SQLAlchemyError as error:
            log.warning("officer directory unreadable: %s", type(error).__name__)
            return
        if found is not None:
            self._recorded[login] = found


__all__ = ["RECORD_AGAIN_AFTER", "OfficerDirectory", "claims_of"]
