"""Registration as self-employed (service code `self-employed-registration`).

Registration of an individual entrepreneur is a notification to the tax authority and
takes effect the same day, so no person is involved on the happy path.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from policies.economy import minimum_wage
from policies.parameters import value as parameter
from policies.references import act
from policies.self_employed import permitted_activities, regimes_in_force
from services.regions import KNOWN_REGIONS
from services.spec import DocumentSpec, FieldHint, ServiceSpec, StepSpec

CODE = "self-employed-registration"
WORKFLOW_NAME = "SelfEmployedRegistration"
OFFERED_REGIMES = ("self-employed", "simplified-declaration", "mobile-app", "single-aggregate-payment")
# An activity not on the list: the applicant describes it and a tax officer decides.
OTHER_ACTIVITY = "other"
OTHER_ACTIVITY_TITLE = {"kk": "Басқа (сипаттаңыз)", "ru": "Другое (опишите)", "en": "Other (describe it)"}

_PHONE = re.compile(r"^\+7\d{10}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class SelfEmployedForm(BaseModel):
    """What the applicant answers; everything the state already knows is prefilled."""

    model_config = ConfigDict(extra="forbid", title="Registration as self-employed")

    activity_code: str = Field(description="Type of activity, from the permitted list, or 'other'")
    activity_description: str | None = Field(
        default=None, max_length=1000,
        description="What the activity is, when activity_code is 'other' (a tax officer reviews it)")
    regime: str = Field(description="Special tax regime")
    expected_monthly_income: Decimal = Field(gt=0, le=Decimal("1000000000"), decimal_places=2,
                                             description="Expected monthly income, tenge")
    declared_monthly_income: Decimal | None = Field(
        default=None, ge=0, le=Decimal("1000000000"), decimal_places=2,
        description="Simplified declaration only: the monthly income you declare for your own pension and social "
                    "contributions, tenge (not your turnover); the minimum wage when left empty")
    activity_address: str | None = Field(
        default=None, max_length=300,
        description="Address of activity; the registered address when left empty")
    phone: str | None = Field(default=None, description="Mobile number for notices, +7XXXXXXXXXX")
    email: str | None = Field(default=None, max_length=254, description="E-mail for notices")
    language: Literal["kk", "ru", "en"] = Field(default="kk", description="Language of notices")

    @field_validator("activity_code")
    @classmethod
    def _activity_permitted(cls, value: str, info: ValidationInfo) -> str:
        on = _decision_date(info)
        codes = {a.code for a in permitted_activities(on)}
        if value not in codes and value != OTHER_ACTIVITY:
            raise PydanticCustomError("activity_not_permitted",
                                      "'{activity}' is not on the list of permitted activities in force on {on}",
                                      {"activity": value, "on": on.isoformat()})
        return value

    @field_validator("regime")
    @classmethod
    def _regime_in_force(cls, value: str, info: ValidationInfo) -> str:
        on = _decision_date(info)
        codes = {r.code for r in regimes_in_force(on)}
        if value not in codes:
            raise PydanticCustomError("regime_not_in_force",
                                      "regime '{regime}' is not in force on {on}; in force: {in_force}",
                                      {"regime": value, "on": on.isoformat(), "in_force": str(sorted(codes))})
        return value

    @field_validator("phone")
    @classmethod
    def _phone_format(cls, value: str | None) -> str | None:
        if value is not None and not _PHONE.match(value):
            raise PydanticCustomError("phone_format", "a Kazakhstan mobile number in the form +7XXXXXXXXXX")
        return value

    @field_validator("email")
    @classmethod
    def _email_format(cls, value: str | None) -> str | None:
        if value is not None and not _EMAIL.match(value):
            raise PydanticCustomError("email_format", "an e-mail address such as name@example.kz")
        return value

    @model_validator(mode="after")
    def _answers_that_go_together(self) -> SelfEmployedForm:
        # Raised as a ValidationError so that each refusal keeps the field the applicant fills to
        # satisfy it (pydantic keeps the locations of one raised in a validator; a ValueError here
        # would have none), and both are told at once.
        refusals = []
        if self.activity_code == OTHER_ACTIVITY and not (self.activity_description or "").strip():
            refusals.append(_refusal_at("activity_description", "activity_description_missing",
                                        "describe the activity when it is not on the list (activity_description)",
                                        self.activity_description))
        if not self.phone and not self.email:
            refusals.append(_refusal_at("phone", "contact_missing",
                                        "give a phone or an e-mail for notices (phone, email)", self.phone))
        if refusals:
            raise ValidationError.from_exception_data(type(self).__name__, refusals)
        return self


def _refusal_at(field: str, code: str, message: str, value: object) -> InitErrorDetails:
    return {"type": PydanticCustomError(code, message), "loc": (field,), "input": value}


def _decision_date(info: ValidationInfo) -> date:
    context = info.context or {}
    on = context.get("on")
    return on if isinstance(on, date) else date.today()


def schema_for(on: date) -> dict[str, Any]:
    """The form's JSON schema with the activities and regimes in force on that date."""
    schema = SelfEmployedForm.model_json_schema()
    props = schema["properties"]
    activities = permitted_activities(on)
    props["activity_code"]["enum"] = [a.code for a in activities] + [OTHER_ACTIVITY]
    props["activity_code"]["x-titles"] = {**{a.code: a.title for a in activities},
                                          OTHER_ACTIVITY: OTHER_ACTIVITY_TITLE}
    regimes = regimes_in_force(on)
    props["regime"]["enum"] = [r.code for r in regimes]
    props["regime"]["x-titles"] = {r.code: r.title for r in regimes}
    # Prefilled with the floor the law puts under the entrepreneur's own contributions.
    props["declared_monthly_income"]["default"] = str(minimum_wage(on).value)
    return schema


