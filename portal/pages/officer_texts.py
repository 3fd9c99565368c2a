"""Every string of the officers' pages and of the citizen's data-access page, in Kazakh, Russian and English.

Kept apart from texts.py (the citizen's pages) so each table stays small; a template reads both
through `o` (OfficerTexts falls back to the citizen's TEXTS for the shared words).
"""

from __future__ import annotations

from portal.pages.texts import TEXTS, Text

OFFICER_TEXTS: dict[str, Text] = {
    "workbench": {"kk": "Қызметкердің жұмыс орны", "ru": "Рабочее место специалиста", "en": "Officer's workbench"},
    "inbox": {"kk": "Кіріс тапсырмалар", "ru": "Входящие задачи", "en": "Inbox"},
    "audit_trail": {"kk": "Аудит журналы", "ru": "Журнал аудита", "en": "Audit trail"},
    "officers_only": {"kk": "Бұл бет мемлекеттік қызметшілерге арналған.",
                      "ru": "Эта страница предназначена для государственных служащих.",
                      "en": "This page is for civil servants."},
    "supervisors_only": {"kk": "Бұл бетті тек басшы көре алады.", "ru": "Эта страница доступна только руководителю.",
                         "en": "Only a supervisor can open this page."},
    "queue": {"kk": "Кезек", "ru": "Очередь", "en": "Queue"},
    "filters": {"kk": "Сүзгілер", "ru": "Фильтры", "en": "Filters"},
    "kind": {"kk": "Түрі", "ru": "Вид", "en": "Kind"},
    "any": {"kk": "— кез келген —", "ru": "— любой —", "en": "— any —"},
    "every_open": {"kk": "— барлық ашық —", "ru": "— все открытые —", "en": "— every open —"},
    "overdue_only": {"kk": "Тек мерзімі өткендер", "ru": "Только просроченные", "en": "Overdue only"},
    "mine_only": {"kk": "Тек менікі", "ru": "Только мои", "en": "Mine only"},
    "show": {"kk": "Көрсету", "ru": "Показать", "en": "Show"},
    "no_tasks": {"kk": "Тапсырма жоқ.", "ru": "Задач нет.", "en": "No tasks."},
    "tasks_found": {"kk": "Табылған тапсырмалар", "ru": "Найдено задач", "en": "Tasks found"},
    "task": {"kk": "Тапсырма", "ru": "Задача", "en": "Task"},
    "assignee": {"kk": "Орындаушы", "ru": "Исполнитель", "en": "Assignee"},
    "nobody": {"kk": "тағайындалмаған", "ru": "не назначен", "en": "unassigned"},
    "you": {"kk": "сіз", "ru": "вы", "en": "you"},
    "days_left": {"kk": "Қалған жұмыс күндері", "ru": "Осталось рабочих дней", "en": "Working days left"},
    "overdue": {"kk": "Мерзімі өтті", "ru": "Просрочено", "en": "Overdue"},
    "escalated": {"kk": "Басшыға жіберілді", "ru": "Передано руководителю", "en": "Escalated"},
    "overdue_by": {"kk": "мерзімі өткен жұмыс күндері:", "ru": "просрочено рабочих дней:",
                   "en": "working days overdue:"},
    "application": {"kk": "Өтініш", "ru": "Заявление", "en": "Application"},
    "service_status": {"kk": "Қызмет мәртебесі", "ru": "Статус услуги", "en": "Service status"},
    "submitted_via": {"kk": "Берілу арнасы", "ru": "Канал подачи", "en": "Submitted through"},
    "grounds": {"kk": "Маманға жіберілу себебі", "ru": "Почему задача у специалиста",
                "en": "Why a person decides"},
    "answers": {"kk": "Өтініш берушінің жауаптары", "ru": "Ответы заявителя", "en": "The applicant's answers"},
    "registry_data": {"kk": "Тізілімдерден алынған деректер", "ru": "Сведения из реестров",
                      "en": "What the registries hold"},
    "other_data": {"kk": "Басқа деректер", "ru": "Прочие сведения", "en": "Other data"},
    "question_and_answer": {"kk": "Сұрақ және жауап", "ru": "Вопрос и ответ", "en": "Question and answer"},
    "answer": {"kk": "Жауап", "ru": "Ответ", "en": "Answer"},
    "not_answered": {"kk": "Өтініш беруші әлі жауап бермеді.", "ru": "Заявитель ещё не ответил.",
                     "en": "The applicant has not answered yet."},
    "history": {"kk": "Тарих", "ru": "История", "en": "History"},
    "actor": {"kk": "Кім", "ru": "Кто", "en": "Who"},
    "action": {"kk": "Әрекет", "ru": "Действие", "en": "Action"},
    "actions": {"kk": "Әрекеттер", "ru": "Действия", "en": "Actions"},
    "claim": {"kk": "Тапсырманы алу", "ru": "Взять задачу", "en": "Take the task"},
    "release": {"kk": "Кезекке қайтару", "ru": "Вернуть в очередь", "en": "Give back to the queue"},
    "request_info": {"kk": "Өтініш берушіден сұрау", "ru": "Запросить у заявителя", "en": "Ask the applicant"},
    "question": {"kk": "Өтініш берушіге сұрақ", "ru": "Вопрос заявителю", "en": "Question to the applicant"},
    "question_hint": {"kk": "4000 таңбаға дейін.", "ru": "До 4000 символов.", "en": "Up to 4000 characters."},
    "send_question": {"kk": "Сұрақты жіберу", "ru": "Отправить вопрос", "en": "Send the question"},
    "decide": {"kk": "Шешім", "ru": "Решение", "en": "Decision"},
    "outcome": {"kk": "Нәтиже", "ru": "Итог", "en": "Outcome"},
    "reasons": {"kk": "Негіздемелер (кемінде біреу)", "ru": "Основания (хотя бы одно)",
                "en": "Reasons (at least one)"},
    "comment": {"kk": "Түсініктеме", "ru": "Комментарий", "en": "Comment"},
    "comment_hint": {"kk": "Міндетті емес, 4000 таңбаға дейін.", "ru": "Необязательно, до 4000 символов.",
                     "en": "Optional, up to 4000 characters."},
    "record_decision": {"kk": "Шешімді тіркеу", "ru": "Записать решение", "en": "Record the decision"},
    "decided": {"kk": "Шешім қабылданды", "ru": "Решение принято", "en": "Decided"},
    "decided_by": {"kk": "Шешім қабылдаған", "ru": "Решение принял", "en": "Decided by"},
    "reassign": {"kk": "Басқа маманға беру", "ru": "Передать другому специалисту", "en": "Give to another officer"},
    "reassign_to": {"kk": "Кімге", "ru": "Кому", "en": "To"},
    "reassign_button": {"kk": "Беру", "ru": "Передать", "en": "Give"},
    "no_assignees": {"kk": "Бұл кезекте тапсырманы беретін маман жоқ.",
                     "ru": "В этой очереди нет специалиста, которому можно передать задачу.",
                     "en": "No officer of this queue can take the task."},
    "waiting_for_applicant": {"kk": "Тапсырма өтініш берушінің жауабын күтуде.",
                              "ru": "Задача ждёт ответа заявителя.",
                              "en": "The task waits for the applicant's answer."},
    "held_by_other": {"kk": "Тапсырманы басқа маман орындап жатыр.", "ru": "Задачу ведёт другой специалист.",
                      "en": "Another officer holds the task."},
    "closed": {"kk": "Тапсырма жабық.", "ru": "Задача закрыта.", "en": "The task is closed."},
    "object_type": {"kk": "Нысан түрі", "ru": "Тип объекта", "en": "Object type"},
    "object_id": {"kk": "Нысан нөмірі", "ru": "Номер объекта", "en": "Object id"},
    "before": {"kk": "Бұрын", "ru": "Было", "en": "Before"},
    "after": {"kk": "Кейін", "ru": "Стало", "en": "After"},
    "older": {"kk": "Ескірек жазбалар", "ru": "Более ранние записи", "en": "Older entries"},
    "no_entries": {"kk": "Жазба жоқ.", "ru": "Записей нет.", "en": "No entries."},
    "newest": {"kk": "Ең жаңа жазбалар", "ru": "Самые новые записи", "en": "Newest entries"},
    "check_the_form": {"kk": "Форманы тексеріңіз: кейбір өрістер қате толтырылған.",
                       "ru": "Проверьте форму: некоторые поля заполнены с ошибками.",
                       "en": "Please check the form: some fields need correcting."},
    "stop_refreshing": {"kk": "Жаңартуды тоқтату", "ru": "Остановить обновление", "en": "Stop refreshing"},
    "refreshing_task": {"kk": "Өтініш беруші жауап бергенше бет өзі жаңарады.",
                        "ru": "Пока заявитель не ответит, страница обновляется сама.",
                        "en": "This page refreshes itself until the applicant answers."},
    # the citizen's "who read my data"
    "data_access": {"kk": "Деректеріме кім қарады", "ru": "Кто смотрел мои данные", "en": "Who read my data"},
    "data_access_intro": {"kk": "Мемлекеттік тізілімдердегі деректеріңізді кім, не үшін оқыды немесе жазды.",
                          "ru": "Кто и для чего читал или записывал ваши данные в государственных реестрах.",
                          "en": "Who read or wrote your data in the state registries, and for what."},
    "system": {"kk": "Жүйе", "ru": "Система", "en": "System"},
    "registry": {"kk": "Тізілім", "ru": "Реестр", "en": "Registry"},
    "data": {"kk": "Деректер", "ru": "Данные", "en": "Data"},
    "purpose": {"kk": "Мақсаты", "ru": "Цель", "en": "Purpose"},
    "read": {"kk": "оқыды", "ru": "чтение", "en": "read"},
    "write": {"kk": "жазды", "ru": "запись", "en": "write"},
    "nobody_read": {"kk": "Деректеріңізді әзірге ешкім оқымады.", "ru": "Ваши данные пока никто не читал.",
                    "en": "Nobody has read your data yet."},
    "gateway_unavailable": {"kk": "Тізілімдер шлюзі қазір жауап бермейді: кейінірек қайталаңыз.",
                            "ru": "Шлюз реестров сейчас не отвечает: попробуйте позже.",
                            "en": "The registries gateway does not answer right now: try again shortly."},
    "citizens_data_only": {"kk": "Бұл бетте азамат өз деректерін көреді.",
                           "ru": "На этой странице гражданин видит свои данные.",
                           "en": "On this page a citizen sees their own data."},
}

