"""Every word the login page shows, in kk, ru and en."""

from __future__ import annotations

LANGUAGES = ("kk", "ru", "en")
DEFAULT_LANGUAGE = "kk"
LANGUAGE_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}

TEXTS: dict[str, dict[str, str]] = {
    "title": {"kk": "onestop жүйесіне кіру", "ru": "Вход в onestop", "en": "Log in to onestop"},
    "continue_to": {"kk": "Қосымша: {client}", "ru": "Приложение: {client}",
                    "en": "Application: {client}"},
    "username": {"kk": "ЖСН немесе қызметкер логині", "ru": "ИИН или логин сотрудника",
                 "en": "IIN or officer login"},
    "username_hint": {"kk": "Азаматтар үшін 12 цифрлы ЖСН", "ru": "Для граждан — ИИН из 12 цифр",
                      "en": "Citizens: your 12-digit IIN"},
    "password": {"kk": "Құпиясөз", "ru": "Пароль", "en": "Password"},
    "submit": {"kk": "Кіру", "ru": "Войти", "en": "Log in"},
    "language": {"kk": "Тіл", "ru": "Язык", "en": "Language"},
    "wrong_credentials": {"kk": "ЖСН, логин немесе құпиясөз қате.",
                          "ru": "Неверный ИИН, логин или пароль.",
                          "en": "Wrong IIN, login or password."},
    "cannot_log_in": {"kk": "Бұл адамның атынан кіру мүмкін емес.",
                      "ru": "Вход от имени этого человека невозможен.",
                      "en": "This person cannot log in."},
    "form_expired": {"kk": "Беттің мерзімі өтті, қайталап көріңіз.",
                     "ru": "Страница устарела, попробуйте ещё раз.",
                     "en": "The page expired, please try again."},
    "bad_request": {"kk": "Кіру сұрауы жарамсыз", "ru": "Некорректный запрос на вход",
                    "en": "Invalid login request"},
    "bad_request_help": {"kk": "Қосымшаға оралып, қайтадан кіріп көріңіз.",
                         "ru": "Вернитесь в приложение и начните вход заново.",
                         "en": "Go back to the application and start the login again."},
}


def texts_for(language: str) -> dict[str, str]:
    return {key: value[language] for key, value in TEXTS.items()}


def pick_language(explicit: str | None, ui_locales: str | None, accept: str | None) -> str:
    """`lang` (the switch) first, then OIDC `ui_locales`, then the browser's preference."""
    for candidate in [explicit or "", *(ui_locales or "").split()]:
        base = candidate.split("-")[0].lower()
        if base in LANGUAGES:
            return base
    return accept if accept in LANGUAGES else DEFAULT_LANGUAGE
