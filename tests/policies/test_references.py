"""Every reason a citizen can read rests on a law they can read: enumerated here, all of them, in kk/ru/en."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest

from policies.decision import LANGUAGES, Reason
from policies.parameters import DATA_DIR, history, lookup, meta
from policies.references import ACTS, REASON_REFERENCES, act, reference_for
from policies.self_employed import _definitions, regime
from policies.texts import BASE_KINDS, PAYMENT_PARTS, PER, SETTLEMENTS, TEMPLATES, reason

# A Latin word, but not the Roman numeral of a convocation in an act's number (No. 120-VI).
LATIN_WORD = re.compile(r"\b(?![IVX]+\b)[A-Za-z]{2,}")
FIELD = re.compile(r"\{[^}]*\}")


@pytest.mark.parametrize("code", sorted(TEMPLATES))
def test_every_reason_has_a_reference_in_three_languages(code: str) -> None:
    ref = reference_for(code)
    assert ref is not None, code
    citation = ref.citation()
    assert set(citation) == set(LANGUAGES) and all(citation[lang].strip() for lang in LANGUAGES)
    assert all(ref.title[lang].strip() for lang in LANGUAGES)


def test_references_name_no_reason_that_does_not_exist() -> None:
    assert set(REASON_REFERENCES) == set(TEMPLATES)


@pytest.mark.parametrize("name", sorted(ACTS))
def test_every_act_can_be_opened_or_says_it_cannot(name: str) -> None:
    ref = ACTS[name]
    assert set(ref.title) == set(LANGUAGES)
    if ref.url is None:
        assert ref.unconfirmed or name == "system_rule", name
    else:
        # The act's own page, never a portal's home page.
        assert re.match(r"^https://adilet\.zan\.kz/rus/docs/[A-Z0-9_]+$", ref.url), ref.url


def test_no_latin_word_inside_kazakh_or_russian_texts() -> None:
    texts = [*TEMPLATES.values(), *PER.values(), *SETTLEMENTS.values(), *PAYMENT_PARTS.values(),
             *BASE_KINDS.values(), *(a.title for a in ACTS.values())]
    for text in texts:
        for lang in ("kk", "ru"):
            words = LATIN_WORD.findall(FIELD.sub("", text[lang]))
            assert not words, (lang, words, text[lang])


def test_one_kazakh_term_for_an_individual_entrepreneur() -> None:
    kazakh = " ".join(t["kk"] for t in TEMPLATES.values())
    assert "дара кәсіпкер" in kazakh
    assert "жеке кәсіпкер" not in kazakh and "ЖК" not in kazakh


def test_a_citation_names_the_article_and_says_when_unconfirmed() -> None:
    adult = reference_for("adult")
    assert adult is not None and adult.article == "17"
    assert adult.citation()["ru"] == "Гражданский кодекс Республики Казахстан (Общая часть), ст. 17"
    assert adult.citation()["kk"].endswith("17-бап")
    assert act("appk", article="92").citation()["en"].endswith("No. 350-VI of 29 June 2020, Art. 92")
    decree = reference_for("activity_permitted")
    assert decree is not None and decree.unconfirmed
    assert decree.citation()["en"].endswith("(reference not yet confirmed)")


def test_a_reason_stored_before_references_reads_not_recorded() -> None:
    old = Reason.model_validate_json('{"code": "adult", "text": {"kk": "a", "ru": "b", "en": "c"}, "params": {}}')
    assert old.reference is None
    assert old.citation() == {"kk": "құқықтық негіз жазылмаған", "ru": "правовое основание не записано",
                              "en": "reference not recorded"}


def test_a_reason_can_cite_another_act_than_its_default() -> None:
    r = reason("has_employees", cite=act("tax_code_2017", article="683-1", unconfirmed=True), regime="x")
    assert r.reference is not None and r.reference.article == "683-1" and r.reference.unconfirmed
    assert "cite" not in r.params


def test_every_regime_cites_its_act() -> None:
    for code, spec in _definitions().items():
        found = regime(code, spec["from"])
        assert found is not None and found.legal is not None, code
        assert all(found.legal.title[lang] for lang in LANGUAGES)
    sap = regime("single-aggregate-payment", date(2020, 1, 1))
    assert sap is not None and sap.legal is not None and sap.legal.chapter == "77-1"
    assert "120-VI" in sap.legal.title["en"]


def test_regime_reasons_cite_the_regime_of_their_date() -> None:
    from policies.self_employed import SelfEmployedCase, regime_eligibility

    old = regime_eligibility(SelfEmployedCase(regime="single-aggregate-payment", activity_code="cleaning",
                                              monthly_income=Decimal(100000)), date(2021, 5, 1))
    new = regime_eligibility(SelfEmployedCase(regime="self-employed", activity_code="tutoring",
                                              monthly_income=Decimal(100000)), date(2026, 5, 1))
    by_code = {r.code: r for r in old.reasons}
    assert by_code["income_within_ceiling"].reference is not None
    assert "120-VI" in by_code["income_within_ceiling"].reference.title["en"]
    by_code = {r.code: r for r in new.reasons}
    assert "214-VIII" in by_code["income_within_ceiling"].reference.title["en"]  # type: ignore[union-attr]
    assert "994" in by_code["activity_permitted"].reference.title["en"]  # type: ignore[union-attr]


def _parameter_paths() -> list[str]:
    data_files = {"regimes.yaml", "permitted_activities.yaml", "working_day_overrides.yaml"}
    return [".".join(f.relative_to(DATA_DIR).with_suffix("").parts) for f in sorted(DATA_DIR.rglob("*.yaml"))
            if f.name not in data_files]


@pytest.mark.parametrize("path", _parameter_paths())
def test_every_unconfirmed_figure_has_a_name_a_citizen_reads(path: str) -> None:
    unconfirmed = meta(path).unconfirmed or any(lookup(path, d).unconfirmed for d, v in history(path) if v is not None)
    label = meta(path).label
    if unconfirmed:
        assert label is not None, path
    if label is not None:
        assert set(label) == set(LANGUAGES) and all(label.values()), path
        assert not LATIN_WORD.findall(label["kk"]) and not LATIN_WORD.findall(label["ru"]), label


@pytest.mark.parametrize("path", _parameter_paths())
def test_no_parameter_cites_a_home_page_or_domain_md(path: str) -> None:
    refs = [meta(path).reference] + [lookup(path, d).reference for d, v in history(path) if v is not None]
    for ref in refs:
        assert ref is not None, path
        assert "DOMAIN.md" not in ref.title, path
        assert ref.url is None or ref.url.rstrip("/") not in {"https://adilet.zan.kz", "https://onestop.kz"}, path


def _every_reason_shown_to_the_citizen() -> list[tuple[str, Reason]]:
    """Every reason a citizen can read, from every catalogue: the policies' (self-employed, identity, appeals,
    TSA), the labour exchange's, the officers' and reviewers' picks, and a registry's refusals, each as the
    citizen receives it."""
    import policies.tsa_texts  # noqa: F401  (TSA's templates join the catalogue on import)
    from policies.labour.texts import LABOUR_TEXTS, labour_reference_for
    from services import messages
    from services.self_employed import REVIEW_REASON_REFERENCES, REVIEW_REASONS
    from workflows.service import registry_reason

    found = [(f"policy:{code}", Reason(code=code, text=TEMPLATES[code], params={}, reference=reference_for(code)))
             for code in TEMPLATES]
    found += [(f"labour:{code}", Reason(code=code, text=text, params={}, reference=labour_reference_for(code)))
              for code, text in LABOUR_TEXTS.items()]
    officer = [("self-employed review", REVIEW_REASONS, REVIEW_REASON_REFERENCES),
               ("appeal review", messages.APPEAL_REVIEW_REASONS, messages.APPEAL_REASON_REFERENCES),
               ("appeal term", messages.APPEAL_TERM_DECISIONS, messages.APPEAL_REASON_REFERENCES),
               ("appeal rework", messages.APPEAL_REWORK_REASONS, messages.APPEAL_REASON_REFERENCES)]
    for kind, texts, references in officer:
        found += [(f"{kind}:{code}", Reason(code=code, text=text, params={}, reference=references.get(code)))
                  for code, text in texts.items()]
    found += [(f"registry:{code}", Reason.model_validate(registry_reason(code)))
              for code in (*messages.REGISTRY_REASONS, "an-unknown-refusal")]
    return found


def test_every_reason_shown_to_the_citizen_has_a_reference_and_three_languages() -> None:
    reasons = _every_reason_shown_to_the_citizen()
    kinds = {where.split(":")[0] for where, _ in reasons}
    assert kinds == {"policy", "labour", "self-employed review", "appeal review", "appeal term", "appeal rework",
                     "registry"}
    assert any(where.startswith("policy:tsa_") for where, _ in reasons)  # TSA's are among them
    for where, found in reasons:
        assert set(found.text) == set(LANGUAGES) and all(found.text[lang].strip() for lang in LANGUAGES), where
        assert found.reference is not None and not isinstance(found.reference, str), where
        citation = found.citation()
        assert set(citation) == set(LANGUAGES), where
        assert not any("not recorded" in c or "не записано" in c or "жазылмаған" in c
                       for c in citation.values()), where
        for lang in ("kk", "ru"):
            assert not LATIN_WORD.findall(FIELD.sub("", found.text[lang])), (where, lang, found.text[lang])
