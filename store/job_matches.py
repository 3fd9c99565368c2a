"""A job seeker's offered vacancies: the best open vacancies for their profile, ranked, explained and kept.

Ranking the open vacancies for one profile reads hundreds of rows and scores them in Python (the
skills part is outside the database's bound): tens to hundreds of milliseconds of CPU, too much to
spend on every look at one's matches. So the exchange ranks, as the career centre offers vacancies
(within a day of registering, DOMAIN.md):

- when the person registers (the registration's step `offer_vacancies`);
- every night, right after the expired vacancies are archived (workflows/vacancy_archive.py);
- when the person looks on a day their list was not ranked yet, or after they registered again.

A look reads the kept list, leaving out the vacancies that closed since (by their dates, at query
time): one indexed read. ``KEPT`` vacancies are kept, the most the API shows; when fewer than asked
remain open of a full list, it is ranked afresh.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any, NamedTuple

from sqlalchemy import Column, Date, Index, Integer, Numeric, String, Text, and_, delete, func, select
from sqlalchemy.engine import Connection
from sqlmodel import Field, SQLModel

from policies.labour.matching import (
    Match,
    Ranking,
    SeekerProfile,
    VacancyFacts,
    WorkPeriod,
    ceiling_outside,
)
from services.labour_exchange import occupations
from store import vacancies as vacancy_store
from store.match_bound import score_bound
from store.repository import upsert_insert
from store.types import UTCDateTime, utcnow

__all__ = ["KEPT", "JobMatchList", "JobMatch", "seeker_profile", "rank_open_vacancies", "rank_and_keep",
           "kept_matches", "Kept", "kept_of", "parts_json", "SHARDS", "stale_lists", "facts_of", "forget"]

KEPT = 100


class JobMatchList(SQLModel, table=True):
    """Whose profile was ranked, and on which day."""

    __tablename__ = "job_match_lists"
    __table_args__ = (Index("ix_job_match_lists_ranked_on", "ranked_on"),)

    seeker_iin: str = Field(sa_column=Column(String(12), primary_key=True))
    # The registration (its application's id) whose profile was ranked: a newer one ranks again.
    profile_key: str = Field(sa_column=Column(String(36), nullable=False))
    ranked_on: date = Field(sa_column=Column(Date, nullable=False))
    ranked_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
    kept: int = Field(sa_column=Column(Integer, nullable=False))


class JobMatch(SQLModel, table=True):
    """One ranked vacancy of a list: its place, its score, and the parts of the match with their reasons as
    the API shows them (JSON text, written once when ranked: a look sends it on as it is, unparsed)."""

    __tablename__ = "job_matches"

    seeker_iin: str = Field(sa_column=Column(String(12), primary_key=True))
    rank: int = Field(sa_column=Column(Integer, primary_key=True))
    vacancy_id: str = Field(sa_column=Column(String(36), nullable=False))
    score: Decimal = Field(sa_column=Column(Numeric(5, 1), nullable=False))
    parts: str = Field(sa_column=Column(Text, nullable=False))


_L = JobMatchList.__table__  # type: ignore[attr-defined]
_M = JobMatch.__table__  # type: ignore[attr-defined]
_V = vacancy_store.Vacancy.__table__  # type: ignore[attr-defined]


def seeker_profile(profile: dict[str, Any]) -> SeekerProfile:
    """A registration's profile (its decision's ``profile``) as matching reads it."""
    history = [WorkPeriod(occupation_code=job["occupation_code"], months=job["months"])
               for job in profile.get("work_history", []) if job.get("occupation_code")]
    return SeekerProfile(seeker_id=profile["seeker_id"], desired_occupations=profile.get("desired_occupations", []),
                         skills=profile.get("skills", []), regions=profile.get("regions", []),
                         willing_to_relocate=bool(profile.get("willing_to_relocate")),
                         salary_expectation=profile.get("salary_expectation"), work_history=history)


def facts_of(row: Any) -> VacancyFacts:
    # Rows were checked when published: built without validation, as matching reads hundreds per ranking.
    return VacancyFacts.model_construct(
        vacancy_id=row.id, occupation_code=row.occupation_code, required_skills=list(row.required_skills or []),
        region=row.region, salary_min=Decimal(row.salary_min),
        salary_max=None if row.salary_max is None else Decimal(row.salary_max),
        required_experience_months=row.required_experience_months, published_on=row.published_on,
        expires_on=row.expires_on)


def _scan(connection: Connection, ranking: Ranking, on: date, bound: Any, limit: int, *,
          inside: set[str] | None = None, outside: set[str] | None = None) -> None:
    """Add to ``ranking`` the open vacancies (in the groups ``inside``, or not in ``outside``) in the order of
    their bound, highest first, until the bound of the next falls below the ``limit``-th score ranked."""
    page, offset = max(100, 2 * limit), 0
    floor = ranking.floor(limit)
    while True:
        rows = vacancy_store.best_first(connection, on, bound, limit=page, offset=offset, occupation_prefixes=inside,
                                        not_occupation_prefixes=outside,
                                        at_least=None if floor is None else float(floor))
        ranking.add(facts_of(r) for r in rows)
        floor = ranking.floor(limit)
        if len(rows) < page or (floor is not None and Decimal(str(rows[-1].bound)) < floor):
            return
        offset, page = offset + page, 2 * page


def rank_open_vacancies(connection: Connection, seeker: SeekerProfile, on: date, limit: int) -> list[Match]:
    """The open vacancies best first for this profile, each with the reasons of its score.

    Only the likely vacancies are scored: the database orders them by an upper bound of their score
    (store/match_bound.py), first within the person's ISCO sub-major groups (by index), and scoring
    stops where the bound falls below the ``limit``-th score kept. When that score is above what a
    vacancy outside the groups could reach (`ceiling_outside`), the ranking is exactly the one over
    every open vacancy; else the vacancies outside the groups whose bound reaches it are scanned the
    same way. Each vacancy is scored once.
    """
    ranking = Ranking(seeker, on, occupations(on))
    bound = score_bound(seeker, ranking.rules, vacancy_store.vacancy_columns)
    references = [*seeker.desired_occupations, *[w.occupation_code for w in seeker.work_history[:1]]]
    groups = {code[:2] for code in references}
    if not groups:
        _scan(connection, ranking, on, bound, limit)
        return ranking.matches(limit)
    _scan(connection, ranking, on, bound, limit, inside=groups)
    floor = ranking.floor(limit)
    # Outside the groups the occupation part is 0.
    if floor is None or floor <= ceiling_outside(ranking.rules, {"occupation": Decimal(0)}):
        _scan(connection, ranking, on, bound, limit, outside=groups)
    return ranking.matches(limit)


def rank_and_keep(connection: Connection, iin: str, profile_key: str, profile: dict[str, Any],
                  on: date) -> list[Match]:
    """Rank the open vacancies for this profile and keep the best ``KEPT`` as the person's list."""
    ranked = rank_open_vacancies(connection, seeker_profile(profile), on, KEPT)
    header = {"profile_key": profile_key, "ranked_on": on, "ranked_at": utcnow(), "kept": len(ranked)}
    # The header first, in one statement: two rankings at once for one person take turns on its row.
    connection.execute(upsert_insert(connection.dialect.name, _L).values(seeker_iin=iin, **header)
                       .on_conflict_do_update(index_elements=["seeker_iin"], set_=header))
    connection.execute(delete(_M).where(_M.c.seeker_iin == iin))
    if ranked:
        connection.execute(_M.insert(), [
            {"seeker_iin": iin, "rank": n, "vacancy_id": m.vacancy_id, "score": m.score,
             "parts": parts_json(m)} for n, m in enumerate(ranked)])
    return ranked


