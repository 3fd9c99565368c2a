"""The sentences of targeted social assistance decisions, in kk, ru and en, and the names they quote.

The templates join the one catalogue ``policies.texts.TEMPLATES`` when this module is imported
(``policies.tsa`` imports it), so ``reason(code, ...)`` finds them like any other rule's.
Field specs are those of ``policies.texts``: ``{x:tenge}`` whole tenge, ``{x:money}`` tenge
with up to two decimals, ``{x:pct}``, ``{x:num}``, ``{x:date}``.
"""

from __future__ import annotations

from datetime import date

from policies.decision import Text
from policies.texts import TEMPLATES

__all__ = ["TSA_TEMPLATES", "INCOME_KINDS", "EMPLOYMENT", "EXEMPTIONS", "RELATIONS", "SANCTIONS",
           "NOT_COUNTED_WHY", "quarter_name", "names"]


def quarter_name(start: date) -> Text:
    """The quarter that begins on ``start``, e.g. ``Q4 2025``."""
    q = (start.month - 1) // 3 + 1
    return {"kk": f"{start.year} жылғы {q}-тоқсан", "ru": f"{q}-й квартал {start.year} года",
            "en": f"Q{q} {start.year}"}


def names(items: list[str]) -> Text:
    joined = ", ".join(items)
    return {"kk": joined, "ru": joined, "en": joined}


INCOME_KINDS: dict[str, Text] = {
    "wages": {"kk": "жалақы", "ru": "заработная плата", "en": "wages"},
    "benefits": {"kk": "жәрдемақылар", "ru": "пособия", "en": "benefits"},
    "pensions": {"kk": "зейнетақылар", "ru": "пенсии", "en": "pensions"},
    "alimony": {"kk": "алимент", "ru": "алименты", "en": "alimony"},
    "business": {"kk": "кәсіпкерліктен түскен табыс", "ru": "доход от предпринимательства",
                 "en": "business income"},
    "property": {"kk": "мүлікті жалға беруден немесе сатудан түскен табыс",
                 "ru": "доход от аренды или продажи имущества", "en": "rent or sale of property"},
    "transfers": {"kk": "аударымдар", "ru": "денежные переводы", "en": "transfers"},
    "employment_measures": {"kk": "жұмыспен қамтуға жәрдемдесу шараларынан түскен ақы",
                            "ru": "оплата по мерам содействия занятости",
                            "en": "pay from employment-promotion measures"},
    "large_family_allowance": {"kk": "көпбалалы отбасыға жәрдемақы", "ru": "пособие многодетной семье",
                               "en": "large-family allowance"},
    "tsa": {"kk": "атаулы әлеуметтік көмек", "ru": "адресная социальная помощь",
            "en": "targeted social assistance"},
    "housing_assistance": {"kk": "тұрғын үй көмегі", "ru": "жилищная помощь", "en": "housing assistance"},
    "funeral_grant": {"kk": "жерлеуге арналған жәрдемақы", "ru": "пособие на погребение",
                      "en": "funeral grant"},
    "disabled_child_benefit": {"kk": "мүгедек балаға арналған жәрдемақы",
                               "ru": "пособие на ребёнка с инвалидностью",
                               "en": "benefit for a disabled child"},
}

EMPLOYMENT: dict[str, Text] = {
    "none": {"kk": "ешбір шараға қатыспайды", "ru": "не участвует ни в одной мере",
             "en": "in no measure"},
    "employed": {"kk": "жұмыс істейді", "ru": "работает", "en": "working"},
    "self_employed": {"kk": "өзін-өзі жұмыспен қамтыған (жұмыс істейді деп есептеледі)",
                      "ru": "самозанятый (считается работающим)", "en": "self-employed (counts as working)"},
    "job_seeker": {"kk": "еңбек биржасында тіркелген", "ru": "зарегистрирован на бирже труда",
                   "en": "registered on the labour exchange"},
    "training": {"kk": "оқуда", "ru": "проходит обучение", "en": "in training"},
    "support_measure": {"kk": "жұмыспен қамтуға жәрдемдесу шарасына қатысады",
                        "ru": "участвует в мере содействия занятости", "en": "on an employment-support measure"},
    "social_contract": {"kk": "әлеуметтік келісімшарт жасасқан", "ru": "заключил социальный контракт",
                        "en": "signed the social contract"},
}

