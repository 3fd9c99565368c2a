"""Employers and job seekers meeting on the exchange, through HTTP with real tokens: unnamed candidates,
an application, an offer whose suitability is decided, its refusal recorded; the guidance test and support."""

from __future__ import annotations

from typing import Any

import httpx

from store.audit import trail
from store.engine import get_engine, read_scope
from tests.api.test_labour_api import SEEKER, acting, publish, service, vacancy
from tests.labour.people import employer, livelihood, out_of_work
from tests.support.api import client_as, submit, until, wait_finished
from tests.support.stack import Stack

PROBLEM = "application/problem+json"
# An occupation no other test publishes or wants (graphic designer): these vacancies and seekers rank
# among themselves and do not crowd the other tests' matches.
OCCUPATION = "2166"
DESIGNER = {**SEEKER, "desired_occupations": [OCCUPATION], "skills": ["Figma", "Illustrator"],
            "request_unemployed_status": False}
DESIGN = {"occupation_code": OCCUPATION, "title": "Graphic designer", "required_skills": ["Figma"]}


async def _published(head: httpx.AsyncClient, business: str, **form: Any) -> str:
    accepted = await publish(head, business, vacancy(**{**DESIGN, **form}))
    assert accepted.status_code == 202, accepted.text
    application_id = accepted.json()["id"]
    done = await until(lambda: head.get(f"/applications/{application_id}", headers=acting(business)),
                       lambda r: r.json()["status"] in ("completed", "refused", "failed"), timeout=60)
    assert service(done.json(), "vacancy-publication")["status"] == "completed", done.text
    return str(application_id)


async def _registered(seeker: httpx.AsyncClient) -> None:
    accepted = await submit(seeker, {"services": ["job-seeker-registration"],
                                     "answers": {"job-seeker-registration": DESIGNER}})
    assert accepted.status_code == 202, accepted.text
    assert (await wait_finished(seeker, accepted.json()["id"]))["status"] == "completed"


