"""What the toy services share: texts, steps, and a procedure that reads the population registry."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from services.spec import StepSpec

BASIS = {"kk": "Тесттік негіз", "ru": "Тестовое основание", "en": "A test basis"}
VERIFY = StepSpec("verify_identity", {"kk": "Жеке басын тексеру", "ru": "Проверка личности", "en": "Identity check"})
DECIDE = StepSpec("decide", {"kk": "Шешім", "ru": "Решение", "en": "Decision"})
PAYMENT = {"kk": "Ай сайынғы төлем", "ru": "Ежемесячная выплата", "en": "Monthly payment"}
REFUSED = {"kk": "Тест бойынша бас тартылды", "ru": "Отказано по тесту", "en": "Refused by the test"}


class NoAnswers(BaseModel):
    model_config = ConfigDict(extra="forbid", title="Nothing to answer")


def text(en: str) -> dict[str, str]:
    return {"kk": f"{en} (kk)", "ru": f"{en} (ru)", "en": en}