EXEMPTIONS: dict[str, Text] = {
    "disability": {"kk": "мүгедектігі бар", "ru": "лицо с инвалидностью", "en": "has a disability"},
    "pension_age": {"kk": "зейнеткерлік жаста", "ru": "пенсионного возраста", "en": "of pension age"},
    "full_time_student": {"kk": "күндізгі оқу нысанындағы білім алушы", "ru": "учится очно",
                          "en": "a full-time student"},
    "caring_child_under_3": {"kk": "3 жасқа дейінгі баланы бағады", "ru": "ухаживает за ребёнком до 3 лет",
                             "en": "cares for a child under 3"},
    "caring_disabled_child": {"kk": "мүгедек баланы бағады", "ru": "ухаживает за ребёнком с инвалидностью",
                              "en": "cares for a disabled child"},
    "caring_disabled_adult": {"kk": "I немесе II топтағы мүгедекті бағады",
                              "ru": "ухаживает за лицом с инвалидностью I или II группы",
                              "en": "cares for a person with a group I or II disability"},
    "caring_elderly": {"kk": "қарт адамды бағады", "ru": "ухаживает за пожилым человеком",
                       "en": "cares for an elderly person"},
    "minor": {"kk": "кәмелетке толмаған", "ru": "несовершеннолетний", "en": "under age"},
}

RELATIONS: dict[str, Text] = {
    "applicant": {"kk": "өтініш беруші", "ru": "заявитель", "en": "applicant"},
    "spouse": {"kk": "жұбайы", "ru": "супруг(а)", "en": "spouse"},
    "child": {"kk": "баласы", "ru": "ребёнок", "en": "child"},
    "dependant": {"kk": "асырауындағы адам", "ru": "иждивенец", "en": "dependant"},
    "parent": {"kk": "ата-анасы", "ru": "родитель", "en": "parent"},
    "sibling": {"kk": "бауыры", "ru": "брат или сестра", "en": "sibling"},
    "other": {"kk": "басқа адам", "ru": "другое лицо", "en": "other person"},
}

NOT_COUNTED_WHY: dict[str, Text] = {
    "relation": {"kk": "бұл туыстық отбасы құрамына есептелмейді",
                 "ru": "это родство не входит в состав семьи для АСП",
                 "en": "this relation is not part of the family for TSA"},
    "address": {"kk": "басқа мекенжайда тіркелген", "ru": "зарегистрирован по другому адресу",
                "en": "registered at another address"},
}

SANCTIONS: dict[str, Text] = {
    "job_offer_refused": {"kk": "еңбекке қабілетті отбасы мүшесі ұсынылған жұмыстан бас тартты",
                          "ru": "трудоспособный член семьи отказался от предложенной работы",
                          "en": "an able-bodied member refused a job offer"},
    "false_information": {"kk": "жалған мәліметтер берілді", "ru": "были представлены недостоверные сведения",
                          "en": "false information was given"},
}

