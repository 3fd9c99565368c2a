"""The job seeker's page of the labour exchange: open vacancies ranked for them, every part explained."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from portal.applications.submission import today_in_kazakhstan
from portal.auth import OptionalPrincipal
from portal.labour import service
from portal.pages.rendering import page_language, render

router = APIRouter(include_in_schema=False)

SHOWN = 20
WORDS = {
    "heading": {"kk": "Сізге сәйкес бос орындар", "ru": "Подходящие вам вакансии", "en": "Vacancies that fit you"},
    "explained": {"kk": "Әр бос орынның ұпайы бес бөліктен тұрады; әр бөліктің себебі жазылған.",
                  "ru": "Балл каждой вакансии складывается из пяти частей; у каждой части указана причина.",
                  "en": "Each vacancy's score is made of five parts; each part says why."},
    "not_registered": {"kk": "Сіз еңбек биржасында әлі тіркелмегенсіз.",
                       "ru": "Вы ещё не зарегистрированы на бирже труда.",
                       "en": "You are not registered on the labour exchange yet."},
    "register": {"kk": "Жұмыс іздеуші ретінде тіркелу", "ru": "Зарегистрироваться как ищущий работу",
                 "en": "Register as a job seeker"},
    "none": {"kk": "Әзірге ашық бос орындар жоқ.", "ru": "Открытых вакансий пока нет.",
             "en": "There are no open vacancies yet."},
    "part": {"kk": "Бөлік", "ru": "Часть", "en": "Part"},
    "points": {"kk": "Ұпай", "ru": "Баллы", "en": "Points"},
    "why": {"kk": "Себебі", "ru": "Почему", "en": "Why"},
    "apply": {"kk": "Өтініш беру", "ru": "Откликнуться", "en": "Apply"},
}


@router.get("/labour/matches")
async def my_matches(request: Request, principal: OptionalPrincipal) -> Response:
    if principal is None or principal.iin is None:
        target = quote(request.url.path, safe="")
        return RedirectResponse(f"/login?next={target}&lang={page_language(request)}", status_code=303)
    iin, on = principal.iin, today_in_kazakhstan()

    profile, matches = await service.matches(request, iin, on, SHOWN)
    return render(request, "labour_matches.html", principal=principal, words=WORDS, profile=profile,
                  matches=matches)
