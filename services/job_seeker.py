"""Registration on the electronic labour exchange as a job seeker (service `job-seeker-registration`).

The profile is what the person wants (occupations, skills, regions, pay) and the work history of
the e-employment record, read by the workflow and never typed. A person who asks for unemployed
status and meets the rules of policies/labour/unemployment.py is granted it as a standing status,
`unemployed-status-granted`, which the unemployment benefit depends on. An employed person may
register as a job seeker, but is not made unemployed: the decision says why.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from services.labour_exchange import (
    CONTACT_ERRORS,
    LABOUR_AGENCY,
    decision_date,
    email_format,
    known_occupation,
    listed,
    occupations,
    phone_format,
)
from services.regions import KNOWN_REGIONS
from services.spec import FieldHint, ServiceSpec, StepSpec

CODE = "job-seeker-registration"
WORKFLOW_NAME = "JobSeekerRegistration"
UNEMPLOYED_STATUS = "unemployed-status-granted"
# How long a granted status stands before the person confirms it again [unconfirmed: no term found in the
# Social Code's summary; a year keeps a benefit of up to six months and its re-registration inside it].
UNEMPLOYED_STATUS_MONTHS = 12


class JobSeekerForm(BaseModel):
    """What the person wants; who they are and where they worked come from the registries."""

    model_config = ConfigDict(extra="forbid", title="Registration as a job seeker")

    desired_occupations: list[str] = Field(min_length=1, max_length=5,
                                           description="Occupations wanted, ISCO-08 codes of the classifier")
    skills: list[str] = Field(default_factory=list, max_length=30, description="Skills, in your own words")
    regions: list[str] = Field(default_factory=list, max_length=20,
                               description="Regions where you look for work; your registered region when empty")
    willing_to_relocate: bool = Field(default=False, description="Ready to move to another region for work")
    salary_expectation: Decimal | None = Field(default=None, ge=0, le=Decimal("100000000"), decimal_places=2,
                                               description="Expected monthly wage, tenge")
    request_unemployed_status: bool = Field(default=False, description="Register me as unemployed as well")
    phone: str | None = Field(default=None, description="Mobile number for notices, +7XXXXXXXXXX")
    email: str | None = Field(default=None, max_length=254, description="E-mail for notices")
    language: Literal["kk", "ru", "en"] = Field(default="kk", description="Language of notices")

    _lists = field_validator("desired_occupations", "skills", "regions", mode="before")(listed)

    @field_validator("desired_occupations")
    @classmethod
    def _occupations_known(cls, codes: list[str], info: ValidationInfo) -> list[str]:
        on = decision_date(info.context)
        return list(dict.fromkeys(known_occupation(code, on) for code in codes))

    @field_validator("skills")
    @classmethod
    def _skills_short(cls, skills: list[str]) -> list[str]:
        cleaned = [" ".join(s.split()) for s in skills if s.strip()]
        if any(len(s) > 100 for s in cleaned):
            raise ValueError("a skill is at most 100 characters")
        return list(dict.fromkeys(cleaned))

    @field_validator("regions")
    @classmethod
    def _regions_known(cls, regions: list[str]) -> list[str]:
        unknown = [r for r in regions if r not in KNOWN_REGIONS]
        if unknown:
            raise ValueError(f"unknown region codes: {', '.join(unknown)}")
        return list(dict.fromkeys(regions))

    _phone = field_validator("phone")(phone_format)
    _email = field_validator("email")(email_format)


def schema_for(on: date) -> dict[str, Any]:
    """The form's schema with the occupation codes in force on the date and their titles."""
    schema = JobSeekerForm.model_json_schema()
    titles = occupations(on)
    items = schema["properties"]["desired_occupations"]["items"]
    items["enum"] = sorted(titles)
    items["x-titles"] = titles
    schema["properties"]["regions"]["items"]["enum"] = sorted(KNOWN_REGIONS)
    return schema


def _t(kk: str, ru: str, en: str) -> dict[str, str]:
    return {"kk": kk, "ru": ru, "en": en}


STEPS = (
    StepSpec("verify_identity", _t("Жеке басын тексеру", "Проверка личности", "Identity check")),
    StepSpec("read_employment_record", _t("Электрондық еңбек кітапшасы", "Электронная трудовая книжка",
                                          "E-employment record")),
    StepSpec("check_registration", _t("Тіркелу шарттарын тексеру", "Проверка условий регистрации",
                                      "Registration conditions")),
    StepSpec("build_profile", _t("Іздеуші профилі", "Профиль соискателя", "Job seeker profile")),
    StepSpec("offer_vacancies", _t("Бос орындар ұсынылды", "Предложены вакансии", "Vacancies offered")),
    StepSpec("check_unemployed_status", _t("Жұмыссыз мәртебесі", "Статус безработного", "Unemployed status")),
    StepSpec("notify_applicant", _t("Өтініш берушіге хабарлау", "Уведомление заявителя", "Applicant notified")),
)