TSA_TEMPLATES: dict[str, Text] = {
    "tsa_no_rules_in_force": {
        "kk": "{on:date} күні атаулы әлеуметтік көмектің қолданыстағы ережелері жоқ: ережелер {start:date} "
              "күннен бастап берілген өтініштерге қолданылады.",
        "ru": "На {on:date} нет действующих правил адресной социальной помощи: правила применяются к "
              "заявлениям с {start:date}.",
        "en": "No rules of targeted social assistance are in force on {on:date}: the rules apply to "
              "applications from {start:date}.",
    },
    "tsa_figure_not_in_force": {
        "kk": "{on:date} күнгі өтініш үшін атаулы әлеуметтік көмек ережелері қолданыста емес: «{name}» "
              "көрсеткішінің осы күнге мәні жоқ.",
        "ru": "Для заявления на {on:date} правила адресной социальной помощи не действуют: у показателя "
              "«{name}» нет значения на эту дату.",
        "en": "No rules of targeted social assistance are in force for an application on {on:date}: the "
              "figure “{name}” has no value for it.",
    },
    "tsa_family_counted": {
        "kk": "Отбасы құрамына {count} адам есептеледі: {names}.",
        "ru": "В составе семьи учитываются {count} чел.: {names}.",
        "en": "{count} people count in the family: {names}.",
    },
    "tsa_member_not_counted": {
        "kk": "{name} ({relation}) отбасы құрамына есептелмейді: {why}.",
        "ru": "{name} ({relation}) не учитывается в составе семьи: {why}.",
        "en": "{name} ({relation}) does not count in the family: {why}.",
    },
    "tsa_poverty_line_sm": {
        "kk": "Кедейлік шегі — {quarter} ең төменгі күнкөріс деңгейінің ({sm:tenge}) {share:pct}: {line:money}.",
        "ru": "Черта бедности — {share:pct} прожиточного минимума за {quarter} ({sm:tenge}): {line:money}.",
        "en": "The poverty line is {share:pct} of the subsistence minimum of {quarter} ({sm:tenge}): {line:money}.",
    },
    "tsa_poverty_line_median": {
        "kk": "Кедейлік шегі — {quarter} өңірдегі медианалық табыстың ({median:tenge}) {median_share:pct} = "
              "{by_median:money}, бірақ ең төменгі күнкөріс деңгейінің ({sm:tenge}) {share:pct} = "
              "{floor:money} кем емес: {line:money}.",
        "ru": "Черта бедности — {median_share:pct} медианного дохода региона за {quarter} ({median:tenge}) = "
              "{by_median:money}, но не ниже {share:pct} прожиточного минимума ({sm:tenge}) = {floor:money}: "
              "{line:money}.",
        "en": "The poverty line is {median_share:pct} of the region's median income of {quarter} ({median:tenge}) = "
              "{by_median:money}, but never below {share:pct} of the subsistence minimum ({sm:tenge}) = "
              "{floor:money}: {line:money}.",
    },
    "tsa_income_below_line": {
        "kk": "Отбасының {quarter} есептелетін табысы {total:tenge}; {count} адамға және 3 айға бөлгенде "
              "адам басына айына {per_capita:money}, бұл кедейлік шегінен ({line:money}) төмен.",
        "ru": "Учитываемый доход семьи за {quarter} — {total:tenge}; на {count} чел. и 3 месяца это "
              "{per_capita:money} на человека в месяц, ниже черты бедности ({line:money}).",
        "en": "The family's counted income in {quarter} was {total:tenge}; divided by {count} people and "
              "3 months that is {per_capita:money} a person a month, below the poverty line of {line:money}.",
    },
    "tsa_income_not_below_line": {
        "kk": "Отбасының {quarter} есептелетін табысы {total:tenge}; {count} адамға және 3 айға бөлгенде "
              "адам басына айына {per_capita:money}, бұл кедейлік шегінен ({line:money}) төмен емес. "
              "Көмек табыс шектен қатаң төмен болғанда ғана тағайындалады.",
        "ru": "Учитываемый доход семьи за {quarter} — {total:tenge}; на {count} чел. и 3 месяца это "
              "{per_capita:money} на человека в месяц, не ниже черты бедности ({line:money}). Помощь "
              "назначается, только когда доход строго ниже черты.",
        "en": "The family's counted income in {quarter} was {total:tenge}; divided by {count} people and "
              "3 months that is {per_capita:money} a person a month, not below the poverty line of "
              "{line:money}. Assistance is due only when income is strictly below the line.",
    },
    "tsa_incomes_excluded": {
        "kk": "Табысқа есептелмейді: {kinds} — барлығы {excluded:tenge}.",
        "ru": "Не учитываются в доходе: {kinds} — всего {excluded:tenge}.",
        "en": "Not counted as income: {kinds}, {excluded:tenge} in all.",
    },
    "tsa_property_within_rule": {
        "kk": "Отбасы мүлкі ережеге сай: тұрғын үй — {homes}, автокөлік — {cars}.",
        "ru": "Имущество семьи соответствует правилам: жильё — {homes}, автомобили — {cars}.",
        "en": "The family's property is within the rule: homes {homes}, cars {cars}.",
    },
    "tsa_property_too_many_homes": {
        "kk": "Отбасында {homes} тұрғын үй бар, ал рұқсат етілгені — {max_homes}.",
        "ru": "У семьи {homes} жилья, а допускается не более {max_homes}.",
        "en": "The family owns {homes} homes; at most {max_homes} is allowed.",
    },
    "tsa_property_car": {
        "kk": "Отбасында {cars} автокөлік бар, ал рұқсат етілгені — {max_cars}.",
        "ru": "У семьи {cars} автомобиль(я), а допускается не более {max_cars}.",
        "en": "The family owns {cars} car(s); at most {max_cars} is allowed.",
    },
    "tsa_property_disabled_child_exempts": {
        "kk": "Отбасында мүгедек бала бар, сондықтан мүлік (тұрғын үй — {homes}, автокөлік — {cars}) "
              "көмектен бас тартуға негіз емес.",
        "ru": "В семье есть ребёнок с инвалидностью, поэтому имущество (жильё — {homes}, автомобили — {cars}) "
              "не является основанием для отказа.",
        "en": "The family has a disabled child, so its property (homes {homes}, cars {cars}) is no ground "
              "for refusal.",
    },
    "tsa_barred": {
        "kk": "{on:date} күні {sanction}: отбасы {months} айға, {until:date} дейін көмек ала алмайды.",
        "ru": "{on:date} {sanction}: семья лишена права на помощь на {months} мес., до {until:date}.",
        "en": "On {on:date} {sanction}: the family is barred from assistance for {months} months, until {until:date}.",
    },
    "tsa_conditional": {
        "kk": "Отбасында еңбекке қабілетті мүшелер бар ({names}), сондықтан көмек шартты: әлеуметтік "
              "келісімшарт жасалады және олардың әрқайсысы жұмыспен қамтуға жәрдемдесу шараларына қатысады.",
        "ru": "В семье есть трудоспособные члены ({names}), поэтому помощь обусловленная: заключается "
              "социальный контракт, и каждый из них участвует в мерах содействия занятости.",
        "en": "The family has able-bodied members ({names}), so the assistance is conditional: a social "
              "contract, and each of them takes part in employment-promotion measures.",
    },
    "tsa_unconditional": {
        "kk": "Отбасында жұмыспен қамту шараларына қатысуға міндетті мүше жоқ ({why}), сондықтан көмек шартсыз.",
        "ru": "В семье нет членов, обязанных участвовать в мерах занятости ({why}), поэтому помощь "
              "безусловная.",
        "en": "No member of the family has to take part in employment measures ({why}), so the assistance "
              "is unconditional.",
    },
    "tsa_member_exempt": {
        "kk": "{name} жұмыспен қамту шараларына қатыспауы мүмкін: {why}.",
        "ru": "{name} может не участвовать в мерах занятости: {why}.",
        "en": "{name} need not take part in employment measures: {why}.",
    },
    "tsa_member_in_measures": {
        "kk": "{name} жұмыспен қамтуға жәрдемдесу шараларына қатысады: {employment}.",
        "ru": "{name} участвует в мерах содействия занятости: {employment}.",
        "en": "{name} takes part in employment-promotion measures: {employment}.",
    },
    "tsa_member_not_in_measures": {
        "kk": "{name} еңбекке қабілетті, бірақ жұмыспен қамтуға жәрдемдесу шараларының ешқайсысына "
              "қатыспайды; шартты көмек осыны талап етеді.",
        "ru": "{name} трудоспособен(на), но не участвует ни в одной мере содействия занятости; "
              "обусловленная помощь этого требует.",
        "en": "{name} is able-bodied and takes part in no employment-promotion measure, which conditional "
              "assistance requires.",
    },
    "tsa_monthly_amount": {
        "kk": "Ай сайынғы көмек: ({line:money} − {per_capita:money}) × {count} = {amount:tenge} "
              "(соңында толық теңгеге дейін дөңгелектенеді).",
        "ru": "Ежемесячная помощь: ({line:money} − {per_capita:money}) × {count} = {amount:tenge} "
              "(округляется до целого тенге в конце).",
        "en": "Monthly assistance: ({line:money} − {per_capita:money}) × {count} = {amount:tenge} "
              "(rounded to whole tenge at the end).",
    },
    "tsa_child_package": {
        "kk": "Балаларға кепілдендірілген әлеуметтік пакет: {age_from}–{age_to} жастағы {children} бала × "
              "{mci_per_child:num} АЕК × {mci:tenge} = айына {amount:tenge}.",
        "ru": "Гарантированный социальный пакет детям: {children} реб. в возрасте {age_from}–{age_to} лет × "
              "{mci_per_child:num} МРП × {mci:tenge} = {amount:tenge} в месяц.",
        "en": "Guaranteed social package for children: {children} child(ren) aged {age_from}–{age_to} × "
              "{mci_per_child:num} MCI × {mci:tenge} = {amount:tenge} a month.",
    },
    "tsa_period": {
        "kk": "Көмек {start:date} бастап {end:date} дейін ({months} ай) тағайындалады және ай сайын "
              "төленеді; келесі тоқсанға қайта өтініш беріледі.",
        "ru": "Помощь назначается с {start:date} по {end:date} ({months} мес.) и выплачивается ежемесячно; "
              "на следующий квартал подаётся новое заявление.",
        "en": "Assistance is assigned from {start:date} to {end:date} ({months} months) and paid monthly; "
              "the family re-applies for the next quarter.",
    },
    # what would change a refusal
    "tsa_change_income": {
        "kk": "Отбасының {quarter} есептелетін табысы кемінде {reduce_by:tenge} аз болса (барлығы "
              "{max_total:tenge} аспаса), отбасы табыс бойынша көмекке құқылы болар еді.",
        "ru": "Если бы учитываемый доход семьи за {quarter} был меньше хотя бы на {reduce_by:tenge} "
              "(не более {max_total:tenge} всего), семья имела бы право на помощь по доходу.",
        "en": "A counted family income in {quarter} lower by at least {reduce_by:tenge} (at most "
              "{max_total:tenge} in all) would make the family eligible on income.",
    },
    "tsa_change_rule": {
        "kk": "Кедейлік шегі {per_capita:money} жоғары болса (қазір {line:money}), отбасы табыс бойынша "
              "көмекке құқылы болар еді.",
        "ru": "При черте бедности выше {per_capita:money} (сейчас {line:money}) семья имела бы право на "
              "помощь по доходу.",
        "en": "A poverty line above {per_capita:money} (now {line:money}) would make the family eligible on income.",
    },
    "tsa_change_measures": {
        "kk": "{name} еңбек биржасында тіркелсе немесе әлеуметтік келісімшарт жасаса, бұл кедергі жойылады.",
        "ru": "Если {name} зарегистрируется на бирже труда или заключит социальный контракт, это "
              "препятствие отпадёт.",
        "en": "{name} registering on the labour exchange or signing the social contract would remove this ground.",
    },
    "tsa_change_car": {
        "kk": "Автокөлікті сатқанда (қалатыны {max_cars} аспаса) бұл кедергі жойылады.",
        "ru": "Продажа автомобиля (чтобы осталось не более {max_cars}) сняла бы это препятствие.",
        "en": "Selling the car (keeping at most {max_cars}) would remove this ground.",
    },
    "tsa_change_homes": {
        "kk": "Тұрғын үй саны {max_homes} аспаса, бұл кедергі жойылады.",
        "ru": "Если жилья будет не более {max_homes}, это препятствие отпадёт.",
        "en": "Owning no more than {max_homes} home(s) would remove this ground.",
    },
    "tsa_change_bar": {
        "kk": "{until:date} бастап берілген өтініш бұл негізбен қабылданбайды.",
        "ru": "Заявление, поданное с {until:date}, не будет отклонено по этому основанию.",
        "en": "An application from {until:date} would not be refused on this ground.",
    },
}

