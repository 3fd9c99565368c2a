"""Problem details in the caller's language (issue 12): kk, ru or en by Accept-Language, Kazakh when none.

Two halves: every detail the portal raises has its kk and ru in portal/problem_texts.py (read from the
source, so a new English detail without a translation fails here), and over HTTP on the running stack
each kind of problem (401, 403, 404, 405, 400, 413, 422, 429-free) answers in the three languages.
"""

from __future__ import annotations

import ast
import re
import uuid
from pathlib import Path

import httpx
import pytest

from portal.problem_texts import DETAILS, has_translation, localized_detail
from tests.support.stack import Stack

ROOT = Path(__file__).resolve().parents[2]
PROBLEMS = {"Problem", "BadRequest", "NotAuthenticated", "Forbidden", "NotFound", "Conflict", "PayloadTooLarge",
            "UnsupportedMediaType", "ValidationFailed", "TooManyRequests", "Unavailable", "Internal",
            "IssuerUnavailable", "DestinationRefused"}
# InvalidToken puts its reason after this (portal/auth/tokens.py).
PREFIXED = {"InvalidToken": "invalid access token: "}
# Names and syntax a reader types or sees as they are: headers, formats, a path, a protocol.
TECHNICAL = {"JSON", "ASCII", "Idempotency", "Key", "Authorization", "Bearer", "token", "application", "json",
             "https", "http", "GET", "api", "v", "tasks", "task", "assignees", "OAuth"}


def _raised_details() -> list[tuple[str, str]]:
    """(where, the detail as raised, each f-string value replaced by a sample) of every problem in the portal."""
    found = []
    for folder in ("portal", "store", "connectors/egress.py"):
        paths = [ROOT / folder] if folder.endswith(".py") else sorted((ROOT / folder).rglob("*.py"))
        for path in paths:
            for node in ast.walk(ast.parse(path.read_text())):
                if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.args):
                    continue
                name, first = node.func.id, node.args[0]
                if name not in PROBLEMS and name not in PREFIXED:
                    continue
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    text = first.value
                elif isinstance(first, ast.JoinedStr):
                    text = "".join(str(v.value) if isinstance(v, ast.Constant) else "7" for v in first.values)
                elif isinstance(first, ast.IfExp):  # "a" if x else "b": both
                    for branch in (first.body, first.orelse):
                        if isinstance(branch, ast.Constant) and isinstance(branch.value, str):
                            found.append((f"{path.relative_to(ROOT)}:{node.lineno}", branch.value))
                    continue
                else:
                    continue  # a kk/ru/en dict (the appeals'), or a form's errors: told by their code
                found.append((f"{path.relative_to(ROOT)}:{node.lineno}", PREFIXED.get(name, "") + text))
    return found


RAISED = _raised_details()


def _english_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[A-Za-z]+", text) if w not in TECHNICAL}


def test_the_scan_finds_the_portal_s_problems() -> None:
    # A guard on the scan itself: it must see the raises of every area, or the next test proves nothing.
    where = {w.split(":")[0] for w, _ in RAISED}
    for area in ("portal/api/labour.py", "portal/tasks/service.py", "portal/api/documents.py",
                 "portal/agency/service.py", "portal/applications/submission.py", "store/repository.py",
                 "portal/auth/tokens.py", "connectors/egress.py", "portal/limits.py"):
        assert area in where, area
    assert len(RAISED) > 60


@pytest.mark.parametrize(("where", "detail"), RAISED, ids=[w for w, _ in RAISED])
def test_every_detail_the_portal_raises_reads_in_kk_and_ru(where: str, detail: str) -> None:
    assert has_translation(detail), f"{where}: no kk/ru for {detail!r} in portal/problem_texts.py"
    for language in ("kk", "ru"):
        told = localized_detail(detail, language, fallback="")
        assert told and told != detail
        assert not _english_words(told), (where, language, told)


def test_the_catalogue_holds_no_english_inside_kk_and_ru() -> None:
    for key, texts in DETAILS.items():
        assert set(texts) == {"kk", "ru"}, key
        for language, text in texts.items():
            assert not _english_words(re.sub(r"\{\w+\}", "", text)), (key, language, text)


