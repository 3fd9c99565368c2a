"""Registration on the electronic labour exchange as a job seeker (service `job-seeker-registration`).

The profile is what the person wants (occupations, skills, regions, pay) and the work history of
the e-employment record, read by the workflow and never typed. A person who asks for unemployed
status and meets the rules of policies/labour/unemployment.py is granted it as a standing status,
`unemployed-status-granted`, which the unemployment benefit depends on. When the rules exclude a
person who asked, a career-centre officer reviews the registries' facts within 3 working days and
grants or refuses the status (the registration stands either way): the registries may be out of
date. An employed person may register as a job seeker, but is not made unemployed: the decision
says why.

Once registered (and the status settled), the service is "decided": its application goes on, and
the career centre sets the person's individual employment plan as a human task (EmploymentPlan:
dated actions and a note); the service completes when the plan is set, and the person is told.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from policies.labour.unemployment import add_months
from policies.parameters import value as parameter
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
from services.spec import DecisionPart, FieldHint, ServiceSpec, StepSpec, TaskResultSpec

CODE = "job-seeker-registration"
WORKFLOW_NAME = "JobSeekerRegistration"
UNEMPLOYED_STATUS = "unemployed-status-granted"
# The statuses of a registration that stands: decided (the employment plan still to come) or completed.
# (store.labour.active_registrations also counts one under appeal, and honours its term.)
REGISTERED = ("decided", "completed")
# When the rules exclude a person who asked for the status: a career-centre officer decides within the
# service's own term, 3 working days (DOMAIN.md: status within 3 working days).
STATUS_REVIEW_KIND = "labour.unemployed_status"
STATUS_REVIEW_WORKING_DAYS = 3
# The individual employment plan the career centre sets after the registration [unconfirmed: onestop's own
# term for the plan; the Social Code's summary names the plan, not a term].
PLAN_KIND = "labour.employment_plan"
PLAN_WORKING_DAYS = 5
PLAN_OUTCOME = "plan_set"
PLAN_MAX_ITEMS = 10
# How far ahead an action of the plan may be due: within the year a granted status stands [unconfirmed].
PLAN_HORIZON_DAYS = 366
# How long a registration stays active from its decision, read on that day [unconfirmed; the parameter
# says why]. A new registration renews it: the latest completed one is the person's registration.
REGISTRATION_MONTHS = "labour.job_seeker.registration_months"
# A status's term is the policy's figure `status_valid_until` (labour.job_seeker.unemployed_status_months);
# decisions recorded before it was one carried no figure, and their term was twelve months.
STATUS_MONTHS_BEFORE_THE_PARAMETER = 12


def status_valid_until(figures: dict[str, Any], on: date) -> date:
    """The last day of an unemployed status granted on ``on``: the unemployed-status policy's figure."""
    recorded = figures.get("status_valid_until")
    return date.fromisoformat(str(recorded)) if recorded else add_months(on, STATUS_MONTHS_BEFORE_THE_PARAMETER)


def registration_decided_on(decision: dict[str, Any] | None, completed_at: datetime | None) -> date | None:
    """The day a registration was decided: its decision says so; else the day it completed."""
    recorded = (decision or {}).get("decided_on")
    if recorded:
        return date.fromisoformat(str(recorded))
    return completed_at.date() if completed_at is not None else None


def registration_active_until(decided_on: date) -> date:
    """The last day a registration decided on ``decided_on`` is active, unless the person registers again."""
    return add_months(decided_on, int(parameter(REGISTRATION_MONTHS, decided_on)))


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


PlanAction = Literal["vacancy_referral", "training", "support_measure", "consultation"]
PLAN_ACTIONS: dict[str, dict[str, str]] = {
    "vacancy_referral": _t("Бос жұмыс орындарына жолдама", "Направление на вакансии", "Referral to vacancies"),
    "training": _t("Кәсіптік оқыту", "Профессиональное обучение", "Vocational training"),
    "support_measure": _t("Мемлекеттік қолдау шарасы", "Мера государственной поддержки", "A state support measure"),
    "consultation": _t("Мансап кеңесшісінің кеңесі", "Консультация карьерного консультанта",
                       "A career adviser's consultation"),
}