NOT_REQUESTED = _t("Жұмыссыз мәртебесі сұралмаған.", "Статус безработного не запрашивался.",
                   "Unemployed status was not asked for.")
REGISTERED_NOTICE = {
    "kk": ("Сіз еңбек биржасында тіркелдіңіз", "Өтініш {application}: сіз жұмыс іздеуші ретінде тіркелдіңіз. {status}"),
    "ru": ("Вы зарегистрированы на бирже труда",
           "Заявление {application}: вы зарегистрированы как ищущий работу. {status}"),
    "en": ("You are registered on the labour exchange",
           "Application {application}: you are registered as a job seeker. {status}"),
}
STATUS_GRANTED = _t("Жұмыссыз мәртебесі {until} дейін берілді.", "Статус безработного присвоен до {until}.",
                    "Unemployed status granted until {until}.")
STATUS_REFUSED = _t("Жұмыссыз мәртебесі берілмеді: себептері өтініште.",
                    "Статус безработного не присвоен: причины в заявлении.",
                    "Unemployed status not granted: the reasons are in the application.")


def registered_notice(language: str, *, application_id: str, status: str | None,
                      valid_until: str | None) -> tuple[str, str]:
    subject, body = REGISTERED_NOTICE[language]
    said = ""
    if status == "granted":
        said = STATUS_GRANTED[language].format(until=valid_until)
    elif status == "refused":
        said = STATUS_REFUSED[language]
    return subject, body.format(application=application_id[:8], status=said).strip()


SPEC = ServiceSpec(
    code=CODE,
    title=_t("Еңбек биржасында жұмыс іздеуші ретінде тіркелу", "Регистрация на бирже труда в качестве ищущего работу",
             "Registration on the labour exchange as a job seeker"),
    description=_t("Профиль электрондық еңбек кітапшасынан жасалады; шарттар орындалса, жұмыссыз мәртебесі беріледі.",
                   "Профиль составляется по электронной трудовой книжке; при соблюдении условий присваивается "
                   "статус безработного.",
                   "The profile is built from the e-employment record; unemployed status is granted where the "
                   "rules allow."),
    audience=("citizen",),
    form=JobSeekerForm,
    workflow=WORKFLOW_NAME,
    # With no suitable job, unemployed status within 3 working days (DOMAIN.md).
    legal_deadline_working_days=3,
    legal_basis=_t("ҚР Әлеуметтік кодексі (№ 224-VII), халықты жұмыспен қамту",
                   "Социальный кодекс РК (№ 224-VII), содействие занятости",
                   "Social Code of the Republic of Kazakhstan (No. 224-VII), employment promotion"),
    steps=STEPS,
    registries_read=("population", "contracts", "businesses", "social_payments"),
    registries_written=("notifications",),
    agency=LABOUR_AGENCY,
    schema_for=schema_for,
    workflow_class="workflows.job_seeker:JobSeekerRegistrationWorkflow",
    activities=("services.job_seeker_policies:JobSeekerPolicies",),
    prefill={"phone": "phone", "email": "email"},
    hints={
        "desired_occupations": FieldHint(label=_t("Қалаған мамандықтар", "Желаемые профессии",
                                                  "Occupations you want")),
        "skills": FieldHint(label=_t("Дағдылар", "Навыки", "Skills")),
        "regions": FieldHint(label=_t("Жұмыс іздейтін өңірлер", "Регионы поиска работы",
                                      "Regions where you look for work")),
        "willing_to_relocate": FieldHint(kind="checkbox", label=_t("Басқа өңірге көшуге дайынмын",
                                                                   "Готов(а) переехать в другой регион",
                                                                   "Ready to move to another region")),
        "salary_expectation": FieldHint(kind="number", label=_t("Күтілетін жалақы, теңге",
                                                                "Ожидаемая зарплата, тенге",
                                                                "Expected wage, tenge")),
        "request_unemployed_status": FieldHint(kind="checkbox", label=_t("Мені жұмыссыз ретінде де тіркеңіз",
                                                                         "Зарегистрируйте меня и безработным",
                                                                         "Register me as unemployed as well")),
    },
    error_texts=CONTACT_ERRORS,
    example_answers={"desired_occupations": ["2512"], "skills": ["Python", "SQL"], "regions": ["astana"],
                     "willing_to_relocate": True, "salary_expectation": 400000, "request_unemployed_status": True,
                     "phone": "+77011234567", "language": "ru"},
)
