"""The vocational guidance (career-orientation) test: 30 RIASEC items, a profile, recommended occupations.

Each of Holland's six interest types (Realistic, Investigative, Artistic, Social,
Enterprising, Conventional) has five items answered on a 1..5 scale. A type's score is its
answers' sum mapped onto 0..100: (sum − 5 × min) ÷ (5 × (max − min)) × 100, to one decimal.
The three strongest types, ties in R-I-A-S-E-C order, make the Holland code ("SIA").

An occupation with leading types XY scores (2 × score[X] + score[Y]) ÷ 3; the best
``labour.guidance.recommendations`` are recommended (ties by ISCO code), each with its reason.
When the strongest and weakest types are closer than ``flat_profile_spread`` points, the
result says so and points to a career-centre adviser.

Bad answers raise ``InvalidAnswers`` (ValueError) listing every problem with the field it
names (``answers.q07``) and a kk/ru/en text, so the API can answer 422 before storing anything.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

from pydantic import BaseModel, Field

from policies.decision import Reason, Text
from policies.labour.texts import say
from policies.parameters import lookup

__all__ = [
    "TYPES",
    "GuidanceQuestion",
    "InterestType",
    "Questionnaire",
    "AnswerProblem",
    "InvalidAnswers",
    "TypeScore",
    "Recommendation",
    "GuidanceResult",
    "questionnaire",
    "score_guidance",
]

TYPES: tuple[str, ...] = ("R", "I", "A", "S", "E", "C")
QUESTIONNAIRE = "labour.guidance.questionnaire"
OCCUPATIONS = "labour.guidance.occupations"
TENTH = Decimal("0.1")


class GuidanceQuestion(BaseModel):
    id: str
    type: str
    text: Text


class InterestType(BaseModel):
    code: str
    title: Text
    summary: Text


class Questionnaire(BaseModel):
    on: date
    instruction: Text
    scale_min: int
    scale_max: int
    scale_labels: dict[int, Text]
    types: list[InterestType]
    questions: list[GuidanceQuestion]
    source: str


def questionnaire(on: date) -> Questionnaire:
    """The questionnaire in force on ``on``, in the order it is asked."""
    found = lookup(QUESTIONNAIRE, on)
    raw = found.value
    return Questionnaire(
        on=on, instruction=raw["instruction"], scale_min=int(raw["scale"]["min"]), scale_max=int(raw["scale"]["max"]),
        scale_labels={int(k): v for k, v in raw["scale"]["labels"].items()},
        types=[InterestType(code=code, **raw["types"][code]) for code in TYPES],
        questions=[GuidanceQuestion(**q) for q in raw["questions"]], source=found.source())


class AnswerProblem(BaseModel):
    field: str
    code: Literal["guidance_answer_missing", "guidance_answer_out_of_range", "guidance_unknown_question"]
    text: Text


class InvalidAnswers(ValueError):
    def __init__(self, problems: list[AnswerProblem]) -> None:
        super().__init__("; ".join(f"{p.field}: {p.text['en']}" for p in problems))
        self.problems = problems


class TypeScore(BaseModel):
    type: str
    title: Text
    raw: int
    score: Decimal = Field(description="0..100")


class Recommendation(BaseModel):
    occupation_code: str
    title: Text
    holland: str
    score: Decimal = Field(description="0..100")
    reason: Reason


class GuidanceResult(BaseModel):
    decided_on: date
    profile: list[TypeScore] = Field(description="in R-I-A-S-E-C order, for the chart")
    holland_code: str
    reasons: list[Reason]
    recommendations: list[Recommendation]
    flat: bool
    sources: list[str]
    unconfirmed: list[str] = Field(default_factory=list)


def _say(code: str, **params: Any) -> Reason:
    return say(code, params)


def _problems(form: Questionnaire, answers: Mapping[str, Any]) -> list[AnswerProblem]:
    known = {q.id: q for q in form.questions}
    problems = []
    for key in answers:
        if key not in known:
            problems.append(AnswerProblem(field=f"answers.{key}", code="guidance_unknown_question",
                                          text=_say("guidance_unknown_question", question=key).text))
    for q in form.questions:
        if q.id not in answers:
            problems.append(AnswerProblem(field=f"answers.{q.id}", code="guidance_answer_missing",
                                          text=_say("guidance_answer_missing", question=q.text).text))
            continue
        given = answers[q.id]
        whole = isinstance(given, int) and not isinstance(given, bool)
        if not whole or not form.scale_min <= given <= form.scale_max:
            problems.append(AnswerProblem(field=f"answers.{q.id}", code="guidance_answer_out_of_range",
                                          text=_say("guidance_answer_out_of_range", question=q.text,
                                                    minimum=form.scale_min, maximum=form.scale_max,
                                                    given=repr(given)).text))
    return problems


def score_guidance(answers: Mapping[str, Any], on: date) -> GuidanceResult:
    """The interest profile and recommended occupations for ``answers`` (question id -> 1..5)."""
    form = questionnaire(on)
    problems = _problems(form, answers)
    if problems:
        raise InvalidAnswers(problems)

    span = form.scale_max - form.scale_min
    titles = {t.code: t for t in form.types}
    profile = []
    for code in TYPES:
        items = [q for q in form.questions if q.type == code]
        raw = sum(int(answers[q.id]) for q in items)
        score = (Decimal(raw - len(items) * form.scale_min) * 100 / (len(items) * span)).quantize(
            TENTH, rounding=ROUND_HALF_UP)
        profile.append(TypeScore(type=code, title=titles[code].title, raw=raw, score=score))
    by_type = {t.type: t for t in profile}
    strongest = sorted(profile, key=lambda t: (-t.score, TYPES.index(t.type)))[:3]

    reasons = [_say("guidance_strongest_interests",
                    **{f"{n}": t.title for n, t in zip(("first", "second", "third"), strongest, strict=False)},
                    **{f"{n}_score": t.score for n, t in zip(("first", "second", "third"), strongest, strict=False)})]
    reasons += [_say("guidance_type_summary", title=t.title, summary=titles[t.type].summary) for t in strongest]
    spread_found = lookup("labour.guidance.flat_profile_spread", on)
    count_found = lookup("labour.guidance.recommendations", on)
    spread = max(t.score for t in profile) - min(t.score for t in profile)
    flat = spread < Decimal(str(spread_found.value))
    if flat:
        reasons.append(_say("guidance_flat_profile", spread=spread))

    occupations_found = lookup(OCCUPATIONS, on)
    recommendations = []
    for occupation in occupations_found.value:
        first, second = by_type[occupation["holland"][0]], by_type[occupation["holland"][1]]
        score = ((2 * first.score + second.score) / 3).quantize(TENTH, rounding=ROUND_HALF_UP)
        recommendations.append(Recommendation(
            occupation_code=occupation["code"], title=occupation["title"], holland=occupation["holland"], score=score,
            reason=_say("guidance_recommendation", occupation=occupation["title"], first=first.title,
                        first_score=first.score, second=second.title, second_score=second.score)))
    recommendations.sort(key=lambda r: (-r.score, r.occupation_code))

    found = [lookup(QUESTIONNAIRE, on), occupations_found, spread_found, count_found]
    return GuidanceResult(
        decided_on=on, profile=profile, holland_code="".join(t.type for t in strongest), reasons=reasons,
        recommendations=recommendations[:int(count_found.value)], flat=flat, sources=[f.source() for f in found],
        unconfirmed=[f.path for f in found if f.unconfirmed])
