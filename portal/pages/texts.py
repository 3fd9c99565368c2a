"""Every string the citizen's pages show, in Kazakh, Russian and English.

Keys are stable names; a test checks that each text has all three languages.
"""

from __future__ import annotations

# The policy's own names for the parts of the monthly social payments, so the table on the status
# page says what the decision's reasons say.
from policies.texts import PAYMENT_PARTS

Text = dict[str, str]
LANGUAGE_NAMES: dict[str, str] = {"kk": "Қазақша", "ru": "Русский", "en": "English"}

TEXTS: dict[str, Text] = {
    # A decision's parts some services give: a status granted with it, a plan set after it.
    "unemployed_status": {"kk": "Жұмыссыз мәртебесі", "ru": "Статус безработного", "en": "Unemployed status"},
    "valid_until": {"kk": "Қолданылу мерзімі", "ru": "Действует до", "en": "Valid until"},
    "employment_plan": {"kk": "Жұмыспен қамтудың жеке жоспары", "ru": "Индивидуальный план занятости",
                        "en": "Individual employment plan"},
    "plan_pending": {"kk": "Мансап орталығы жоспарыңызды құрып жатыр: дайын болғанда хабарлаймыз.",
                     "ru": "Центр карьеры составляет ваш план: сообщим, когда он будет готов.",
                     "en": "The career centre is drawing up your plan: you will be told when it is ready."},
    "plan_due_on": {"kk": "Мерзімі", "ru": "Срок", "en": "Due by"},
    "plan_set_on": {"kk": "Жоспар бекітілген күн", "ru": "План утверждён", "en": "Plan set on"},
    "plan_note": {"kk": "Мансап орталығының ескертпесі", "ru": "Заметка центра карьеры",
                  "en": "The career centre's note"},
    "site_name": {"kk": "Бір терезе", "ru": "Одно окно", "en": "One window"},
    "site_tagline": {"kk": "Мемлекеттік қызметтерге бір өтініш",
                     "ru": "Одно заявление на государственные услуги",
                     "en": "One application for public services"},
    "language": {"kk": "Тіл", "ru": "Язык", "en": "Language"},
    "skip_to_content": {"kk": "Негізгі мазмұнға өту", "ru": "Перейти к содержанию", "en": "Skip to content"},
    "login": {"kk": "Кіру", "ru": "Войти", "en": "Log in"},
    "logout": {"kk": "Шығу", "ru": "Выйти", "en": "Log out"},
    "logged_in_as": {"kk": "Сіз кірдіңіз:", "ru": "Вы вошли как", "en": "Logged in as"},
    "my_applications": {"kk": "Менің өтініштерім", "ru": "Мои заявления", "en": "My applications"},
    "home": {"kk": "Басты бет", "ru": "Главная", "en": "Home"},
    "catalogue": {"kk": "Қызметтер", "ru": "Услуги", "en": "Services"},
    "legal_deadline": {"kk": "Заңды мерзім", "ru": "Срок по закону", "en": "Legal deadline"},
    "working_days": {"kk": "жұмыс күні", "ru": "рабочих дн.", "en": "working day(s)"},
    "appeal_heading": {"kk": "Шешімге шағым беру", "ru": "Обжаловать решение", "en": "Appeal the decision"},
    "appeal_grounds": {"kk": "Шешім неліктен дұрыс емес", "ru": "Почему решение неверно",
                       "en": "Why the decision is wrong"},
    "appeal_late_reason": {"kk": "Шағым беру мерзімін өткізіп алу себебі", "ru": "Причина пропуска срока жалобы",
                           "en": "Why the appeal is late"},
    "appeal_late_hint": {"kk": "Шешім туралы хабарлама алған күннен бастап үш айдан астам уақыт өтсе ғана толтырыңыз: "
                               "кешіккен шағым да қабылданады, мерзімді қалпына келтіру туралы шағымды қарайтын "
                               "орган шешеді.",
                         "ru": "Заполните, только если со дня получения решения прошло больше трёх месяцев: жалобу "
                               "примут и с опозданием, а восстановить ли срок, решит орган, рассматривающий жалобу.",
                         "en": "Fill in only if more than three months have passed since the decision reached you: "
                               "a late appeal is still accepted, and the reviewing body decides whether to restore "
                               "the term."},
    "appeal_submit": {"kk": "Шағым беру", "ru": "Подать жалобу", "en": "File the appeal"},
    # A refused part of a granted decision (a job seeker's unemployed status), appealed on its own.
    "appeal_part": {"kk": "Осы бас тартуға шағым беру", "ru": "Обжаловать этот отказ", "en": "Appeal this refusal"},
    "legal_basis": {"kk": "Құқықтық негіз", "ru": "Правовое основание", "en": "Legal basis"},
    "apply": {"kk": "Өтініш беру", "ru": "Подать заявление", "en": "Apply"},
    "submit": {"kk": "Өтінішті жіберу", "ru": "Отправить заявление", "en": "Submit the application"},
    "required": {"kk": "міндетті", "ru": "обязательно", "en": "required"},
    "prefilled_note": {"kk": "Мемлекетке белгілі деректер тізілімнен алдын ала толтырылды: тексеріңіз.",
                       "ru": "Сведения, которые уже есть у государства, заполнены из реестра: проверьте их.",
                       "en": "What the state already knows is filled in from the registry: check it."},
    "prefill_unavailable": {"kk": "Тізілім қазір жауап бермейді: деректерді өзіңіз енгізіңіз.",
                            "ru": "Реестр сейчас не отвечает: введите сведения сами.",
                            "en": "The registry does not answer right now: enter the details yourself."},
    "choose": {"kk": "— таңдаңыз —", "ru": "— выберите —", "en": "— choose —"},
    "form_has_errors": {"kk": "Өтінішті тексеріңіз: кейбір өрістер қате толтырылған.",
                        "ru": "Проверьте заявление: некоторые поля заполнены с ошибками.",
                        "en": "Please check the application: some fields need correcting."},
    "form_expired": {"kk": "Форманың мерзімі өтті: қайта жіберіңіз.",
                     "ru": "Срок действия формы истёк: отправьте ещё раз.",
                     "en": "The form has expired: please submit it again."},
    "conflict": {"kk": "Бұл форма басқа деректермен жіберілген: қайта толтырыңыз.",
                 "ru": "Эта форма уже отправлена с другими данными: заполните её заново.",
                 "en": "This form was already sent with other answers: please fill it in again."},
    "citizens_only": {"kk": "Өтінішті тек азамат өзі үшін бере алады.",
                      "ru": "Подать заявление может только гражданин за себя.",
                      "en": "Only a citizen can apply, for themselves."},
    "no_applications": {"kk": "Сізде әзірге өтініш жоқ.", "ru": "У вас пока нет заявлений.",
                        "en": "You have no applications yet."},
    "application": {"kk": "Өтініш", "ru": "Заявление", "en": "Application"},
    "submitted_at": {"kk": "Берілген уақыты", "ru": "Подано", "en": "Submitted"},
    "status": {"kk": "Мәртебесі", "ru": "Статус", "en": "Status"},
    "services": {"kk": "Қызметтер", "ru": "Услуги", "en": "Services"},
    "open": {"kk": "Ашу", "ru": "Открыть", "en": "Open"},
    "steps": {"kk": "Қадамдар", "ru": "Шаги", "en": "Steps"},
    "step": {"kk": "Қадам", "ru": "Шаг", "en": "Step"},
    "time": {"kk": "Уақыты", "ru": "Время", "en": "Time"},
    "deadline": {"kk": "Орындау мерзімі", "ru": "Срок исполнения", "en": "Due by"},
    "decision": {"kk": "Шешім", "ru": "Решение", "en": "Decision"},
    "reasons": {"kk": "Негіздемелер", "ru": "Основания", "en": "Reasons"},
    "figures": {"kk": "Есептеулер", "ru": "Расчёты", "en": "Figures"},
    "monthly_social_payments": {"kk": "Ай сайынғы әлеуметтік төлемдер", "ru": "Ежемесячные социальные платежи",
                                "en": "Monthly social payments"},
    "total": {"kk": "Барлығы", "ru": "Итого", "en": "Total"},
    "tenge": {"kk": "теңге", "ru": "тенге", "en": "tenge"},
    "documents": {"kk": "Құжаттар", "ru": "Документы", "en": "Documents"},
    "download": {"kk": "Жүктеп алу", "ru": "Скачать", "en": "Download"},
    "verify_link": {"kk": "Тексеру сілтемесі", "ru": "Ссылка для проверки", "en": "Verification link"},
    "issued_at": {"kk": "Берілген күні", "ru": "Дата выдачи", "en": "Issued"},
    "refreshing": {"kk": "Бет әр 2 секунд сайын жаңарады.", "ru": "Страница обновляется каждые 2 секунды.",
                   "en": "This page refreshes every 2 seconds."},
    "unconfirmed": {"kk": "Расталмаған параметрлер", "ru": "Неподтверждённые параметры",
                    "en": "Unconfirmed parameters"},
    "open_act": {"kk": "актіні ашу", "ru": "открыть акт", "en": "open the act"},
    "how_decided": {"kk": "Шешім қалай қабылданды", "ru": "Как принято решение", "en": "How this was decided"},
    "how_decided_note": {"kk": "Шешім оқыған немесе есептеген әрбір шама: мәні, күшіне енген күні және дереккөзі.",
                         "ru": "Каждая величина, которую решение прочитало или вычислило: значение, дата вступления "
                               "в силу и источник.",
                         "en": "Every value the decision read or computed: its value, the date it took effect, "
                               "and its source."},
    "trace_value": {"kk": "Шама", "ru": "Величина", "en": "Value"},
    "trace_amount": {"kk": "Мәні", "ru": "Значение", "en": "Amount"},
    "in_force_from": {"kk": "Күшіне енген күні", "ru": "Действует с", "en": "In force from"},
    "source": {"kk": "Дереккөз", "ru": "Источник", "en": "Source"},
    "not_yet_confirmed": {"kk": "әлі расталмаған", "ru": "ещё не подтверждено", "en": "not yet confirmed"},
    "trace_not_recorded": {"kk": "Бұл шешім үшін есептеу барысы жазылмаған.",
                           "ru": "Ход расчёта для этого решения не записан.",
                           "en": "How this decision was reached was not recorded."},
    "not_found": {"kk": "Табылмады", "ru": "Не найдено", "en": "Not found"},
    "not_found_text": {"kk": "Мұндай бет немесе өтініш жоқ.", "ru": "Такой страницы или заявления нет.",
                       "en": "There is no such page or application."},
    "verify_title": {"kk": "Құжаттың түпнұсқалығын тексеру", "ru": "Проверка подлинности документа",
                     "en": "Document verification"},
    "document_number": {"kk": "Құжат нөмірі", "ru": "Номер документа", "en": "Document number"},
    "document_valid": {"kk": "Құжат түпнұсқа: қолтаңба жарамды.", "ru": "Документ подлинный: подпись действительна.",
                       "en": "The document is genuine: its signature is valid."},
    "document_invalid": {"kk": "Құжат расталмады.", "ru": "Документ не подтверждён.",
                         "en": "The document could not be confirmed."},
    "holder": {"kk": "Иесі", "ru": "Владелец", "en": "Holder"},
    "holder_iin": {"kk": "Иесінің ЖСН", "ru": "ИИН владельца", "en": "Holder's IIN"},
    "document_kind": {"kk": "Құжат", "ru": "Документ", "en": "Document"},
    "error_title": {"kk": "Қате", "ru": "Ошибка", "en": "Error"},
    "forbidden": {"kk": "Рұқсат жоқ", "ru": "Доступ запрещён", "en": "Forbidden"},
    "appeals": {"kk": "Шағымдар", "ru": "Жалобы", "en": "Appeals"},
    "filed_at": {"kk": "Берілген уақыты", "ru": "Подана", "en": "Filed"},
    "review_deadline": {"kk": "Қарау мерзімі", "ru": "Срок рассмотрения", "en": "Review due by"},
    "outcome": {"kk": "Нәтижесі", "ru": "Итог", "en": "Outcome"},
}

