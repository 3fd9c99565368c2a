"""IBAN: the ISO 13616 mod-97 check, and the Kazakh format (KZ, 20 characters).

A Kazakh IBAN is "KZ", two check digits, a 3-digit bank code and a 13-character account
number (digits and capital letters). Valid when the whole number, rearranged (the first four
characters moved to the end) and read with A=10 ... Z=35, leaves 1 modulo 97.
"""

from __future__ import annotations

import re

__all__ = ["KZ_IBAN_LENGTH", "is_valid_iban", "is_valid_kz_iban", "kz_iban", "normalise_iban"]

KZ_IBAN_LENGTH = 20
_IBAN = re.compile(r"^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$")
_KZ_IBAN = re.compile(r"^KZ\d{2}\d{3}[A-Z0-9]{13}$")


def normalise_iban(value: str) -> str:
    """The IBAN as stored: capitals, no spaces (people write it in groups of four)."""
    return value.replace(" ", "").upper()


def _as_number(text: str) -> int:
    return int("".join(str(int(ch, 36)) for ch in text))


def _mod97(iban: str) -> int:
    return _as_number(iban[4:] + iban[:4]) % 97


def is_valid_iban(value: str) -> bool:
    """Any country's IBAN: the shape and the mod-97 check (not each country's length)."""
    return isinstance(value, str) and bool(_IBAN.match(value)) and _mod97(value) == 1


def is_valid_kz_iban(value: str) -> bool:
    """A Kazakh IBAN: KZ, 20 characters, a numeric bank code, and the mod-97 check."""
    return (isinstance(value, str) and len(value) == KZ_IBAN_LENGTH and bool(_KZ_IBAN.match(value))
            and _mod97(value) == 1)


def kz_iban(bank_code: str, account: str) -> str:
    """The Kazakh IBAN of this bank code (3 digits) and account (13 characters), check digits added."""
    bban = f"{bank_code}{account}".upper()
    if len(bank_code) != 3 or not bank_code.isdigit() or len(account) != 13:
        raise ValueError("a Kazakh IBAN has a 3-digit bank code and a 13-character account")
    check = 98 - _as_number(bban + "KZ00") % 97
    return f"KZ{check:02d}{bban}"
