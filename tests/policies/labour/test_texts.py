"""The labour exchange's sentences: three languages with the same fields, no clash with the shared ones."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from policies.decision import LANGUAGES
from policies.labour import texts
from policies.labour.texts import LABOUR_TEXTS
from policies.texts import TEMPLATES
from tests.policies.test_texts import _fields

POLICIES = Path(__file__).resolve().parents[3] / "policies" / "labour"


@pytest.mark.parametrize("code", sorted(LABOUR_TEXTS))
def test_every_sentence_has_three_languages_with_the_same_fields(code: str) -> None:
    template = LABOUR_TEXTS[code]
    assert set(template) == set(LANGUAGES)
    assert _fields(template["kk"]) == _fields(template["ru"]) == _fields(template["en"])


def test_no_code_shadows_a_shared_sentence() -> None:
    assert not set(LABOUR_TEXTS) & set(TEMPLATES)


def test_every_label_table_has_three_languages() -> None:
    for table in (texts.EXCLUSIONS, texts.MATCH_PARTS, texts.STATUSES, texts.TARGET_GROUPS,
                  texts.EDUCATION_LEVELS, texts.DISCRIMINATION):
        for text in table.values():
            assert set(text) == set(LANGUAGES) and all(text.values())


def test_every_sentence_is_used_by_a_rule() -> None:
    # A sentence nobody says is a translation nobody maintains.
    used: set[str] = set()
    for source in POLICIES.glob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                used.add(node.value)
    prefixed = {f"unemployed_excluded_{code}" for code in texts.EXCLUSIONS}
    assert set(LABOUR_TEXTS) - used - prefixed == set()


# A Latin word in a Kazakh or Russian sentence (outside its {fields}) is an untranslated one.
LATIN_WORD = re.compile(r"\b[A-Za-z]{2,}")
FIELD = re.compile(r"\{[^}]*\}")


def test_no_latin_word_inside_kazakh_or_russian_texts() -> None:
    tables = (LABOUR_TEXTS, texts.EXCLUSIONS, texts.MATCH_PARTS, texts.STATUSES, texts.TARGET_GROUPS,
              texts.EDUCATION_LEVELS, texts.DISCRIMINATION)
    for table in tables:
        for text in table.values():
            for lang in ("kk", "ru"):
                assert not LATIN_WORD.findall(FIELD.sub("", text[lang])), (lang, text[lang])


def test_one_kazakh_term_for_an_individual_entrepreneur() -> None:
    kazakh = " ".join(t["kk"] for t in [*LABOUR_TEXTS.values(), *texts.STATUSES.values(), *texts.EXCLUSIONS.values()])
    assert "дара кәсіпкер" in kazakh and "жеке кәсіпкер" not in kazakh and "ЖК" not in kazakh
