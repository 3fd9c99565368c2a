"""Every refusal of the mock registries: a stable code, its HTTP status, a title in kk/ru/en.

Answers are RFC 9457 problem+json: {"type", "title", "status", "code", "titles", "detail"?}.
Details never carry an IIN (the connector may log them).
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

__all__ = ["PROBLEMS", "Problem", "install_problem_handlers", "problem_response"]

PROBLEMS: dict[str, tuple[int, dict[str, str]]] = {
    "person_not_found": (404, {
        "kk": "Тұлға жеке тұлғалар дерекқорында табылмады",
        "ru": "Лицо не найдено в базе данных физических лиц",
        "en": "Person not found in the population registry"}),
    "invalid_iin": (422, {
        "kk": "ЖСН дұрыс емес",
        "ru": "Неверный ИИН",
        "en": "The IIN is not valid"}),
    "invalid_bin": (422, {
        "kk": "БСН дұрыс емес",
        "ru": "Неверный БИН",
        "en": "The BIN is not valid"}),
    "business_not_found": (404, {
        "kk": "Ұйым немесе жеке кәсіпкер тізілімде табылмады",
        "ru": "Организация или индивидуальный предприниматель не найдены в реестре",
        "en": "No legal entity or individual entrepreneur with this number in the registry"}),
    "invalid_iban": (422, {
        "kk": "IBAN дұрыс емес (KZ, 20 таңба, бақылау сандары)",
        "ru": "Неверный IBAN (KZ, 20 символов, контрольные цифры)",
        "en": "The IBAN is not valid (KZ, 20 characters, check digits)"}),
    "payment_not_found": (404, {
        "kk": "Төлем табылмады",
        "ru": "Платёж не найден",
        "en": "No such payment"}),
    "contract_not_found": (404, {
        "kk": "Еңбек шарты табылмады",
        "ru": "Трудовой договор не найден",
        "en": "No such employment contract"}),
    "person_exists": (409, {
        "kk": "Бұл ЖСН-мен тұлға бұрыннан тіркелген",
        "ru": "Лицо с этим ИИН уже зарегистрировано",
        "en": "A person with this IIN is already registered"}),
    "person_deceased": (422, {
        "kk": "Тұлға қайтыс болған деп тіркелген",
        "ru": "Лицо числится умершим",
        "en": "The person is registered as deceased"}),
    "not_registered": (409, {
        "kk": "Тұлға арнаулы салық режимінде тіркелмеген",
        "ru": "Лицо не зарегистрировано в специальном налоговом режиме",
        "en": "The person is not registered under a special tax regime"}),
    "already_registered": (409, {
        "kk": "Тұлға бұрыннан тіркелген",
        "ru": "Лицо уже зарегистрировано",
        "en": "The person is already registered"}),
    "idempotency_key_required": (400, {
        "kk": "Idempotency-Key тақырыбы қажет",
        "ru": "Требуется заголовок Idempotency-Key",
        "en": "The Idempotency-Key header is required"}),
    "idempotency_key_reused": (422, {
        "kk": "Бұл Idempotency-Key басқа сұрау үшін қолданылған",
        "ru": "Этот Idempotency-Key уже использован для другого запроса",
        "en": "This Idempotency-Key was already used for a different request"}),
    "purpose_required": (400, {
        "kk": "Сұраудың мақсаты көрсетілмеген (өтініш пен қызмет)",
        "ru": "Не указана цель запроса (заявление и услуга)",
        "en": "The purpose of the request (application and service) is missing"}),
    "forbidden": (403, {
        "kk": "Жүйенің бұл тізілімге қол жеткізу құқығы жоқ",
        "ru": "У системы нет доступа к этому реестру",
        "en": "The calling system may not use this registry"}),
    "invalid_request": (422, {
        "kk": "Сұрау дұрыс толтырылмаған",
        "ru": "Запрос заполнен неверно",
        "en": "The request is not valid"}),
    "admin_token_required": (401, {
        "kk": "Әкімші токені қажет (X-Admin-Token тақырыбы)",
        "ru": "Нужен токен администратора (заголовок X-Admin-Token)",
        "en": "The admin token is required (X-Admin-Token header)"}),
    "unknown_registry": (404, {
        "kk": "Мұндай тізілім жоқ",
        "ru": "Такого реестра нет",
        "en": "No such registry"}),
    "outage": (503, {
        "kk": "Тізілім уақытша қолжетімсіз",
        "ru": "Реестр временно недоступен",
        "en": "The registry is temporarily unavailable"}),
    "injected_error": (500, {
        "kk": "Тізілімнің ішкі қатесі",
        "ru": "Внутренняя ошибка реестра",
        "en": "Internal error of the registry"}),
}


class Problem(Exception):
    def __init__(self, code: str, detail: str | None = None, status: int | None = None,
                 fields: list[str] | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.detail = detail
        self.status = status or PROBLEMS[code][0]
        self.fields = fields


def problem_response(code: str, detail: str | None = None, status: int | None = None,
                     extra: dict[str, Any] | None = None) -> JSONResponse:
    default_status, titles = PROBLEMS[code]
    body: dict[str, Any] = {
        "type": f"urn:onestop:registries:{code}",
        "title": titles["en"],
        "status": status or default_status,
        "code": code,
        "titles": titles,
    }
    if detail:
        body["detail"] = detail
    if extra:
        body.update(extra)
    return JSONResponse(body, status_code=body["status"], media_type="application/problem+json")


def install_problem_handlers(app: FastAPI) -> None:
    async def on_problem(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, Problem)
        return problem_response(exc.code, exc.detail, exc.status,
                                extra={"fields": exc.fields} if exc.fields else None)

    async def on_invalid(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        # Field locations only: the offending input may be an IIN.
        fields = [".".join(str(p) for p in e.get("loc", ())) for e in exc.errors()]
        return problem_response("invalid_request", "invalid fields: " + ", ".join(fields),
                                extra={"fields": fields})

    app.add_exception_handler(Problem, on_problem)
    app.add_exception_handler(RequestValidationError, on_invalid)
