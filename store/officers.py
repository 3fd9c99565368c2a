"""The portal's directory of civil servants: every officer who has called the portal, as their token said.

The portal trusts any OIDC issuer and cannot list the issuer's accounts, so an officer becomes
known here by calling the portal with a valid token (portal/auth/officer_directory.py records
them). A supervisor gives a task only to an officer recorded in the task's queue.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, String, Table
from sqlmodel import Field, Session, SQLModel, col, select

from store.repository import upsert_insert
from store.types import UTCDateTime


class Officer(SQLModel, table=True):
    __tablename__ = "officers"
    # the assignees of one queue
    __table_args__ = (Index("ix_officers_queue", "agency", "region"),)

    login: str = Field(sa_column=Column(String(255), primary_key=True))  # the token's subject
    name: str | None = Field(default=None, sa_column=Column(String(255), nullable=True))
    # Null when the token bound no queue: such an officer is nobody's assignee.
    agency: str | None = Field(default=None, sa_column=Column(String(64), nullable=True))
    region: str | None = Field(default=None, sa_column=Column(String(64), nullable=True))
    roles: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    last_seen_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))


@dataclass(frozen=True)
class OfficerClaims:
    """What a token says of an officer: the part of the directory a new token can change."""

    login: str
    name: str | None
    agency: str | None
    region: str | None
    roles: tuple[str, ...]

    @classmethod
    def of(cls, officer: Officer) -> OfficerClaims:
        return cls(login=officer.login, name=officer.name, agency=officer.agency, region=officer.region,
                   roles=tuple(officer.roles))


_OFFICERS: Table = Officer.__table__  # type: ignore[attr-defined]


def get_officer(session: Session, login: str) -> Officer | None:
    return session.get(Officer, login)


def record_officer(session: Session, claims: OfficerClaims, seen_at: datetime) -> None:
    """Insert or update one officer in one statement, so two first requests at once both succeed."""
    values: dict[str, Any] = {"name": claims.name, "agency": claims.agency, "region": claims.region,
                              "roles": list(claims.roles), "last_seen_at": seen_at}
    session.execute(upsert_insert(session.get_bind().dialect.name, _OFFICERS).values(login=claims.login, **values)
                    .on_conflict_do_update(index_elements=["login"], set_=values))


def officers_of_queue(session: Session, *, agency: str, region: str) -> list[Officer]:
    """Everyone recorded in one agency and region, whatever their roles, by name."""
    return list(session.exec(select(Officer).where(Officer.agency == agency, Officer.region == region)
                             .order_by(col(Officer.name), col(Officer.login))).all())


__all__ = ["Officer", "OfficerClaims", "get_officer", "officers_of_queue", "record_officer"]
