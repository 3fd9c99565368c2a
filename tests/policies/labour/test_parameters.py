"""Every labour parameter names itself in words a citizen reads (the label), in kk/ru/en."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from policies.decision import LANGUAGES
from policies.parameters import DATA_DIR, history, meta
from tests.policies.labour.test_texts import FIELD, LATIN_WORD

LABOUR = DATA_DIR / "labour"


def _paths() -> list[str]:
    return [".".join(f.relative_to(DATA_DIR).with_suffix("").parts) for f in sorted(LABOUR.rglob("*.yaml"))]


@pytest.mark.parametrize("path", _paths())
def test_every_labour_parameter_has_a_label_a_reference_and_dates(path: str) -> None:
    raw = yaml.safe_load(Path(DATA_DIR, *path.split(".")).with_suffix(".yaml").read_text(encoding="utf-8"))
    label = raw["label"]
    assert set(label) == set(LANGUAGES) and all(label.values()), path
    assert not LATIN_WORD.findall(FIELD.sub("", label["kk"] + " " + label["ru"])), label
    m = meta(path)
    assert m.description and m.unit and m.reference and m.reference.title, path
    assert [d for d, _ in history(path)] == sorted(d for d, _ in history(path))