def declared_income(answers: dict[str, Any]) -> Decimal | None:
    """The declared own income the payments take: the simplified declaration's only (another regime has none)."""
    declared = answers.get("declared_monthly_income")
    if answers.get("regime") != "simplified-declaration" or declared in (None, ""):
        return None
    return Decimal(str(declared))


# --- manual review by a tax officer ---------------------------------------------------------

REVIEW_KIND = "self-employed.manual-review"
REVIEW_AGENCY = "tax"
REVIEW_OUTCOMES = ["approve", "refuse"]
# Dated parameters (both flagged unconfirmed there): the officer's term, and the legal term the applicant is shown.
REVIEW_TERM_PARAMETER = "self_employed.manual_review_working_days"
LEGAL_DEADLINE_PARAMETER = "self_employed.legal_deadline_working_days"
# Recorded runs before the law's wiring used this figure, not the parameter (the same 3 days).
REVIEW_DEADLINE_WORKING_DAYS = 3
REVIEW_TITLE = {"kk": "Өзін-өзі жұмыспен қамтығандарды тіркеуді қолмен тексеру",
                "ru": "Ручная проверка регистрации самозанятого",
                "en": "Manual review of a self-employed registration"}
REVIEW_STEP = StepSpec("manual_review", {"kk": "Маманның тексеруі", "ru": "Проверка специалистом",
                                         "en": "Review by an officer"}, manual=True)

# An active entrepreneur choosing a regime for entrepreneurs: a notice of a change of regime, no new registration.
REGIME_CHANGE_STEP = StepSpec("change_regime", {"kk": "Салық органына режимді ауыстыру туралы хабарлама",
                                                "ru": "Уведомление налогового органа о смене режима",
                                                "en": "Notice of a change of regime to the tax authority"})

# Why a registration goes to an officer instead of being refused outright.
REVIEW_GROUNDS: dict[str, dict[str, str]] = {
    "activity_not_listed": {
        "kk": "Қызмет түрі рұқсат етілген тізімде жоқ: оны маман қарайды.",
        "ru": "Вида деятельности нет в перечне: его рассмотрит специалист.",
        "en": "The activity is not on the permitted list: an officer reviews it."},
    "address_region_unknown": {
        "kk": "Тіркелген мекенжайдың өңірі белгісіз: деректерді маман тексереді.",
        "ru": "Регион адреса регистрации не распознан: сведения проверит специалист.",
        "en": "The region of the registered address is not known: an officer checks the data."},
}