def parts_json(match: Match) -> str:
    """The parts of a match as the API shows them (MatchPart), in JSON."""
    return json.dumps([p.model_dump(mode="json") for p in match.parts], ensure_ascii=False, separators=(",", ":"))


class Kept(NamedTuple):
    """One vacancy of a kept list, as a look shows it."""

    vacancy: dict[str, Any]  # store.vacancies.public
    score: float
    parts: str  # JSON text: a list of MatchPart


def kept_matches(connection: Connection, iin: str, profile_key: str, on: date, limit: int) -> list[Kept] | None:
    """The person's kept list, best first, the vacancies still open on ``on`` only; None when it must be
    ranked afresh (none kept, another profile, ranked before ``on``, or a full list with fewer than
    ``limit`` still open)."""
    header = connection.execute(select(_L.c.profile_key, _L.c.ranked_on, _L.c.kept)
                                .where(_L.c.seeker_iin == iin)).first()
    if header is None or header.profile_key != profile_key or header.ranked_on < on:
        return None
    rows = connection.execute(
        select(_M.c.score.label("match_score"), _M.c.parts, *vacancy_store.PUBLIC_COLUMNS)
        .join(_V, _V.c.id == _M.c.vacancy_id)
        .where(_M.c.seeker_iin == iin, and_(_V.c.status == "published", _V.c.published_on <= on,
                                            _V.c.expires_on >= on))
        .order_by(_M.c.rank).limit(limit)).mappings().all()
    if len(rows) < min(limit, header.kept) and header.kept >= KEPT:
        return None
    return [Kept(vacancy_store.public(r), float(r["match_score"]), r["parts"]) for r in rows]


def kept_of(ranked: list[Match], shown: dict[str, dict[str, Any]]) -> list[Kept]:
    """Freshly ranked matches as a kept list shows them (``shown``: their vacancies by id)."""
    return [Kept(shown[m.vacancy_id], float(m.score), parts_json(m)) for m in ranked]


# The night's refresh runs one loop of batches per shard at once, spread over the workers: a shard is
# the IINs of one last serial digit (the IIN's 11th digit; the 12th is a check digit), about a tenth each.
SHARDS = 10


def stale_lists(connection: Connection, on: date, batch: int, shard: int | None = None) -> Sequence[str]:
    """Whose lists were ranked before ``on`` (of one shard, or all): the night's refresh takes them a batch
    at a time."""
    query = select(_L.c.seeker_iin).where(_L.c.ranked_on < on)
    if shard is not None:
        query = query.where(func.substr(_L.c.seeker_iin, 11, 1) == str(shard))
    return list(connection.execute(query.order_by(_L.c.seeker_iin).limit(batch)).scalars())


def forget(connection: Connection, iin: str) -> None:
    """Drop a person's list (they are no longer a job seeker)."""
    connection.execute(delete(_M).where(_M.c.seeker_iin == iin))
    connection.execute(delete(_L).where(_L.c.seeker_iin == iin))