# One catalogue: ``reason(code)`` looks every code up in policies.texts.TEMPLATES.
TEMPLATES.update(TSA_TEMPLATES)


# ---------------------------------------------------------------- the citizen's text (onestop policy explain)

RESULTS: dict[str, Text] = {
    "eligible_conditional": {"kk": "көмек тағайындалады (шартты)", "ru": "помощь назначается (обусловленная)",
                             "en": "assistance granted (conditional)"},
    "eligible_unconditional": {"kk": "көмек тағайындалады (шартсыз)", "ru": "помощь назначается (безусловная)",
                               "en": "assistance granted (unconditional)"},
    "refused": {"kk": "көмек тағайындалмайды", "ru": "в помощи отказано", "en": "assistance refused"},
}

LABELS: dict[str, Text] = {
    "decision": {"kk": "{on} күнгі өтініш бойынша шешім", "ru": "Решение по заявлению от {on}",
                 "en": "Decision on the application of {on}"},
    "amount": {"kk": "Айына көмек", "ru": "Помощь в месяц", "en": "Assistance a month"},
    "child_package": {"kk": "Балаларға пакет, айына", "ru": "Пакет детям в месяц", "en": "Child package a month"},
    "period": {"kk": "Кезең", "ru": "Период", "en": "Period"},
    "why": {"kk": "Неге", "ru": "Почему", "en": "Why"},
    "law": {"kk": "Заң", "ru": "Закон", "en": "Law"},
    "change": {"kk": "Шешімді не өзгертер еді", "ru": "Что изменило бы решение", "en": "What would change it"},
    "figures": {"kk": "Есептеу", "ru": "Расчёт", "en": "Figures"},
}