# The catalogue an officer picks reasons from; the applicant reads the texts.
REVIEW_REASONS: dict[str, dict[str, str]] = {
    "activity_allowed_by_analogy": {
        "kk": "Қызмет түрі тізімдегі қызметке ұқсас деп танылды.",
        "ru": "Деятельность признана аналогичной деятельности из перечня.",
        "en": "The activity was found equivalent to one on the permitted list."},
    "activity_not_permitted": {
        "kk": "Қызмет түрі арнаулы салық режимінде рұқсат етілмеген.",
        "ru": "Вид деятельности не допускается в специальном налоговом режиме.",
        "en": "The activity is not permitted under the special tax regime."},
    "address_confirmed": {
        "kk": "Мекенжай деректері расталды.", "ru": "Сведения об адресе подтверждены.",
        "en": "The address data were confirmed."},
    "address_not_confirmed": {
        "kk": "Мекенжай деректері расталмады.", "ru": "Сведения об адресе не подтверждены.",
        "en": "The address data could not be confirmed."},
    "description_insufficient": {
        "kk": "Қызмет сипаттамасы шешім қабылдауға жеткіліксіз.",
        "ru": "Описания деятельности недостаточно для решения.",
        "en": "The description of the activity is not enough to decide."},
}

# The law beside each of those reasons: the activity list (Decree No. 994, unconfirmed as the list is), and the
# public-services law for the officer's check of the applicant's data (no article is guessed).
REVIEW_REASON_REFERENCES: dict[str, dict[str, Any]] = {
    code: act("decree_994" if code.startswith("activity_") else "public_services_law",
              unconfirmed=True).model_dump(mode="json")
    for code in REVIEW_REASONS
}


def review_grounds(activity_code: str, region_code: str) -> list[str]:
    """Codes of REVIEW_GROUNDS that send this registration to a tax officer (none: no review)."""
    grounds = []
    if activity_code == OTHER_ACTIVITY:
        grounds.append("activity_not_listed")
    if region_code not in KNOWN_REGIONS:
        grounds.append("address_region_unknown")
    return grounds


