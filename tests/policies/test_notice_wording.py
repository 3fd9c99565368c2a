"""The wording of services/messages.py that issue 12 names: one Kazakh term, no English inside kk/ru,
the notice names the regime and keeps tax apart from social payments."""

from __future__ import annotations

import re

from services import messages

LATIN_WORD = re.compile(r"\b(?![IVX]+\b)[A-Za-z]{2,}")


def _texts() -> list[dict[str, str]]:
    found = []
    for value in vars(messages).values():
        if isinstance(value, dict) and set(value) == {"kk", "ru", "en"}:
            found.append(value)
        elif isinstance(value, dict) and value and all(isinstance(v, dict) and set(v) == {"kk", "ru", "en"}
                                                       for v in value.values()):
            found.extend(value.values())
    return found


def test_every_text_has_three_languages_and_no_latin_word_in_kk_or_ru() -> None:
    texts = _texts()
    assert len(texts) > 20
    for text in texts:
        assert all(text[lang].strip() for lang in ("kk", "ru", "en"))
        assert not LATIN_WORD.findall(text["kk"]) and not LATIN_WORD.findall(text["ru"]), text


def test_one_kazakh_term_for_an_individual_entrepreneur() -> None:
    kazakh = " ".join(t["kk"] for t in _texts())
    assert "дара кәсіпкер" in kazakh and "жеке кәсіпкер" not in kazakh


def test_the_notice_names_the_regime_and_splits_tax_from_social_payments() -> None:
    regime = {"kk": "Оңайлатылған декларация", "ru": "Упрощённая декларация", "en": "Simplified declaration"}
    subject, body = messages.registration_notice("ru", application_id="0123456789", total="33 675",
                                                 verify_url="https://x/v", regime=regime, tax="12 000",
                                                 social="21 675")
    assert "«Упрощённая декларация»" in subject and "самозанят" not in subject
    assert "налог 12 000 тенге, социальные платежи 21 675 тенге, всего 33 675 тенге" in body
    subject, _ = messages.registration_notice("kk", application_id="0123456789", total="1", verify_url="u",
                                              regime=regime, tax="0", social="1", regime_change=True)
    assert "көштіңіз" in subject


def test_the_notice_without_the_regime_no_longer_calls_tax_a_social_payment() -> None:
    for lang in ("kk", "ru", "en"):
        subject, body = messages.registration_notice(lang, application_id="0123456789", total="10 000",
                                                     verify_url="u")
        assert "self-employed" not in subject and "самозанят" not in subject
    assert "налог и социальные платежи" in messages.registration_notice("ru", application_id="x", total="1",
                                                                         verify_url="u")[1]


def test_a_reviewer_can_restore_a_late_appeal_s_term_or_not() -> None:
    assert set(messages.APPEAL_TERM_DECISIONS) == {"term_restored", "term_not_restored"}
