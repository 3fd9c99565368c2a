"""Who read a person's data and why: the registries' access log, for "who read my data".

The gateway logs one entry per person per call: the calling system, the registry, the fields
read (or written), the purpose (application id + service code) and the time. The field codes
below are the ones the registries log; each has a title in kk/ru/en for the citizen.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from connectors.base import RegistryClient

__all__ = [
    "AGE_PENSION", "BUSINESS_HEAD", "BUSINESS_REGISTRATIONS", "DataAccess", "EMPLOYMENT_CONTRACTS", "FIELD_TITLES",
    "PAYMENTS", "PENSION_CONTRIBUTIONS", "PERSON_FIELDS", "PROPERTY", "REGISTRY_TITLES", "RELATIVE_FIELDS",
    "SOCIAL_CONTRIBUTIONS", "SOCIAL_PAYMENTS", "TAX_REGISTRATIONS", "EDUCATION", "RELEASES", "fetch_access_log",
]

Text = dict[str, str]  # kk, ru, en

# What one read of a person from the population registry hands over (the IIN is the key, not a field).
PERSON_FIELDS: tuple[str, ...] = ("name", "birth_date", "sex", "deceased", "address", "phone", "email",
                                  "full_time_student", "kandas")
# What a family read tells about each relative.
RELATIVE_FIELDS: tuple[str, ...] = ("name", "birth_date", "sex", "deceased")
TAX_REGISTRATIONS = "tax_registrations"
BUSINESS_REGISTRATIONS = "business_registrations"
BUSINESS_HEAD = "business_head"
EMPLOYMENT_CONTRACTS = "employment_contracts"
PENSION_CONTRIBUTIONS = "pension_contributions"
SOCIAL_CONTRIBUTIONS = "social_contributions"
SOCIAL_PAYMENTS = "social_payments"
AGE_PENSION = "age_pension"  # an age pension paid lately: what an officer reads of the social payments
PROPERTY = "property"
PAYMENTS = "payments"
EDUCATION = "education"
RELEASES = "releases_from_detention"

FIELD_TITLES: dict[str, Text] = {
    "name": {"kk": "Тегі, аты, әкесінің аты", "ru": "ФИО", "en": "Full name"},
    "birth_date": {"kk": "Туған күні", "ru": "Дата рождения", "en": "Date of birth"},
    "sex": {"kk": "Жынысы", "ru": "Пол", "en": "Sex"},
    "deceased": {"kk": "Қайтыс болу туралы мәлімет", "ru": "Сведения о смерти", "en": "Death record"},
    "address": {"kk": "Тіркелген мекенжайы", "ru": "Адрес регистрации", "en": "Registered address"},
    "phone": {"kk": "Телефон нөмірі", "ru": "Номер телефона", "en": "Phone number"},
    "email": {"kk": "Электрондық пошта", "ru": "Электронная почта", "en": "E-mail"},
    "full_time_student": {"kk": "Күндізгі оқу туралы мәлімет", "ru": "Сведения об очном обучении",
                          "en": "Full-time studies"},
    "kandas": {"kk": "Қандас мәртебесі", "ru": "Статус кандаса", "en": "Kandas status"},
    EDUCATION: {"kk": "Білімі туралы құжаттар", "ru": "Документы об образовании", "en": "Education diplomas"},
    RELEASES: {"kk": "Бас бостандығынан айыру орындарынан босату туралы мәлімет",
               "ru": "Сведения об освобождении из мест лишения свободы", "en": "Releases from places of detention"},
    "family": {"kk": "Отбасы құрамы", "ru": "Состав семьи", "en": "Family members"},
    TAX_REGISTRATIONS: {"kk": "Салық төлеуші ретінде тіркелу", "ru": "Регистрация налогоплательщика",
                        "en": "Taxpayer registrations"},
    BUSINESS_REGISTRATIONS: {"kk": "Кәсіпкер ретінде тіркелу", "ru": "Регистрация предпринимателя",
                             "en": "Entrepreneur registrations"},
    BUSINESS_HEAD: {"kk": "Ұйым басшысы ретіндегі мәлімет", "ru": "Сведения о руководстве организацией",
                    "en": "Head of a business"},
    EMPLOYMENT_CONTRACTS: {"kk": "Еңбек шарттары", "ru": "Трудовые договоры", "en": "Employment contracts"},
    PENSION_CONTRIBUTIONS: {"kk": "Міндетті зейнетақы жарналары", "ru": "Обязательные пенсионные взносы",
                            "en": "Pension contributions"},
    SOCIAL_CONTRIBUTIONS: {"kk": "Әлеуметтік аударымдар", "ru": "Социальные отчисления",
                           "en": "Social insurance contributions"},
    SOCIAL_PAYMENTS: {"kk": "Әлеуметтік төлемдер мен жәрдемақылар", "ru": "Социальные выплаты и пособия",
                      "en": "Social payments and benefits"},
    AGE_PENSION: {"kk": "Жасына байланысты зейнетақы", "ru": "Пенсия по возрасту", "en": "Age pension"},
    PROPERTY: {"kk": "Жылжымайтын мүлік және көлік құралдары", "ru": "Недвижимость и транспортные средства",
               "en": "Real estate and vehicles"},
    PAYMENTS: {"kk": "Төлемдер", "ru": "Платежи", "en": "Payments"},
}

REGISTRY_TITLES: dict[str, Text] = {
    "population": {"kk": "«Жеке тұлғалар» мемлекеттік деректер қоры",
                   "ru": "Государственная база данных «Физические лица»",
                   "en": "State database \"Individuals\""},
    "businesses": {"kk": "«Заңды тұлғалар» мемлекеттік деректер қоры",
                   "ru": "Государственная база данных «Юридические лица»",
                   "en": "State database \"Legal entities\""},
    "tax": {"kk": "Мемлекеттік кірістер комитеті", "ru": "Комитет государственных доходов",
            "en": "State Revenue Committee"},
    "contracts": {"kk": "Еңбек шарттарының бірыңғай жүйесі", "ru": "Единая система учёта трудовых договоров",
                  "en": "Unified system of labour contracts"},
    "pensions": {"kk": "Бірыңғай жинақтаушы зейнетақы қоры", "ru": "Единый накопительный пенсионный фонд",
                 "en": "Unified accumulative pension fund"},
    "social_insurance": {"kk": "Мемлекеттік әлеуметтік сақтандыру қоры",
                         "ru": "Государственный фонд социального страхования",
                         "en": "State Social Insurance Fund"},
    "social_payments": {"kk": "Зейнетақы төлеу жөніндегі мемлекеттік орталық",
                        "ru": "Государственный центр по выплате пенсий",
                        "en": "State Centre for Pension Payments"},
    "property": {"kk": "Жылжымайтын мүлік және көлік тізілімдері",
                 "ru": "Реестры недвижимости и транспорта", "en": "Real estate and vehicle registries"},
    "education": {"kk": "Ұлттық білім беру деректер қоры", "ru": "Национальная образовательная база данных",
                  "en": "National education database"},
    "special_records": {"kk": "Құқықтық статистика және арнайы есепке алу комитеті",
                        "ru": "Комитет по правовой статистике и специальным учётам",
                        "en": "Committee on Legal Statistics and Special Accounts"},
    "payments": {"kk": "Төлем шлюзі", "ru": "Платёжный шлюз", "en": "Payment gateway"},
    "notifications": {"kk": "SMS және электрондық пошта шлюзі", "ru": "Шлюз SMS и электронной почты",
                      "en": "SMS and e-mail gateway"},
}


class DataAccess(BaseModel):
    at: datetime
    system: str
    registry: str
    application_id: str
    service_code: str
    fields: list[str] = Field(default_factory=list)
    action: str = "read"  # "read" or "write"


async def fetch_access_log(client: RegistryClient, iin: str, limit: int = 1000) -> list[DataAccess]:
    """Reads and writes of this person's data, newest first (the client's system needs the
    gateway's access-log grant)."""
    body = await client.get("access-log", "/access-log", purpose=None,
                            params={"iin": iin, "limit": limit})
    return [DataAccess.model_validate(e) for e in body["entries"]]
