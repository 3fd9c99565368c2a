"""Explained matching of job seekers and vacancies: a score out of 100 and a reason for each part.

Five parts, each scored 0..1 and weighted by ``labour.matching.weights`` (in force on the date):

- **occupation**: 1 when the vacancy's ISCO-08 code is one the person wants; the
  ``related_occupation_scores`` when it shares the minor group (first 3 digits) or the
  sub-major group (first 2) with one they want or with their last job; else 0;
- **skills**: the share of the vacancy's required skills the person has (1 when none is asked);
- **region**: 1 in one of the person's regions; ``relocation_score`` elsewhere when they are
  willing to relocate; else 0;
- **salary**: 1 when the vacancy's best pay reaches the expectation (or none is given), falling
  linearly to 0 at ``salary_tolerance`` below it;
- **experience**: months in the vacancy's occupation or its minor group over the months asked
  (capped at 1; 1 when none is asked).

The score is the weighted sum × 100, to one decimal, halves up. Ranking is deterministic:
score, then occupation part (higher first), then the newer publication, then the id. Only
vacancies open on the date are ranked (published on or before it, not yet expired).
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Any, Literal, NamedTuple

from pydantic import BaseModel, Field

from policies.decision import Reason, Text
from policies.labour.texts import MATCH_PARTS, say
from policies.parameters import lookup
from policies.texts import NONE, join

__all__ = [
    "PartName",
    "WorkPeriod",
    "SeekerProfile",
    "VacancyFacts",
    "MatchPart",
    "Match",
    "MatchingRules",
    "score_match",
    "Ranking",
    "rank_vacancies",
    "rank_candidates",
    "ceiling_outside",
]

PartName = Literal["occupation", "skills", "region", "salary", "experience"]
PARTS: tuple[PartName, ...] = ("occupation", "skills", "region", "salary", "experience")
ISCO_CODE = r"^\d{4}"
HUNDREDTH = Decimal("0.01")
TENTH = Decimal("0.1")


class WorkPeriod(BaseModel):
    """One job from the e-employment record."""

    occupation_code: str = Field(pattern=ISCO_CODE)
    months: int = Field(ge=0)


class SeekerProfile(BaseModel):
    seeker_id: str
    desired_occupations: list[str] = Field(default_factory=list)
    skills: list[str] = Field(default_factory=list)
    regions: list[str] = Field(default_factory=list)
    willing_to_relocate: bool = False
    salary_expectation: Decimal | None = Field(default=None, ge=0)
    work_history: list[WorkPeriod] = Field(default_factory=list, description="most recent first")


class VacancyFacts(BaseModel):
    vacancy_id: str
    occupation_code: str = Field(pattern=ISCO_CODE)
    required_skills: list[str] = Field(default_factory=list)
    region: str
    salary_min: Decimal = Field(ge=0)
    salary_max: Decimal | None = Field(default=None, ge=0)
    required_experience_months: int = Field(default=0, ge=0)
    published_on: date
    expires_on: date | None = None

    @property
    def best_pay(self) -> Decimal:
        return max(self.salary_min, self.salary_max or self.salary_min)

    def open_on(self, on: date) -> bool:
        return self.published_on <= on and (self.expires_on is None or on <= self.expires_on)


class MatchPart(BaseModel):
    name: PartName
    label: Text
    score: Decimal = Field(description="0..1")
    weight: Decimal
    points: Decimal = Field(description="score × weight × 100, out of the 100 of the whole match")
    reason: Reason


class Match(BaseModel):
    vacancy_id: str
    seeker_id: str
    score: Decimal = Field(description="0..100")
    parts: list[MatchPart]
    decided_on: date
    rules: list[str] = Field(default_factory=list, description="the parameters used, with their dates")

    def part(self, name: PartName) -> MatchPart:
        return next(p for p in self.parts if p.name == name)

    @property
    def reasons(self) -> list[Reason]:
        return [p.reason for p in self.parts]


def _decimal(raw: object) -> Decimal:
    return Decimal(str(raw))


class MatchingRules(BaseModel):
    """The matching parameters in force on a date, read once for a whole ranking."""

    on: date
    weights: dict[str, Decimal]
    minor_group: Decimal
    sub_major_group: Decimal
    relocation: Decimal
    salary_tolerance: Decimal
    sources: list[str]

    @classmethod
    def on_date(cls, on: date) -> MatchingRules:
        found = {name: lookup(f"labour.matching.{name}", on) for name in
                 ("weights", "related_occupation_scores", "relocation_score", "salary_tolerance")}
        related = found["related_occupation_scores"].value
        return cls(on=on, weights={k: _decimal(v) for k, v in found["weights"].value.items()},
                   minor_group=_decimal(related["minor_group"]), sub_major_group=_decimal(related["sub_major_group"]),
                   relocation=_decimal(found["relocation_score"].value),
                   salary_tolerance=_decimal(found["salary_tolerance"].value),
                   sources=[v.source() for v in found.values()])


class _Finding(NamedTuple):
    """A part's score with the sentence that explains it, rendered only for the matches shown."""

    score: Decimal
    code: str
    params: dict[str, object]


