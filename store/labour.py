"""The labour exchange's own rows: who agreed to be found by employers, and applications to vacancies.

A vacancy is the decision of a completed `vacancy-publication` (its id is that application's id); a
job seeker's profile is the decision of their latest `job-seeker-registration` (portal/labour/service.py).
What these tables add is what happens between the two:

- ``job_seeker_visibility``: the person's consent to appear, without their name or IIN, in employers'
  candidate lists; withdrawn at any time;
- ``vacancy_applications``: a job seeker applies; the employer invites, offers or rejects; the person
  accepts or refuses an offer. An offer carries the suitable-offer decision made when it was made, so a
  refusal of a suitable offer is recorded with its reasons (``suitable`` true, ``refused_on`` set): the
  targeted social assistance reads it (``suitable_refusals``).

A registration is active ``labour.job_seeker.registration_months`` from its decision (read on that
day), and registering again renews it: ``active_registrations`` is who is a job seeker on a date, for
the TSA's participation check, the matches, the candidates and the person's own pages.

Plain reads and writes in the request's own transaction: no dialect-specific path.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, CheckConstraint, Column, Date, Index, String, Text, UniqueConstraint
from sqlmodel import Field, Session, SQLModel, col, select

from services.job_seeker import CODE as JOB_SEEKER
from services.job_seeker import REGISTERED, registration_active_until, registration_decided_on
from store.models import Application, ServiceRequest, new_id
from store.types import UTCDateTime, utcnow

# applied -> invited | offered | rejected (employer); invited -> offered | rejected (employer);
# offered -> accepted | refused (job seeker); applied | invited -> withdrawn (job seeker).
VACANCY_APPLICATION_STATUSES: tuple[str, ...] = ("applied", "invited", "offered", "rejected", "accepted", "refused",
                                                 "withdrawn")
VACANCY_APPLICATION_STATUS_CHECK = "status IN ({})".format(", ".join(f"'{s}'" for s in VACANCY_APPLICATION_STATUSES))
EMPLOYER_ANSWERS = {"invite": "invited", "offer": "offered", "reject": "rejected"}
ANSWERABLE = frozenset({"applied", "invited"})
SEEKER_REPLIES = {"accept": "accepted", "refuse": "refused"}


class JobSeekerVisibility(SQLModel, table=True):
    __tablename__ = "job_seeker_visibility"

    iin: str = Field(sa_column=Column(String(12), primary_key=True))
    visible: bool = Field(sa_column=Column(Boolean, nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))


class VacancyApplication(SQLModel, table=True):
    __tablename__ = "vacancy_applications"
    __table_args__ = (
        UniqueConstraint("vacancy_id", "seeker_iin", name="uq_vacancy_applications_once"),
        CheckConstraint(VACANCY_APPLICATION_STATUS_CHECK, name="ck_vacancy_applications_status"),
        Index("ix_vacancy_applications_seeker", "seeker_iin", "status"),
        Index("ix_vacancy_applications_vacancy", "vacancy_id"),
    )

    id: str = Field(default_factory=new_id, sa_column=Column(String(36), primary_key=True))
    vacancy_id: str = Field(sa_column=Column(String(36), nullable=False))
    employer_id: str = Field(sa_column=Column(String(12), nullable=False))
    seeker_iin: str = Field(sa_column=Column(String(12), nullable=False))
    status: str = Field(sa_column=Column(String(16), nullable=False))
    note: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    answer_message: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    # The offer as made (pay a month, the date), and whether it was suitable with the reasons why.
    offer: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    suitability: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    suitable: bool | None = Field(default=None, sa_column=Column(Boolean, nullable=True))
    refused_on: date | None = Field(default=None, sa_column=Column(Date, nullable=True))
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))


@dataclass(frozen=True)
class Registration:
    """A person's latest completed job-seeker registration: the profile it decided, and until when it is active."""

    iin: str
    application_id: str
    profile: dict[str, Any]
    decided_on: date
    active_until: date  # the last day; registering again renews it

    def active_on(self, on: date) -> bool:
        return on <= self.active_until


# A registration that stands (decided, completed), or is under appeal (its refused unemployed status appealed:
# the registration stands meanwhile). A refused one has no profile.
_STANDING = (*REGISTERED, "under_appeal")


