"""The words of the exchange's pages (guidance test, applications and offers, candidates), kk/ru/en."""

from __future__ import annotations


def _t(kk: str, ru: str, en: str) -> dict[str, str]:
    return {"kk": kk, "ru": ru, "en": en}


GUIDANCE = {
    "heading": _t("Кәсіби бағдар тесті", "Тест на профориентацию", "Vocational guidance test"),
    "send": _t("Нәтижені көру", "Узнать результат", "See the result"),
    "result": _t("Сіздің нәтижеңіз", "Ваш результат", "Your result"),
    "profile": _t("Қызығушылықтар бейіні", "Профиль интересов", "Interest profile"),
    "type": _t("Түрі", "Тип", "Type"),
    "score": _t("Ұпай (0–100)", "Балл (0–100)", "Score (0–100)"),
    "recommended": _t("Ұсынылатын мамандықтар", "Рекомендуемые профессии", "Recommended occupations"),
    "again": _t("Тестті қайта тапсыру", "Пройти тест заново", "Take the test again"),
    "errors": _t("Кейбір сұрақтарға жауап берілмеді.", "На некоторые вопросы нет ответа.",
                 "Some questions have no answer."),
}
APPLICATIONS = {
    "heading": _t("Менің өтініштерім мен ұсыныстарым", "Мои отклики и предложения", "My applications and offers"),
    "none": _t("Сіз әлі ешбір бос орынға өтініш бермедіңіз.", "Вы ещё не откликались на вакансии.",
               "You have not applied to any vacancy yet."),
    "matches": _t("Сізге сәйкес бос орындар", "Подходящие вам вакансии", "Vacancies that fit you"),
    "renew": _t("Қайта тіркелу (тіркеуді ұзарту)", "Зарегистрироваться заново (продлить регистрацию)",
                "Register again (renew the registration)"),
    "support": _t("Сізге қолжетімді қолдау шаралары", "Доступные вам меры поддержки", "Support measures open to you"),
    "offer": _t("Ұсыныс: айына {pay} ₸", "Предложение: {pay} ₸ в месяц", "Offer: {pay} ₸ a month"),
    "suitable": _t("Бұл ұсыныс лайықты: одан бас тарту тіркеледі және атаулы әлеуметтік көмекке әсер етеді.",
                   "Это предложение подходящее: отказ от него фиксируется и влияет на адресную социальную помощь.",
                   "This offer is suitable: refusing it is recorded and affects targeted social assistance."),
    "unsuitable": _t("Бұл ұсыныс лайықты емес: одан бас тарту сізге қарсы саналмайды.",
                     "Это предложение не является подходящим: отказ от него не ставится вам в вину.",
                     "This offer is not suitable: refusing it is not held against you."),
    "why": _t("Неге", "Почему", "Why"),
    "message": _t("Жұмыс берушінің хабары", "Сообщение работодателя", "The employer's message"),
    "accept": _t("Қабылдау", "Принять", "Accept"),
    "refuse": _t("Бас тарту", "Отказаться", "Refuse"),
    "withdraw": _t("Өтінішті қайтарып алу", "Отозвать отклик", "Withdraw the application"),
    "apply": _t("Өтініш беру", "Откликнуться", "Apply"),
    "applied": _t("Өтініш берілді", "Отклик отправлен", "Applied"),
    "expired": _t("Форманың мерзімі өтті: қайта жіберіңіз.", "Форма устарела: отправьте её ещё раз.",
                  "The form expired: send it again."),
}
STATUSES = {
    "applied": _t("Өтініш берілді", "Отклик отправлен", "Applied"),
    "invited": _t("Сұхбатқа шақырылды", "Приглашение на собеседование", "Invited to an interview"),
    "offered": _t("Жұмыс ұсынылды", "Предложена работа", "Job offered"),
    "rejected": _t("Бас тартылды", "Отказ работодателя", "Rejected by the employer"),
    "accepted": _t("Ұсыныс қабылданды", "Предложение принято", "Offer accepted"),
    "refused": _t("Ұсыныстан бас тартылды", "Отказ от предложения", "Offer refused"),
    "withdrawn": _t("Қайтарылып алынды", "Отозван", "Withdrawn"),
}
CANDIDATES = {
    "heading": _t("Үміткерлер", "Кандидаты", "Candidates"),
    "unnamed": _t("Өтініш бергенге дейін үміткердің аты-жөні мен ЖСН көрсетілмейді.",
                  "Имя и ИИН кандидата не показываются, пока он не откликнулся.",
                  "A candidate's name and IIN are not shown until they apply."),
    "none": _t("Әзірге үміткерлер жоқ.", "Кандидатов пока нет.", "No candidates yet."),
    "candidate": _t("Үміткер", "Кандидат", "Candidate"),
    "applicant": _t("Өтініш берді, ЖСН {iin}", "Откликнулся, ИИН {iin}", "Applied, IIN {iin}"),
    "applications": _t("Өтініштер", "Отклики", "Applications"),
    "no_applications": _t("Әзірге өтініш жоқ.", "Откликов пока нет.", "No applications yet."),
    "answer": _t("Жауап", "Ответ", "Answer"),
    "invite": _t("Сұхбатқа шақыру", "Пригласить на собеседование", "Invite to an interview"),
    "offer": _t("Жұмыс ұсыну", "Предложить работу", "Offer the job"),
    "reject": _t("Бас тарту", "Отказать", "Reject"),
    "pay": _t("Айлық жалақы, теңге", "Зарплата в месяц, тенге", "Pay a month, tenge"),
    "message": _t("Хабар", "Сообщение", "Message"),
    "send": _t("Жіберу", "Отправить", "Send"),
    "part": _t("Бөлік", "Часть", "Part"),
    "points": _t("Ұпай", "Баллы", "Points"),
    "why": _t("Себебі", "Почему", "Why"),
    "back": _t("Бос орындарға оралу", "К вакансиям", "Back to the vacancies"),
    "see": _t("Үміткерлер мен өтініштер", "Кандидаты и отклики", "Candidates and applications"),
}
