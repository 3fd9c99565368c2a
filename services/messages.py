"""Reasons and notices the applicant reads, in Kazakh, Russian and English."""

from __future__ import annotations

from typing import Any

from policies.decision import LegalReference
from policies.references import act

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

# The law beside a registry's refusal: the public-services law, by which a service rests on the state's own
# records (no article is guessed, so each is unconfirmed).
REGISTRY_REASON_REFERENCES: dict[str, dict[str, Any]] = {
    code: act("public_services_law", unconfirmed=True).model_dump(mode="json")
    for code in (*REGISTRY_REASONS, "refused")
}


def registry_reason(code: str) -> Text:
    return REGISTRY_REASONS.get(code, GENERIC_REFUSAL)


def registry_reason_reference(code: str) -> dict[str, Any]:
    return REGISTRY_REASON_REFERENCES.get(code, REGISTRY_REASON_REFERENCES["refused"])


APPLICATION_RECEIVED: Text = {"kk": "Өтініш қабылданды", "ru": "Заявление принято", "en": "Application received"}
APPLICATION_FINISHED: Text = {"kk": "Өтініш бойынша жұмыс аяқталды", "ru": "Работа по заявлению завершена",
                              "en": "Application finished"}
SERVICE_WITHDRAWN: Text = {"kk": "Өтініш кері қайтарылды", "ru": "Заявление отозвано", "en": "Application withdrawn"}
DECISION_REFUSED: Text = {"kk": "Бас тарту туралы шешім", "ru": "Решение об отказе", "en": "Refusal"}
SERVICE_DECIDED: Text = {"kk": "Шешім қабылданды: қызмет жалғасады", "ru": "Решение принято: услуга продолжается",
                         "en": "Decided: the service goes on"}


def dependency_unmet(service_title: Text, outcome: str) -> Text:
    """Why a service did not start: the outcome of another service it needs is not there."""
    return {
        "kk": f"Бұл қызмет үшін алдымен «{service_title['kk']}» қызметінің нәтижесі қажет ({outcome}): ол жоқ.",
        "ru": f"Для этой услуги нужен результат услуги «{service_title['ru']}» ({outcome}): его нет.",
        "en": f"This service needs the outcome of “{service_title['en']}” ({outcome}), which is not there.",
    }


def citizen_task_notice(language: str, *, title: Text, deadline: str) -> tuple[str, str]:
    """Subject and body of the notice to a person someone else's application asks something of."""
    texts = {
        "kk": ("Сізден жауап күтілуде",
               f"«{title['kk']}»: жеке кабинетіңізде жауап беріңіз, мерзімі {deadline}."),
        "ru": ("От вас ждут ответа",
               f"«{title['ru']}»: ответьте в личном кабинете до {deadline}."),
        "en": ("Your answer is awaited",
               f"“{title['en']}”: answer on your account by {deadline}."),
    }
    return texts.get(language, texts["kk"])


DECISION_APPROVED: Text = {"kk": "Оң шешім", "ru": "Положительное решение", "en": "Approved"}