WHATIF_LABELS: dict[str, Text] = {
    "title": {"kk": "Атаулы әлеуметтік көмек: өзгерістің әсері ({on} күнгі өтініштер)",
              "ru": "Адресная социальная помощь: что изменится (заявления на {on})",
              "en": "Targeted social assistance: what would change (applications on {on})"},
    "change": {"kk": "Өзгеріс", "ru": "Изменение", "en": "Change"},
    "households": {"kk": "Отбасылар", "ru": "Семей", "en": "Households"},
    "eligible": {"kk": "Көмек алатындар: бұрын / кейін", "ru": "Получают помощь: до / после",
                 "en": "Eligible: before / after"},
    "gain": {"kk": "Ұтады", "ru": "Выигрывают", "en": "Gain"},
    "lose": {"kk": "Ұтылады", "ru": "Проигрывают", "en": "Lose"},
    "newly": {"kk": "Жаңадан құқылы", "ru": "Впервые получают право", "en": "Newly eligible"},
    "no_longer": {"kk": "Құқығынан айырылады", "ru": "Теряют право", "en": "No longer eligible"},
    "same": {"kk": "Өзгеріссіз", "ru": "Без изменений", "en": "Unchanged"},
    "kind": {"kk": "Сомасы сол, түрі өзгерді", "ru": "Сумма та же, вид изменился",
             "en": "Same amount, result changed"},
    "no_rules": {"kk": "Ережелер жоқ", "ru": "Нет правил", "en": "No rules in force"},
    "budget": {"kk": "Айлық бюджет: бұрын / кейін / айырма", "ru": "Бюджет в месяц: до / после / разница",
               "en": "Monthly budget: before / after / difference"},
    "by_region": {"kk": "Өңірлер бойынша", "ru": "По регионам", "en": "By region"},
    "histogram": {"kk": "Отбасы басына айлық өзгеріс (теңге)", "ru": "Изменение на семью в месяц (тенге)",
                  "en": "Change per family a month (tenge)"},
    "seconds": {"kk": "Есептеу уақыты, с", "ru": "Время расчёта, с", "en": "Computed in, s"},
    "png": {"kk": "Гистограмма", "ru": "Гистограмма", "en": "Histogram"},
}