def _say(score: Decimal, code: str, **params: object) -> _Finding:
    return _Finding(score.quantize(HUNDREDTH, rounding=ROUND_HALF_UP), code, params)


def _render(finding: _Finding) -> Reason:
    # Lists (skills) become one text per language only here, for the matches shown.
    params = {k: (join([{"kk": s, "ru": s, "en": s} for s in v], ", ") if v else NONE) if isinstance(v, list) else v
              for k, v in finding.params.items()}
    return say(finding.code, params)


def _title(titles: Mapping[str, Text], key: str) -> Text:
    return titles.get(key) or {"kk": key, "ru": key, "en": key}


def _norm(skill: str) -> str:
    return " ".join(skill.casefold().split())


@lru_cache(maxsize=256)
def _own_skills(skills: tuple[str, ...]) -> frozenset[str]:
    # A ranking scores one profile against many vacancies: normalise its skills once.
    return frozenset(_norm(s) for s in skills)


# ---------------------------------------------------------------- the five parts


def _occupation(profile: SeekerProfile, vacancy: VacancyFacts, rules: MatchingRules,
                titles: Mapping[str, Text]) -> _Finding:
    code = vacancy.occupation_code
    occupation = _title(titles, code)
    if code in profile.desired_occupations:
        return _say(Decimal(1), "match_occupation_desired", occupation=occupation)
    references = list(profile.desired_occupations)
    if profile.work_history:
        references.append(profile.work_history[0].occupation_code)
    for digits, score, text in ((3, rules.minor_group, "match_occupation_minor_group"),
                                (2, rules.sub_major_group, "match_occupation_sub_major_group")):
        for yours in references:
            if yours[:digits] == code[:digits]:
                return _say(score, text, occupation=occupation, yours=_title(titles, yours), group=code[:digits])
    return _say(Decimal(0), "match_occupation_other", occupation=occupation)


def _skills(profile: SeekerProfile, vacancy: VacancyFacts) -> _Finding:
    required: dict[str, str] = {}
    for skill in vacancy.required_skills:
        required.setdefault(_norm(skill), skill.strip())
    if not required:
        return _say(Decimal(1), "match_skills_none_required")
    own = _own_skills(tuple(profile.skills))
    have = [shown for key, shown in required.items() if key in own]
    missing = [shown for key, shown in required.items() if key not in own]
    score = Decimal(len(have)) / Decimal(len(required))
    return _say(score, "match_skills_overlap", matched=len(have), required=len(required),
                       have=have, missing=missing)


def _region(profile: SeekerProfile, vacancy: VacancyFacts, rules: MatchingRules,
            titles: Mapping[str, Text]) -> _Finding:
    region = _title(titles, vacancy.region)
    if vacancy.region in profile.regions:
        return _say(Decimal(1), "match_region_yours", region=region)
    if profile.willing_to_relocate:
        return _say(rules.relocation, "match_region_relocation", region=region)
    return _say(Decimal(0), "match_region_elsewhere", region=region)


def _salary(profile: SeekerProfile, vacancy: VacancyFacts, rules: MatchingRules) -> _Finding:
    offered = vacancy.best_pay
    expected = profile.salary_expectation
    if not expected:
        return _say(Decimal(1), "match_salary_no_expectation", offered=offered)
    if offered >= expected:
        return _say(Decimal(1), "match_salary_meets", offered=offered, expected=expected)
    gap = (expected - offered) / expected
    score = max(Decimal(0), 1 - gap / rules.salary_tolerance)
    return _say(score, "match_salary_below", offered=offered, expected=expected,
                       gap=gap.quantize(HUNDREDTH, rounding=ROUND_HALF_UP))


def _experience(profile: SeekerProfile, vacancy: VacancyFacts) -> _Finding:
    required = vacancy.required_experience_months
    if required == 0:
        return _say(Decimal(1), "match_experience_none_required")
    months = sum(w.months for w in profile.work_history
                 if w.occupation_code[:3] == vacancy.occupation_code[:3])
    if months >= required:
        return _say(Decimal(1), "match_experience_enough", months=months, required=required)
    return _say(Decimal(months) / Decimal(required), "match_experience_short", months=months,
                required=required)


def _findings(profile: SeekerProfile, vacancy: VacancyFacts, rules: MatchingRules,
              names: Mapping[str, Text]) -> tuple[Decimal, dict[PartName, _Finding]]:
    found: dict[PartName, _Finding] = {
        "occupation": _occupation(profile, vacancy, rules, names),
        "skills": _skills(profile, vacancy),
        "region": _region(profile, vacancy, rules, names),
        "salary": _salary(profile, vacancy, rules),
        "experience": _experience(profile, vacancy),
    }
    total = sum((f.score * rules.weights[name] for name, f in found.items()), Decimal(0)) * 100
    return total.quantize(TENTH, rounding=ROUND_HALF_UP), found