SPEC = ServiceSpec(
    code=CODE,
    title={
        "kk": "Өзін-өзі жұмыспен қамтыған ретінде тіркелу",
        "ru": "Регистрация в качестве самозанятого",
        "en": "Registration as self-employed",
    },
    description={
        "kk": "Арнаулы салық режимін таңдап, салық органына хабарлама беру; куәлік сол күні беріледі.",
        "ru": "Выбор специального налогового режима и уведомление налогового органа; свидетельство "
              "выдаётся в тот же день.",
        "en": "Choose a special tax regime and notify the tax authority; the certificate is issued "
              "the same day.",
    },
    audience=("citizen",),
    form=SelfEmployedForm,
    workflow=WORKFLOW_NAME,
    # The catalogue holds one figure: the term in force when the portal starts (1 since 2019).
    legal_deadline_working_days=int(parameter(LEGAL_DEADLINE_PARAMETER, date.today())),
    legal_basis={
        "kk": "ҚР Салық кодексі (№ 214-VIII), арнаулы салық режимдері",
        "ru": "Налоговый кодекс РК (№ 214-VIII), специальные налоговые режимы",
        "en": "Tax Code of the Republic of Kazakhstan (No. 214-VIII), special tax regimes",
    },
    steps=(
        StepSpec("verify_identity", {"kk": "Жеке басын тексеру", "ru": "Проверка личности",
                                     "en": "Identity check"}),
        StepSpec("check_business_status", {"kk": "Кәсіпкерлік мәртебесін тексеру",
                                           "ru": "Проверка статуса предпринимателя",
                                           "en": "Entrepreneur status check"}),
        StepSpec("check_eligibility", {"kk": "Салық режиміне сәйкестігін тексеру",
                                       "ru": "Проверка условий налогового режима",
                                       "en": "Tax regime eligibility"}),
        StepSpec("register_taxpayer", {"kk": "Салық органында тіркеу",
                                       "ru": "Регистрация в налоговом органе",
                                       "en": "Registration with the tax authority"}),
        StepSpec("notify_business_registry", {"kk": "Заңды тұлғалар тізіліміне хабарлама",
                                              "ru": "Уведомление реестра предпринимателей",
                                              "en": "Notice to the business registry"}),
        StepSpec("compute_social_payments", {"kk": "Әлеуметтік төлемдерді есептеу",
                                             "ru": "Расчёт социальных платежей",
                                             "en": "Monthly social payments"}),
        StepSpec("issue_certificate", {"kk": "Куәлік беру", "ru": "Выдача свидетельства",
                                       "en": "Certificate issued"}),
        StepSpec("notify_applicant", {"kk": "Өтініш берушіге хабарлау", "ru": "Уведомление заявителя",
                                      "en": "Applicant notified"}),
    ),
    registries_read=("population", "businesses"),
    registries_written=("tax", "businesses", "notifications"),
    agency=REVIEW_AGENCY,
    schema_for=schema_for,
    workflow_class="workflows.self_employed:SelfEmployedRegistrationWorkflow",
    activities=("services.self_employed_policies:SelfEmployedPolicies",),
    prefill={"activity_address": "address.line", "phone": "phone", "email": "email"},
    hints={
        "activity_code": FieldHint(label={"kk": "Қызмет түрі", "ru": "Вид деятельности", "en": "Type of activity"}),
        "activity_description": FieldHint(
            kind="textarea", label={"kk": "Қызмет сипаттамасы (тізімде жоқ болса)",
                                    "ru": "Описание деятельности (если её нет в перечне)",
                                    "en": "Description of the activity (if not on the list)"}),
        "regime": FieldHint(label={"kk": "Арнаулы салық режимі", "ru": "Специальный налоговый режим",
                                   "en": "Special tax regime"}),
        "expected_monthly_income": FieldHint(label={"kk": "Күтілетін айлық табыс, теңге",
                                                    "ru": "Ожидаемый доход в месяц, тенге",
                                                    "en": "Expected monthly income, tenge"}),
        "declared_monthly_income": FieldHint(
            kind="number",
            label={"kk": "Өзіңіздің зейнетақы және әлеуметтік жарналарыңыз үшін мәлімделген айлық табыс, теңге "
                         "(тек оңайлатылған декларация; айналым емес)",
                   "ru": "Декларируемый доход в месяц для ваших пенсионных и социальных взносов, тенге "
                         "(только упрощённая декларация; не оборот)",
                   "en": "Monthly income you declare for your own pension and social contributions, tenge "
                         "(simplified declaration only; not your turnover)"}),
        "activity_address": FieldHint(label={"kk": "Қызмет мекенжайы", "ru": "Адрес осуществления деятельности",
                                             "en": "Address of activity"}),
    },
    error_texts={
        **dict.fromkeys(("activity_not_permitted", "regime_not_in_force"),
                        {"kk": "Тізімнен таңдаңыз.", "ru": "Выберите из списка.", "en": "Choose from the list."}),
        "activity_description_missing": {"kk": "Тізімде жоқ қызметті сипаттаңыз.",
                                         "ru": "Опишите деятельность, которой нет в перечне.",
                                         "en": "Describe the activity that is not on the list."},
    },
    example_answers={"activity_code": "tutoring", "regime": "self-employed", "expected_monthly_income": 250000,
                     "phone": "+77011234567", "language": "ru"},
    document=DocumentSpec(kind="self-employed-registration-certificate",
                          title={"kk": "Өзін-өзі жұмыспен қамтыған ретінде тіркелу туралы куәлік",
                                 "ru": "Свидетельство о регистрации в качестве самозанятого",
                                 "en": "Certificate of registration as self-employed"}),
)
