"""The guidance test scored against hand-computed answers.

A type's score is (sum of its 5 answers − 5) × 5, out of 100; an occupation XY scores
(2 × X + Y) ÷ 3.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from policies.decision import LANGUAGES
from policies.labour.guidance import TYPES, InvalidAnswers, questionnaire, score_guidance

ON = date(2026, 2, 2)


def answers(**by_type: list[int]) -> dict[str, int]:
    """Every item 3, except the types given: their five items in questionnaire order."""
    form = questionnaire(ON)
    given = {t: list(v) for t, v in by_type.items()}
    return {q.id: given[q.type].pop(0) if q.type in given else 3 for q in form.questions}


def test_the_questionnaire_has_thirty_items_five_a_type_in_three_languages() -> None:
    form = questionnaire(ON)
    assert len(form.questions) == 30
    assert [q.id for q in form.questions] == [f"q{i:02d}" for i in range(1, 31)]
    assert {t: sum(q.type == t for q in form.questions) for t in TYPES} == dict.fromkeys(TYPES, 5)
    # interleaved: no two neighbours share a type
    assert all(a.type != b.type for a, b in zip(form.questions, form.questions[1:], strict=False))
    texts = [q.text for q in form.questions] + [form.instruction] + list(form.scale_labels.values())
    texts += [t.title for t in form.types] + [t.summary for t in form.types]
    assert all(set(t) == set(LANGUAGES) and all(t[lang].strip() for lang in LANGUAGES) for t in texts)
    assert len({q.text["ru"] for q in form.questions}) == 30
    assert (form.scale_min, form.scale_max) == (1, 5)


def test_a_hand_computed_social_investigative_profile() -> None:
    # S: 5+5+5+4+5 = 24 -> (24-5)×5 = 95; I: 4+4+3+4+5 = 20 -> 75; A: 1+2+3+4+5 = 15 -> 50;
    # R: 1+1+1+1+1 = 5 -> 0; E: 2+2+2+2+2 = 10 -> 25; C: 3×5 = 15 -> 50.
    result = score_guidance(answers(S=[5, 5, 5, 4, 5], I=[4, 4, 3, 4, 5], A=[1, 2, 3, 4, 5], R=[1] * 5,
                                    E=[2] * 5), ON)
    assert [(t.type, t.raw, t.score) for t in result.profile] == [
        ("R", 5, Decimal(0)), ("I", 20, Decimal(75)), ("A", 15, Decimal(50)), ("S", 24, Decimal(95)),
        ("E", 10, Decimal(25)), ("C", 15, Decimal(50))]
    # A and C tie at 50: A comes first in R-I-A-S-E-C order.
    assert result.holland_code == "SIA"
    assert not result.flat
    # SI nurse (2×95+75)/3 = 88.3; IS GP (2×75+95)/3 = 81.7; SA teachers (190+50)/3 = 80.0 (2341, 2342 by code);
    # SE social worker (190+25)/3 = 71.7 and SR home care (190+0)/3 = 63.3 fall behind IC/IR (150+50)/3 = 66.7.
    assert [(r.occupation_code, r.score) for r in result.recommendations] == [
        ("2221", Decimal("88.3")), ("2211", Decimal("81.7")), ("2341", Decimal("80.0")), ("2342", Decimal("80.0")),
        ("2635", Decimal("71.7"))]
    assert result.reasons[0].text["en"] == (
        "Your strongest interests: Social (95), Investigative (75) and Artistic (50), out of 100.")
    assert result.recommendations[0].reason.text["ru"] == (
        "«Медицинская сестра» соответствует типам интересов «Социальный» (95) и «Исследовательский» (75).")
    assert "labour.guidance.questionnaire" in result.unconfirmed
    assert type(result).model_validate_json(result.model_dump_json()) == result


def test_a_hand_computed_realistic_conventional_profile() -> None:
    # R 25 -> 100; C 4+4+4+4+4 = 20 -> 75; others 15 -> 50. RC trades: (200+75)/3 = 91.7, by code;
    # then 83.3 for RI/RE (200+50)/3 and CR stock clerk (150+100)/3: 3111, 4321 (5120, 6111, 7231 cut).
    result = score_guidance(answers(R=[5] * 5, C=[4] * 5), ON)
    assert result.holland_code == "RCI"
    assert [(r.occupation_code, r.score) for r in result.recommendations] == [
        ("7115", Decimal("91.7")), ("7411", Decimal("91.7")), ("8322", Decimal("91.7")),
        ("3111", Decimal("83.3")), ("4321", Decimal("83.3"))]


def test_a_flat_profile_says_the_recommendations_are_weak() -> None:
    # every item 3: all types 50, spread 0; the code is the R-I-A-S-E-C order
    result = score_guidance(answers(), ON)
    assert result.flat and result.holland_code == "RIA"
    assert "guidance_flat_profile" in [r.code for r in result.reasons]
    # a spread of exactly 10 points (one type one point higher on two items) is not flat
    assert not score_guidance(answers(E=[4, 4, 3, 3, 3]), ON).flat
    assert score_guidance(answers(E=[4, 3, 3, 3, 3]), ON).flat


def test_extremes_score_0_and_100() -> None:
    result = score_guidance(answers(R=[1] * 5, I=[5] * 5), ON)
    scores = {t.type: t.score for t in result.profile}
    assert (scores["R"], scores["I"]) == (Decimal(0), Decimal(100))


@pytest.mark.parametrize(("bad", "field", "code"), [
    ({"q07": 6}, "answers.q07", "guidance_answer_out_of_range"),
    ({"q07": 0}, "answers.q07", "guidance_answer_out_of_range"),
    ({"q07": 2.5}, "answers.q07", "guidance_answer_out_of_range"),
    ({"q07": "4"}, "answers.q07", "guidance_answer_out_of_range"),
    ({"q07": True}, "answers.q07", "guidance_answer_out_of_range"),
    ({"q31": 3}, "answers.q31", "guidance_unknown_question"),
])
def test_a_bad_answer_names_its_field(bad: dict[str, object], field: str, code: str) -> None:
    with pytest.raises(InvalidAnswers) as raised:
        score_guidance({**answers(), **bad}, ON)
    [problem] = raised.value.problems
    assert (problem.field, problem.code) == (field, code)
    assert all(problem.text[lang] and "{" not in problem.text[lang] for lang in LANGUAGES)


def test_every_missing_answer_is_listed() -> None:
    partial = {k: v for k, v in answers().items() if k not in {"q03", "q30"}}
    with pytest.raises(InvalidAnswers) as raised:
        score_guidance(partial, ON)
    assert [(p.field, p.code) for p in raised.value.problems] == [
        ("answers.q03", "guidance_answer_missing"), ("answers.q30", "guidance_answer_missing")]
    assert raised.value.problems[0].text["en"] == "The question “Draw, paint or design” has no answer."
