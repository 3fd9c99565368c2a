"""The social payment for loss of work, the unemployment benefit (service `unemployment-benefit`).

It depends on an active unemployed status (granted by `job-seeker-registration`, in the same
application or an earlier one). Eligibility, amount and duration are policies/labour/unemployment.py
over the social insurance contributions; the job lost is the last contract of the e-employment
record that ended, so nothing is typed but the account to pay into. Long-running: decided, then paid
monthly through the payments gateway (workflows/payments.py, the loop TSA uses) until the period ends,
the person withdraws, or a new contract appears in the e-employment record.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from policies.iban import is_valid_kz_iban, normalise_iban
from services.job_seeker import CODE as JOB_SEEKER
from services.job_seeker import UNEMPLOYED_STATUS
from services.labour_exchange import CONTACT_ERRORS, LABOUR_AGENCY, email_format, phone_format
from services.spec import Dependency, FieldHint, ServiceSpec, StepSpec

CODE = "unemployment-benefit"
WORKFLOW_NAME = "UnemploymentBenefit"
PAYMENT_KIND = "unemployment_benefit"
# The day of the month a month's payment is due [unconfirmed: the State Social Insurance Fund pays
# monthly; the day is onestop's own choice].
PAYMENT_DAY = 10
# How far back contributions are read: the registry answers at most ten years, and the participation
# coefficient stops rising at 1.3 (72 months and 0.02 a further year) well inside that.
CAREER_MONTHS_READ = 120


def _t(kk: str, ru: str, en: str) -> dict[str, str]:
    return {"kk": kk, "ru": ru, "en": en}


class UnemploymentBenefitForm(BaseModel):
    model_config = ConfigDict(extra="forbid", title="Unemployment benefit")

    iban: str = Field(description="Account to pay into, a Kazakh IBAN (KZ + 18 characters)")
    phone: str | None = Field(default=None, description="Mobile number for notices, +7XXXXXXXXXX")
    email: str | None = Field(default=None, max_length=254, description="E-mail for notices")
    language: Literal["kk", "ru", "en"] = Field(default="kk", description="Language of notices")

    @field_validator("iban")
    @classmethod
    def _iban(cls, value: str) -> str:
        iban = normalise_iban(value)
        if not is_valid_kz_iban(iban):
            raise PydanticCustomError("iban_invalid", "a Kazakh IBAN: KZ, two check digits and 16 characters")
        return iban

    _phone = field_validator("phone")(phone_format)
    _email = field_validator("email")(email_format)


STEPS = (
    StepSpec("verify_identity", _t("Жеке басын тексеру", "Проверка личности", "Identity check")),
    StepSpec("check_unemployed_status", _t("Жұмыссыз мәртебесі", "Статус безработного", "Unemployed status")),
    StepSpec("read_employment_record", _t("Электрондық еңбек кітапшасы", "Электронная трудовая книжка",
                                          "E-employment record")),
    StepSpec("read_contributions", _t("Әлеуметтік аударымдар", "Социальные отчисления", "Social contributions")),
    StepSpec("decide_benefit", _t("Төлемді тағайындау", "Назначение выплаты", "Benefit decided")),
    StepSpec("payment", _t("Ай сайынғы төлемдер", "Ежемесячные выплаты", "Monthly payments")),
)

STOPPED_NEW_CONTRACT = _t("Жаңа еңбек шарты: төлемдер тоқтатылды", "Новый трудовой договор: выплаты прекращены",
                          "A new employment contract: payments stopped")
STATUS_FOUND = _t("Жұмыссыз мәртебесі күшінде.", "Статус безработного действует.", "Unemployed status in force.")

SPEC = ServiceSpec(
    code=CODE,
    title=_t("Жұмыстан айырылу жағдайы бойынша әлеуметтік төлем", "Социальная выплата на случай потери работы",
             "Unemployment benefit (social payment for loss of work)"),
    description=_t("Әлеуметтік аударымдар бойынша есептеледі және ай сайын төленеді; жұмыссыз мәртебесін қажет етеді.",
                   "Рассчитывается по социальным отчислениям и выплачивается ежемесячно; нужен статус безработного.",
                   "Computed from the social contributions and paid monthly; needs unemployed status."),
    audience=("citizen",),
    form=UnemploymentBenefitForm,
    workflow=WORKFLOW_NAME,
    legal_deadline_working_days=10,  # [unconfirmed] the Fund's service standard
    legal_basis=_t("ҚР Әлеуметтік кодексі (№ 224-VII), жұмысынан айырылу жағдайындағы әлеуметтік төлем",
                   "Социальный кодекс РК (№ 224-VII), социальная выплата на случай потери работы",
                   "Social Code (No. 224-VII), social payment for loss of work"),
    steps=STEPS,
    registries_read=("population", "contracts", "social_insurance"),
    registries_written=("payments", "notifications"),
    agency=LABOUR_AGENCY,  # the career centre takes the appeals: the Fund has no officers here yet
    workflow_class="workflows.unemployment_benefit:UnemploymentBenefitWorkflow",
    activities=("services.unemployment_benefit_policies:UnemploymentBenefitPolicies",),
    prefill={"phone": "phone", "email": "email"},
    hints={"iban": FieldHint(label=_t("Төлем шоты (IBAN)", "Счёт для выплаты (IBAN)", "Account for payments (IBAN)"))},
    error_texts={**CONTACT_ERRORS,
                 "iban_invalid": _t("IBAN дұрыс емес: KZ және 18 таңба.", "Неверный IBAN: KZ и 18 знаков.",
                                    "Not a valid IBAN: KZ and 18 characters.")},
    example_answers={"iban": "KZ686010000000123456", "phone": "+77011234567", "language": "ru"},
    depends_on=(Dependency(JOB_SEEKER, UNEMPLOYED_STATUS),),
    long_running=True,
)