class PlanItem(BaseModel):
    """One action of the plan: what, by when, and a word on it."""

    model_config = ConfigDict(extra="forbid")

    action: PlanAction = Field(description="What: referral to vacancies, training, a support measure, a consultation")
    due_on: date = Field(description="By when")
    detail: str | None = Field(default=None, max_length=500, description="Which vacancies, course or measure")

    @field_validator("due_on")
    @classmethod
    def _due_within_the_plan(cls, due_on: date, info: ValidationInfo) -> date:
        on = (info.context or {}).get("on")  # the day the plan is set; absent: read back, not checked
        if isinstance(on, date):
            if due_on < on:
                raise PydanticCustomError("plan_due_in_past", "the due date is before today")
            if due_on > on + timedelta(days=PLAN_HORIZON_DAYS):
                raise PydanticCustomError("plan_due_too_far", "the due date is more than a year ahead")
        return due_on

    @field_validator("detail")
    @classmethod
    def _detail_trimmed(cls, detail: str | None) -> str | None:
        return " ".join(detail.split()) or None if detail else None


class EmploymentPlan(BaseModel):
    """The individual employment plan a career-centre officer sets: a few dated actions and a note."""

    model_config = ConfigDict(extra="forbid")

    items: list[PlanItem] = Field(min_length=1, max_length=PLAN_MAX_ITEMS)
    note: str | None = Field(default=None, max_length=2000, description="A free note to the person")

    @field_validator("note")
    @classmethod
    def _note_trimmed(cls, note: str | None) -> str | None:
        return note.strip() or None if note else None


def plan_decision(plan: EmploymentPlan, *, officer: str, task_id: str, set_on: date) -> dict[str, Any]:
    """The plan as the service's decision keeps it: each action with its title in kk/ru/en."""
    return {"status": "set", "items": [{"action": i.action, "title": PLAN_ACTIONS[i.action],
                                        "due_on": i.due_on.isoformat(), "detail": i.detail} for i in plan.items],
            "note": plan.note, "set_by": officer, "set_on": set_on.isoformat(), "task_id": task_id}


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

STATUS_REVIEW_STEP = StepSpec("career_centre_status", _t("Жұмыссыз мәртебесі: мансап орталығының шешімі",
                                                       "Статус безработного: решение центра карьеры",
                                                       "Unemployed status: the career centre's decision"),
                              manual=True)
PLAN_STEP = StepSpec("employment_plan", _t("Жұмыспен қамтудың жеке жоспары", "Индивидуальный план занятости",
                                           "Individual employment plan"), manual=True)
STATUS_REVIEW_TITLE = _t("Жұмыссыз мәртебесін тексеру", "Проверка статуса безработного",
                         "Review of an unemployed status")
PLAN_TITLE = _t("Жұмыспен қамтудың жеке жоспарын құру", "Составление индивидуального плана занятости",
                "Setting an individual employment plan")
# What the officer names when deciding the status; the person reads the texts.
STATUS_REVIEW_REASONS = {
    "registry_out_of_date": _t("Тізілім деректері ескірген: тексеру кезінде шектеу жоқ.",
                               "Сведения реестра устарели: при проверке ограничение не подтвердилось.",
                               "The registry's record is out of date: no exclusion applies on checking."),
    "employed": _t("Адам еңбек шарты бойынша жұмыс істейді.", "Лицо работает по трудовому договору.",
                   "The person works under an employment contract."),
    "pensioner_by_age": _t("Адам жасына байланысты зейнетақы алады.", "Лицо получает пенсию по возрасту.",
                           "The person draws an age pension."),
    "full_time_student": _t("Адам күндізгі оқу нысанында оқиды.", "Лицо обучается по очной форме.",
                            "The person is a full-time student."),
    "registered_entrepreneur": _t("Адам дара кәсіпкер ретінде тіркелген.", "Лицо зарегистрировано как ИП.",
                                  "The person is a registered individual entrepreneur."),
}
PLAN_ERRORS = {
    "too_short": _t("Кемінде бір әрекет жазыңыз.", "Укажите хотя бы одно действие.", "Write at least one action."),
    "plan_due_in_past": _t("Мерзім бүгіннен ерте болмауы керек.", "Срок не может быть раньше сегодняшнего дня.",
                           "The due date cannot be before today."),
    "plan_due_too_far": _t("Мерзім бір жылдан аспауы керек.", "Срок не может быть дальше одного года.",
                           "The due date cannot be more than a year ahead."),
}
PLAN_RESULT = TaskResultSpec(
    model=EmploymentPlan, outcome=PLAN_OUTCOME, title=_t("Жеке жоспар", "Индивидуальный план", "The individual plan"),
    actions=PLAN_ACTIONS, error_texts=PLAN_ERRORS)

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