# The labels of the fields every form may have (the contact for notices); a service labels its own in its
# spec's hints.
FIELD_LABELS: dict[str, Text] = {
    "phone": {"kk": "Ұялы телефон (+7XXXXXXXXXX)", "ru": "Мобильный телефон (+7XXXXXXXXXX)",
              "en": "Mobile phone (+7XXXXXXXXXX)"},
    "email": {"kk": "Электрондық пошта", "ru": "Электронная почта", "en": "E-mail"},
    "language": {"kk": "Хабарламалар тілі", "ru": "Язык уведомлений", "en": "Language of notices"},
}

# What went wrong with a field, by pydantic's error type; "value_error" texts are per field.
FIELD_ERRORS: dict[str, Text] = {
    "missing": {"kk": "Бұл өрісті толтырыңыз.", "ru": "Заполните это поле.", "en": "Fill in this field."},
    "number": {"kk": "0-ден үлкен сан енгізіңіз.", "ru": "Введите число больше 0.",
               "en": "Enter a number greater than 0."},
    "too_long": {"kk": "Мәтін тым ұзын.", "ru": "Слишком длинный текст.", "en": "The text is too long."},
    "choice": {"kk": "Тізімнен таңдаңыз.", "ru": "Выберите из списка.", "en": "Choose from the list."},
    "phone": {"kk": "Нөмірді +7XXXXXXXXXX түрінде енгізіңіз.", "ru": "Введите номер в виде +7XXXXXXXXXX.",
              "en": "Enter the number as +7XXXXXXXXXX."},
    "email": {"kk": "name@example.kz сияқты мекенжай енгізіңіз.", "ru": "Введите адрес вида name@example.kz.",
              "en": "Enter an address such as name@example.kz."},
    "contact": {"kk": "Хабарламалар үшін телефон немесе электрондық пошта көрсетіңіз.",
                "ru": "Укажите телефон или электронную почту для уведомлений.",
                "en": "Give a phone or an e-mail for notices."},
    "invalid": {"kk": "Мән қате.", "ru": "Неверное значение.", "en": "The value is not valid."},
}

