"""Problem details in Kazakh and Russian: the portal's English details are the keys (gettext-style).

The code raises a problem with its English detail, as a developer writes it; the one handler
(``Problem.body``) tells it in the caller's language. ``{name}`` in a key stands for a value the
code fills in (a number, a login, a scope) and is carried over into the translation. A detail
raised already in kk/ru/en (the appeals') needs no entry here. A form's field errors (422) are
told by their code, with the field named. ``tests/api/test_problem_language.py`` reads every
detail the portal raises and fails when one has no entry.
"""

from __future__ import annotations

import re
from functools import lru_cache

from portal.pages.texts import FIELD_ERROR_OF_CODE, FIELD_ERRORS

__all__ = ["DETAILS", "localized_detail", "field_error_detail", "has_translation"]

_REGISTRY_LATER = {"kk": "жауап бермейді: сәлден соң қайталаңыз", "ru": "не отвечает: повторите чуть позже"}


def _later(kk: str, ru: str) -> dict[str, str]:
    return {"kk": f"{kk} {_REGISTRY_LATER['kk']}", "ru": f"{ru} {_REGISTRY_LATER['ru']}"}


DETAILS: dict[str, dict[str, str]] = {
    # Requests as such.
    "the body is over {n} bytes": {"kk": "Сұрау денесі {n} байттан үлкен", "ru": "Тело запроса больше {n} байт"},
    "the body is not valid JSON: nested deeper than {n} levels": {
        "kk": "Сұрау денесі дұрыс JSON емес: ұялау деңгейі {n}-ден терең",
        "ru": "Тело запроса не является корректным JSON: вложенность глубже {n} уровней"},
    "the body is not valid JSON: nested too deeply": {
        "kk": "Сұрау денесі дұрыс JSON емес: ұялау тым терең",
        "ru": "Тело запроса не является корректным JSON: слишком глубокая вложенность"},
    # The parser's own words (in English) are left out of the kk/ru text.
    "the body is not valid JSON: {error}": {"kk": "Сұрау денесі дұрыс JSON емес",
                                            "ru": "Тело запроса не является корректным JSON"},
    "send the application as application/json": {"kk": "Өтінішті application/json түрінде жіберіңіз",
                                                  "ru": "Отправьте заявление в формате application/json"},
    "the Idempotency-Key header is required: a unique value per application, repeated unchanged on retries": {
        "kk": "Idempotency-Key тақырыбы міндетті: әр өтінішке бірегей мән, қайталағанда өзгеріссіз",
        "ru": "Нужен заголовок Idempotency-Key: своё значение для каждого заявления, без изменений при повторе"},
    "Idempotency-Key must be 1-200 visible ASCII characters": {
        "kk": "Idempotency-Key 1–200 көрінетін ASCII таңбасынан тұруы керек",
        "ru": "Idempotency-Key должен состоять из 1–200 видимых символов ASCII"},
    "this Idempotency-Key was used for a different application": {
        "kk": "Бұл Idempotency-Key басқа өтінішке қолданылған",
        "ru": "Этот Idempotency-Key уже использован для другого заявления"},
    "invalid request": {"kk": "Сұрау дұрыс емес", "ru": "Некорректный запрос"},
    "Not Found": {"kk": "Табылмады", "ru": "Не найдено"},
    "Method Not Allowed": {"kk": "Бұл әдіске рұқсат жоқ", "ru": "Метод не разрешён"},
    "the database is busy; send the same request again shortly": {
        "kk": "Дерекқор бос емес: сол сұрауды сәлден соң қайта жіберіңіз",
        "ru": "База данных занята: отправьте тот же запрос чуть позже"},
    "an unexpected error; it has been logged": {"kk": "Күтпеген қате: ол журналға жазылды",
                                                "ru": "Непредвиденная ошибка: она записана в журнал"},
    # Quotas.
    "at most {n} applications in {seconds} seconds; try again later": {
        "kk": "{seconds} секунд ішінде ең көбі {n} өтініш: кейінірек қайталаңыз",
        "ru": "Не более {n} заявлений за {seconds} секунд: повторите позже"},
    "{n} of your requests already wait for an officer; try again when they are decided": {
        "kk": "Сіздің {n} сұрауыңыз маманды күтуде: олар шешілген соң қайталаңыз",
        "ru": "Ваши запросы ({n}) уже ждут специалиста: повторите, когда по ним примут решение"},
    "at most {n} waiting requests at once; wait for one to answer": {
        "kk": "Бір мезгілде ең көбі {n} күтудегі сұрау: біреуінің жауабын күтіңіз",
        "ru": "Одновременно не более {n} ожидающих запросов: дождитесь ответа на один из них"},
    # Login and rights.
    "invalid access token: {reason}": {"kk": "Кіру токені жарамсыз", "ru": "Недействительный токен доступа"},
    "invalid access token: expired": {"kk": "Кіру токенінің мерзімі өтті", "ru": "Срок действия токена доступа истёк"},
    "the issuer's discovery document names another issuer": {
        "kk": "Сәйкестендіру қызметінің сипаттамасында басқа қызмет аталған",
        "ru": "Описание службы идентификации называет другую службу"},
    "cannot read the issuer's keys: {error}": {"kk": "Сәйкестендіру қызметінің кілттері оқылмады",
                                               "ru": "Не удалось прочитать ключи службы идентификации"},
    "the issuer did not answer a moment ago; try again shortly": {
        "kk": "Сәйкестендіру қызметі жаңа ғана жауап бермеді: сәлден соң қайталаңыз",
        "ru": "Служба идентификации только что не ответила: повторите чуть позже"},
    "the issuer does not answer; try again shortly": _later("Сәйкестендіру қызметі", "Служба идентификации"),
    "log in first": {"kk": "Алдымен жүйеге кіріңіз", "ru": "Сначала войдите в систему"},
    "use an 'Authorization: Bearer <token>' header": {"kk": "«Authorization: Bearer <token>» тақырыбын жіберіңіз",
                                                     "ru": "Передайте заголовок «Authorization: Bearer <token>»"},
    "the login could not be matched to this browser: start again": {
        "kk": "Кіру осы браузермен сәйкестендірілмеді: қайта бастаңыз",
        "ru": "Вход не удалось связать с этим браузером: начните заново"},
    "the identity provider refused the login: {error}": {"kk": "Сәйкестендіру қызметі кіруден бас тартты: «{error}»",
                                                         "ru": "Служба идентификации отклонила вход: «{error}»"},
    "the code exchange was refused: {error}": {"kk": "Кіру кодын алмасудан бас тартылды: «{error}»",
                                               "ru": "Обмен кода входа отклонён: «{error}»"},
    "the form is out of date: reload the page and try again": {
        "kk": "Нысан ескірген: бетті қайта жүктеп, қайталаңыз", "ru": "Форма устарела: обновите страницу и повторите"},
    "this needs one of the roles: {roles}": {"kk": "Мұны мына рөлдердің бірі ғана жасай алады: «{roles}»",
                                             "ru": "Для этого нужна одна из ролей: «{roles}»"},
    "the token lacks the scopes: {scopes}": {"kk": "Токенде мына рұқсат аялары жоқ: «{scopes}»",
                                             "ru": "В токене нет областей доступа: «{scopes}»"},
    "the token lacks the scope {scope}": {"kk": "Токенде «{scope}» рұқсат аясы жоқ",
                                          "ru": "В токене нет области доступа «{scope}»"},
    "{header} must be a valid BIN or IIN (12 digits with the right check digit)": {
        "kk": "«{header}» жарамды БСН немесе ЖСН болуы керек (бақылау цифры дұрыс 12 цифр)",
        "ru": "«{header}» должен быть действительным БИН или ИИН (12 цифр с верной контрольной цифрой)"},
    "only a person acts for a business they head": {
        "kk": "Өзі басқаратын бизнестің атынан тек жеке тұлға әрекет етеді",
        "ru": "От имени бизнеса, который он возглавляет, действует только физическое лицо"},
    "you do not head this business in the businesses registry": {
        "kk": "Бизнес тізілімінде сіз бұл бизнестің басшысы ретінде көрсетілмегенсіз",
        "ru": "В реестре бизнеса вы не указаны руководителем этого бизнеса"},
    "the businesses registry does not answer; try again shortly": _later("Бизнес тізілімі", "Реестр бизнеса"),
    "the agency API is for other state systems (OAuth 2 client credentials)": {
        "kk": "Органдарға арналған интерфейс басқа мемлекеттік жүйелерге арналған (OAuth 2 клиент деректері)",
        "ru": "Интерфейс для ведомств предназначен для других государственных систем (учётные данные клиента OAuth 2)"},
    "not a valid IIN: 12 digits with a correct check digit": {
        "kk": "ЖСН жарамсыз: бақылау цифры дұрыс 12 цифр болуы керек",
        "ru": "Недействительный ИИН: нужно 12 цифр с верной контрольной цифрой"},
    # Applications and documents.
    "only a citizen applies for themselves here": {"kk": "Мұнда өтінішті тек азамат өзі үшін береді",
                                                   "ru": "Здесь заявление подаёт только гражданин за себя"},
    "no such application": {"kk": "Мұндай өтініш жоқ", "ru": "Такого заявления нет"},
    "application {id} not found": {"kk": "«{id}» өтініші табылмады", "ru": "Заявление «{id}» не найдено"},
    "application {id} of an idempotency record is missing": {
        "kk": "Қайталау жазбасындағы «{id}» өтініші жоқ", "ru": "Заявления «{id}» из записи о повторе нет"},
    "the idempotency record that refused this key is missing": {
        "kk": "Бұл кілтті қабылдамаған қайталау жазбасы жоқ", "ru": "Записи о повторе, отклонившей этот ключ, нет"},
    "service {service} of application {id} not found": {"kk": "«{id}» өтінішінің «{service}» қызметі табылмады",
                                                        "ru": "Услуга «{service}» заявления «{id}» не найдена"},
    "no such document": {"kk": "Мұндай құжат жоқ", "ru": "Такого документа нет"},
    "no document with this number was issued": {"kk": "Бұл нөмірмен құжат берілмеген",
                                                "ru": "Документ с таким номером не выдавался"},
    "only a citizen can see who read their data": {"kk": "Деректерін кім оқығанын тек азаматтың өзі көреді",
                                                   "ru": "Кто читал данные, видит только сам гражданин"},
    "the registries gateway does not answer; try again shortly": _later("Тізілімдер шлюзі", "Шлюз реестров"),
    "you are not in the population registry": {"kk": "«Жеке тұлғалар» дерекқорында сіз жоқсыз",
                                               "ru": "Вас нет в базе данных «Физические лица»"},
    "no such person in the population registry": {"kk": "«Жеке тұлғалар» дерекқорында мұндай адам жоқ",
                                                  "ru": "Такого человека нет в базе данных «Физические лица»"},
    "the population registry does not answer; try again shortly": _later("«Жеке тұлғалар» дерекқоры",
                                                                          "База данных «Физические лица»"),
    # Tasks.
    "no such task in your queue": {"kk": "Сіздің кезегіңізде мұндай тапсырма жоқ",
                                   "ru": "В вашей очереди нет такой задачи"},
    "the workflow refused the action": {"kk": "Процесс бұл әрекетті қабылдамады",
                                        "ru": "Процесс отклонил это действие"},
    "this needs an officer or supervisor": {"kk": "Мұны тек маман немесе басшы жасай алады",
                                            "ru": "Это может сделать только специалист или руководитель"},
    "the token binds no agency and region": {"kk": "Токен ешбір органға және өңірге байланбаған",
                                             "ru": "Токен не привязан к ведомству и региону"},
    "only a supervisor reassigns a task": {"kk": "Тапсырманы тек басшы қайта тағайындайды",
                                           "ru": "Переназначить задачу может только руководитель"},
    "{login} is not an officer of this task's queue who has signed in; "
    "GET /api/v1/tasks/{task}/assignees lists those who are": {
        "kk": "«{login}» осы тапсырма кезегінің жүйеге кірген маманы емес; олардың тізімі: "
              "GET /api/v1/tasks/{task}/assignees",
        "ru": "«{login}» не входивший в систему специалист очереди этой задачи; их список: "
              "GET /api/v1/tasks/{task}/assignees"},
    "this kind of task takes no result": {"kk": "Тапсырманың бұл түрі нәтиже деректерін қабылдамайды",
                                          "ru": "Задача этого вида не принимает данных результата"},
    "this kind of task is completed with its result": {"kk": "Тапсырманың бұл түрі нәтиже деректерімен аяқталады",
                                                       "ru": "Задача этого вида завершается с данными результата"},
    "only a citizen has tasks addressed to them": {"kk": "Жолданған тапсырмалар тек азаматта болады",
                                                   "ru": "Адресованные задачи бывают только у гражданина"},
    "no such task is addressed to you": {"kk": "Сізге мұндай тапсырма жолданбаған",
                                         "ru": "Такая задача вам не адресована"},
    # Labour.
    "only a citizen has a job-seeker profile": {"kk": "Жұмыс іздеуші профилі тек азаматта болады",
                                                "ru": "Профиль ищущего работу бывает только у гражданина"},
    "register on the labour exchange first (service job-seeker-registration)": {
        "kk": "Алдымен еңбек биржасында жұмыс іздеуші ретінде тіркеліңіз",
        "ru": "Сначала зарегистрируйтесь на бирже труда как ищущий работу"},
    "only a citizen has an employment record": {"kk": "Электрондық еңбек кітапшасы тек азаматта болады",
                                                "ru": "Электронная трудовая книжка бывает только у гражданина"},
    "you are not in the contracts registry": {"kk": "Еңбек шарттары тізілімінде сіз жоқсыз",
                                              "ru": "Вас нет в реестре трудовых договоров"},
    "the contracts registry does not answer; try again shortly": _later("Еңбек шарттары тізілімі",
                                                                        "Реестр трудовых договоров"),
    "only a citizen looks for work on the exchange": {
        "kk": "Биржада жұмысты тек азамат іздейді", "ru": "Работу на бирже ищет только гражданин"},
    "act for the business that published the vacancy": {
        "kk": "Бос орынды жариялаған бизнестің атынан әрекет етіңіз",
        "ru": "Действуйте от имени бизнеса, опубликовавшего вакансию"},
    "only a citizen takes part in support measures": {
        "kk": "Қолдау шараларына тек азамат қатысады", "ru": "В мерах поддержки участвует только гражданин"},
    "a registry does not answer; try again shortly": _later("Тізілім", "Реестр"),
    "the job seeker is not in the population registry": {
        "kk": "Жұмыс іздеуші «Жеке тұлғалар» дерекқорында жоқ",
        "ru": "Ищущего работу нет в базе данных «Физические лица»"},
    "this Idempotency-Key was used for other vacancies": {
        "kk": "Бұл Idempotency-Key басқа бос орындар үшін қолданылған",
        "ru": "Этот Idempotency-Key уже использован для других вакансий"},
    'the body is {"vacancies": [...]}: a list of vacancy forms': {
        "kk": "Сұрау денесі бос орын нысандарының тізімі болуы керек",
        "ru": "Тело запроса должно содержать список форм вакансий"},
    "unknown field '{field}'": {"kk": "Белгісіз өріс: «{field}»", "ru": "Неизвестное поле: «{field}»"},
    "at most {n} vacancies in one request, {sent} sent": {
        "kk": "Бір сұрауда ең көбі {n} бос орын, жіберілгені {sent}",
        "ru": "Не более {n} вакансий в одном запросе, отправлено {sent}"},
    "no vacancy to publish": {"kk": "Жариялайтын бос орын жоқ", "ru": "Нет вакансий для публикации"},
    "vacancies are published for a business: send {header} with its BIN": {
        "kk": "Бос орындар бизнес атынан жарияланады: «{header}» тақырыбында оның БСН-ін жіберіңіз",
        "ru": "Вакансии публикуются от имени бизнеса: передайте его БИН в заголовке «{header}»"},
    "the business is not active in the businesses registry": {
        "kk": "Бизнес тізілімінде бұл бизнес белсенді емес", "ru": "В реестре бизнеса этот бизнес не действует"},
    # Public endpoints, per client address.
    "at most {n} requests in {seconds} seconds from one address; try again later": {
        "kk": "Бір мекенжайдан {seconds} секунд ішінде ең көбі {n} сұрау: кейінірек қайталаңыз",
        "ru": "Не более {n} запросов за {seconds} секунд с одного адреса: повторите позже"},
    # Targeted social assistance: one running application per family.
    "an application of '{service}' for a member of this family is still running": {
        "kk": "Отбасының бір мүшесі үшін «{service}» өтініші әлі қаралуда",
        "ru": "Заявление «{service}» на члена этой семьи ещё рассматривается"},
    # The officers' audit trail.
    "your account is bound to no agency, so it has no audit trail to read": {
        "kk": "Есептік жазбаңыз ешбір органға байланбаған, сондықтан оқитын аудит журналы жоқ",
        "ru": "Ваша учётная запись не привязана к ведомству, поэтому журнала аудита для неё нет"},
    "no citizen of your agency's audit trail has this pseudonym": {
        "kk": "Органыңыздың аудит журналында мұндай бүркеншік аты бар азамат жоқ",
        "ru": "В журнале аудита вашего ведомства нет гражданина с таким псевдонимом"},
    # Webhook addresses an agency registers (connectors/egress.py says why one is refused).
    "the host name does not resolve": {"kk": "Хост атауы мекенжайға шешілмейді",
                                       "ru": "Имя хоста не разрешается в адрес"},
    "the host resolves to an address that is not public": {
        "kk": "Хост жалпыға ашық емес мекенжайға шешіледі", "ru": "Хост разрешается в непубличный адрес"},
    "the webhook URL must be an absolute https URL": {
        "kk": "Вебхук мекенжайы толық https мекенжайы болуы керек",
        "ru": "Адрес вебхука должен быть полным адресом https"},
    "the webhook URL must be an absolute http(s) URL": {
        "kk": "Вебхук мекенжайы толық http немесе https мекенжайы болуы керек",
        "ru": "Адрес вебхука должен быть полным адресом http или https"},
    "the webhook URL must not carry credentials": {"kk": "Вебхук мекенжайында кіру деректері болмауы керек",
                                                   "ru": "Адрес вебхука не должен содержать данных для входа"},
    "the webhook URL has a bad port": {"kk": "Вебхук мекенжайының порты қате", "ru": "Неверный порт в адресе вебхука"},
    "the host is not among the hosts allowed for this client": {
        "kk": "Хост бұл клиентке рұқсат етілген хосттардың қатарында жоқ",
        "ru": "Хоста нет среди разрешённых для этого клиента"},
}