# The job seeker's own pages (and the matches API's refusal) on the registration's term; {until} is its last day.
REGISTERED_UNTIL = _t("Сіз еңбек биржасында {until} дейін тіркелгенсіз. Тіркеуді ұзарту үшін қайта тіркеліңіз.",
                      "Вы зарегистрированы на бирже труда до {until}. Чтобы продлить регистрацию, "
                      "зарегистрируйтесь заново.",
                      "You are registered on the labour exchange until {until}. To renew, register again.")
REGISTRATION_LAPSED = _t("Еңбек биржасындағы тіркеуіңіздің мерзімі {until} аяқталды. Оны жаңарту үшін қайта "
                         "тіркеліңіз.",
                         "Ваша регистрация на бирже труда действовала до {until} и истекла. Чтобы возобновить её, "
                         "зарегистрируйтесь заново.",
                         "Your registration on the labour exchange ran until {until} and has lapsed. To renew it, "
                         "register again.")


def registration_term(words: dict[str, str], until: date) -> dict[str, str]:
    """REGISTERED_UNTIL or REGISTRATION_LAPSED with the registration's last day, in each language."""
    return {language: text.format(until=until.isoformat()) for language, text in words.items()}


# Why the unemployed status cannot be appealed, by its outcome (an appeal is against a refusal).
STATUS_NOT_APPEALABLE = {
    "granted": _t("Жұмыссыз мәртебесі берілген: шағым жасайтын бас тарту жоқ.",
                  "Статус безработного присвоен: обжаловать нечего, отказа не было.",
                  "Unemployed status was granted: there is no refusal to appeal."),
    "not_requested": _t("Жұмыссыз мәртебесі сұралмаған, сондықтан ол туралы шешім жоқ. Оны алу үшін қайта "
                        "тіркеліп, мәртебені сұраңыз.",
                        "Статус безработного не запрашивался, решения о нём нет. Чтобы получить его, "
                        "зарегистрируйтесь заново и запросите статус.",
                        "Unemployed status was not asked for, so nothing was decided about it. To have it, "
                        "register again and ask for it."),
}
STATUS_PART = DecisionPart(key="unemployed_status",
                           title=_t("Жұмыссыз мәртебесі", "Статус безработного", "Unemployed status"),
                           not_appealable=STATUS_NOT_APPEALABLE)


PLAN_NOTICE = {
    "kk": ("Жұмыспен қамтудың жеке жоспары дайын",
           "Өтініш {application}: мансап орталығы жеке жоспарыңызды құрды ({items} әрекет, біріншісі {first} дейін). "
           "Толығы өтініште."),
    "ru": ("Индивидуальный план занятости готов",
           "Заявление {application}: центр карьеры составил ваш индивидуальный план ({items} действ., первое до "
           "{first}). Подробно в заявлении."),
    "en": ("Your individual employment plan is ready",
           "Application {application}: the career centre has set your individual plan ({items} actions, the first "
           "by {first}). The details are in the application."),
}


def plan_notice(language: str, *, application_id: str, plan: dict[str, Any]) -> tuple[str, str]:
    subject, body = PLAN_NOTICE[language]
    first = min(item["due_on"] for item in plan["items"])
    return subject, body.format(application=application_id[:8], items=len(plan["items"]), first=first)


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
    # Decided (registered, the status settled) and going on until the career centre sets the plan.
    long_running=True,
    task_results={PLAN_KIND: PLAN_RESULT},
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
    # A refused unemployed status is appealed as a refusal is; an overturn grants it (workflows/job_seeker.py).
    decision_parts=(STATUS_PART,),
    example_answers={"desired_occupations": ["2512"], "skills": ["Python", "SQL"], "regions": ["astana"],
                     "willing_to_relocate": True, "salary_expectation": 400000, "request_unemployed_status": True,
                     "phone": "+77011234567", "language": "ru"},
)
