"""The course catalogue (services/courses.yaml) against the classifiers: every occupation code is the
occupation classifier's, every region one of services/regions.py, every title in kk, ru and en; and a
catalogue breaking any of these is refused at load, naming the course."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from policies.labour.texts import STATUSES
from policies.parameters import value
from services.courses import CATALOGUE, catalogue, find_courses, load_catalogue
from services.labour_exchange import occupations
from services.regions import KNOWN_REGIONS

TODAY = date.today()


def test_every_course_names_a_known_occupation_region_and_group_in_three_languages() -> None:
    loaded = load_catalogue(on=TODAY)
    assert loaded.illustrative is True and "Illustrative mock data" in loaded.note
    courses = loaded.courses
    assert len(courses) >= 30
    known = occupations(TODAY)
    groups = set(value("labour.support.target_groups", TODAY))
    for course in courses:
        assert course.occupation_code in known, course.course_id
        assert course.region is None or course.region in KNOWN_REGIONS, course.course_id
        assert (course.format == "online") == (course.region is None), course.course_id
        assert set(course.title) == {"kk", "ru", "en"} and all(t.strip() for t in course.title.values())
        assert course.free_for and set(course.free_for) <= set(STATUSES) | groups | {"everyone"}
        assert course.length_weeks > 0 and course.hours is not None and course.hours > 0
    assert len({c.region for c in courses if c.region}) >= 15
    assert any(c.format == "online" for c in courses)
    assert any("everyone" in c.free_for for c in courses) and any("unemployed" in c.free_for for c in courses)
    assert any(set(c.free_for) & groups for c in courses)
    assert len({c.course_id for c in courses}) == len(courses)


def test_a_region_filter_keeps_the_online_courses_and_an_occupation_filter_its_own() -> None:
    astana = find_courses(region="astana")
    assert {c.region for c in astana} == {"astana", None}
    assert [c.course_id for c in find_courses(region="astana", occupation_code="2512")] == [
        "c-astana-python", "c-online-web"]
    assert find_courses(occupation_code="9999") == []
    assert len(find_courses()) == len(catalogue())


@pytest.mark.parametrize(("change", "said"), [
    ({"region": "mars"}, "'mars' is not a region code"),
    ({"occupation_code": "9999"}, "'9999' is not an occupation code"),
    ({"title": {"kk": "Аспаз", "ru": "Повар"}}, "a title in kk, ru and en"),
    ({"free_for": ["pensioners"]}, "free_for names unknown codes ['pensioners']"),
    ({"format": "online"}, "an online course has no region"),
])
def test_a_broken_catalogue_is_refused_at_load(tmp_path: Path, change: dict[str, object], said: str) -> None:
    data = yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))
    data["courses"][0].update(change)
    broken = tmp_path / "courses.yaml"
    broken.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ValidationError, match=re.escape(said)) as refused:
        load_catalogue(broken, on=TODAY)
    assert refused.value.errors()[0]["loc"][:2] == ("courses", 0)


def test_a_repeated_course_id_is_refused(tmp_path: Path) -> None:
    data = yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))
    data["courses"].append(data["courses"][0])
    broken = tmp_path / "courses.yaml"
    broken.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ValidationError, match="course_id repeated"):
        load_catalogue(broken, on=TODAY)
