"""Targeted social assistance (service code `social-assistance`).

The state knows the family, its incomes and its property: the registries tell them. The form asks
only what it does not know: the account to pay into (left empty, the account of the family's last
social payment), and what is wrong with the family the registry shows, if anything (a correction
goes to the district commission). The procedure is in workflows/tsa.py, the rules in policies/tsa.py.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from policies.iban import is_valid_kz_iban, normalise_iban
from policies.iin import is_valid_iin
from services.spec import DocumentSpec, ServiceSpec
from services.tsa_admission import admit
from services.tsa_texts import COMMISSION_AGENCY, ERROR_TEXTS, HINTS, STEPS

CODE = "social-assistance"
WORKFLOW_NAME = "SocialAssistance"
PAYMENT_KIND = "tsa"


def _iin(value: str) -> str:
    value = value.strip()
    if not is_valid_iin(value):
        raise PydanticCustomError("iin_invalid", "a 12-digit IIN with a valid check digit")
    return value


def _split(value: object) -> object:
    # A page posts one text input: IINs separated by commas or spaces.
    return value.replace(",", " ").split() if isinstance(value, str) else value


Iin = Annotated[str, AfterValidator(_iin)]
Iins = Annotated[list[Iin], BeforeValidator(_split)]


class TsaForm(BaseModel):
    """What the applicant answers; the family, incomes and property come from the registries."""

    model_config = ConfigDict(extra="forbid", title="Targeted social assistance")

    iban: str | None = Field(default=None, description=(
        "Kazakh IBAN to pay the assistance into (KZ, 20 characters); left empty: the account of the "
        "family's last social payment"))
    # Left empty, the family the population registry shows is confirmed; a page's unticked box would not
    # be posted at all, so a correction is the one answer that says the family is wrong.
    family_correction: str | None = Field(default=None, max_length=1000, description=(
        "What is wrong with the family the population registry shows, if anything (the district "
        "commission checks it); left empty, the family shown is confirmed"))
    # The family as the applicant confirms it (the page lists the registry's); the applicant must be in it.
    members: Iins | None = Field(default=None, max_length=20, description=(
        "IINs of the family's members, the applicant among them; left empty, the family the population "
        "registry shows"))
    added_members: Iins = Field(default_factory=list, max_length=10, description=(
        "IINs of persons the correction adds to the family (each must be in the population registry; the "
        "district commission checks the rest)"))


    @field_validator("iban")
    @classmethod
    def _kazakh_iban(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        iban = normalise_iban(value)
        if not is_valid_kz_iban(iban):
            raise PydanticCustomError("iban_invalid", "a Kazakh IBAN: KZ, 20 characters, a valid check (mod 97)")
        return iban

    @field_validator("family_correction")
    @classmethod
    def _blank_is_none(cls, value: str | None) -> str | None:
        return value.strip() or None if value is not None else None


SPEC = ServiceSpec(
    code=CODE,
    title={"kk": "Атаулы әлеуметтік көмек", "ru": "Адресная социальная помощь", "en": "Targeted social assistance"},
    description={
        "kk": "Жан басына шаққандағы табысы кедейлік шегінен төмен отбасыларға ай сайынғы көмек. Отбасы, табыстар "
              "мен мүлік мемлекеттік тізілімдерден алынады; ересек мүшелер келісім береді.",
        "ru": "Ежемесячная помощь семьям, чей доход на человека ниже черты бедности. Семья, доходы и имущество "
              "берутся из государственных реестров; взрослые члены семьи дают согласие.",
        "en": "Monthly assistance for families whose income per person is below the poverty line. The family, "
              "its incomes and property come from the state registries; adult members give their consent.",
    },
    audience=("citizen",),
    form=TsaForm,
    workflow=WORKFLOW_NAME,
    legal_deadline_working_days=8,
    legal_basis={
        "kk": "ҚР Әлеуметтік кодексі (№ 224-VII, 20.04.2023), 127-бап; АӘК тағайындау қағидалары (№ 160 бұйрық)",
        "ru": "Социальный кодекс РК (№ 224-VII от 20.04.2023), ст. 127; Правила назначения АСП (приказ № 160)",
        "en": "Social Code of the Republic of Kazakhstan (No. 224-VII of 20.04.2023), Art. 127; rules of TSA "
              "(order No. 160)",
    },
    steps=STEPS,
    registries_read=("population", "contracts", "pensions", "social_payments", "property", "businesses"),
    registries_written=("payments", "notifications"),
    agency=COMMISSION_AGENCY,
    workflow_class="workflows.tsa:SocialAssistanceWorkflow",
    activities=("services.tsa_policies:TsaPolicies",),
    hints=HINTS,
    error_texts=ERROR_TEXTS,
    example_answers={"iban": "KZ456010000000000001"},
    long_running=True,
    admit=admit,
    document=DocumentSpec(kind="tsa-assignment", title={"kk": "Атаулы әлеуметтік көмекті тағайындау туралы шешім",
                                                        "ru": "Решение о назначении адресной социальной помощи",
                                                        "en": "Decision assigning targeted social assistance"}),
)