# What a form posted wrong, or why the workflow refused it: by field rule, or by the problem's slug.
ACTION_ERRORS: dict[str, Text] = {
    "outcome_missing": {"kk": "Нәтижені таңдаңыз.", "ru": "Выберите итог.", "en": "Choose an outcome."},
    "reason_missing": {"kk": "Кемінде бір негіздемені таңдаңыз.", "ru": "Выберите хотя бы одно основание.",
                       "en": "Choose at least one reason."},
    "question_missing": {"kk": "Сұрақты жазыңыз.", "ru": "Напишите вопрос.", "en": "Write the question."},
    "question_too_long": {"kk": "Сұрақ 4000 таңбадан ұзын.", "ru": "Вопрос длиннее 4000 символов.",
                          "en": "The question is longer than 4000 characters."},
    "comment_too_long": {"kk": "Түсініктеме 4000 таңбадан ұзын.", "ru": "Комментарий длиннее 4000 символов.",
                         "en": "The comment is longer than 4000 characters."},
    "assignee_missing": {"kk": "Маманды таңдаңыз.", "ru": "Выберите специалиста.", "en": "Choose an officer."},
    "stale": {"kk": "Бет ашылғаннан бері тапсырма өзгерді: оны тексеріп, қайта әрекет етіңіз.",
              "ru": "С тех пор как страница открыта, задача изменилась: проверьте её и повторите действие.",
              "en": "The task changed since this page was opened: check it and act again."},
    "form_expired": {"kk": "Форманың мерзімі өтті: қайта жіберіңіз.", "ru": "Срок действия формы истёк: отправьте ещё раз.",
                     "en": "The form has expired: please send it again."},
    "task-closed": {"kk": "Тапсырма жабылған: оны басқа біреу шешкен немесе өтініш қайтарылған.",
                    "ru": "Задача закрыта: её решил кто-то другой или заявление отозвано.",
                    "en": "The task is closed: someone else decided it, or the application was withdrawn."},
    "task-claimed-by-other": {"kk": "Тапсырманы басқа маман орындап жатыр.", "ru": "Задачу ведёт другой специалист.",
                              "en": "Another officer holds the task."},
    "task-awaiting-applicant": {"kk": "Тапсырма өтініш берушінің жауабын күтуде.",
                                "ru": "Задача ждёт ответа заявителя.",
                                "en": "The task waits for the applicant's answer."},
    "task-not-claimed": {"kk": "Тапсырманы ешкім алмаған.", "ru": "Задачу никто не взял.",
                         "en": "Nobody holds the task."},
    "four-eyes": {"kk": "Алғашқы шешімді қабылдаған маман бұл тапсырманы орындай алмайды.",
                  "ru": "Специалист, принявший первое решение, не может вести эту задачу.",
                  "en": "The officer who made the first decision may not act on this task."},
    "role-not-allowed": {"kk": "Тапсырма басшыларға жіберілген.", "ru": "Задача передана руководителям.",
                         "en": "The task was escalated to the supervisors."},
    "supervisor-only": {"kk": "Мұны тек басшы жасай алады.", "ru": "Это может сделать только руководитель.",
                        "en": "Only a supervisor can do this."},
    "assignee-not-in-queue": {"kk": "Осы кезектің маманын таңдаңыз.", "ru": "Выберите специалиста этой очереди.",
                              "en": "Choose an officer of this queue."},
    "outcome-not-allowed": {"kk": "Бұл тапсырмада мұндай нәтиже жоқ.", "ru": "У этой задачи нет такого итога.",
                            "en": "This task has no such outcome."},
    "reason-not-allowed": {"kk": "Негіздемелерді тізімнен таңдаңыз.", "ru": "Выберите основания из списка.",
                           "en": "Choose the reasons from the list."},
    "refused": {"kk": "Әрекет қабылданбады.", "ru": "Действие отклонено.", "en": "The action was refused."},
}

