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

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from pydantic import BaseModel, Field

from policies.decision import Reason, Text
from policies.labour.texts import LABOUR_TEXTS
from policies.parameters import lookup
from policies.texts import NONE, join, reason_from

__all__ = [
    "PartName",
    "WorkPeriod",
    "SeekerProfile",
    "VacancyFacts",
    "MatchPart",
    "Match",
    "MatchingRules",
    "score_match",
    "rank_vacancies",
    "rank_candidates",
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


def _say(code: str, **params: object) -> Reason:
    return reason_from(LABOUR_TEXTS, code, params)


def _title(titles: Mapping[str, Text], key: str) -> Text:
    return titles.get(key) or {"kk": key, "ru": key, "en": key}


def _norm(skill: str) -> str:
    return " ".join(skill.casefold().split())


# ---------------------------------------------------------------- the five parts


def _occupation(profile: SeekerProfile, vacancy: VacancyFacts, rules: MatchingRules,
                titles: Mapping[str, Text]) -> tuple[Decimal, Reason]:
    code = vacancy.occupation_code
    occupation = _title(titles, code)
    if code in profile.desired_occupations:
        return Decimal(1), _say("match_occupation_desired", occupation=occupation)
    references = list(profile.desired_occupations)
    if profile.work_history:
        references.append(profile.work_history[0].occupation_code)
    for digits, score, text in ((3, rules.minor_group, "match_occupation_minor_group"),
                                (2, rules.sub_major_group, "match_occupation_sub_major_group")):
        for yours in references:
            if yours[:digits] == code[:digits]:
                return score, _say(text, occupation=occupation, yours=_title(titles, yours), group=code[:digits])
    return Decimal(0), _say("match_occupation_other", occupation=occupation)


def _skills(profile: SeekerProfile, vacancy: VacancyFacts) -> tuple[Decimal, Reason]:
    required: dict[str, str] = {}
    for skill in vacancy.required_skills:
        required.setdefault(_norm(skill), skill.strip())
    if not required:
        return Decimal(1), _say("match_skills_none_required")
    own = {_norm(s) for s in profile.skills}
    have = [shown for key, shown in required.items() if key in own]
    missing = [shown for key, shown in required.items() if key not in own]
    as_text = lambda items: join([{"kk": s, "ru": s, "en": s} for s in items], ", ") if items else NONE  # noqa: E731
    score = Decimal(len(have)) / Decimal(len(required))
    return score, _say("match_skills_overlap", matched=len(have), required=len(required),
                       have=as_text(have), missing=as_text(missing))


def _region(profile: SeekerProfile, vacancy: VacancyFacts, rules: MatchingRules,
            titles: Mapping[str, Text]) -> tuple[Decimal, Reason]:
    region = _title(titles, vacancy.region)
    if vacancy.region in profile.regions:
        return Decimal(1), _say("match_region_yours", region=region)
    if profile.willing_to_relocate:
        return rules.relocation, _say("match_region_relocation", region=region)
    return Decimal(0), _say("match_region_elsewhere", region=region)


def _salary(profile: SeekerProfile, vacancy: VacancyFacts, rules: MatchingRules) -> tuple[Decimal, Reason]:
    offered = vacancy.best_pay
    expected = profile.salary_expectation
    if not expected:
        return Decimal(1), _say("match_salary_no_expectation", offered=offered)
    if offered >= expected:
        return Decimal(1), _say("match_salary_meets", offered=offered, expected=expected)
    gap = (expected - offered) / expected
    score = max(Decimal(0), 1 - gap / rules.salary_tolerance)
    return score, _say("match_salary_below", offered=offered, expected=expected,
                       gap=gap.quantize(HUNDREDTH, rounding=ROUND_HALF_UP))


def _experience(profile: SeekerProfile, vacancy: VacancyFacts) -> tuple[Decimal, Reason]:
    required = vacancy.required_experience_months
    if required == 0:
        return Decimal(1), _say("match_experience_none_required")
    months = sum(w.months for w in profile.work_history
                 if w.occupation_code[:3] == vacancy.occupation_code[:3])
    if months >= required:
        return Decimal(1), _say("match_experience_enough", months=months, required=required)
    return Decimal(months) / Decimal(required), _say("match_experience_short", months=months, required=required)


def score_match(profile: SeekerProfile, vacancy: VacancyFacts, rules: MatchingRules,
                titles: Mapping[str, Text] | None = None) -> Match:
    """How well ``vacancy`` fits ``profile``, part by part; ``titles`` names occupation codes and regions."""
    names = titles or {}
    found: dict[PartName, tuple[Decimal, Reason]] = {
        "occupation": _occupation(profile, vacancy, rules, names),
        "skills": _skills(profile, vacancy),
        "region": _region(profile, vacancy, rules, names),
        "salary": _salary(profile, vacancy, rules),
        "experience": _experience(profile, vacancy),
    }
    parts = []
    for name in PARTS:
        score, why = found[name]
        score = score.quantize(HUNDREDTH, rounding=ROUND_HALF_UP)
        weight = rules.weights[name]
        parts.append(MatchPart(name=name, score=score, weight=weight,
                               points=(score * weight * 100).quantize(TENTH, rounding=ROUND_HALF_UP), reason=why))
    total = (sum((p.score * p.weight for p in parts), Decimal(0)) * 100).quantize(TENTH, rounding=ROUND_HALF_UP)
    return Match(vacancy_id=vacancy.vacancy_id, seeker_id=profile.seeker_id, score=total, parts=parts,
                 decided_on=rules.on, rules=rules.sources)


def rank_vacancies(profile: SeekerProfile, vacancies: Iterable[VacancyFacts], on: date,
                   limit: int | None = None, titles: Mapping[str, Text] | None = None) -> list[Match]:
    """The vacancies open on ``on``, best first, each with its reasons."""
    rules = MatchingRules.on_date(on)
    scored = [(score_match(profile, v, rules, titles), v) for v in vacancies if v.open_on(on)]
    scored.sort(key=lambda mv: (-mv[0].score, -mv[0].part("occupation").score,
                                -mv[1].published_on.toordinal(), mv[1].vacancy_id))
    return [m for m, _ in scored[:limit]]


def rank_candidates(vacancy: VacancyFacts, profiles: Iterable[SeekerProfile], on: date,
                    limit: int | None = None, titles: Mapping[str, Text] | None = None) -> list[Match]:
    """Job seekers for ``vacancy``, best first (ties by occupation part, then by id)."""
    rules = MatchingRules.on_date(on)
    matches = [score_match(p, vacancy, rules, titles) for p in profiles]
    matches.sort(key=lambda m: (-m.score, -m.part("occupation").score, m.seeker_id))
    return matches[:limit]