def registration_notice(language: str, *, application_id: str, total: str, verify_url: str,
                        regime: Text | None = None, tax: str | None = None, social: str | None = None,
                        regime_change: bool = False) -> tuple[str, str]:
    """Subject and body of the notice that the registration is done.

    Given ``regime`` (its title), ``tax`` and ``social`` (amounts), the notice names the regime and
    splits the tax from the social payments, and an entrepreneur's change of regime is not called a
    registration. Without them it reads as before (callers not yet moved, recorded histories).
    """
    short = application_id[:8]
    if regime is None or tax is None or social is None:
        texts = {
            "kk": ("Арнаулы салық режимінде тіркелдіңіз",
                   f"№{short} өтініш орындалды. Ай сайынғы төлемдер (салық пен әлеуметтік төлемдер): {total} "
                   f"теңге. Куәлікті тексеру: {verify_url}"),
            "ru": ("Вы зарегистрированы в специальном налоговом режиме",
                   f"Заявление №{short} исполнено. Ежемесячные платежи (налог и социальные платежи): {total} "
                   f"тенге. Проверка свидетельства: {verify_url}"),
            "en": ("You are registered under a special tax regime",
                   f"Application {short} is done. Monthly payments (tax and social payments): {total} tenge. "
                   f"Verify your certificate: {verify_url}"),
        }
        return texts.get(language, texts["kk"])
    lang = language if language in ("kk", "ru", "en") else "kk"
    title = regime[lang]
    subjects = {
        "kk": (f"«{title}» режиміне көштіңіз" if regime_change else f"«{title}» режимінде тіркелдіңіз"),
        "ru": (f"Вы перешли на режим «{title}»" if regime_change else f"Вы зарегистрированы в режиме «{title}»"),
        "en": (f"You moved to the regime “{title}”" if regime_change else f"You are registered under “{title}”"),
    }
    bodies = {
        "kk": (f"№{short} өтініш орындалды. Айына: салық {tax} теңге, әлеуметтік төлемдер {social} теңге, "
               f"барлығы {total} теңге. Куәлікті тексеру: {verify_url}"),
        "ru": (f"Заявление №{short} исполнено. В месяц: налог {tax} тенге, социальные платежи {social} тенге, "
               f"всего {total} тенге. Проверка свидетельства: {verify_url}"),
        "en": (f"Application {short} is done. A month: tax {tax} tenge, social payments {social} tenge, "
               f"{total} tenge in all. Verify your certificate: {verify_url}"),
    }
    return subjects[lang], bodies[lang]


def _with_law(reason: dict, language: str) -> str:
    """A reason's sentence, and the act it rests on when the reason carries one."""
    said = reason.get("text", {}).get(language, "")
    reference = reason.get("reference")
    if not said or not isinstance(reference, dict) or not isinstance(reference.get("title"), dict):
        return said
    try:
        cited = LegalReference.model_validate(reference).citation().get(language)
    except ValueError:
        return said
    return f"{said} ({cited})" if cited else said


def refusal_notice(language: str, *, application_id: str, reasons: list[dict]) -> tuple[str, str]:
    short = application_id[:8]
    why = " ".join(_with_law(r, language) for r in reasons).strip()
    texts = {
        "kk": ("Өтінішіңіз бойынша бас тарту", f"№{short} өтініш бойынша бас тартылды. {why}"),
        "ru": ("Отказ по вашему заявлению", f"По заявлению №{short} отказано. {why}"),
        "en": ("Your application was refused", f"Application {short} was refused. {why}"),
    }
    return texts.get(language, texts["kk"])


# --- appeals (workflows/appeal.py, portal/appeals) -------------------------------------------

APPEAL_FILED: Text = {"kk": "Шешімге шағым берілді", "ru": "Подана жалоба на решение",
                      "en": "Appeal against the decision filed"}
APPEAL_REVIEW_TITLE: Text = {"kk": "Шешімге берілген шағымды қарау", "ru": "Рассмотрение жалобы на решение",
                             "en": "Review of an appeal against a decision"}
APPEAL_REWORK_TITLE: Text = {"kk": "Шағым бойынша қайта қаралған шешім", "ru": "Повторное решение по жалобе",
                             "en": "Decide again after an appeal"}
APPEAL_UPHELD: Text = {"kk": "Шағым қаралды: шешім өзгеріссіз қалды",
                       "ru": "Жалоба рассмотрена: решение оставлено в силе",
                       "en": "Appeal reviewed: the decision stands"}
APPEAL_OVERTURNED: Text = {"kk": "Шағым қанағаттандырылды: шешім жойылды, қызмет қайта көрсетіледі",
                           "ru": "Жалоба удовлетворена: решение отменено, услуга оказывается заново",
                           "en": "Appeal granted: the decision is overturned and the service goes on"}
APPEAL_RETURNED: Text = {"kk": "Шағым қаралды: өтініш қайта қарауға маманға қайтарылды",
                         "ru": "Жалоба рассмотрена: заявление возвращено специалисту на повторное рассмотрение",
                         "en": "Appeal reviewed: returned to an officer to decide again"}
APPEAL_CANCELLED: Text = {"kk": "Шағымды қарау тоқтатылды", "ru": "Рассмотрение жалобы прекращено",
                          "en": "Review of the appeal stopped"}
DECISION_OVERTURNED: Text = {"kk": "Шағым бойынша оң шешім", "ru": "Положительное решение по жалобе",
                             "en": "Approved on appeal"}