async def test_candidates_are_unnamed_until_they_apply_and_a_refused_suitable_offer_is_recorded(
        healthy_stack: Stack) -> None:
    iin = out_of_work()
    person = livelihood().population.get(iin)
    assert person is not None
    home = person.address  # the offer is in the person's own settlement
    head_iin, business = employer()
    other_head, other_business = employer()
    async with await client_as(healthy_stack, citizen=head_iin) as head, \
            await client_as(healthy_stack, citizen=other_head) as rival, \
            await client_as(healthy_stack, citizen=iin) as seeker:
        vacancy_id = await _published(head, business, region=home.region_code, settlement=home.locality,
                                      salary_min=3000000, salary_max=None)
        second_id = await _published(head, business, region=home.region_code, settlement=home.locality,
                                     title="Illustrator", salary_min=3000000, salary_max=None)
        await _registered(seeker)

        # Not agreed to be found yet: not listed (others who agreed may be).
        listed = await head.get(f"/vacancies/{vacancy_id}/candidates", headers=acting(business), params={"limit": 100})
        assert listed.status_code == 200, listed.text
        assert iin not in listed.text
        others = {c["candidate_id"] for c in listed.json()["items"]}
        assert (await seeker.put("/jobseekers/me/visibility", json={"visible": True})).json() == {"visible": True}
        assert (await seeker.get("/jobseekers/me/visibility")).json() == {"visible": True}

        listed = await head.get(f"/vacancies/{vacancy_id}/candidates", headers=acting(business), params={"limit": 100})
        assert iin not in listed.text  # no IIN anywhere, nor the record's employers
        [first] = [c for c in listed.json()["items"] if c["candidate_id"] not in others]
        assert first["applied"] is False and first["seeker_iin"] is None
        assert first["candidate_id"].startswith("p-")
        assert {p["name"] for p in first["parts"]} == {"occupation", "skills", "region", "salary", "experience"}
        assert set(first["profile"]) == {"desired_occupations", "skills", "regions", "willing_to_relocate",
                                         "salary_expectation", "experience"}
        elsewhere = await head.get(f"/vacancies/{second_id}/candidates", headers=acting(business))
        assert first["candidate_id"] not in elsewhere.text  # lists of two vacancies cannot be joined

        # Only the vacancy's business: without the header 403 naming it, another business 404.
        bare = await head.get(f"/vacancies/{vacancy_id}/candidates")
        assert bare.status_code == 403 and bare.headers["content-type"].startswith(PROBLEM)
        assert bare.json()["field"] == "Onestop-Acting-For"
        foreign = await rival.get(f"/vacancies/{vacancy_id}/candidates", headers=acting(other_business))
        assert foreign.status_code == 404 and foreign.headers["content-type"].startswith(PROBLEM)
        posing = await seeker.get(f"/vacancies/{vacancy_id}/candidates", headers=acting(business))
        assert posing.status_code == 403 and posing.json()["field"] == "Onestop-Acting-For"

        applied = await seeker.post(f"/vacancies/{vacancy_id}/applications", json={"note": "I know Python."})
        assert applied.status_code == 201, applied.text
        application = applied.json()
        assert application["status"] == "applied" and "seeker_iin" not in application
        again = await seeker.post(f"/vacancies/{vacancy_id}/applications", json={})
        assert again.status_code == 409 and again.headers["content-type"].startswith(PROBLEM)
        named = (await head.get(f"/vacancies/{vacancy_id}/candidates", headers=acting(business),
                                params={"limit": 100})).json()["items"]
        assert [(c["candidate_id"], c["seeker_iin"]) for c in named if c["applied"]] == [(first["candidate_id"], iin)]
        seen = (await head.get(f"/vacancies/{vacancy_id}/applications", headers=acting(business))).json()["items"]
        assert [(a["seeker_iin"], a["status"], a["note"]) for a in seen] == [(iin, "applied", "I know Python.")]

        # A wrong answer is named; the seeker cannot refuse what was not offered.
        wrong = await head.post(f"/vacancy-applications/{application['id']}/answer", headers=acting(business),
                                json={"answer": "hire"})
        assert wrong.status_code == 422 and wrong.json()["field"] == "answer"
        early = await seeker.post(f"/vacancy-applications/{application['id']}/reply", json={"reply": "refuse"})
        assert early.status_code == 409 and early.json()["field"] == "reply"
        not_theirs = await rival.post(f"/vacancy-applications/{application['id']}/answer",
                                      headers=acting(other_business), json={"answer": "reject"})
        assert not_theirs.status_code == 404

        offered = await head.post(f"/vacancy-applications/{application['id']}/answer", headers=acting(business),
                                  json={"answer": "offer", "message": "Start on Monday.", "monthly_pay": 3000000})
        assert offered.status_code == 200, offered.text
        offer = offered.json()
        assert offer["status"] == "offered" and offer["offer"]["monthly_pay"] == "3000000"
        # The desired occupation, in the person's settlement, above the minimum wage and the last wage's share.
        assert offer["suitable"] is True, offer["suitability"]["reasons"]
        assert offer["suitability"]["unconfirmed"]  # dated parameters flagged unconfirmed
        assert all(set(r["text"]) == {"kk", "ru", "en"} for r in offer["suitability"]["reasons"])
        twice = await head.post(f"/vacancy-applications/{application['id']}/answer", headers=acting(business),
                                json={"answer": "reject"})
        assert twice.status_code == 409

        mine = (await seeker.get("/jobseekers/me/applications")).json()["items"]
        assert [(a["status"], a["answer_message"], a["suitable"]) for a in mine] == [
            ("offered", "Start on Monday.", True)]
        refused = await seeker.post(f"/vacancy-applications/{application['id']}/reply", json={"reply": "refuse"})
        assert refused.status_code == 200, refused.text
        assert refused.json()["status"] == "refused" and refused.json()["refused_on"] is not None
        both = (await head.get(f"/vacancies/{vacancy_id}/applications", headers=acting(business))).json()["items"]
        assert [(a["status"], a["suitable"]) for a in both] == [("refused", True)]

        # The trail keeps who answered for the business and who refused (oldest first); the refused answers
        # before (422, 404, 409) left no row.
        with read_scope(get_engine(healthy_stack.database_url)) as session:
            rows = trail(session, agency=None, object_type="vacancy_application", object_id=application["id"])
        assert [(r.action, r.actor, r.after) for r in reversed(rows)] == [
            ("vacancy_application.answered", head_iin,
             {"acting_for": business, "vacancy_id": vacancy_id, "status": "offered", "suitable": True}),
            ("vacancy_application.replied", iin, {"reply": "refuse", "status": "refused", "suitable": True})]


