"""The sentences decisions say to citizens, in kk, ru and en, and how figures are written in them.

Templates use ``str.format`` fields with a few format specs of our own:
``{x:tenge}`` an amount (``1 297 500 ₸`` / ``1,297,500 ₸``), ``{x:money}`` one to the tiyn
(``32 359,6 ₸``), ``{x:num}`` a plain number,
``{x:pct}`` a rate as a percentage (0.04 -> ``4%``), ``{x:date}`` ``dd.mm.yyyy``.
A parameter given as a ``Text`` dict (e.g. a regime title) is written in the template's language.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from policies.decision import LANGUAGES, LegalReference, Reason, Text, plain
from policies.parameters import ParameterError, meta
from policies.references import reference_for

NBSP = "\u00a0"


def _group(whole: int, lang: str) -> str:
    grouped = f"{whole:,}"
    return grouped if lang == "en" else grouped.replace(",", NBSP)


def format_number(value: Any, lang: str) -> str:
    amount = Decimal(str(value))
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    whole = int(amount)
    fraction = amount - whole
    text = _group(whole, lang)
    if fraction:
        digits = format(fraction.normalize(), "f").split(".")[1]
        text += ("." if lang == "en" else ",") + digits
    return sign + text


def format_tenge(value: Any, lang: str) -> str:
    amount = Decimal(str(value)).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    return f"{format_number(amount, lang)}{NBSP}₸"


def format_money(value: Any, lang: str) -> str:
    """An amount to the tiyn (two decimals at most, halves up), for figures not yet rounded to tenge."""
    amount = Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP).normalize()
    return f"{format_number(amount, lang)}{NBSP}₸"


def format_rate(value: Any, lang: str) -> str:
    percent = (Decimal(str(value)) * 100).normalize()
    return f"{format_number(percent, lang)}%"


class _Formatter(string.Formatter):
    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, dict) and self.lang in value:
            value = value[self.lang]
        if format_spec == "tenge":
            return format_tenge(value, self.lang)
        if format_spec == "money":
            return format_money(value, self.lang)
        if format_spec == "num":
            return format_number(value, self.lang)
        if format_spec == "pct":
            return format_rate(value, self.lang)
        if format_spec == "date":
            d = value if isinstance(value, date) else date.fromisoformat(str(value))
            return d.strftime("%d.%m.%Y")
        return super().format_field(value, format_spec)


def render(template: Text, params: Mapping[str, Any]) -> Text:
    return {lang: _Formatter(lang).format(template[lang], **params) for lang in LANGUAGES}


def join(items: list[Text], separator: str = "; ") -> Text:
    return {lang: separator.join(item[lang] for item in items) for lang in LANGUAGES}


# Unconfirmed figures that are not single parameter files.
DATA_LABELS: dict[str, Text] = {
    "self_employed.permitted_activities": {"kk": "рұқсат етілген қызмет түрлерінің тізбесі",
                                           "ru": "перечень разрешённых видов деятельности",
                                           "en": "the list of permitted activities"},
}
FIGURE_NOT_NAMED: Text = {"kk": "атауы жоқ көрсеткіш", "ru": "показатель без названия", "en": "an unnamed figure"}


def figure_label(path: str) -> Text:
    """What the figure ``path`` is called, in words a citizen reads (never the path itself)."""
    if path in DATA_LABELS:  # a data file: asking the parameter store would parse it again on each call
        return dict(DATA_LABELS[path])
    try:
        label = meta(path).label
    except ParameterError:
        label = None
    return dict(label or FIGURE_NOT_NAMED)


def reason(code: str, cite: LegalReference | None = None, **params: Any) -> Reason:
    """The Reason for ``code``, its sentence filled in every language from ``params``.

    ``cite`` is the law it rests on when it is not the code's default (the regime's own act).
    """
    return Reason(code=code, text=render(TEMPLATES[code], params), params=plain(params),
                  reference=cite or reference_for(code))


PER: dict[str, Text] = {
    "month": {"kk": "айына", "ru": "в месяц", "en": "a month"},
    "half_year": {"kk": "жарты жылға", "ru": "за полугодие", "en": "a half-year"},
    "year": {"kk": "жылына", "ru": "в год", "en": "a year"},
}

SETTLEMENTS: dict[str, Text] = {
    "capital_or_major_city": {
        "kk": "қалаларда (астана, республикалық, облыстық және аудандық маңызы бар қалалар)",
        "ru": "в городах (столица, города республиканского, областного и районного значения)",
        "en": "in a town or city (the capital, cities of republican, regional or district significance)",
    },
    "other": {
        "kk": "ауылдық елді мекендерде",
        "ru": "в сельских населённых пунктах",
        "en": "in a village or other rural settlement",
    },
}

PAYMENT_PARTS: dict[str, Text] = {
    "income_tax": {"kk": "жеке табыс салығы", "ru": "индивидуальный подоходный налог",
                   "en": "individual income tax"},
    "pension": {"kk": "міндетті зейнетақы жарналары", "ru": "обязательные пенсионные взносы",
                "en": "pension contributions"},
    "employer_pension": {"kk": "жұмыс берушінің міндетті зейнетақы жарналары",
                         "ru": "обязательные пенсионные взносы работодателя",
                         "en": "employer pension contributions"},
    "social": {"kk": "әлеуметтік аударымдар", "ru": "социальные отчисления",
               "en": "social contributions"},
    "medical": {"kk": "міндетті әлеуметтік медициналық сақтандыру жарналары",
                "ru": "взносы на обязательное социальное медицинское страхование",
                "en": "health insurance contributions"},
}

# What the base of a payment part is, written after its rate and base: "10% × 85 000 ₸, <kind>".
BASE_KINDS: dict[str, Text] = {
    "income": {"kk": "табыстан", "ru": "от дохода", "en": "of income"},
    "declared_income": {"kk": "өзіңіз үшін мәлімдеген табыстан", "ru": "от заявленного вами дохода",
                        "en": "of the income you declared for yourself"},
    "minimum_wage_floor": {"kk": "ең аз база: бір ең төменгі жалақы", "ru": "наименьшая база: одна минимальная "
                           "зарплата", "en": "the least base: one minimum wage"},
    "minimum_wage_ceiling": {"kk": "ең жоғары база, ең төменгі жалақымен есептелген",
                             "ru": "наибольшая база в минимальных зарплатах",
                             "en": "the greatest base, in minimum wages"},
    "minimum_wage_multiple": {"kk": "ең төменгі жалақымен есептелген база", "ru": "база в минимальных зарплатах",
                              "en": "a base in minimum wages"},
    "fixed_payment": {"kk": "ай сайынғы төлемнің үлесі", "ru": "доля ежемесячного платежа",
                      "en": "share of the monthly payment"},
    "not_due": {"kk": "табыссыз айда төленбейді", "ru": "не уплачивается в месяц без дохода",
                "en": "not due in a month without income"},
}

NONE: Text = {"kk": "жоқ", "ru": "нет", "en": "none"}

# An activity that is on no list (the applicant's own description, "other"), named in each language.
ACTIVITY_NOT_LISTED: Text = {"kk": "тізімде жоқ, өзіңіз сипаттаған қызмет түрі",
                             "ru": "описанный вами вид деятельности не из перечня",
                             "en": "the activity you described, which is not on the list"}

TEMPLATES: dict[str, Text] = {
    # identity
    "adult": {
        "kk": "{on:date} күнгі жасыңыз: {age} толық жыл — сіз кәмелетке толғансыз.",
        "ru": "Ваш возраст на {on:date}: {age} полных лет — вы совершеннолетний.",
        "en": "You are {age} years old on {on:date}: an adult with full legal capacity.",
    },
    "minor": {
        "kk": "{on:date} күнгі жасыңыз: {age} толық жыл. Өз атыңыздан өтінішті {age_of_majority} жастан "
              "бастап беруге болады; сіз үшін ата-анаңыз немесе қорғаншыңыз өтініш бере алады.",
        "ru": "Ваш возраст на {on:date}: {age} полных лет. Подать заявление от своего имени можно с "
              "{age_of_majority} лет; за вас это может сделать родитель или опекун.",
        "en": "You are {age} years old on {on:date}. You can apply in your own name from the age of "
              "{age_of_majority}; a parent or guardian can apply for you.",
    },
    "deceased": {
        "kk": "«Жеке тұлғалар» мемлекеттік дерекқоры бойынша бұл адам қайтыс болған, сондықтан оның атынан "
              "өтініш беруге болмайды.",
        "ru": "По данным государственной базы «Физические лица» этот человек умер, поэтому заявление от "
              "его имени подать нельзя.",
        "en": "The population register records this person as deceased, so no application can be made "
              "in their name.",
    },
    "birth_date_in_future": {
        "kk": "Жазбадағы туған күн ({birth_date:date}) {on:date} күнінен кейін; қызметкер жазбаны тексереді.",
        "ru": "Дата рождения в записи ({birth_date:date}) позже {on:date}; сотрудник проверит запись.",
        "en": "The birth date on record ({birth_date:date}) is after {on:date}; an officer will check the record.",
    },
    # self-employed: eligibility
    "regime_in_force": {
        "kk": "«{regime}» режимі {on:date} күні қолданыста.",
        "ru": "Режим «{regime}» действует на {on:date}.",
        "en": "The regime “{regime}” is in force on {on:date}.",
    },
    "regime_not_in_force": {
        "kk": "«{regime}» режимі {on:date} күні қолданыста емес. Осы күні қолданыстағы режимдер: {in_force}.",
        "ru": "Режим «{regime}» не действует на {on:date}. Действующие на эту дату режимы: {in_force}.",
        "en": "The regime “{regime}” is not available on {on:date}. Regimes in force on that date: {in_force}.",
    },
    "activity_permitted": {
        "kk": "«{activity}» қызмет түрі «{regime}» режиміне рұқсат етілген тізімде бар.",
        "ru": "Вид деятельности «{activity}» входит в перечень разрешённых для режима «{regime}».",
        "en": "The activity “{activity}” is on the list permitted for the regime “{regime}”.",
    },
    "activity_not_permitted": {
        "kk": "«{activity}» қызмет түрі {on:date} күні «{regime}» режиміне рұқсат етілген тізімде жоқ.",
        "ru": "Вида деятельности «{activity}» нет в перечне разрешённых для режима «{regime}» на {on:date}.",
        "en": "The activity “{activity}” is not on the list permitted for the regime “{regime}” on {on:date}.",
    },
    "income_within_ceiling": {
        "kk": "Күтілетін табысыңыз {per} {income:tenge}, бұл шектен аспайды: {ceiling_mci:num} АЕК = "
              "{ceiling:tenge} (салық үшін {mci_on:date} күнгі АЕК: {mci:tenge}).",
        "ru": "Ожидаемый доход {income:tenge} {per} не превышает предел {ceiling_mci:num} МРП = "
              "{ceiling:tenge} (МРП для налогов на {mci_on:date}: {mci:tenge}).",
        "en": "Your expected income of {income:tenge} {per} is within the ceiling of {ceiling_mci:num} MCI = "
              "{ceiling:tenge} (the tax MCI of {mci_on:date}: {mci:tenge}).",
    },
    "income_above_ceiling": {
        "kk": "Күтілетін табысыңыз {per} {income:tenge}, бұл шектен асады: {ceiling_mci:num} АЕК = "
              "{ceiling:tenge} (салық үшін {mci_on:date} күнгі АЕК: {mci:tenge}).",
        "ru": "Ожидаемый доход {income:tenge} {per} превышает предел {ceiling_mci:num} МРП = "
              "{ceiling:tenge} (МРП для налогов на {mci_on:date}: {mci:tenge}).",
        "en": "Your expected income of {income:tenge} {per} is above the ceiling of {ceiling_mci:num} MCI = "
              "{ceiling:tenge} (the tax MCI of {mci_on:date}: {mci:tenge}).",
    },
    "already_entrepreneur": {
        "kk": "Сіз дара кәсіпкер ретінде тіркелгенсіз, ал «{regime}» режимі тек дара кәсіпкер емес "
              "адамдарға арналған. Алдымен дара кәсіпкер қызметін тоқтатыңыз немесе басқа режимді таңдаңыз.",
        "ru": "Вы зарегистрированы как индивидуальный предприниматель, а режим «{regime}» доступен только "
              "тем, кто им не является. Сначала прекратите деятельность ИП или выберите другой режим.",
        "en": "You are registered as an individual entrepreneur, and the regime “{regime}” is only for people "
              "who are not. Close the entrepreneur registration first or choose another regime.",
    },
    "regime_change_for_entrepreneur": {
        "kk": "Сіз белсенді дара кәсіпкерсіз: «{regime}» режимін таңдау — салық органына арнаулы "
              "салық режимін өзгерту туралы хабарлама; қайта тіркелу қажет емес.",
        "ru": "Вы действующий индивидуальный предприниматель: выбор режима «{regime}» — это уведомление "
              "налогового органа о смене специального налогового режима; новая регистрация не нужна.",
        "en": "You are an active individual entrepreneur: choosing the regime “{regime}” is a notice to the tax "
              "authority that you change your special tax regime; no new registration is needed.",
    },
    "has_employees": {
        "kk": "«{regime}» режимінде жалдамалы қызметкерлер болмауы керек.",
        "ru": "Режим «{regime}» не допускает наёмных работников.",
        "en": "The regime “{regime}” does not allow hired employees.",
    },
    # self-employed: payments
    "payment_rate_of_income": {
        "kk": "Төлемдер айына күтілетін {income:tenge} табыстан пайызбен есептеледі, барлығы {rate:pct}.",
        "ru": "Платежи считаются в процентах от ожидаемого дохода {income:tenge} в месяц, всего {rate:pct}.",
        "en": "Payments are a percentage of your expected income of {income:tenge} a month, {rate:pct} in all.",
    },
    "payment_declared_income": {
        "kk": "Салық — айлық табысыңыздың {tax_rate:pct}, яғни {income:tenge} табыстан. Өзіңіз үшін зейнетақы "
              "және әлеуметтік төлемдер айналымнан емес, өзіңіз мәлімдеген табыстан есептеледі: {declared:tenge} "
              "(кемінде бір ең төменгі жалақы, {on:date} күні {mw:tenge}). Медициналық сақтандыру жарнасы — "
              "{medical_mw:num} ең төменгі жалақының {medical_rate:pct}.",
        "ru": "Налог — {tax_rate:pct} от дохода за месяц {income:tenge}. Пенсионные и социальные платежи за себя "
              "считаются не от оборота, а от заявленного вами дохода: {declared:tenge} (не меньше одной "
              "минимальной зарплаты, {mw:tenge} на {on:date}). Взносы на медицинское страхование — "
              "{medical_rate:pct} от {medical_mw:num} минимальной зарплаты.",
        "en": "The tax is {tax_rate:pct} of your income of {income:tenge} a month. Your own pension and social "
              "payments are not on turnover but on the income you declare for yourself: {declared:tenge} (at "
              "least one minimum wage, {mw:tenge} on {on:date}). Health insurance is {medical_rate:pct} of "
              "{medical_mw:num} minimum wages.",
    },
    "declared_income_capped": {
        "kk": "Мәлімделген {declared:tenge} табыс алынған табыстан ({income:tenge}) аспауы керек: төлемдер "
              "{income:tenge} бойынша есептелді.",
        "ru": "Заявленный доход {declared:tenge} не может быть больше полученного ({income:tenge}): платежи "
              "посчитаны от {income:tenge}.",
        "en": "The declared income of {declared:tenge} cannot be more than the income received ({income:tenge}): "
              "the payments are on {income:tenge}.",
    },
    "declared_income_below_floor": {
        "kk": "Мәлімделген {declared:tenge} табыс бір ең төменгі жалақыдан ({on:date} күні {mw:tenge}) аз: "
              "зейнетақы және әлеуметтік төлемдер ең аз база бойынша есептелді.",
        "ru": "Заявленный доход {declared:tenge} меньше одной минимальной зарплаты ({mw:tenge} на {on:date}): "
              "пенсионные и социальные платежи посчитаны от наименьшей базы.",
        "en": "The declared income of {declared:tenge} is below one minimum wage ({mw:tenge} on {on:date}): "
              "pension and social payments are on the least base.",
    },
    "no_income_health_insurance_only": {
        "kk": "Табыс жоқ айда зейнетақы және әлеуметтік төлемдер төленбейді, ал медициналық сақтандыру "
              "жарнасы төленеді.",
        "ru": "В месяц без дохода пенсионные и социальные платежи не уплачиваются, а взносы на медицинское "
              "страхование уплачиваются.",
        "en": "In a month without income, pension and social payments are not due; health insurance still is.",
    },
    "payment_fixed_mci": {
        "kk": "Бірыңғай жиынтық төлем {settlement} айына {amount_mci:num} АЕК құрайды: {amount_mci:num} × "
              "{mci:tenge} (салық үшін {mci_on:date} күнгі АЕК).",
        "ru": "Единый совокупный платёж {settlement} составляет {amount_mci:num} МРП в месяц: "
              "{amount_mci:num} × {mci:tenge} (МРП для налогов на {mci_on:date}).",
        "en": "The single aggregate payment {settlement} is {amount_mci:num} MCI a month: "
              "{amount_mci:num} × {mci:tenge} (the tax MCI of {mci_on:date}).",
    },
    "payment_parts": {
        "kk": "Айына барлығы {total:tenge}: {lines}.",
        "ru": "Всего {total:tenge} в месяц: {lines}.",
        "en": "In all {total:tenge} a month: {lines}.",
    },
    "payment_rounding": {
        "kk": "Жалпы сома толық теңгеге дейін дөңгелектенеді (0,5 жоғары қарай), ал бөліктер оған дәл "
              "қосылатындай бөлінеді: әр бөлік толық теңгеге дейін қысқартылады, қалған теңгелер бөлшегі "
              "ең үлкен бөліктерге беріледі.",
        "ru": "Итог округляется до целого тенге (0,5 — в большую сторону) и делится так, чтобы части "
              "давали его в сумме: каждая часть сначала берётся в целых тенге, оставшиеся тенге получают "
              "части с наибольшей дробной частью.",
        "en": "The total is rounded to whole tenge (halves up) and split so the parts add up to it: each "
              "part is first cut to whole tenge, and the tenge left over go to the parts with the largest "
              "fractions.",
    },
    # appeals
    "appeal_in_time": {
        "kk": "Шағым мерзімінде берілді: шешім туралы хабарлама {notice:date} күні келді, шағым беру мерзімі "
              "{months} ай, соңғы күні {last_day:date}.",
        "ru": "Жалоба подана в срок: уведомление о решении получено {notice:date}, срок подачи жалобы — "
              "{months} мес., последний день — {last_day:date}.",
        "en": "The appeal is in time: the notice of the decision reached you on {notice:date}, the term is "
              "{months} months, and its last day is {last_day:date}.",
    },
    "appeal_late": {
        "kk": "Шағым мерзімі өткеннен кейін {days_late} күн кешігіп берілді (соңғы күні {last_day:date}). "
              "Бұл шағымды қабылдамауға негіз емес: ол қабылданды, ал қараушы орган кешігу себебін бағалап, "
              "мерзімді қалпына келтіру-келтірмеуді шешеді.",
        "ru": "Жалоба подана на {days_late} дн. позже срока (последний день — {last_day:date}). Это не "
              "основание отказать в её принятии: жалоба принята, а рассматривающий орган оценит причину "
              "пропуска и решит, восстановить ли срок.",
        "en": "The appeal came {days_late} days after its term ended ({last_day:date}). That is no ground to "
              "refuse it: it is accepted, and the reviewing body weighs the reason for the delay and decides "
              "whether to restore the term.",
    },
    # any decision
    "unconfirmed_parameters": {
        "kk": "Мұнда қолданылған кейбір көрсеткіштер заңмен әлі расталмаған және өзгеруі мүмкін: {names}.",
        "ru": "Часть использованных показателей ещё не сверена с законом и может измениться: {names}.",
        "en": "Some figures used here are not yet confirmed against the law and may change: {names}.",
    },
}

# The TSA sentences join this catalogue on import; loading them here keeps the catalogue whole whichever
# module a caller imports first (the references in policies.references name every code of it).
import policies.tsa_texts  # noqa: E402,F401
