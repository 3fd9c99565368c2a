"""Applying for a state support measure (service `support-measure-application`).

The person names a measure of ``labour.support.measures``; the policy (policies/labour/support.py)
says whether its conditions are met and why, and a career-centre officer decides, with that
decision in the task as advice: the conditions are unconfirmed, and a place on a measure depends
on the centre's quotas, which no registry holds. An approval is the standing status
``support-measure-participant``, which targeted social assistance counts as taking part in an
employment-promotion measure.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from policies.parameters import value
from services.labour_exchange import LABOUR_AGENCY, decision_date
from services.spec import FieldHint, ServiceSpec, StepSpec

CODE = "support-measure-application"
WORKFLOW_NAME = "SupportMeasureApplication"
PARTICIPANT_STATUS = "support-measure-participant"
# How long an approved place stands [unconfirmed: onestop's own term; the measures run from months to a year].
PARTICIPATION_MONTHS = 12
DECISION_KIND = "labour.support_measure"
DECISION_DEADLINE_WORKING_DAYS = 5  # [unconfirmed] onestop's own term for the career centre


def _t(kk: str, ru: str, en: str) -> dict[str, str]:
    return {"kk": kk, "ru": ru, "en": en}


def measures(on: date) -> dict[str, dict[str, Any]]:
    return dict(value("labour.support.measures", on))


class SupportMeasureForm(BaseModel):
    model_config = ConfigDict(extra="forbid", title="Application for a support measure")

    measure: str = Field(description="The support measure, a code of the list in force")
    motivation: str | None = Field(default=None, max_length=2000, description="Why this measure, in a few words")
    language: Literal["kk", "ru", "en"] = Field(default="kk", description="Language of notices")

    @field_validator("measure")
    @classmethod
    def _known(cls, code: str, info: ValidationInfo) -> str:
        if code not in measures(decision_date(info.context)):
            raise PydanticCustomError("measure_unknown", "'{code}' is not a support measure in force", {"code": code})
        return code


def schema_for(on: date) -> dict[str, Any]:
    schema = SupportMeasureForm.model_json_schema()
    found = measures(on)
    schema["properties"]["measure"]["enum"] = sorted(found)
    schema["properties"]["measure"]["x-titles"] = {code: m["title"] for code, m in found.items()}
    return schema


DECISION_STEP = StepSpec("career_centre", _t("Мансап орталығының шешімі", "Решение центра карьеры",
                                             "The career centre's decision"), manual=True)
STEPS = (
    StepSpec("verify_identity", _t("Жеке басын тексеру", "Проверка личности", "Identity check")),
    StepSpec("check_conditions", _t("Қатысу шарттары", "Условия участия", "Conditions of the measure")),
    StepSpec("enrol", _t("Шараға қабылдау", "Зачисление на меру", "Enrolment on the measure")),
    StepSpec("notify_applicant", _t("Өтініш берушіге хабарлау", "Уведомление заявителя", "Applicant notified")),
)
DECISION_TITLE = _t("Қолдау шарасына қатысу туралы өтініш", "Заявление на участие в мере поддержки",
                    "Application for a support measure")
DECISION_REASONS = {
    "conditions_met": _t("Қатысу шарттары орындалды, орын бар.", "Условия участия выполнены, место есть.",
                         "The conditions are met and there is a place."),
    "conditions_not_met": _t("Қатысу шарттары орындалмады.", "Условия участия не выполнены.",
                             "The conditions of the measure are not met."),
    "no_place": _t("Бұл шарада биыл бос орын жоқ.", "На эту меру в этом году нет мест.",
                   "There is no place on this measure this year."),
}
ENROLLED = {
    "kk": ("Сіз қолдау шарасына қабылдандыңыз",
           "Өтініш {application}: сіз «{measure}» шарасына {until} дейін қабылдандыңыз."),
    "ru": ("Вы зачислены на меру поддержки", "Заявление {application}: вы зачислены на меру «{measure}» до {until}."),
    "en": ("You are enrolled on a support measure",
           "Application {application}: you are enrolled on “{measure}” until {until}."),
}


def enrolled_notice(language: str, *, application_id: str, measure: dict[str, str], until: str) -> tuple[str, str]:
    subject, body = ENROLLED[language]
    return subject, body.format(application=application_id[:8], measure=measure[language], until=until)


SPEC = ServiceSpec(
    code=CODE,
    title=_t("Мемлекеттік қолдау шарасына қатысуға өтініш", "Заявление на участие в мере государственной поддержки",
             "Application for a state support measure"),
    description=_t("Оқыту, жастар практикасы, әлеуметтік жұмыс орындары, қоғамдық жұмыстар, микрокредит, қоныс "
                   "аудару: шешімді мансап орталығы қабылдайды.",
                   "Обучение, молодёжная практика, социальные рабочие места, общественные работы, микрокредит, "
                   "переселение: решение принимает центр карьеры.",
                   "Training, youth practice, social jobs, public works, microcredit, relocation: the career centre "
                   "decides."),
    audience=("citizen",),
    form=SupportMeasureForm,
    workflow=WORKFLOW_NAME,
    legal_deadline_working_days=DECISION_DEADLINE_WORKING_DAYS,
    legal_basis=_t("ҚР Әлеуметтік кодексі (№ 224-VII), жұмыспен қамтуға жәрдемдесудің белсенді шаралары",
                   "Социальный кодекс РК (№ 224-VII), активные меры содействия занятости",
                   "Social Code (No. 224-VII), active measures of employment promotion"),
    steps=STEPS,
    registries_read=("population", "businesses", "social_payments", "contracts", "education",
                     "special_records"),
    registries_written=("notifications",),
    agency=LABOUR_AGENCY,
    schema_for=schema_for,
    workflow_class="workflows.support_measure:SupportMeasureWorkflow",
    activities=("services.support_measure_policies:SupportMeasurePolicies",),
    hints={
        "measure": FieldHint(label=_t("Қолдау шарасы", "Мера поддержки", "Support measure")),
        "motivation": FieldHint(kind="textarea", label=_t("Неге бұл шара", "Почему эта мера", "Why this measure")),
    },
    error_texts={"measure_unknown": _t("Тізімнен шараны таңдаңыз.", "Выберите меру из списка.",
                                       "Choose a measure from the list.")},
    example_answers={"measure": "training", "motivation": "I want to learn welding.", "language": "ru"},
)