async def test_an_unregistered_person_cannot_apply_and_nothing_is_stored(healthy_stack: Stack) -> None:
    head_iin, business = employer()
    async with await client_as(healthy_stack, citizen=head_iin) as head, \
            await client_as(healthy_stack, citizen=out_of_work()) as stranger:
        vacancy_id = await _published(head, business)
        refused = await stranger.post(f"/vacancies/{vacancy_id}/applications", json={})
        assert refused.status_code == 404 and refused.json()["type"].endswith("job-seeker-not-registered")
        unknown = await stranger.post("/vacancies/00000000-0000-0000-0000-000000000000/applications", json={})
        assert unknown.status_code == 404
        bad = await stranger.put("/jobseekers/me/visibility", json={"visible": "perhaps"})
        assert bad.status_code == 422 and bad.json()["field"] == "visible"
        assert (await stranger.get("/jobseekers/me/applications")).json()["items"] == []
        assert (await head.get(f"/vacancies/{vacancy_id}/applications", headers=acting(business))).json() == {
            "items": []}


async def test_the_guidance_test_scores_and_names_an_answer_out_of_range(healthy_stack: Stack) -> None:
    async with httpx.AsyncClient(base_url=f"{healthy_stack.portal_url}/api/v1") as anyone:
        form = (await anyone.get("/guidance-test")).json()
        assert len(form["questions"]) == 30
        assert all(set(q["text"]) == {"kk", "ru", "en"} for q in form["questions"])
        # All Social items at the top, everything else at the bottom: S scores 100, the rest 0.
        answers = {q["id"]: (5 if q["type"] == "S" else 1) for q in form["questions"]}
        result = await anyone.post("/guidance-test", json={"answers": answers})
        assert result.status_code == 200, result.text
        scores = {t["type"]: t["score"] for t in result.json()["profile"]}
        assert scores["S"] == "100.0" and scores["R"] == "0.0"
        assert result.json()["holland_code"][0] == "S"
        recommended = result.json()["recommendations"]
        assert recommended and all(r["holland"][0] == "S" for r in recommended[:1])
        assert all(set(r["reason"]["text"]) == {"kk", "ru", "en"} for r in recommended)

        wrong = await anyone.post("/guidance-test", json={"answers": {**answers, "q07": 9}})
        assert wrong.status_code == 422 and wrong.headers["content-type"].startswith(PROBLEM)
        assert wrong.json()["field"] == "answers.q07"
        assert wrong.json()["errors"][0]["code"] == "guidance_answer_out_of_range"


async def test_support_lists_the_measures_open_to_a_registered_job_seeker_with_reasons(healthy_stack: Stack) -> None:
    async with await client_as(healthy_stack, citizen=out_of_work()) as seeker:
        before = (await seeker.get("/jobseekers/me/support")).json()
        assert "job_seeker" not in before["statuses"]
        await _registered(seeker)
        after = (await seeker.get("/jobseekers/me/support")).json()
    assert "job_seeker" in after["statuses"]
    eligible = {m["measure"] for m in after["eligible"]}
    assert eligible > {m["measure"] for m in before["eligible"]}  # registering opens measures
    assert all(m["decision"]["reasons"] for m in after["eligible"] + after["not_eligible"])
    assert all(set(m["title"]) == {"kk", "ru", "en"} for m in after["eligible"])
