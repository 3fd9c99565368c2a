"""Publication of a vacancy on the electronic labour exchange (service `vacancy-publication`).

An employer publishes: the business (its BIN in `Onestop-Acting-For`) is the applicant, the person
who heads it acts. The automatic checks of policies/labour/vacancy_checks.py run twice: on the form,
so a salary below the minimum wage or an expiry too soon is refused before anything is stored, naming
its field; and in the workflow, where a word that may state an age, sex or ethnicity requirement sends
the vacancy to a career-centre moderator. A published vacancy is the service's decision in the read
model, where portal/labour matches it with job seekers.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from policies.labour.vacancy_checks import VacancyDraft, vacancy_checks
from services.labour_exchange import CONTACT_ERRORS, LABOUR_AGENCY, decision_date, known_occupation, listed, occupations
from services.regions import KNOWN_REGIONS
from services.spec import FieldHint, ServiceSpec, StepSpec

CODE = "vacancy-publication"
WORKFLOW_NAME = "VacancyPublication"

# A check of the policy that refuses -> the field the employer corrects, and the form's error code.
CHECK_FIELDS = {
    "vacancy_salary_below_minimum_wage": ("salary_min", "salary_below_minimum_wage"),
    "vacancy_salary_range_inverted": ("salary_max", "salary_range_inverted"),
    "vacancy_expiry_too_soon": ("expires_on", "expiry_too_soon"),
}


def _t(kk: str, ru: str, en: str) -> dict[str, str]:
    return {"kk": kk, "ru": ru, "en": en}


SCHEDULES = {"full_time": _t("Толық күн", "Полный день", "Full time"),
             "part_time": _t("Толық емес күн", "Неполный день", "Part time"),
             "shift": _t("Ауысымдық", "Сменный график", "Shifts"),
             "remote": _t("Қашықтан", "Удалённо", "Remote")}


class VacancyForm(BaseModel):
    model_config = ConfigDict(extra="forbid", title="Vacancy")

    title: str = Field(min_length=3, max_length=200, description="Position, as the job seeker reads it")
    description: str = Field(default="", max_length=5000, description="Duties and conditions")
    occupation_code: str = Field(description="Occupation, an ISCO-08 code of the classifier")
    region: str = Field(description="Region of the workplace")
    settlement: str = Field(min_length=2, max_length=100, description="City, town or village of the workplace")
    salary_min: Decimal = Field(gt=0, le=Decimal("100000000"), decimal_places=2, description="Wage from, tenge a month")
    salary_max: Decimal | None = Field(default=None, gt=0, le=Decimal("100000000"), decimal_places=2,
                                       description="Wage up to, tenge a month")
    schedule: Literal["full_time", "part_time", "shift", "remote"] = Field(default="full_time",
                                                                          description="Working time")
    required_experience_months: int = Field(default=0, ge=0, le=600, description="Experience asked, months")
    required_skills: list[str] = Field(default_factory=list, max_length=30, description="Skills asked")
    expires_on: date = Field(description="Last day the vacancy is open")

    @field_validator("occupation_code")
    @classmethod
    def _occupation_known(cls, code: str, info: ValidationInfo) -> str:
        return known_occupation(code, decision_date(info.context))

    @field_validator("region")
    @classmethod
    def _region_known(cls, region: str) -> str:
        if region not in KNOWN_REGIONS:
            raise PydanticCustomError("region_unknown", "'{region}' is not a region code", {"region": region})
        return region

    _lists = field_validator("required_skills", mode="before")(listed)

    @field_validator("required_skills")
    @classmethod
    def _skills(cls, skills: list[str]) -> list[str]:
        cleaned = [" ".join(s.split()) for s in skills if s.strip()]
        if any(len(s) > 100 for s in cleaned):
            raise ValueError("a skill is at most 100 characters")
        return list(dict.fromkeys(cleaned))

    @model_validator(mode="after")
    def _checks_that_refuse(self, info: ValidationInfo) -> VacancyForm:
        # The policy's own checks (one source for the minimum wage and the expiry), each at its field.
        on = decision_date(info.context)
        decision = vacancy_checks(draft_of(self), on)
        refusals: list[InitErrorDetails] = []
        for reason in decision.reasons:
            if reason.code in CHECK_FIELDS and reason.code in decision.decisive:
                field, code = CHECK_FIELDS[reason.code]
                refusals.append({"type": PydanticCustomError(code, reason.text["en"]), "loc": (field,),
                                 "input": getattr(self, field)})
        if refusals:
            raise ValidationError.from_exception_data(type(self).__name__, refusals)
        return self


def draft_of(form: VacancyForm | dict[str, Any]) -> VacancyDraft:
    data = form.model_dump() if isinstance(form, BaseModel) else form
    return VacancyDraft(title=data["title"], description=data.get("description") or "",
                        required_skills=data.get("required_skills") or [], salary_min=data["salary_min"],
                        salary_max=data.get("salary_max"), expires_on=data["expires_on"])


def schema_for(on: date) -> dict[str, Any]:
    schema = VacancyForm.model_json_schema()
    titles = occupations(on)
    props = schema["properties"]
    props["occupation_code"]["enum"] = sorted(titles)
    props["occupation_code"]["x-titles"] = titles
    props["region"]["enum"] = sorted(KNOWN_REGIONS)
    props["schedule"]["x-titles"] = SCHEDULES
    return schema


MODERATION_KIND = "vacancy.moderation"
MODERATION_DEADLINE_WORKING_DAYS = 2  # [unconfirmed] onestop's own term: the exchange publishes within a day or two
MODERATION_TITLE = _t("Вакансияны модерациялау", "Модерация вакансии", "Moderation of a vacancy")
MODERATION_STEP = StepSpec("moderation", _t("Модератордың тексеруі", "Проверка модератором", "Moderator's review"),
                           manual=True)
MODERATION_REASONS = {
    "wording_acceptable": _t("Мәтінде кемсітушілік талап жоқ деп танылды.",
                             "Текст признан не содержащим дискриминационных требований.",
                             "The wording was found to state no discriminatory requirement."),
    "discriminatory_requirement": _t("Вакансияда жасқа, жынысқа немесе ұлтқа қатысты кемсітушілік талап бар.",
                                     "Вакансия содержит дискриминационное требование по возрасту, полу или "
                                     "национальности.",
                                     "The vacancy states a discriminatory requirement of age, sex or ethnicity."),
}
BUSINESS_NOT_ACTIVE = _t("Бизнес тіркелімінде кәсіпорын белсенді емес.", "Организация не действует по реестру "
                         "бизнеса.", "The business is not active in the businesses registry.")

STEPS = (
    StepSpec("check_business", _t("Жұмыс берушіні тексеру", "Проверка работодателя", "Employer check")),
    StepSpec("check_vacancy", _t("Вакансияны автоматты тексеру", "Автоматическая проверка вакансии",
                                 "Automatic checks of the vacancy")),
    StepSpec("publish", _t("Жариялау", "Публикация", "Publication")),
)

SPEC = ServiceSpec(
    code=CODE,
    title=_t("Вакансияны еңбек биржасында жариялау", "Публикация вакансии на бирже труда",
             "Publication of a vacancy on the labour exchange"),
    description=_t("Жұмыс беруші вакансияны жариялайды; ол жұмыс іздеушілермен себептерімен сәйкестендіріледі.",
                   "Работодатель публикует вакансию; она подбирается соискателям с объяснением причин.",
                   "An employer publishes a vacancy; it is matched with job seekers, each match explained."),
    audience=("business",),
    form=VacancyForm,
    workflow=WORKFLOW_NAME,
    legal_deadline_working_days=2,
    legal_basis=_t("ҚР Әлеуметтік кодексі (№ 224-VII); ҚР Еңбек кодексі, 6-бап (кемсітуге тыйым салу)",
                   "Социальный кодекс РК (№ 224-VII); Трудовой кодекс РК, ст. 6 (запрет дискриминации)",
                   "Social Code (No. 224-VII); Labour Code, Art. 6 (no discrimination)"),
    steps=STEPS,
    registries_read=("businesses",),
    agency=LABOUR_AGENCY,
    schema_for=schema_for,
    workflow_class="workflows.vacancy:VacancyPublicationWorkflow",
    activities=("services.vacancy_policies:VacancyPolicies",),
    hints={
        "title": FieldHint(label=_t("Лауазым", "Должность", "Position")),
        "description": FieldHint(kind="textarea", label=_t("Міндеттері мен жағдайлары", "Обязанности и условия",
                                                           "Duties and conditions")),
        "occupation_code": FieldHint(label=_t("Мамандық", "Профессия", "Occupation")),
        "region": FieldHint(label=_t("Өңір", "Регион", "Region")),
        "settlement": FieldHint(label=_t("Елді мекен", "Населённый пункт", "Settlement")),
        "salary_min": FieldHint(kind="number", label=_t("Жалақы, бастап, теңге", "Зарплата от, тенге",
                                                        "Wage from, tenge")),
        "salary_max": FieldHint(kind="number", label=_t("Жалақы, дейін, теңге", "Зарплата до, тенге",
                                                        "Wage up to, tenge")),
        "schedule": FieldHint(label=_t("Жұмыс уақыты", "График работы", "Working time"), choices=SCHEDULES),
        "required_experience_months": FieldHint(kind="number", label=_t("Тәжірибе, ай", "Опыт, месяцев",
                                                                        "Experience, months")),
        "required_skills": FieldHint(label=_t("Дағдылар", "Навыки", "Skills")),
        "expires_on": FieldHint(kind="date", label=_t("Соңғы күні", "Действует до", "Open until")),
    },
    error_texts={
        **CONTACT_ERRORS,
        "salary_below_minimum_wage": _t("Жалақы ең төменгі жалақыдан кем болмауы керек.",
                                        "Зарплата не может быть ниже минимальной.",
                                        "The wage cannot be below the minimum wage."),
        "salary_range_inverted": _t("«Дейін» сомасы «бастап» сомасынан кем.", "Сумма «до» меньше суммы «от».",
                                    "The upper wage is below the lower one."),
        "expiry_too_soon": _t("Мерзімі тым жақын немесе өтіп кеткен.", "Срок слишком близок или уже прошёл.",
                              "The date is too soon or already past."),
        "region_unknown": _t("Тізімнен өңірді таңдаңыз.", "Выберите регион из списка.",
                             "Choose a region from the list."),
    },
    example_answers={"title": "Python developer", "description": "Back-end services of a logistics company.",
                     "occupation_code": "2512", "region": "astana", "settlement": "Astana",
                     "salary_min": 450000, "salary_max": 700000, "schedule": "full_time",
                     "required_experience_months": 12, "required_skills": ["Python", "SQL"],
                     "expires_on": "2027-03-31"},
)