def _explain(profile: SeekerProfile, vacancy: VacancyFacts, rules: MatchingRules, total: Decimal,
             found: dict[PartName, _Finding]) -> Match:
    parts = []
    for name in PARTS:
        finding, weight = found[name], rules.weights[name]
        parts.append(MatchPart(name=name, label=MATCH_PARTS[name], score=finding.score, weight=weight,
                               points=(finding.score * weight * 100).quantize(TENTH, rounding=ROUND_HALF_UP),
                               reason=_render(finding)))
    return Match(vacancy_id=vacancy.vacancy_id, seeker_id=profile.seeker_id, score=total, parts=parts,
                 decided_on=rules.on, rules=rules.sources)


def score_match(profile: SeekerProfile, vacancy: VacancyFacts, rules: MatchingRules,
                titles: Mapping[str, Text] | None = None) -> Match:
    """How well ``vacancy`` fits ``profile``, part by part; ``titles`` names occupation codes and regions."""
    total, found = _findings(profile, vacancy, rules, titles or {})
    return _explain(profile, vacancy, rules, total, found)


class Ranking:
    """Vacancies ranked for one profile a batch at a time: each scored once when added; the reasons are
    rendered only for the ones shown. Ranked best first by score, then occupation part, then the newer
    publication, then the id; only vacancies open on the date take part."""

    def __init__(self, profile: SeekerProfile, on: date, titles: Mapping[str, Text] | None = None) -> None:
        self.profile, self.on, self.rules, self.names = profile, on, MatchingRules.on_date(on), titles or {}
        self._scored: list[tuple[tuple[Decimal, Decimal, int, str], Decimal, dict[PartName, _Finding],
                                 VacancyFacts]] = []

    def add(self, vacancies: Iterable[VacancyFacts]) -> None:
        for v in vacancies:
            if v.open_on(self.on):
                total, found = _findings(self.profile, v, self.rules, self.names)
                key = (-total, -found["occupation"].score, -v.published_on.toordinal(), v.vacancy_id)
                self._scored.append((key, total, found, v))

    def _top(self, limit: int | None) -> list[tuple[Any, Decimal, dict[PartName, _Finding], VacancyFacts]]:
        if limit is None:
            return sorted(self._scored, key=lambda s: s[0])
        return heapq.nsmallest(limit, self._scored, key=lambda s: s[0])

    def floor(self, limit: int) -> Decimal | None:
        """The score of the ``limit``-th best so far; None while fewer are ranked."""
        if len(self._scored) < limit:
            return None
        return self._top(limit)[-1][1]

    def matches(self, limit: int | None = None) -> list[Match]:
        return [_explain(self.profile, v, self.rules, total, found) for _, total, found, v in self._top(limit)]


def rank_vacancies(profile: SeekerProfile, vacancies: Iterable[VacancyFacts], on: date,
                   limit: int | None = None, titles: Mapping[str, Text] | None = None) -> list[Match]:
    """The vacancies open on ``on``, best first, each with its reasons (rendered for the ``limit`` shown only)."""
    ranking = Ranking(profile, on, titles)
    ranking.add(vacancies)
    return ranking.matches(limit)


def rank_candidates(vacancy: VacancyFacts, profiles: Iterable[SeekerProfile], on: date,
                    limit: int | None = None, titles: Mapping[str, Text] | None = None) -> list[Match]:
    """Job seekers for ``vacancy``, best first (ties by occupation part, then by id)."""
    rules, names = MatchingRules.on_date(on), titles or {}
    scored = [(*_findings(p, vacancy, rules, names), p) for p in profiles]
    scored.sort(key=lambda s: (-s[0], -s[1]["occupation"].score, s[2].seeker_id))
    return [_explain(p, vacancy, rules, total, found) for total, found, p in scored[:limit]]


def ceiling_outside(rules: MatchingRules, caps: Mapping[PartName, Decimal]) -> Decimal:
    """The best score (rounded as scores are) of a match where some part of ``caps`` scores at most its cap.

    ``caps`` says, for the parts a caller filtered on, the most such a part scores outside the filter
    (a vacancy outside the person's regions scores at most the relocation score for region). A caller
    that scored only the vacancies inside every filter has the exact top of the ranking as long as
    its last one shown scores above this: no vacancy left out could reach it.
    """
    if not caps:
        return Decimal(-1)  # nothing left out
    lost = min(rules.weights[name] * (1 - cap) for name, cap in caps.items())
    return ((1 - lost) * 100).quantize(TENTH, rounding=ROUND_HALF_UP)