# The API's error codes (pydantic's types and the forms' own) -> the key of their text in FIELD_ERRORS.
FIELD_ERROR_OF_CODE = {
    "missing": "missing",
    "string_too_long": "too_long",
    "phone_format": "phone",
    "email_format": "email",
    "literal_error": "choice",
    "contact_missing": "contact",
}

STATUSES: dict[str, Text] = {
    "submitted": {"kk": "Қабылданды", "ru": "Принято", "en": "Submitted"},
    "pending": {"kk": "Күтуде", "ru": "Ожидает", "en": "Pending"},
    "in_progress": {"kk": "Орындалуда", "ru": "Выполняется", "en": "In progress"},
    "completed": {"kk": "Орындалды", "ru": "Исполнено", "en": "Completed"},
    "refused": {"kk": "Бас тартылды", "ru": "Отказано", "en": "Refused"},
    "failed": {"kk": "Сәтсіз аяқталды", "ru": "Сбой", "en": "Failed"},
    "partially_completed": {"kk": "Ішінара орындалды", "ru": "Исполнено частично", "en": "Partially completed"},
    "withdrawn": {"kk": "Қайтарып алынды", "ru": "Отозвано", "en": "Withdrawn"},
    "awaiting_officer": {"kk": "Маманның шешімін күтуде", "ru": "Ожидает решения специалиста",
                         "en": "Awaiting an officer"},
    "awaiting_applicant": {"kk": "Сіздің жауабыңызды күтуде", "ru": "Ожидает вашего ответа",
                           "en": "Awaiting your answer"},
    "under_appeal": {"kk": "Шағым қаралуда", "ru": "Рассматривается жалоба", "en": "Under appeal"},
    "decided": {"kk": "Шешім қабылданды, қызмет жалғасуда", "ru": "Решение принято, услуга продолжается",
                "en": "Decided, and going on"},
    "approved": {"kk": "Оң шешім", "ru": "Положительное решение", "en": "Approved"},
    "granted": {"kk": "Берілді", "ru": "Присвоен", "en": "Granted"},
    "not_requested": {"kk": "Сұралмаған", "ru": "Не запрашивался", "en": "Not asked for"},
    # An appeal's own steps.
    "filed": {"kk": "Шағым берілді", "ru": "Жалоба подана", "en": "Filed"},
    "under_review": {"kk": "Басшы қарауда", "ru": "На рассмотрении у руководителя", "en": "Under review"},
    "upheld": {"kk": "Шешім өзгеріссіз қалды", "ru": "Решение оставлено в силе", "en": "Decision upheld"},
    "overturned": {"kk": "Шешім жойылды", "ru": "Решение отменено", "en": "Decision overturned"},
    "returned": {"kk": "Қайта қарауға қайтарылды", "ru": "Возвращено на повторное рассмотрение",
                 "en": "Returned to be decided again"},
    "cancelled": {"kk": "Тоқтатылды", "ru": "Прекращено", "en": "Cancelled"},
}


def in_language(value: Text | None, language: str, default: str = "") -> str:
    """The text in the language, else in English, else in any; `default` when there is none."""
    if not value:
        return default
    return value.get(language) or value.get("en") or next(iter(value.values()), default)


def text(table: dict[str, Text], key: str, language: str) -> str:
    """The table's text in the language, or the key itself when the table lacks it (visible, never a crash)."""
    return in_language(table.get(key), language, key)


class Texts:
    """`t.login` in a template: TEXTS in one language.

    Not a plain dict: Jinja would read `t.items` or `t.update` as the dict's methods.
    """

    def __init__(self, language: str) -> None:
        self.language = language

    def __getattr__(self, key: str) -> str:
        if key not in TEXTS:
            raise AttributeError(key)
        return TEXTS[key][self.language]


__all__ = ["FIELD_ERRORS", "FIELD_LABELS", "LANGUAGE_NAMES", "PAYMENT_PARTS", "STATUSES", "TEXTS", "Text", "Texts",
           "in_language", "text"]
