"""The job seeker's pages of the labour exchange: open vacancies ranked for them, every part explained; the
state support measures open to them, each with the reasons and the registries those rest on, and the training
courses for the occupations they want, free for them or not and why."""

from __future__ import annotations

import json
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from portal.api.labour_guidance import support_list
from portal.applications.submission import today_in_kazakhstan
from portal.auth import OptionalPrincipal
from portal.labour import service
from portal.labour.exchange_words import APPLICATIONS
from portal.pages.rendering import page_language, render, told
from portal.problems import Problem
from services.courses import CATALOGUE_NOTE, course_titles

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
    "renew": APPLICATIONS["renew"],
    "none": {"kk": "Әзірге ашық бос орындар жоқ.", "ru": "Открытых вакансий пока нет.",
             "en": "There are no open vacancies yet."},
    "part": {"kk": "Бөлік", "ru": "Часть", "en": "Part"},
    "points": {"kk": "Ұпай", "ru": "Баллы", "en": "Points"},
    "why": {"kk": "Себебі", "ru": "Почему", "en": "Why"},
    "apply": {"kk": "Өтініш беру", "ru": "Откликнуться", "en": "Apply"},
}


SUPPORT_WORDS = {
    "heading": {"kk": "Мемлекеттік қолдау шаралары", "ru": "Меры государственной поддержки",
                "en": "State support measures"},
    "explained": {"kk": "Әр шараның шарттары және олардың сізге қатысты себептері; дереккөзі жақшада көрсетілген.",
                  "ru": "Условия каждой меры и почему они выполнены или нет; источник сведений указан в скобках.",
                  "en": "Each measure's conditions and whether you meet them; where a fact came from is in brackets."},
    "open": {"kk": "Сізге қолжетімді", "ru": "Доступны вам", "en": "Open to you"},
    "closed": {"kk": "Әзірге қолжетімсіз", "ru": "Пока недоступны", "en": "Not open to you yet"},
    "none": {"kk": "Әзірге жоқ.", "ru": "Пока нет.", "en": "None yet."},
    "apply": {"kk": "Шараға өтініш беру", "ru": "Подать заявку на меру", "en": "Apply for a measure"},
    "decided_on": {"kk": "Шешім күні", "ru": "Дата решения", "en": "Decided on"},
    "courses": {"kk": "Оқу курстары", "ru": "Учебные курсы", "en": "Training courses"},
    "courses_explained": {"kk": "Сіз қалаған мамандықтар бойынша курстар; тегін әрі жақын курстар алдымен.",
                          "ru": "Курсы по желаемым вами профессиям; бесплатные и доступные — первыми.",
                          "en": "Courses for the occupations you want; free ones you can reach come first."},
    "courses_note": CATALOGUE_NOTE,
    "free": {"kk": "Сіз үшін тегін", "ru": "Для вас бесплатно", "en": "Free for you"},
    "paid": {"kk": "Сіз үшін ақылы", "ru": "Для вас платно", "en": "Not free for you"},
    "provider": {"kk": "Оқу орны", "ru": "Учебное заведение", "en": "Provider"},
    "length": {"kk": "Ұзақтығы", "ru": "Продолжительность", "en": "Length"},
    "weeks": {"kk": "апта", "ru": "нед.", "en": "weeks"},
    "hours": {"kk": "сағат", "ru": "ч.", "en": "hours"},
    "online": {"kk": "Онлайн", "ru": "Онлайн", "en": "Online"},
    "in_person": {"kk": "Күндізгі", "ru": "Очно", "en": "In person"},
}


@router.get("/labour/support")
async def my_support(request: Request, principal: OptionalPrincipal) -> Response:
    if principal is None or principal.iin is None:
        target = quote(request.url.path, safe="")
        return RedirectResponse(f"/login?next={target}&lang={page_language(request)}", status_code=303)
    try:
        found = await support_list(request, principal.iin)
    except Problem as problem:
        return render(request, "labour_support.html", principal=principal, words=SUPPORT_WORDS, support=None,
                      error=told(request, problem), status_code=problem.status)
    return render(request, "labour_support.html", principal=principal, words=SUPPORT_WORDS, support=found,
                  error=None, names=course_titles(today_in_kazakhstan()))


@router.get("/labour/matches")
async def my_matches(request: Request, principal: OptionalPrincipal) -> Response:
    if principal is None or principal.iin is None:
        target = quote(request.url.path, safe="")
        return RedirectResponse(f"/login?next={target}&lang={page_language(request)}", status_code=303)
    iin, on = principal.iin, today_in_kazakhstan()

    registration, kept = await service.matches(request, iin, on, SHOWN)
    matches = [(k.vacancy, {"score": k.score, "parts": json.loads(k.parts)}) for k in kept]
    term, lapsed = service.term_notice(registration, on)
    profile = registration.profile if registration is not None and not lapsed else None
    return render(request, "labour_matches.html", principal=principal, words=WORDS, profile=profile,
                  lapsed=lapsed, term=term, matches=matches)