DECISION_REFUSED_AGAIN: Text = {"kk": "Қайта қараудан кейін бас тарту туралы шешім",
                                "ru": "Решение об отказе после повторного рассмотрения",
                                "en": "Refused again after rework"}

# What a reviewer picks from when deciding an appeal; the applicant reads the texts.
APPEAL_REVIEW_REASONS: dict[str, Text] = {
    "decision_lawful": {
        "kk": "Шешім заңға сәйкес және тізілімдер деректеріне негізделген.",
        "ru": "Решение законно и основано на сведениях реестров.",
        "en": "The decision is lawful and rests on the registries' data."},
    "grounds_not_proven": {
        "kk": "Шағымда келтірілген дәлелдер расталмады.",
        "ru": "Доводы жалобы не подтвердились.",
        "en": "The grounds of the appeal were not borne out."},
    "grounds_confirmed": {
        "kk": "Шағымда келтірілген дәлелдер расталды.",
        "ru": "Доводы жалобы подтвердились.",
        "en": "The grounds of the appeal were confirmed."},
    "registry_data_outdated": {
        "kk": "Шешім ескірген тізілім деректеріне негізделген.",
        "ru": "Решение основано на устаревших сведениях реестра.",
        "en": "The decision rested on outdated registry data."},
    "needs_new_assessment": {
        "kk": "Өтінішті маман қайта қарауы қажет.",
        "ru": "Заявление требует повторного рассмотрения специалистом.",
        "en": "The application needs a fresh assessment by an officer."},
}

APPEAL_FILED_LATE: Text = {"kk": "Шағым мерзімі өткен соң берілді: себебі көрсетілді",
                           "ru": "Жалоба подана после истечения срока: причина указана",
                           "en": "Appeal filed after its term: the reason is given"}


def appeal_late_reason_missing(days_late: int, last_day: str) -> Text:
    """The problem detail when a late appeal does not say why it is late (the field ``late_reason``)."""
    return {
        "kk": f"Шағым беру мерзімі {last_day} аяқталды ({days_late} күн бұрын). Шағым қабылданады, бірақ "
              f"кешігу себебін көрсетіңіз.",
        "ru": f"Срок подачи жалобы истёк {last_day} ({days_late} дн. назад). Жалоба будет принята, но укажите "
              f"причину пропуска срока.",
        "en": f"The term for an appeal ended on {last_day} ({days_late} days ago). The appeal is accepted, but "
              f"say why it is late.",
    }


# What the appeals API answers when it refuses a filing (problem ``detail``, told in the caller's language).
APPEAL_PROBLEMS: dict[str, Text] = {
    "grounds_empty": {"kk": "Шағымның негіздерін жазыңыз.", "ru": "Укажите основания жалобы.",
                      "en": "Give the grounds of the appeal."},
    "grounds_too_long": {"kk": "Шағымның негіздері тым ұзын: ең көбі {n} таңба.",
                         "ru": "Основания жалобы слишком длинные: не более {n} знаков.",
                         "en": "The grounds are longer than {n} characters."},
    "unknown_service": {"kk": "Бұл қызмет осы өтініште жоқ.", "ru": "Этой услуги нет в заявлении.",
                        "en": "This service is not one of this application."},
    "already_open": {"kk": "Бұл шешімге берілген шағым қазір қаралуда.",
                     "ru": "Жалоба на это решение уже рассматривается.",
                     "en": "An appeal against this decision is under review already."},
    "not_decided": {"kk": "Қызмет бойынша әлі шешім жоқ: шағым беруге болмайды.",
                    "ru": "По услуге ещё нет решения: обжаловать нечего.",
                    "en": "The service is not decided yet: there is nothing to appeal."},
    "not_offered": {"kk": "Бұл қызмет бойынша шағымды қарайтын орган жоқ.",
                    "ru": "Жалобы по этой услуге никто не рассматривает.",
                    "en": "No agency reviews appeals against this service."},
    "not_yours": {"kk": "Шешімге тек өтініш беруші шағым бере алады.",
                  "ru": "Обжаловать решение может только заявитель.",
                  "en": "Only the applicant appeals a decision."},
    "no_application": {"kk": "Мұндай өтініш жоқ.", "ru": "Такого заявления нет.", "en": "No such application."},
    "no_appeal": {"kk": "Мұндай шағым жоқ.", "ru": "Такой жалобы нет.", "en": "No such appeal."},
    "unknown_part": {"kk": "Бұл қызмет шешімінде мұндай бөлік жоқ.", "ru": "В решении по этой услуге нет такой части.",
                     "en": "The decision on this service has no such part."},
    "part_of_refused": {"kk": "Қызметтен толық бас тартылды: бөлікті емес, бас тартуды шағымдаңыз.",
                        "ru": "В услуге отказано целиком: обжалуйте отказ, а не часть решения.",
                        "en": "The service was refused as a whole: appeal the refusal, not a part of it."},
    "part_missing": {"kk": "Шешімнің қай бөлігіне шағым берілетінін көрсетіңіз.",
                     "ru": "Укажите, какую часть решения вы обжалуете.",
                     "en": "Name the part of the decision you appeal."},
    "part_not_refused": {"kk": "Шешімнің бұл бөлігінде бас тарту жоқ: шағым беретін ештеңе жоқ.",
                         "ru": "В этой части решения отказа нет: обжаловать нечего.",
                         "en": "This part of the decision refused nothing: there is nothing to appeal."},
    "unavailable": {"kk": "Шағымды қазір тіркеу мүмкін болмады; қайталап көріңіз.",
                    "ru": "Сейчас не удалось зарегистрировать жалобу; попробуйте ещё раз.",
                    "en": "The appeal could not be registered right now; try again."},
}


