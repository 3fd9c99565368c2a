"""The labour exchange's sentences in kk, ru and en (kept apart from policies/texts.py).

Same template language as policies/texts.py: ``{x:tenge}``, ``{x:num}``, ``{x:pct}``,
``{x:date}``, and a ``Text`` parameter is written in the template's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from policies.decision import Reason, Text, plain
from policies.references import labour_reference_for
from policies.texts import render

__all__ = ["say", "LABOUR_TEXTS", "EXCLUSIONS", "MATCH_PARTS", "STATUSES", "TARGET_GROUPS", "EDUCATION_LEVELS",
           "SOURCES", "DISCRIMINATION"]

EXCLUSIONS: dict[str, Text] = {
    "active_employment_contract": {
        "kk": "күші бар еңбек шарты", "ru": "действующий трудовой договор", "en": "an active employment contract"},
    "pensioner_by_age": {
        "kk": "жасына байланысты зейнеткер", "ru": "пенсионер по возрасту", "en": "an age pension"},
    "full_time_student": {
        "kk": "күндізгі оқу нысанында оқу", "ru": "очное обучение", "en": "full-time study"},
    "registered_entrepreneur": {
        "kk": "дара кәсіпкер ретінде тіркелу", "ru": "регистрация индивидуальным предпринимателем",
        "en": "an entrepreneur registration"},
}

MATCH_PARTS: dict[str, Text] = {
    "occupation": {"kk": "мамандық", "ru": "профессия", "en": "occupation"},
    "skills": {"kk": "дағдылар", "ru": "навыки", "en": "skills"},
    "region": {"kk": "өңір", "ru": "регион", "en": "region"},
    "salary": {"kk": "жалақы", "ru": "зарплата", "en": "salary"},
    "experience": {"kk": "тәжірибе", "ru": "опыт", "en": "experience"},
}

STATUSES: dict[str, Text] = {
    "job_seeker": {"kk": "тіркелген жұмыс іздеуші", "ru": "зарегистрированный ищущий работу",
                   "en": "a registered job seeker"},
    "unemployed": {"kk": "тіркелген жұмыссыз", "ru": "зарегистрированный безработный",
                   "en": "registered as unemployed"},
    "entrepreneur": {"kk": "дара кәсіпкер", "ru": "индивидуальный предприниматель", "en": "an individual entrepreneur"},
    "self_employed": {"kk": "өзін-өзі жұмыспен қамтыған", "ru": "самозанятый", "en": "self-employed"},
}

TARGET_GROUPS: dict[str, Text] = {
    "disability": {"kk": "мүгедектігі бар адамдар", "ru": "лица с инвалидностью", "en": "people with a disability"},
    "long_term_unemployed": {"kk": "ұзақ уақыт жұмыссыздар", "ru": "длительно безработные",
                             "en": "the long-term unemployed"},
    "single_parent": {"kk": "жалғызбасты ата-аналар", "ru": "одинокие родители", "en": "single parents"},
    "large_family": {"kk": "көпбалалы отбасылар", "ru": "многодетные семьи", "en": "large families"},
    "pre_pension_age": {"kk": "зейнеткерлік жасқа жақын адамдар", "ru": "лица предпенсионного возраста",
                        "en": "people close to pension age"},
    "released_from_prison": {"kk": "бас бостандығынан айыру орындарынан босатылғандар",
                             "ru": "освобождённые из мест лишения свободы", "en": "people released from prison"},
    "care_leaver": {"kk": "жетім балалар мен ата-ана қамқорлығынсыз қалған балалар",
                    "ru": "сироты и оставшиеся без попечения родителей", "en": "care leavers and orphans"},
    "kandas": {"kk": "қандастар", "ru": "кандасы", "en": "kandas (ethnic Kazakh returnees)"},
    "youth_neet": {"kk": "оқымайтын және жұмыс істемейтін жастар", "ru": "не учащаяся и не работающая молодёжь",
                   "en": "young people not in education or work"},
}

EDUCATION_LEVELS: dict[str, Text] = {
    "tvet": {"kk": "колледж (ТжКБ)", "ru": "колледж (ТиПО)", "en": "college (TVET)"},
    "higher": {"kk": "жоғары оқу орны", "ru": "вуз", "en": "university"},
}

# Where a fact comes from, as a reason names it (registry codes of connectors/ and the SupportFacts).
SOURCES: dict[str, Text] = {
    "population": {"kk": "«Жеке тұлғалар» мемлекеттік деректер қоры", "ru": "ГБД «Физические лица»",
                   "en": "the population registry"},
    "family": {"kk": "«Жеке тұлғалар» деректер қорындағы отбасы құрамы",
               "ru": "состав семьи в ГБД «Физические лица»", "en": "the family record of the population registry"},
    "social_payments": {"kk": "Зейнетақы төлеу жөніндегі мемлекеттік орталық",
                        "ru": "Государственный центр по выплате пенсий", "en": "the State Centre for Pension Payments"},
    "contracts": {"kk": "еңбек шарттарының бірыңғай жүйесі", "ru": "единая система учёта трудовых договоров",
                  "en": "the employment contracts registry"},
    "education": {"kk": "Ұлттық білім беру деректер қоры", "ru": "Национальная образовательная база данных",
                  "en": "the National education database"},
    "special_records": {"kk": "Құқықтық статистика және арнайы есепке алу комитеті",
                        "ru": "Комитет по правовой статистике и специальным учётам",
                        "en": "the Committee on Legal Statistics and Special Accounts"},
    "businesses": {"kk": "«Заңды тұлғалар» мемлекеттік деректер қоры", "ru": "ГБД «Юридические лица»",
                   "en": "the businesses registry"},
    "tax": {"kk": "Мемлекеттік кірістер комитеті", "ru": "Комитет государственных доходов",
            "en": "the State Revenue Committee"},
    "labour_exchange": {"kk": "мансап орталығының есебі", "ru": "учёт центра карьеры",
                        "en": "the career centre's record"},
    "nothing": {"kk": "ешбір тізілім оқылмады", "ru": "ни один реестр не прочитан", "en": "no registry was read"},
}

DISCRIMINATION: dict[str, Text] = {
    "age": {"kk": "жасқа", "ru": "к возрасту", "en": "an age"},
    "sex": {"kk": "жынысқа", "ru": "к полу", "en": "a sex"},
    "ethnicity": {"kk": "ұлтқа", "ru": "к национальности", "en": "an ethnicity"},
}

LABOUR_TEXTS: dict[str, Text] = {
    # ------------------------------------------------------------ job seeker and unemployed status
    "job_seeker_age_ok": {
        "kk": "{on:date} күнгі жасыңыз: {age} толық жыл — жұмыс іздеуші ретінде тіркелуге болады.",
        "ru": "Ваш возраст на {on:date}: {age} полных лет — можно зарегистрироваться как ищущий работу.",
        "en": "You are {age} years old on {on:date}: old enough to register as a job seeker.",
    },
    "job_seeker_age_below_minimum": {
        "kk": "{on:date} күнгі жасыңыз: {age} толық жыл. Жұмыс іздеуші немесе жұмыссыз ретінде "
              "{minimum_age} жастан бастап тіркелуге болады.",
        "ru": "Ваш возраст на {on:date}: {age} полных лет. Зарегистрироваться как ищущий работу или "
              "безработный можно с {minimum_age} лет.",
        "en": "You are {age} years old on {on:date}. A person can register as a job seeker or as unemployed "
              "from the age of {minimum_age}.",
    },
    "job_seeker_employed": {
        "kk": "Сіз жұмыс істейсіз: жұмыс іздеуші ретінде тіркелуге болады, бірақ жұмыссыз мәртебесі берілмейді.",
        "ru": "Вы работаете: зарегистрироваться как ищущий работу можно, но статус безработного не присваивается.",
        "en": "You are employed: you may register as a job seeker, but you cannot be registered as unemployed.",
    },
    "job_seeker_deceased": {
        "kk": "«Жеке тұлғалар» мемлекеттік дерекқоры бойынша бұл адам қайтыс болған.",
        "ru": "По данным государственной базы «Физические лица» этот человек умер.",
        "en": "The population register records this person as deceased.",
    },
    "unemployed_excluded_active_employment_contract": {
        "kk": "Электрондық еңбек кітапшасында {on:date} күні күші бар еңбек шарты бар ({employer}). "
              "Жұмыс істейтін адам жұмыс іздеуші бола алады, бірақ жұмыссыз бола алмайды.",
        "ru": "В электронной трудовой книжке на {on:date} есть действующий трудовой договор ({employer}). "
              "Работающий человек может искать работу, но не может быть признан безработным.",
        "en": "Your e-employment record shows an active employment contract on {on:date} ({employer}). "
              "A person in work may look for a job, but cannot be registered as unemployed.",
    },
    "unemployed_excluded_pensioner_by_age": {
        "kk": "«Жеке тұлғалар» дерекқоры бойынша сіз жасына байланысты зейнеткерсіз: жасына байланысты "
              "зейнеткерлерге жұмыссыз мәртебесі берілмейді. Жұмыс іздеуші ретінде тіркелуге болады.",
        "ru": "По данным базы «Физические лица» вы пенсионер по возрасту: пенсионеры по возрасту не признаются "
              "безработными. Зарегистрироваться как ищущий работу можно.",
        "en": "The population register records you as receiving an age pension: age pensioners cannot be "
              "registered as unemployed. You may still register as a job seeker.",
    },
    "unemployed_excluded_full_time_student": {
        "kk": "«Жеке тұлғалар» дерекқоры бойынша сіз күндізгі оқу нысанында оқисыз: күндізгі оқитындарға "
              "жұмыссыз мәртебесі берілмейді. Жұмыс іздеуші ретінде тіркелуге болады.",
        "ru": "По данным базы «Физические лица» вы учитесь очно: обучающиеся очно не признаются безработными. "
              "Зарегистрироваться как ищущий работу можно.",
        "en": "The population register records you as a full-time student: full-time students cannot be "
              "registered as unemployed. You may still register as a job seeker.",
    },
    "unemployed_excluded_registered_entrepreneur": {
        "kk": "Заңды тұлғалар мен дара кәсіпкерлер тізілімі бойынша сіз дара кәсіпкер ретінде тіркелгенсіз: кәсіпкерге "
              "жұмыссыз мәртебесі берілмейді. Алдымен дара кәсіпкер қызметін тоқтатыңыз.",
        "ru": "По реестру юридических лиц и ИП вы зарегистрированы индивидуальным предпринимателем: "
              "предприниматель не признаётся безработным. Сначала прекратите деятельность ИП.",
        "en": "The businesses register records you as an individual entrepreneur: an entrepreneur cannot be "
              "registered as unemployed. Close the entrepreneur registration first.",
    },
    "unemployed_no_exclusion": {
        "kk": "{on:date} күні жұмыссыз мәртебесіне кедергі жоқ; тексерілді: {checked}.",
        "ru": "На {on:date} нет препятствий для статуса безработного; проверено: {checked}.",
        "en": "Nothing on record on {on:date} bars unemployed status; checked: {checked}.",
    },
    # ------------------------------------------------------------ unemployment benefit
    "benefit_not_unemployed": {
        "kk": "Жұмысынан айырылған жағдайдағы әлеуметтік төлем жұмыссыз ретінде тіркелген адамға төленеді; "
              "{on:date} күні сізде жұмыссыз мәртебесі жоқ.",
        "ru": "Социальная выплата на случай потери работы назначается зарегистрированному безработному; "
              "на {on:date} у вас нет статуса безработного.",
        "en": "The payment for loss of work goes to a person registered as unemployed; you have no "
              "unemployed status on {on:date}.",
    },
    "benefit_job_loss_after_application": {
        "kk": "Жұмыстан айырылған күн ({job_lost_on:date}) өтініш күнінен ({on:date}) кейін: төлем жұмыстан "
              "айырылғаннан кейін ғана тағайындалады.",
        "ru": "Дата потери работы ({job_lost_on:date}) позже даты обращения ({on:date}): выплата назначается "
              "только после потери работы.",
        "en": "The date the work was lost ({job_lost_on:date}) is after the application ({on:date}): the "
              "payment can only be granted once the work is lost.",
    },
    "benefit_contributions_too_few": {
        "kk": "{window_from:date} – {window_to:date} аралығындағы {window} айдың {months} айында ғана "
              "әлеуметтік аударымдар төленген; кемінде {minimum} ай қажет.",
        "ru": "Социальные отчисления уплачены только за {months} из {window} месяцев с {window_from:date} по "
              "{window_to:date}; нужно не меньше {minimum}.",
        "en": "Social contributions were paid for only {months} of the {window} months from {window_from:date} "
              "to {window_to:date}; at least {minimum} are needed.",
    },
    "benefit_contributions_enough": {
        "kk": "{window_from:date} – {window_to:date} аралығындағы {window} айдың {months} айында әлеуметтік "
              "аударымдар төленген (кемінде {minimum} ай қажет). Жұмыстан босау себебі маңызды емес.",
        "ru": "Социальные отчисления уплачены за {months} из {window} месяцев с {window_from:date} по "
              "{window_to:date} (нужно не меньше {minimum}). Причина увольнения значения не имеет.",
        "en": "Social contributions were paid for {months} of the {window} months from {window_from:date} to "
              "{window_to:date} (at least {minimum} are needed). The reason the work ended does not matter.",
    },
    "benefit_average_income": {
        "kk": "Орташа айлық табыс: {window} айдағы аударымдар салынған табыс {total:tenge} ÷ {window} = "
              "{average:tenge}.",
        "ru": "Среднемесячный доход: доход, с которого уплачены отчисления за {window} мес., {total:tenge} "
              "÷ {window} = {average:tenge}.",
        "en": "Average monthly income: {total:tenge} of income contributions were paid on over {window} months "
              "÷ {window} = {average:tenge}.",
    },
    "benefit_average_income_capped": {
        "kk": "Орташа табыс {average:tenge} шектен асады: {cap_mw:num} ЕТЖ = {cap:tenge} ({on:date} күнгі ЕТЖ "
              "{minimum_wage:tenge}); есепке {cap:tenge} алынады.",
        "ru": "Средний доход {average:tenge} выше предела {cap_mw:num} МЗП = {cap:tenge} (МЗП на {on:date}: "
              "{minimum_wage:tenge}); в расчёт берётся {cap:tenge}.",
        "en": "The average income of {average:tenge} is above the cap of {cap_mw:num} minimum wages = "
              "{cap:tenge} (minimum wage on {on:date}: {minimum_wage:tenge}); {cap:tenge} is used.",
    },
    "benefit_participation": {
        "kk": "Барлық еңбек жолында {career_months} ай әлеуметтік аударымдар төленген: қатысу өтілі "
              "коэффициенті {coefficient:num}, төлем {duration} ай бойы.",
        "ru": "За всю трудовую жизнь социальные отчисления уплачены за {career_months} мес.: коэффициент "
              "стажа участия {coefficient:num}, выплата на {duration} мес.",
        "en": "Social contributions were paid for {career_months} months over your whole career: a "
              "participation coefficient of {coefficient:num}, paid for {duration} months.",
    },
    "benefit_amount": {
        "kk": "Айлық төлем: {income:tenge} × {replacement:num} (табысты алмастыру коэффициенті, "
              "{replacement_from:date} бастап) × {participation:num} (қатысу өтілі) = {amount:tenge}.",
        "ru": "Ежемесячная выплата: {income:tenge} × {replacement:num} (коэффициент замещения дохода, с "
              "{replacement_from:date}) × {participation:num} (стаж участия) = {amount:tenge}.",
        "en": "Monthly payment: {income:tenge} × {replacement:num} (income replacement, in force from "
              "{replacement_from:date}) × {participation:num} (participation) = {amount:tenge}.",
    },
    "benefit_period": {
        "kk": "Төлем {starts_on:date} бастап {ends_on:date} дейін ({duration} ай) — өтініш берген күн мен "
              "жұмыссыз мәртебесі берілген күннің кейінгісінен. Жұмысқа орналассаңыз, төлем тоқтатылады.",
        "ru": "Выплата с {starts_on:date} по {ends_on:date} ({duration} мес.) — с более поздней из дат "
              "обращения и присвоения статуса безработного. При трудоустройстве выплата прекращается.",
        "en": "Paid from {starts_on:date} to {ends_on:date} ({duration} months), counted from the later of the "
              "application and the grant of unemployed status. Payments stop when you start work.",
    },
    # ------------------------------------------------------------ matching: one sentence per part
    "match_occupation_desired": {
        "kk": "Вакансия «{occupation}» — сіз қалаған мамандықтардың бірі.",
        "ru": "Вакансия «{occupation}» — одна из желаемых вами профессий.",
        "en": "The vacancy is for “{occupation}”, one of the occupations you want.",
    },
    "match_occupation_minor_group": {
        "kk": "«{occupation}» сіздің «{yours}» мамандығыңызбен бір топта (топ коды {group}).",
        "ru": "«{occupation}» входит в одну группу с вашей профессией «{yours}» (код группы {group}).",
        "en": "“{occupation}” is in the same occupation group as your “{yours}” (ISCO-08 {group}).",
    },
    "match_occupation_sub_major_group": {
        "kk": "«{occupation}» сіздің «{yours}» мамандығыңызбен бір салада (сала коды {group}).",
        "ru": "«{occupation}» относится к той же области, что и ваша профессия «{yours}» (код области {group}).",
        "en": "“{occupation}” is in the same field as your “{yours}” (ISCO-08 {group}).",
    },
    "match_occupation_other": {
        "kk": "«{occupation}» сіз қалаған мамандықтарға да, соңғы жұмысыңызға да жақын емес.",
        "ru": "«{occupation}» не относится ни к желаемым профессиям, ни к вашей последней работе.",
        "en": "“{occupation}” is neither one of the occupations you want nor close to your last job.",
    },
    "match_skills_none_required": {
        "kk": "Вакансия арнайы дағдыларды талап етпейді.",
        "ru": "Вакансия не требует особых навыков.",
        "en": "The vacancy asks for no particular skills.",
    },
    "match_skills_overlap": {
        "kk": "Талап етілген {required} дағдының {matched} дағдысы сізде бар: {have}. Жетіспейтіні: {missing}.",
        "ru": "У вас {matched} из {required} требуемых навыков: {have}. Не хватает: {missing}.",
        "en": "You have {matched} of the {required} skills asked for: {have}. Missing: {missing}.",
    },
    "match_region_yours": {
        "kk": "Жұмыс орны — {region}, сіз таңдаған өңір.",
        "ru": "Место работы — {region}, в выбранном вами регионе.",
        "en": "The job is in {region}, a region you chose.",
    },
    "match_region_relocation": {
        "kk": "Жұмыс орны — {region}, сіз таңдаған өңірлерден тыс, бірақ сіз көшуге дайынсыз.",
        "ru": "Место работы — {region}, вне выбранных вами регионов, но вы готовы к переезду.",
        "en": "The job is in {region}, outside your regions, and you are willing to relocate.",
    },
    "match_region_elsewhere": {
        "kk": "Жұмыс орны — {region}, сіз таңдаған өңірлерден тыс, ал сіз көшуге дайын емессіз.",
        "ru": "Место работы — {region}, вне выбранных вами регионов, а к переезду вы не готовы.",
        "en": "The job is in {region}, outside your regions, and you did not choose to relocate.",
    },
    "match_salary_no_expectation": {
        "kk": "Сіз күтетін жалақыны көрсетпедіңіз; вакансия {offered:tenge} дейін төлейді.",
        "ru": "Вы не указали ожидаемую зарплату; вакансия предлагает до {offered:tenge}.",
        "en": "You gave no salary expectation; the vacancy pays up to {offered:tenge}.",
    },
    "match_salary_meets": {
        "kk": "Вакансия {offered:tenge} дейін төлейді, бұл сіз күткен {expected:tenge} сомасынан кем емес.",
        "ru": "Вакансия предлагает до {offered:tenge}, не меньше ожидаемых вами {expected:tenge}.",
        "en": "The vacancy pays up to {offered:tenge}, at least your expectation of {expected:tenge}.",
    },
    "match_salary_below": {
        "kk": "Вакансия {offered:tenge} дейін төлейді, бұл сіз күткен {expected:tenge} сомасынан {gap:pct} төмен.",
        "ru": "Вакансия предлагает до {offered:tenge}, это на {gap:pct} меньше ожидаемых вами {expected:tenge}.",
        "en": "The vacancy pays up to {offered:tenge}, {gap:pct} below your expectation of {expected:tenge}.",
    },
    "match_experience_none_required": {
        "kk": "Тәжірибе талап етілмейді.",
        "ru": "Опыт работы не требуется.",
        "en": "No experience is required.",
    },
    "match_experience_enough": {
        "kk": "Осы немесе жақын мамандықтағы тәжірибеңіз {months} ай, талап — {required} ай.",
        "ru": "Ваш опыт в этой или близкой профессии — {months} мес., требуется {required} мес.",
        "en": "You have {months} months of experience in this or a related occupation; {required} are asked for.",
    },
    "match_experience_short": {
        "kk": "Осы немесе жақын мамандықтағы тәжірибеңіз {months} ай, ал талап — {required} ай.",
        "ru": "Ваш опыт в этой или близкой профессии — {months} мес., а требуется {required} мес.",
        "en": "You have {months} months of experience in this or a related occupation, but {required} are asked for.",
    },
    # ------------------------------------------------------------ vocational guidance test
    "guidance_answer_missing": {
        "kk": "«{question}» сұрағына жауап жоқ.",
        "ru": "Нет ответа на вопрос «{question}».",
        "en": "The question “{question}” has no answer.",
    },
    "guidance_answer_out_of_range": {
        "kk": "«{question}» сұрағына жауап {minimum}-ден {maximum}-ге дейінгі бүтін сан болуы керек, "
              "берілгені: {given}.",
        "ru": "Ответ на вопрос «{question}» должен быть целым числом от {minimum} до {maximum}, получено: {given}.",
        "en": "The answer to “{question}” must be a whole number from {minimum} to {maximum}; got {given}.",
    },
    "guidance_unknown_question": {
        "kk": "Сауалнамада «{question}» сұрағы жоқ.",
        "ru": "В анкете нет вопроса «{question}».",
        "en": "The questionnaire has no question “{question}”.",
    },
    "guidance_strongest_interests": {
        "kk": "Сіздің ең күшті қызығушылықтарыңыз: {first} ({first_score:num}), {second} ({second_score:num}), "
              "{third} ({third_score:num}) — 100 ұпайдан.",
        "ru": "Ваши самые сильные интересы: {first} ({first_score:num}), {second} ({second_score:num}), "
              "{third} ({third_score:num}) из 100.",
        "en": "Your strongest interests: {first} ({first_score:num}), {second} ({second_score:num}) and "
              "{third} ({third_score:num}), out of 100.",
    },
    "guidance_type_summary": {
        "kk": "{title} түрі: {summary}.",
        "ru": "Тип «{title}»: {summary}.",
        "en": "{title} type: {summary}.",
    },
    "guidance_flat_profile": {
        "kk": "Жауаптарыңыз барлық түрлер бойынша ұқсас (айырмашылық {spread:num} ұпай), сондықтан ұсыныстар әлсіз: "
              "мансап орталығының кеңесшісімен сөйлесіңіз.",
        "ru": "Ваши ответы почти одинаковы для всех типов (разница {spread:num} баллов), поэтому рекомендации "
              "слабые: поговорите с консультантом центра занятости.",
        "en": "Your answers are much the same for every type (a spread of {spread:num} points), so the "
              "recommendations are weak: talk to a career-centre adviser.",
    },
    "guidance_recommendation": {
        "kk": "«{occupation}» {first} ({first_score:num}) және {second} ({second_score:num}) "
              "қызығушылық түрлеріне сай келеді.",
        "ru": "«{occupation}» соответствует типам интересов «{first}» ({first_score:num}) и "
              "«{second}» ({second_score:num}).",
        "en": "“{occupation}” suits the {first} ({first_score:num}) and {second} ({second_score:num}) "
              "interest types.",
    },
    # ------------------------------------------------------------ support measures and courses
    "support_status_ok": {
        "kk": "Сіз — {status}.",
        "ru": "Вы — {status}.",
        "en": "You are {status}.",
    },
    "support_status_missing": {
        "kk": "Бұл шара мыналарға арналған: {statuses}. Алдымен еңбек биржасында тіркеліңіз.",
        "ru": "Эта мера для следующих лиц: {statuses}. Сначала зарегистрируйтесь на бирже труда.",
        "en": "This measure is for: {statuses}. Register on the labour exchange first.",
    },
    "support_age_min_ok": {
        "kk": "Жасыңыз {age}, талап — кемінде {min_age}.",
        "ru": "Ваш возраст — {age}, нужно не меньше {min_age}.",
        "en": "You are {age}, at least {min_age}.",
    },
    "support_age_min_fail": {
        "kk": "Жасыңыз {age}; бұл шара {min_age} жастан бастап.",
        "ru": "Ваш возраст — {age}; эта мера — с {min_age} лет.",
        "en": "You are {age}; this measure is from the age of {min_age}.",
    },
    "support_age_under_ok": {
        "kk": "Жасыңыз {age}, яғни {under_age} жасқа толмағансыз.",
        "ru": "Ваш возраст — {age}, меньше {under_age}.",
        "en": "You are {age}, under {under_age}.",
    },
    "support_age_under_fail": {
        "kk": "Жасыңыз {age}; бұл шара {under_age} жасқа толмаған адамдарға арналған.",
        "ru": "Ваш возраст — {age}; эта мера для тех, кому меньше {under_age} лет.",
        "en": "You are {age}; this measure is for people under {under_age}.",
    },
    "support_graduate_ok": {
        "kk": "Сіз {graduated_on:date} күні бітірдіңіз ({level}; дереккөзі: {source}) — соңғы {years} жыл ішінде.",
        "ru": "Вы окончили {level} {graduated_on:date} (источник: {source}) — в пределах {years} лет.",
        "en": "You graduated from a {level} on {graduated_on:date} (source: {source}), within {years} years.",
    },
    "support_graduate_fail": {
        "kk": "Бұл шара бітіргеніне {years} жылдан аспаған түлектерге арналған ({levels}); {source} "
              "{since:date} бастап мұндай бітіруді көрсетпейді.",
        "ru": "Эта мера для выпускников ({levels}) не позднее {years} лет после окончания; по данным "
              "источника «{source}» окончания с {since:date} нет.",
        "en": "This measure is for graduates ({levels}) within {years} years of graduating; {source} shows no "
              "such graduation since {since:date}.",
    },
    "support_graduate_unknown": {
        "kk": "Бұл шара бітіргеніне {years} жылдан аспаған түлектерге арналған ({levels}); білім туралы "
              "мәлімет оқылмады.",
        "ru": "Эта мера для выпускников ({levels}) не позднее {years} лет после окончания; сведения об "
              "образовании не прочитаны.",
        "en": "This measure is for graduates ({levels}) within {years} years of graduating; your education "
              "record was not read.",
    },
    "support_target_group_ok": {
        "kk": "Сіз осы шара арналған топқа жатасыз: {groups}.",
        "ru": "Вы относитесь к группе, для которой предназначена мера: {groups}.",
        "en": "You belong to a group this measure is for: {groups}.",
    },
    "support_target_group_fail": {
        "kk": "Бұл шара мыналарға арналған: {groups}; сізде олардың ешқайсысы тіркелмеген (тексерілгені: {checked}).",
        "ru": "Эта мера для следующих групп: {groups}; ни одна из них у вас не зарегистрирована (проверено: "
              "{checked}).",
        "en": "This measure is for: {groups}; none of these is on record for you (checked: {checked}).",
    },
    "support_fact_disability": {
        "kk": "{group} — {group_no}-топтағы мүгедектік, жәрдемақы төленеді ({source})",
        "ru": "{group} — инвалидность {group_no} группы, выплачивается пособие ({source})",
        "en": "{group} — a group {group_no} disability with a benefit paid ({source})",
    },
    "support_fact_large_family": {
        "kk": "{group} — отбасыңызда {under} жасқа толмаған {children} бала ({source})",
        "ru": "{group} — в семье {children} детей младше {under} лет ({source})",
        "en": "{group} — {children} children under {under} in your family ({source})",
    },
    "support_fact_single_parent": {
        "kk": "{group} — {under} жасқа толмаған {children} бала, жұбайы тіркелмеген ({source})",
        "ru": "{group} — детей младше {under} лет: {children}, супруг(а) не зарегистрирован(а) ({source})",
        "en": "{group} — {children} children under {under} and no spouse on record ({source})",
    },
    "support_fact_pre_pension_age": {
        "kk": "{group} — {pension_age} жасқа {pension_on:date} толасыз, {years} жылдан аз қалды ({source})",
        "ru": "{group} — пенсионного возраста {pension_age} лет вы достигнете {pension_on:date}, меньше чем через "
              "{years} года ({source})",
        "en": "{group} — you reach the pension age of {pension_age} on {pension_on:date}, within {years} years "
              "({source})",
    },
    "support_fact_long_term_unemployed": {
        "kk": "{group} — {ended_on:date} бастап еңбек шартыңыз жоқ, {months} айдан астам ({source})",
        "ru": "{group} — трудового договора нет с {ended_on:date}, {months} месяцев и больше ({source})",
        "en": "{group} — no employment contract since {ended_on:date}, {months} months or more ({source})",
    },
    "support_fact_kandas": {
        "kk": "{group} — қандас мәртебесі тіркелген ({source})",
        "ru": "{group} — статус кандаса зарегистрирован ({source})",
        "en": "{group} — kandas status on record ({source})",
    },
    "support_fact_youth_neet": {
        "kk": "{group} — жасыңыз {age}, күндізгі оқуда емессіз ({source}), еңбек шартыңыз жоқ ({contracts})",
        "ru": "{group} — вам {age}, вы не учитесь очно ({source}) и у вас нет трудового договора ({contracts})",
        "en": "{group} — aged {age}, not a full-time student ({source}) and no employment contract ({contracts})",
    },
    "support_fact_released_from_prison": {
        "kk": "{group} — {released_on:date} күні босатылдыңыз, соңғы {months} ай ішінде ({source})",
        "ru": "{group} — освобождены {released_on:date}, в пределах {months} месяцев ({source})",
        "en": "{group} — released on {released_on:date}, within {months} months ({source})",
    },
    "support_fact_care_leaver": {
        "kk": "{group} — {left_on:date} күні мемлекеттік қамқорлықтан шықтыңыз, жасыңыз {under}-ге толмаған ({source})",
        "ru": "{group} — вышли из-под государственной опеки {left_on:date}, вам меньше {under} лет ({source})",
        "en": "{group} — left state care on {left_on:date}, under {under} ({source})",
    },
    "support_fact_on_record": {
        "kk": "{group} ({source})",
        "ru": "{group} ({source})",
        "en": "{group} ({source})",
    },
    "support_relocation_region_ok": {
        "kk": "Сіз тұратын өңір — {region}; ол қоныс аударушыларды қабылдайтын өңірлердің қатарында жоқ.",
        "ru": "Вы живёте в регионе «{region}», он не входит в число регионов, принимающих переселенцев.",
        "en": "You live in {region}, which is not one of the regions that invite resettlers.",
    },
    "support_relocation_region_fail": {
        "kk": "Сіз тұратын өңір — {region}; ол өзі қоныс аударушыларды қабылдайтын өңір.",
        "ru": "Вы живёте в регионе «{region}», который сам принимает переселенцев.",
        "en": "You live in {region}, already one of the regions that invite resettlers.",
    },
    "support_willing_to_relocate": {
        "kk": "Профиліңізде басқа өңірге көшуге дайын екеніңіз көрсетілген.",
        "ru": "В вашем профиле указано, что вы готовы переехать в другой регион.",
        "en": "Your profile says you are willing to move to another region.",
    },
    "support_not_willing_to_relocate": {
        "kk": "Профиліңізде басқа өңірге көшуге дайын екеніңіз көрсетілмеген.",
        "ru": "В вашем профиле не указано, что вы готовы переехать в другой регион.",
        "en": "Your profile does not say you are willing to move to another region.",
    },
    "course_free_for_you": {
        "kk": "Курс сіз үшін тегін: {group}.",
        "ru": "Курс для вас бесплатный: {group}.",
        "en": "The course is free for you: {group}.",
    },
    "course_free_for_everyone": {
        "kk": "Курс барлығы үшін тегін.",
        "ru": "Курс бесплатный для всех.",
        "en": "The course is free for everyone.",
    },
    "course_not_free": {
        "kk": "Курс тек мыналар үшін тегін: {groups}; сіз олардың қатарында жоқсыз.",
        "ru": "Курс бесплатный только для следующих лиц: {groups}; вы к ним не относитесь.",
        "en": "The course is free only for: {groups}; you are none of these.",
    },
    "course_online": {
        "kk": "Курс онлайн өтеді.",
        "ru": "Курс проходит онлайн.",
        "en": "The course is online.",
    },
    "course_in_your_region": {
        "kk": "Курс сіз тұратын өңірде өтеді: {region}.",
        "ru": "Курс проходит в вашем регионе: {region}.",
        "en": "The course is in your region: {region}.",
    },
    "course_elsewhere": {
        "kk": "Курс басқа өңірде өтеді: {region}.",
        "ru": "Курс проходит в другом регионе: {region}.",
        "en": "The course is in another region: {region}.",
    },
    "course_occupation_desired": {
        "kk": "Курс сіз қалаған «{occupation}» мамандығына үйретеді.",
        "ru": "Курс готовит по желаемой вами профессии «{occupation}».",
        "en": "The course trains for “{occupation}”, an occupation you want.",
    },
    # ------------------------------------------------------------ suitable job offer
    "suitable_occupation_desired": {
        "kk": "Ұсыныс сіз қалаған «{occupation}» мамандығы бойынша.",
        "ru": "Предложение по желаемой вами профессии «{occupation}».",
        "en": "The offer is for “{occupation}”, an occupation you want.",
    },
    "suitable_occupation_last": {
        "kk": "Ұсыныс соңғы жұмысыңыздағы «{occupation}» мамандығы бойынша.",
        "ru": "Предложение по профессии «{occupation}» с вашей последней работы.",
        "en": "The offer is for “{occupation}”, the occupation of your last job.",
    },
    "unsuitable_occupation": {
        "kk": "«{occupation}» сіз қалаған мамандықтардың қатарында жоқ және соңғы жұмысыңыздың мамандығы емес.",
        "ru": "«{occupation}» нет среди желаемых вами профессий, и это не профессия вашей последней работы.",
        "en": "“{occupation}” is neither an occupation you want nor that of your last job.",
    },
    "suitable_place_settlement": {
        "kk": "Жұмыс сіз тұратын елді мекенде: {settlement}.",
        "ru": "Работа в вашем населённом пункте: {settlement}.",
        "en": "The job is where you live: {settlement}.",
    },
    "suitable_place_relocation": {
        "kk": "Жұмыс сіз көшуге келіскен өңірде: {region}.",
        "ru": "Работа в регионе, куда вы согласились переехать: {region}.",
        "en": "The job is in {region}, where you agreed to move.",
    },
    "unsuitable_place": {
        "kk": "Жұмыс сіз тұратын елді мекеннен тыс ({settlement}, {region}), ал сіз ол жаққа көшуге келіспегенсіз.",
        "ru": "Работа не в вашем населённом пункте ({settlement}, {region}), а переезжать туда вы не соглашались.",
        "en": "The job is away from where you live ({settlement}, {region}), and you did not agree to move there.",
    },
    "suitable_pay_minimum_wage": {
        "kk": "Жалақы {pay:tenge} ең төменгі жалақыдан ({minimum_wage:tenge}, {on:date}) кем емес.",
        "ru": "Зарплата {pay:tenge} не ниже минимальной ({minimum_wage:tenge} на {on:date}).",
        "en": "The pay of {pay:tenge} is at least the minimum wage ({minimum_wage:tenge} on {on:date}).",
    },
    "unsuitable_pay_below_minimum_wage": {
        "kk": "Жалақы {pay:tenge} ең төменгі жалақыдан ({minimum_wage:tenge}, {on:date}) төмен.",
        "ru": "Зарплата {pay:tenge} ниже минимальной ({minimum_wage:tenge} на {on:date}).",
        "en": "The pay of {pay:tenge} is below the minimum wage ({minimum_wage:tenge} on {on:date}).",
    },
    "suitable_pay_last_wage": {
        "kk": "Жалақы {pay:tenge} соңғы жалақыңыздың {share:pct} үлесінен ({floor:tenge}) кем емес.",
        "ru": "Зарплата {pay:tenge} не ниже {share:pct} вашей последней зарплаты ({floor:tenge}).",
        "en": "The pay of {pay:tenge} is at least {share:pct} of your last wage ({floor:tenge}).",
    },
    "unsuitable_pay_below_last_wage": {
        "kk": "Жалақы {pay:tenge} соңғы жалақыңыздың {share:pct} үлесінен ({floor:tenge}) төмен.",
        "ru": "Зарплата {pay:tenge} ниже {share:pct} вашей последней зарплаты ({floor:tenge}).",
        "en": "The pay of {pay:tenge} is below {share:pct} of your last wage ({floor:tenge}).",
    },
    # ------------------------------------------------------------ vacancy checks before publication
    "vacancy_salary_ok": {
        "kk": "Жалақы {salary:tenge} ең төменгі жалақыдан ({minimum_wage:tenge}, {on:date}) кем емес.",
        "ru": "Зарплата {salary:tenge} не ниже минимальной ({minimum_wage:tenge} на {on:date}).",
        "en": "The salary of {salary:tenge} is at least the minimum wage ({minimum_wage:tenge} on {on:date}).",
    },
    "vacancy_salary_below_minimum_wage": {
        "kk": "Жалақы {salary:tenge} ең төменгі жалақыдан ({minimum_wage:tenge}, {on:date}) төмен: мұндай вакансия "
              "жарияланбайды.",
        "ru": "Зарплата {salary:tenge} ниже минимальной ({minimum_wage:tenge} на {on:date}): такая вакансия не "
              "публикуется.",
        "en": "The salary of {salary:tenge} is below the minimum wage ({minimum_wage:tenge} on {on:date}): such a "
              "vacancy is not published.",
    },
    "vacancy_salary_range_inverted": {
        "kk": "Ең жоғары жалақы ({salary_max:tenge}) ең төменгісінен ({salary_min:tenge}) аз.",
        "ru": "Верхняя граница зарплаты ({salary_max:tenge}) меньше нижней ({salary_min:tenge}).",
        "en": "The top of the salary range ({salary_max:tenge}) is below its bottom ({salary_min:tenge}).",
    },
    "vacancy_expiry_ok": {
        "kk": "Вакансия {expires_on:date} дейін жарияланады.",
        "ru": "Вакансия будет опубликована до {expires_on:date}.",
        "en": "The vacancy stays published until {expires_on:date}.",
    },
    "vacancy_expiry_too_soon": {
        "kk": "Жариялау мерзімі ({expires_on:date}) {earliest:date} күнінен ерте болмауы керек.",
        "ru": "Срок публикации ({expires_on:date}) должен быть не раньше {earliest:date}.",
        "en": "The expiry ({expires_on:date}) must be on {earliest:date} or later.",
    },
    "vacancy_term_flagged": {
        "kk": "Мәтінде {category} қатысты талап болуы мүмкін: «{terms}». Модератор тексереді.",
        "ru": "В тексте может быть требование {category}: «{terms}». Вакансию проверит модератор.",
        "en": "The text may state {category} requirement: “{terms}”. A moderator will check the vacancy.",
    },
    "vacancy_no_flagged_terms": {
        "kk": "Мәтінде жасқа, жынысқа немесе ұлтқа қатысты талаптар табылмады.",
        "ru": "В тексте не найдено требований к возрасту, полу или национальности.",
        "en": "No age, sex or ethnicity requirement was found in the text.",
    },
}


def say(code: str, params: Mapping[str, Any]) -> Reason:
    """The Reason for a labour sentence, filled in every language (as policies.texts.reason does for its own)."""
    return Reason(code=code, text=render(LABOUR_TEXTS[code], params), params=plain(dict(params)),
                  reference=labour_reference_for(code))
