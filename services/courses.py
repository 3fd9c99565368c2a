"""The catalogue of training courses (issue 14, §3): data in courses.yaml, checked when it is loaded.

Each course names its provider, its title in kk/ru/en, the ISCO-08 occupation it trains for (a code of the
classifier, ``labour.guidance.occupations``), the region it is held in (``services/regions.py``; none for an
online course), its length and who it is free for (statuses, target groups of ``labour.support.target_groups``,
or everyone). Whether a course is free for a given person, and why, is the policy's
(``policies.labour.support.course_offers``). The catalogue is illustrative mock data (its ``note`` says so).

Errors: a catalogue that breaks a rule raises ``pydantic.ValidationError`` at load, at the course (``courses.N``).
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ValidationInfo, field_validator, model_validator

from policies.labour.support import EVERYONE, Course, SupportFacts
from policies.labour.texts import STATUSES
from policies.parameters import value
from services.labour_exchange import occupations
from services.regions import KNOWN_REGIONS, REGION_NAMES

__all__ = ["CATALOGUE", "CATALOGUE_NOTE", "CourseCatalogue", "catalogue", "course_titles", "find_courses",
           "load_catalogue", "relevant_courses"]

CATALOGUE = Path(__file__).with_name("courses.yaml")
LANGUAGES = ("kk", "ru", "en")
# What the catalogue is, as the API and the pages say it.
CATALOGUE_NOTE: dict[str, str] = {
    "kk": "Каталог үлгі ретінде берілген: курстар мен оқу орындары ойдан алынған.",
    "ru": "Каталог приведён для примера: курсы и учебные заведения вымышлены.",
    "en": "The catalogue is illustrative: its courses and providers are made up."}


class CatalogueCourse(Course):
    """A course as the catalogue holds it: every code checked against the classifiers in force on the load day."""

    @field_validator("title")
    @classmethod
    def _three_languages(cls, title: dict[str, str]) -> dict[str, str]:
        if set(title) != set(LANGUAGES) or not all(title[lang].strip() for lang in LANGUAGES):
            raise ValueError("a title in kk, ru and en, none of them empty")
        return title

    @field_validator("region")
    @classmethod
    def _known_region(cls, region: str | None) -> str | None:
        if region is not None and region not in KNOWN_REGIONS:
            raise ValueError(f"{region!r} is not a region code of services/regions.py")
        return region

    @model_validator(mode="after")
    def _known_codes(self, info: ValidationInfo) -> CatalogueCourse:
        on = (info.context or {}).get("on") or date.today()
        if self.occupation_code not in occupations(on):
            raise ValueError(f"{self.occupation_code!r} is not an occupation code of the classifier")
        allowed = set(STATUSES) | set(value("labour.support.target_groups", on)) | {EVERYONE}
        unknown = [c for c in self.free_for if c not in allowed]
        if unknown or not self.free_for:
            raise ValueError(f"free_for names unknown codes {unknown} (or nothing)")
        return self


class CourseCatalogue(BaseModel):
    illustrative: Literal[True]
    note: str
    courses: list[CatalogueCourse]

    @model_validator(mode="after")
    def _unique(self) -> CourseCatalogue:
        ids = [c.course_id for c in self.courses]
        if len(ids) != len(set(ids)):
            raise ValueError("course_id repeated")
        return self


def load_catalogue(path: Path = CATALOGUE, on: date | None = None) -> CourseCatalogue:
    """The catalogue in ``path``, checked against the classifiers in force on ``on`` (today by default)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return CourseCatalogue.model_validate(data, context={"on": on or date.today()})


@lru_cache(maxsize=1)
def catalogue() -> tuple[Course, ...]:
    """The courses of the catalogue, by id (loaded and checked once per process)."""
    return tuple(sorted((Course.model_validate(c.model_dump()) for c in load_catalogue().courses),
                        key=lambda c: c.course_id))


def find_courses(region: str | None = None, occupation_code: str | None = None) -> list[Course]:
    """The catalogue's courses by filters; a region's courses include the online ones (open from anywhere)."""
    return [c for c in catalogue()
            if (region is None or c.region in (region, None))
            and (occupation_code is None or c.occupation_code == occupation_code)]


def relevant_courses(facts: SupportFacts) -> list[Course]:
    """The courses for an occupation the person wants; with none wanted, those in their region and online."""
    if facts.desired_occupations:
        return [c for c in catalogue() if c.occupation_code in facts.desired_occupations]
    return [c for c in catalogue() if c.region in (None, facts.region)]


def course_titles(on: date) -> dict[str, dict[str, str]]:
    """Region and occupation names by code, kk/ru/en, as a course's reasons name them."""
    return {**REGION_NAMES, **occupations(on)}