def appeal_problem(code: str, **params: object) -> Text:
    return {lang: text.format(**params) for lang, text in APPEAL_PROBLEMS[code].items()}


APPEAL_LATE_REASON_TOO_LONG: Text = {
    "kk": "Кешігу себебі тым ұзын.", "ru": "Причина пропуска срока слишком длинная.",
    "en": "The reason for lateness is too long."}
APPEAL_DECISION_DAY_UNKNOWN: Text = {
    "kk": "Шешім күні белгісіз: шағым беру мерзімін есептеу мүмкін емес.",
    "ru": "Дата решения неизвестна: срок подачи жалобы не определить.",
    "en": "The day of the decision is not known, so the term for an appeal cannot be counted."}

# What a reviewer picks from about a late appeal's term (APPK Art. 92: a missed term may be restored for
# a good reason; a late appeal is never refused for lateness alone). The applicant reads the texts.
APPEAL_TERM_DECISIONS: dict[str, Text] = {
    "term_restored": {
        "kk": "Шағым беру мерзімі дәлелді себеппен өткізіліп алынған деп танылды және қалпына келтірілді.",
        "ru": "Причина пропуска срока подачи жалобы признана уважительной, срок восстановлен.",
        "en": "The reason the appeal was late was found good, and the term was restored."},
    "term_not_restored": {
        "kk": "Шағым беру мерзімін өткізіп алу себебі дәлелді деп танылмады; шағым мәні бойынша осыны ескере "
              "отырып қаралады.",
        "ru": "Причина пропуска срока подачи жалобы не признана уважительной; это учтено при рассмотрении "
              "жалобы по существу.",
        "en": "The reason the appeal was late was not found good; this is weighed when the appeal is decided "
              "on its merits."},
}

# What an officer picks from when deciding again after the appeal returned the service.
APPEAL_REWORK_REASONS: dict[str, Text] = {
    "requirements_met": {
        "kk": "Қызметті алу талаптары орындалды.", "ru": "Требования для получения услуги выполнены.",
        "en": "The requirements for the service are met."},
    "requirements_not_met": {
        "kk": "Қызметті алу талаптары орындалмады.", "ru": "Требования для получения услуги не выполнены.",
        "en": "The requirements for the service are not met."},
}

# The law beside each reason of an appeal's review and rework: the APPK (Art. 92 for the term; the review's
# article is not given, none is guessed), and the public-services law for the service decided again.
APPEAL_REASON_REFERENCES: dict[str, dict[str, Any]] = {
    **{code: act("appk").model_dump(mode="json") for code in APPEAL_REVIEW_REASONS},
    **{code: act("appk", article="92").model_dump(mode="json") for code in APPEAL_TERM_DECISIONS},
    **{code: act("public_services_law").model_dump(mode="json") for code in APPEAL_REWORK_REASONS},
}
