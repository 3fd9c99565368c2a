"""Reasons and notices the applicant reads, in Kazakh, Russian and English."""

from __future__ import annotations

Text = dict[str, str]

# Refusals that come from a registry rather than from a policy.
REGISTRY_REASONS: dict[str, Text] = {
    "person_not_found": {
        "kk": "Жеке тұлғалар тізілімінде сіз туралы мәлімет табылмады.",
        "ru": "Сведения о вас не найдены в реестре физических лиц.",
        "en": "You were not found in the population registry.",
    },
    "already_registered": {
        "kk": "Сіз қазірдің өзінде дара кәсіпкер ретінде тіркелгенсіз.",
        "ru": "Вы уже зарегистрированы как индивидуальный предприниматель.",
        "en": "You are already registered as an individual entrepreneur.",
    },
    "already_entrepreneur": {
        "kk": "Сіз белсенді дара кәсіпкерсіз: өзін-өзі жұмыспен қамтыған ретінде тіркеу мүмкін емес.",
        "ru": "Вы являетесь действующим индивидуальным предпринимателем: регистрация в качестве "
              "самозанятого невозможна.",
        "en": "You are an active individual entrepreneur, so you cannot register as self-employed.",
    },
}

GENERIC_REFUSAL: Text = {
    "kk": "Тізілім сұрауды қабылдамады.",
    "ru": "Реестр отклонил запрос.",
    "en": "The registry refused the request.",
}


def registry_reason(code: str) -> Text:
    return REGISTRY_REASONS.get(code, GENERIC_REFUSAL)


APPLICATION_RECEIVED: Text = {"kk": "Өтініш қабылданды", "ru": "Заявление принято", "en": "Application received"}
APPLICATION_FINISHED: Text = {"kk": "Өтініш бойынша жұмыс аяқталды", "ru": "Работа по заявлению завершена",
                              "en": "Application finished"}
DECISION_REFUSED: Text = {"kk": "Бас тарту туралы шешім", "ru": "Решение об отказе", "en": "Refusal"}
DECISION_APPROVED: Text = {"kk": "Оң шешім", "ru": "Положительное решение", "en": "Approved"}


def registration_notice(language: str, *, application_id: str, total: str, verify_url: str) -> tuple[str, str]:
    """Subject and body of the notice that the registration is done."""
    short = application_id[:8]
    texts = {
        "kk": ("Өзін-өзі жұмыспен қамтыған ретінде тіркелдіңіз",
               f"№{short} өтініш орындалды. Ай сайынғы әлеуметтік төлемдер: {total} теңге. "
               f"Куәлікті тексеру: {verify_url}"),
        "ru": ("Вы зарегистрированы как самозанятый",
               f"Заявление №{short} исполнено. Ежемесячные социальные платежи: {total} тенге. "
               f"Проверка свидетельства: {verify_url}"),
        "en": ("You are registered as self-employed",
               f"Application {short} is done. Monthly social payments: {total} tenge. "
               f"Verify your certificate: {verify_url}"),
    }
    return texts.get(language, texts["kk"])


def refusal_notice(language: str, *, application_id: str, reasons: list[dict]) -> tuple[str, str]:
    short = application_id[:8]
    why = " ".join(r.get("text", {}).get(language, "") for r in reasons).strip()
    texts = {
        "kk": ("Өтінішіңіз бойынша бас тарту", f"№{short} өтініш бойынша бас тартылды. {why}"),
        "ru": ("Отказ по вашему заявлению", f"По заявлению №{short} отказано. {why}"),
        "en": ("Your application was refused", f"Application {short} was refused. {why}"),
    }
    return texts.get(language, texts["kk"])