# What each language says, by the problem it is (a word of the detail in kk, ru, en).
EXPECTED = {
    "no such application": ("өтініш жоқ", "заявления нет", "no such application"),
    "log in first": ("жүйеге кіріңіз", "войдите", "log in first"),
    "method": ("әдіске рұқсат жоқ", "Метод не разрешён", "Method Not Allowed"),
    "route": ("Табылмады", "Не найдено", "Not Found"),
    "no key": ("Idempotency-Key тақырыбы міндетті", "Нужен заголовок Idempotency-Key", "is required"),
    "missing field": ("«answers.self-employed-registration.regime» өрісі: Бұл өрісті толтырыңыз",
                      "Поле «answers.self-employed-registration.regime»: Заполните это поле", "Field required"),
    "officer only": ("рөлдердің бірі", "одна из ролей", "one of the roles"),
    "no task": ("кезегіңізде мұндай тапсырма жоқ", "нет такой задачи", "no such task in your queue"),
    "no document": ("құжат жоқ", "документа нет", "no such document"),
    "not on the exchange": ("еңбек биржасында", "на бирже труда", "register on the labour exchange first"),
    "agency only": ("басқа мемлекеттік жүйелерге", "других государственных систем", "other state systems"),
    "too large": ("байттан үлкен", "больше", "the body is over"),
    "appeal of nothing": ("", "", ""),
}


async def _answers(healthy_stack: Stack, citizen: httpx.AsyncClient, officer: httpx.AsyncClient,
                   agency: httpx.AsyncClient, headers: dict[str, str]) -> dict[str, httpx.Response]:
    anonymous = httpx.AsyncClient(base_url=f"{healthy_stack.portal_url}/api/v1", timeout=30)
    nobody = str(uuid.uuid4())
    missing_regime = {"services": ["self-employed-registration"],
                      "answers": {"self-employed-registration": {"activity_code": "tutoring",
                                                                 "expected_monthly_income": 250000,
                                                                 "phone": "+77011234567"}}}
    async with anonymous:
        return {
            "no such application": await citizen.get(f"/applications/{nobody}", headers=headers),
            "log in first": await anonymous.get("/applications", headers=headers),
            "method": await anonymous.delete("/applications", headers=headers),
            "route": await anonymous.get("/no-such-route", headers=headers),
            "no key": await citizen.post("/applications", json=missing_regime, headers=headers),
            "missing field": await citizen.post("/applications", json=missing_regime,
                                                headers={**headers, "Idempotency-Key": str(uuid.uuid4())}),
            "officer only": await citizen.get("/tasks", headers=headers),
            "no task": await officer.get(f"/tasks/{nobody}", headers=headers),
            "no document": await citizen.get(f"/documents/{nobody}", headers=headers),
            "not on the exchange": await citizen.get("/jobseekers/me/matches", headers=headers),
            "agency only": await citizen.get("/agency/applications", headers=headers),
            "too large": await citizen.post("/applications", content=b"x" * (healthy_stack.settings.max_body_bytes + 1),
                                            headers={**headers, "content-type": "application/json",
                                                     "Idempotency-Key": str(uuid.uuid4())}),
            "appeal of nothing": await citizen.post(f"/applications/{nobody}/appeals",
                                                    json={"service_code": "self-employed-registration",
                                                          "grounds": "x"}, headers=headers),
        }


async def test_each_kind_of_problem_answers_in_the_caller_s_language(
        healthy_stack: Stack, citizen: httpx.AsyncClient, officer: httpx.AsyncClient,
        agency: httpx.AsyncClient) -> None:
    told: dict[str, dict[str, str]] = {}
    for language, headers in (("kk", {"Accept-Language": "kk-KZ,kk;q=0.9"}), ("ru", {"Accept-Language": "ru"}),
                              ("en", {"Accept-Language": "en-GB,en;q=0.8"}), ("default", {})):
        for kind, response in (await _answers(healthy_stack, citizen, officer, agency, headers)).items():
            assert response.status_code >= 400, (kind, response.text)
            assert response.headers["content-type"].startswith("application/problem+json"), kind
            problem = response.json()
            told.setdefault(kind, {})[language] = problem["detail"]
            if language in ("kk", "ru"):
                assert not _english_words(re.sub(r"«[^»]*»", "", problem["detail"])), (kind, language, problem)
                assert not _english_words(problem["title"]), (kind, language, problem)
    for kind, (kk, ru, en) in EXPECTED.items():
        assert kk in told[kind]["kk"] and ru in told[kind]["ru"] and en in told[kind]["en"], (kind, told[kind])
        assert len({told[kind]["kk"], told[kind]["ru"], told[kind]["en"]}) == 3, (kind, told[kind])
        assert told[kind]["default"] == told[kind]["kk"], kind  # the state language when none is asked