TASK_STATUSES: dict[str, Text] = {
    "open": {"kk": "Ашық", "ru": "Открыта", "en": "Open"},
    "claimed": {"kk": "Орындалуда", "ru": "В работе", "en": "Claimed"},
    "awaiting_applicant": {"kk": "Өтініш берушінің жауабын күтуде", "ru": "Ждёт ответа заявителя",
                           "en": "Awaiting the applicant"},
    "completed": {"kk": "Шешілді", "ru": "Решена", "en": "Decided"},
    "cancelled": {"kk": "Тоқтатылды", "ru": "Отменена", "en": "Cancelled"},
}

OUTCOMES: dict[str, Text] = {
    "approve": {"kk": "Мақұлдау", "ru": "Одобрить", "en": "Approve"},
    "refuse": {"kk": "Бас тарту", "ru": "Отказать", "en": "Refuse"},
    "upheld": {"kk": "Шешім күшінде қалады", "ru": "Решение оставить в силе", "en": "Decision upheld"},
    "overturned": {"kk": "Шешімнің күшін жою", "ru": "Решение отменить", "en": "Decision overturned"},
    "returned": {"kk": "Қайта қарауға қайтару", "ru": "Вернуть на новое рассмотрение",
                 "en": "Returned for a new decision"},
}