def latest_registrations(session: Session, iins: Iterable[str]) -> dict[str, Registration]:
    """Each person's latest granted registration with a profile (a later one replaces an earlier one)."""
    wanted = sorted(set(iins))
    if not wanted:
        return {}
    rows = session.exec(
        select(Application.applicant_iin, ServiceRequest.application_id, ServiceRequest.decision,
               ServiceRequest.completed_at)
        .join(Application, col(Application.id) == col(ServiceRequest.application_id))
        .where(col(ServiceRequest.service_code) == JOB_SEEKER, col(ServiceRequest.status).in_(_STANDING),
               col(Application.applicant_iin).in_(wanted))
        .order_by(col(ServiceRequest.completed_at), col(ServiceRequest.application_id))).all()
    found: dict[str, Registration] = {}
    for iin, application_id, stored, completed_at in rows:
        decision = dict(stored or {})
        decided_on = registration_decided_on(decision, completed_at)
        if decided_on is None or not decision.get("profile"):
            continue
        latest = found.get(iin)
        if latest is None or decided_on >= latest.decided_on:  # the latest decided (a filed appeal clears
            found[iin] = Registration(  # completed_at, so the day of the decision orders them)
                iin=iin, application_id=application_id, profile=dict(decision["profile"]), decided_on=decided_on,
                active_until=registration_active_until(decided_on))
    return found


def latest_registration(session: Session, iin: str) -> Registration | None:
    return latest_registrations(session, [iin]).get(iin)


def active_registrations(session: Session, iins: Iterable[str], on: date) -> dict[str, Registration]:
    """The registrations active on the date: who is a job seeker then (a lapsed one is not, until renewed)."""
    return {iin: r for iin, r in latest_registrations(session, iins).items() if r.active_on(on)}


def visible_seekers(session: Session) -> set[str]:
    return set(session.exec(select(JobSeekerVisibility.iin).where(col(JobSeekerVisibility.visible).is_(True))).all())


def is_visible(session: Session, iin: str) -> bool:
    row = session.get(JobSeekerVisibility, iin)
    return bool(row and row.visible)


def set_visible(session: Session, iin: str, visible: bool) -> None:
    row = session.get(JobSeekerVisibility, iin)
    if row is None:
        session.add(JobSeekerVisibility(iin=iin, visible=visible))
    else:
        row.visible, row.updated_at = visible, utcnow()
        session.add(row)


def application_to(session: Session, vacancy_id: str, iin: str) -> VacancyApplication | None:
    return session.exec(select(VacancyApplication).where(col(VacancyApplication.vacancy_id) == vacancy_id,
                                                         col(VacancyApplication.seeker_iin) == iin)).first()


def applications_of_seeker(session: Session, iin: str) -> list[VacancyApplication]:
    return list(session.exec(select(VacancyApplication).where(col(VacancyApplication.seeker_iin) == iin)
                             .order_by(col(VacancyApplication.created_at).desc())).all())


def applications_to_vacancy(session: Session, vacancy_id: str) -> list[VacancyApplication]:
    return list(session.exec(select(VacancyApplication).where(col(VacancyApplication.vacancy_id) == vacancy_id)
                             .order_by(col(VacancyApplication.created_at))).all())


def applications_to_employer(session: Session, employer_id: str) -> list[VacancyApplication]:
    return list(session.exec(select(VacancyApplication).where(col(VacancyApplication.employer_id) == employer_id)
                             .order_by(col(VacancyApplication.created_at).desc())).all())


def suitable_refusals(session: Session, iins: list[str], since: date, on: date) -> list[VacancyApplication]:
    """The suitable offers these persons refused between the two dates, oldest first."""
    if not iins:
        return []
    return list(session.exec(select(VacancyApplication).where(
        col(VacancyApplication.seeker_iin).in_(iins), col(VacancyApplication.status) == "refused",
        col(VacancyApplication.suitable).is_(True), col(VacancyApplication.refused_on) >= since,
        col(VacancyApplication.refused_on) <= on).order_by(col(VacancyApplication.refused_on))).all())


__all__ = ["ANSWERABLE", "EMPLOYER_ANSWERS", "SEEKER_REPLIES", "JobSeekerVisibility", "Registration",
           "VacancyApplication", "active_registrations", "latest_registration", "latest_registrations",
           "VACANCY_APPLICATION_STATUSES", "application_to", "applications_of_seeker", "applications_to_employer",
           "applications_to_vacancy", "is_visible", "set_visible", "suitable_refusals", "visible_seekers"]
