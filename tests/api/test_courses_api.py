"""The course catalogue through HTTP: the public list with its filters (a bad one is 422 naming it), and a
job seeker's support list showing the courses for the occupation they want, each free for them or not with
the reason naming the fact and where it is on record (the career centre's, or a registry's)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.api.test_support_api import _unemployed
from tests.labour.people import in_work, recent_graduate, with_disability
from tests.support.api import client_as
from tests.support.stack import Stack

PROBLEM = "application/problem+json"
LANGUAGES = ("kk", "ru", "en")


async def _courses(stack: Stack, **params: Any) -> httpx.Response:
    async with httpx.AsyncClient(base_url=f"{stack.portal_url}/api/v1", timeout=30) as anyone:
        return await anyone.get("/courses", params=params)


async def test_the_public_list_filters_by_region_and_occupation_and_pages(healthy_stack: Stack) -> None:
    everything = await _courses(healthy_stack, limit=100)
    assert everything.status_code == 200, everything.text
    listed = everything.json()
    assert listed["total"] == len(listed["items"]) >= 30
    assert listed["note"]["en"].startswith("The catalogue is illustrative")
    web = next(c for c in listed["items"] if c["course_id"] == "c-online-web")
    assert web["format"] == "online" and web["region"] is None and web["region_name"] is None
    assert web["occupation"]["ru"] == "Разработчик программного обеспечения" and set(web["title"]) == set(LANGUAGES)

    astana = (await _courses(healthy_stack, region="astana", limit=100)).json()
    assert {c["region"] for c in astana["items"]} == {"astana", None}
    python = next(c for c in astana["items"] if c["course_id"] == "c-astana-python")
    assert python["region_name"] == {"kk": "Астана", "ru": "Астана", "en": "Astana"}
    assert python["provider"] == "Astana IT College" and python["length_weeks"] == 16 and python["hours"] == 480

    both = (await _courses(healthy_stack, region="astana", occupation_code="2512")).json()
    assert [c["course_id"] for c in both["items"]] == ["c-astana-python", "c-online-web"]
    page = (await _courses(healthy_stack, occupation_code="2512", limit=2, offset=1)).json()
    assert page["total"] == 4 and [c["course_id"] for c in page["items"]] == ["c-astana-python",
                                                                               "c-karaganda-testing"]
    nothing = (await _courses(healthy_stack, occupation_code="9999")).json()
    assert nothing["items"] == [] and nothing["total"] == 0


@pytest.mark.parametrize(("params", "field"), [
    ({"region": "mars"}, "region"), ({"occupation_code": "25"}, "occupation_code"),
    ({"occupation_code": "25a1"}, "occupation_code"), ({"limit": 0}, "limit"), ({"limit": 101}, "limit"),
    ({"offset": -1}, "offset"), ({"offset": 10_001}, "offset"),
])
async def test_a_bad_filter_is_422_naming_it(healthy_stack: Stack, params: dict[str, Any], field: str) -> None:
    response = await _courses(healthy_stack, **params)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    assert response.json()["field"] == field


def _offer(listed: dict[str, Any], course_id: str) -> dict[str, Any]:
    [found] = [o for o in listed["courses"] if o["course"]["course_id"] == course_id]
    return found


async def test_a_course_is_free_for_a_registered_unemployed_person_and_says_why(healthy_stack: Stack) -> None:
    async with await client_as(healthy_stack, citizen=recent_graduate()) as seeker:
        await _unemployed(seeker)  # wants 2512, software developer
        listed = (await seeker.get("/jobseekers/me/support")).json()
    assert listed["courses"] and {o["course"]["occupation_code"] for o in listed["courses"]} == {"2512"}
    web = _offer(listed, "c-online-web")
    assert web["free"] and web["reachable"]
    said = web["reasons"][0]
    assert said["code"] == "course_free_for_you"
    assert said["text"]["en"] == "The course is free for you: registered as unemployed (the career centre's record)."
    assert said["text"]["ru"] == "Курс для вас бесплатный: зарегистрированный безработный (учёт центра карьеры)."
    assert said["text"]["kk"] == "Курс сіз үшін тегін: тіркелген жұмыссыз (мансап орталығының есебі)."
    assert [r["code"] for r in web["reasons"]] == ["course_free_for_you", "course_online",
                                                   "course_occupation_desired"]
    # Free and reachable first.
    firsts = [o["free"] and o["reachable"] for o in listed["courses"]]
    assert firsts == sorted(firsts, reverse=True)


async def test_a_target_group_the_registry_shows_makes_a_course_free_and_is_named(healthy_stack: Stack) -> None:
    async with await client_as(healthy_stack, citizen=with_disability()) as seeker:
        await _unemployed(seeker)
        listed = (await seeker.get("/jobseekers/me/support")).json()
    java = _offer(listed, "c-almaty-java")  # free for people with a disability and the long-term unemployed
    assert java["free"], java["reasons"]
    said = java["reasons"][0]["text"]
    assert said["en"].startswith("The course is free for you: people with a disability — a group ")
    assert "(the State Centre for Pension Payments)" in said["en"]
    assert "Государственный центр по выплате пенсий" in said["ru"]
    assert "Зейнетақы төлеу жөніндегі мемлекеттік орталық" in said["kk"]


async def test_a_person_not_on_the_exchange_sees_the_course_is_not_free_and_why(healthy_stack: Stack) -> None:
    async with await client_as(healthy_stack, citizen=in_work()) as worker:
        answer = await worker.get("/jobseekers/me/support")
    assert answer.status_code == 200, answer.text
    listed = answer.json()
    assert listed["statuses"] == []
    web = _offer(listed, "c-online-web")  # no occupation wanted: the courses near them and online
    assert not web["free"]
    said = web["reasons"][0]
    assert said["code"] == "course_not_free"
    assert said["text"]["en"] == "The course is free only for: registered as unemployed; you are none of these."
    assert set(said["text"]) == set(LANGUAGES)
    office = _offer(listed, "c-online-office")
    assert office["free"] and office["reasons"][0]["text"]["en"] == "The course is free for everyone."