_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_FIELD_ERROR = {"kk": "«{field}» өрісі: {text}", "ru": "Поле «{field}»: {text}"}


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[re.Pattern[str], dict[str, str]]]:
    """Keys with ``{name}`` as patterns, the longest first (so that a fixed tail beats a placeholder)."""
    found = []
    for key, texts in sorted(DETAILS.items(), key=lambda item: -len(item[0])):
        if _PLACEHOLDER.search(key):
            parts = _PLACEHOLDER.split(key)
            regex = "".join(re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+?)" for i, part in enumerate(parts))
            found.append((re.compile(f"^{regex}$", re.DOTALL), texts))
    return found


def _translation(detail: str) -> tuple[dict[str, str], dict[str, str]] | None:
    if detail in DETAILS:
        return DETAILS[detail], {}
    for pattern, texts in _patterns():
        matched = pattern.match(detail)
        if matched:
            return texts, matched.groupdict()
    return None


def has_translation(detail: str) -> bool:
    return _translation(detail) is not None


def field_error_detail(field: str, code: str, language: str) -> str:
    """A form's field error in kk or ru: the field, and what is wrong by the error's code."""
    text = FIELD_ERRORS[FIELD_ERROR_OF_CODE.get(code, "invalid")][language]
    return _FIELD_ERROR[language].format(field=field, text=text)


def localized_detail(detail: str, language: str, fallback: str) -> str:
    """``detail`` told in ``language``; English as it is. ``fallback`` (the title) stands in for an English
    detail with no entry, so that no English reaches a kk/ru reader."""
    if language == "en":
        return detail
    found = _translation(detail)
    if found is None:
        return fallback
    texts, values = found
    return texts[language].format(**values)
