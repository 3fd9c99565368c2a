"""The support measures open to a person, through HTTP with real tokens, on the registries' own facts:
youth practice for a recent graduate (the education registry), social jobs for a person with a
disability (the social payments registry), and the support page telling the same reasons in kk/ru/en."""

from __future__ import annotations

import html
from datetime import date
from typing import Any

import httpx

from connectors.mock.seed import diplomas
from policies.labour.unemployment import add_months
from tests.api.test_labour_api import SEEKER
from tests.labour.people import livelihood, recent_graduate, with_disability
from tests.support.api import client_as, submit, wait_finished
from tests.support.stack import Stack

LANGUAGES = ("kk", "ru", "en")


async def _unemployed(client: httpx.AsyncClient) -> None:
    accepted = await submit(client, {"services": ["job-seeker-registration"],
                                     "answers": {"job-seeker-registration": SEEKER}})
    assert accepted.status_code == 202, accepted.text
    registered = await wait_finished(client, accepted.json()["id"])
    assert registered["status"] == "completed", registered
    assert registered["services"][0]["decision"]["unemployed_status"]["outcome"] == "granted", registered


def _measure(listed: dict[str, Any], code: str) -> tuple[bool, dict[str, Any]]:
    for eligible, key in ((True, "eligible"), (False, "not_eligible")):
        for m in listed[key]:
            if m["measure"] == code:
                return eligible, m
    raise AssertionError(f"{code} not listed")


def _reason(measure: dict[str, Any], code: str) -> dict[str, str]:
    [found] = [r for r in measure["decision"]["reasons"] if r["code"] == code]
    assert set(found["text"]) == set(LANGUAGES)
    return dict(found["text"])


async def test_a_recent_graduate_gets_youth_practice_because_the_education_registry_says_so(
        healthy_stack: Stack) -> None:
    iin = recent_graduate()
    world = livelihood()
    person = world.population.get(iin)
    assert person is not None
    diploma = max((d for d in diplomas(world.seed, person, date.today()) if d.level in ("tvet", "higher")),
                  key=lambda d: d.graduated_on)
    async with await client_as(healthy_stack, citizen=iin) as seeker:
        before = (await seeker.get("/jobseekers/me/support")).json()
        await _unemployed(seeker)
        answer = await seeker.get("/jobseekers/me/support")
    assert answer.status_code == 200, answer.text
    after = answer.json()

    # Before registering: the graduation is already seen, unemployed status is what is missing.
    open_before, practice_before = _measure(before, "youth_practice")
    assert not open_before and practice_before["decision"]["decisive"] == ["support_status_missing"]
    open_after, practice = _measure(after, "youth_practice")
    assert open_after, practice["decision"]["reasons"]
    said = _reason(practice, "support_graduate_ok")
    graduated = diploma.graduated_on.strftime("%d.%m.%Y")
    assert graduated in said["en"] and "National education database" in said["en"]
    assert "Национальная образовательная база данных" in said["ru"]
    assert "Ұлттық білім беру деректер қоры" in said["kk"]
    assert practice["decision"]["reasons"][-1]["code"] == "unconfirmed_parameters"
    assert "labour.support.youth_practice_graduation" in practice["decision"]["unconfirmed"]
    assert add_months(date.today(), -36) <= diploma.graduated_on


async def test_a_person_with_a_disability_gets_social_jobs_and_the_page_tells_why(healthy_stack: Stack) -> None:
    iin = with_disability()
    world = livelihood()
    person = world.population.get(iin)
    assert person is not None
    [benefit] = [b for b in world.benefits(person) if b.kind == "disability_benefit"]
    group = benefit.details["disability_group"]
    async with await client_as(healthy_stack, citizen=iin) as seeker:
        await _unemployed(seeker)
        after = (await seeker.get("/jobseekers/me/support")).json()
    open_, jobs = _measure(after, "social_jobs")
    assert open_, jobs["decision"]["reasons"]
    said = _reason(jobs, "support_target_group_ok")
    assert f"people with a disability — a group {group} disability with a benefit paid " \
           "(the State Centre for Pension Payments)" in said["en"]
    assert f"инвалидность {group} группы" in said["ru"] and "Государственный центр по выплате пенсий" in said["ru"]
    assert f"{group}-топтағы мүгедектік" in said["kk"]

    # The support page says the same reasons in each language.
    async with await client_as(healthy_stack, path="", citizen=iin) as pages:
        for language in LANGUAGES:
            page = await pages.get("/labour/support", params={"lang": language})
            assert page.status_code == 200, page.text
            text = html.unescape(page.text)
            assert 'data-measure="social_jobs"' in text
            assert said[language] in text, language
            section = text.split('data-measure="social_jobs"')[1].split("</section>")[0]
            assert 'data-reason="support_target_group_ok"' in section
    async with httpx.AsyncClient(base_url=healthy_stack.portal_url) as anonymous:
        page = await anonymous.get("/labour/support", params={"lang": "en"})
    assert page.status_code == 303 and page.headers["location"].startswith("/login?next=%2Flabour%2Fsupport")
