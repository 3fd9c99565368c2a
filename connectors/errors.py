"""What can go wrong when a connector calls a registry, split by what the caller should do.

    RegistryError(Exception)
    ├── RegistryUnavailable     timeout, connection error, 5xx, 429: try again later.
    │                           Raised as a plain exception so Temporal's retry policy retries it.
    └── RegistryRefusal         the registry answered and said no: person not found, already
                                registered, invalid input, forbidden. Retrying cannot help; an
                                activity turns it into a non-retryable ApplicationError of type
                                REFUSAL_ERROR_TYPE carrying {"code", "registry", "titles"}.

Messages never carry an IIN: they may end up in logs and in workflow histories.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from temporalio.exceptions import ApplicationError

__all__ = [
    "REFUSAL_ERROR_TYPE",
    "RegistryError",
    "RegistryRefusal",
    "RegistryUnavailable",
    "mask_digits",
    "refusals_as_application_errors",
]

REFUSAL_ERROR_TYPE = "RegistryRefusal"

# When a registry gives no titles of its own (a real gateway may not).
GENERIC_REFUSAL_TITLES = {
    "kk": "Тізілім сұрауды қабылдамады",
    "ru": "Реестр отклонил запрос",
    "en": "The registry refused the request",
}

_TWELVE_DIGITS = re.compile(r"(?<!\d)\d{12}(?!\d)")


def mask_digits(text: str) -> str:
    """The text with every 12-digit run (an IIN or BIN) masked."""
    return _TWELVE_DIGITS.sub("************", text)


class RegistryError(Exception):
    """Any failure of a registry call."""

    def __init__(self, message: str, *, registry: str) -> None:
        super().__init__(mask_digits(message))
        self.registry = registry


class RegistryUnavailable(RegistryError):
    """The registry could not answer now (retryable)."""

    def __init__(self, message: str, *, registry: str, status: int | None = None) -> None:
        super().__init__(message, registry=registry)
        self.status = status


class RegistryRefusal(RegistryError):
    """The registry answered with a business refusal (not retryable); `code` is stable."""

    def __init__(self, code: str, message: str, *, registry: str, status: int | None = None,
                 titles: dict[str, str] | None = None) -> None:
        super().__init__(message, registry=registry)
        self.code = code
        self.message = mask_digits(message)
        self.status = status
        self.titles = titles or dict(GENERIC_REFUSAL_TITLES)

    def to_application_error(self) -> ApplicationError:
        return ApplicationError(
            self.message,
            {"code": self.code, "registry": self.registry, "titles": self.titles},
            type=REFUSAL_ERROR_TYPE,
            non_retryable=True,
        )


@contextmanager
def refusals_as_application_errors() -> Iterator[None]:
    """Inside an activity: a refusal fails the activity for good; anything else stays retryable."""
    try:
        yield
    except RegistryRefusal as refusal:
        raise refusal.to_application_error() from refusal
