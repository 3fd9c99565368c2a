"""Every kk/ru text the project holds, found by walking its modules and parameter files (issue 12):

- no English word inside a Kazakh or Russian text (only the technical names listed below, which a
  reader types or sees as they are);
- one Kazakh term for an individual entrepreneur, "дара кәсіпкер", never "жеке кәсіпкер".

The walk reads every module-level value of policies, services, portal, workflows, documents and store
(dicts, lists and tuples, nested), and every YAML under policies/parameters: a catalogue added
anywhere is checked without being named here.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("policies", "services", "portal", "workflows", "documents", "store")
SKIP = ("store.migrations",)  # Alembic's env runs only under Alembic

# A Latin word, but not the Roman numeral of a convocation in an act's number (No. 120-VI).
LATIN_WORD = re.compile(r"\b(?![IVX]+\b)[A-Za-z]{2,}")
FIELD = re.compile(r"\{[^}]*\}")
# What a reader types or reads as it is: formats shown by example, protocol and header names, codes.
TECHNICAL = {
    "name", "example", "kz",            # an e-mail address shown by example: name@example.kz
    "KZ", "IBAN",                       # a bank account number begins with KZ
    "SMS",
    "JSON", "application", "json", "ASCII", "Idempotency", "Key", "Authorization", "Bearer", "token",
    "OAuth", "http", "https", "GET", "api", "tasks", "assignees",  # the API's own names, for its callers
}


def _texts() -> list[tuple[str, dict[str, str]]]:
    seen: dict[int, tuple[str, dict[str, str]]] = {}

    def walk(value: Any, where: str, depth: int = 0) -> None:
        if depth > 6:
            return
        if isinstance(value, dict):
            if {"kk", "ru"} <= set(value) and all(isinstance(value[k], str) for k in ("kk", "ru")):
                seen.setdefault(id(value), (where, value))
                return
            for key, item in value.items():
                walk(item, f"{where}[{key!r}]", depth + 1)
        elif isinstance(value, (list, tuple)):
            for i, item in enumerate(value):
                walk(item, f"{where}[{i}]", depth + 1)

    for package in PACKAGES:
        for found in pkgutil.walk_packages([str(ROOT / package)], prefix=f"{package}."):
            if found.name.startswith(SKIP):
                continue
            module = importlib.import_module(found.name)
            for name, value in vars(module).items():
                if not name.startswith("__"):
                    walk(value, f"{found.name}.{name}")
    for path in sorted((ROOT / "policies" / "parameters").rglob("*.yaml")):
        walk(yaml.safe_load(path.read_text()), str(path.relative_to(ROOT)))
    return list(seen.values())


TEXTS = _texts()


def test_the_walk_finds_every_catalogue() -> None:
    # A guard on the walk: each kind of text the issue names must be among those found.
    where = " ".join(w for w, _ in TEXTS)
    for catalogue in ("policies.texts.TEMPLATES", "policies.tsa_texts", "services.messages", "portal.pages.texts",
                      "portal.problem_texts.DETAILS", "services.self_employed.REVIEW_REASONS", "policies/parameters/",
                      "policies.labour", "portal.pages.officer"):
        assert catalogue in where, catalogue
    assert len(TEXTS) > 500


def test_no_english_word_inside_kazakh_or_russian_texts() -> None:
    found = []
    for where, text in TEXTS:
        for language in ("kk", "ru"):
            words = set(LATIN_WORD.findall(FIELD.sub("", text[language]))) - TECHNICAL
            if words:
                found.append((where, language, sorted(words), text[language]))
    assert not found, "\n".join(map(str, found))


def test_one_kazakh_term_for_an_individual_entrepreneur() -> None:
    kazakh = [(where, text["kk"]) for where, text in TEXTS]
    assert any("дара кәсіпкер" in text.lower() for _, text in kazakh)
    assert not [where for where, text in kazakh if "жеке кәсіпкер" in text.lower()]
