"""The form takes an activity off the list when it is described; the service routes it to review."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from services.self_employed import SPEC, SelfEmployedForm, review_grounds

ON = date(2026, 11, 20)


def form(**overrides: object) -> dict:
    base: dict[str, object] = {"activity_code": "tutoring", "regime": "self-employed",
                               "expected_monthly_income": "250000", "phone": "+77011234567"}
    base.update(overrides)
    return base


def test_other_needs_a_description() -> None:
    with pytest.raises(ValidationError, match="activity_description"):
        SelfEmployedForm.model_validate(form(activity_code="other"), context={"on": ON})
    with pytest.raises(ValidationError, match="activity_description"):
        SelfEmployedForm.model_validate(form(activity_code="other", activity_description="  "), context={"on": ON})
    ok = SelfEmployedForm.model_validate(form(activity_code="other", activity_description="yurt repair"),
                                         context={"on": ON})
    assert ok.activity_code == "other"


def test_codes_neither_listed_nor_other_are_still_refused() -> None:
    with pytest.raises(ValidationError, match="not on the list"):
        SelfEmployedForm.model_validate(form(activity_code="astrology"), context={"on": ON})


def test_schema_offers_other_with_titles_in_three_languages() -> None:
    props = SPEC.form_schema(ON)["properties"]
    assert props["activity_code"]["enum"][-1] == "other"
    assert set(props["activity_code"]["x-titles"]["other"]) == {"kk", "ru", "en"}
    assert "activity_description" in props


def test_review_grounds() -> None:
    assert review_grounds("tutoring", "astana") == []
    assert review_grounds("other", "karaganda") == ["activity_not_listed"]
    assert review_grounds("tutoring", "atlantis") == ["address_region_unknown"]
    assert review_grounds("other", "") == ["activity_not_listed", "address_region_unknown"]