HISTORY_ACTIONS: dict[str, Text] = {
    "task.opened": {"kk": "Тапсырма ашылды", "ru": "Задача открыта", "en": "Task opened"},
    "task.claimed": {"kk": "Тапсырма алынды", "ru": "Задача взята", "en": "Task taken"},
    "task.released": {"kk": "Кезекке қайтарылды", "ru": "Возвращена в очередь", "en": "Given back to the queue"},
    "task.reassigned": {"kk": "Басқа маманға берілді", "ru": "Передана другому специалисту",
                        "en": "Given to another officer"},
    "task.info_requested": {"kk": "Өтініш берушіден сұралды", "ru": "Запрошено у заявителя",
                            "en": "Applicant asked"},
    "task.info_answered": {"kk": "Өтініш беруші жауап берді", "ru": "Заявитель ответил",
                           "en": "Applicant answered"},
    "task.escalated": {"kk": "Басшыға жіберілді", "ru": "Передана руководителю", "en": "Escalated"},
    "task.completed": {"kk": "Шешім қабылданды", "ru": "Решение принято", "en": "Decided"},
    "task.cancelled": {"kk": "Тоқтатылды", "ru": "Отменена", "en": "Cancelled"},
}


class OfficerTexts:
    """`o.inbox` in a template: OFFICER_TEXTS in one language, then the citizen pages' TEXTS."""

    def __init__(self, language: str) -> None:
        self.language = language

    def __getattr__(self, key: str) -> str:
        table = OFFICER_TEXTS if key in OFFICER_TEXTS else TEXTS
        if key not in table:
            raise AttributeError(key)
        return table[key][self.language]


__all__ = ["ACTION_ERRORS", "HISTORY_ACTIONS", "OFFICER_TEXTS", "OUTCOMES", "OfficerTexts", "TASK_STATUSES"]
