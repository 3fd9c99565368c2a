"""IIN and BIN: format and check digit (Government Decree No. 565 of 11.06.2003).

Since 2013 the digits of an IIN need not match the person's real data, so only the format
and the check digit are validated; birth date and sex come from the population registry.
A BIN's digits are structured (DOMAIN.md): 1-4 registration YYMM, 5 entity type, 6 unit,
7-11 serial, 12 the same check digit; a number whose structure is impossible is refused.
"""

from __future__ import annotations

from dataclasses import dataclass

WEIGHTS_FIRST = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
WEIGHTS_SECOND = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)


def check_digit(first_eleven: str) -> int | None:
    """The 12th digit for these 11 digits, or None when no number with this prefix is issued."""
    digits = [int(ch) for ch in first_eleven]
    c = sum(d * w for d, w in zip(digits, WEIGHTS_FIRST, strict=False)) % 11
    if c == 10:
        c = sum(d * w for d, w in zip(digits, WEIGHTS_SECOND, strict=False)) % 11
    return None if c == 10 else c


def is_valid_identification_number(value: str) -> bool:
    """True for a 12-digit IIN or BIN whose check digit is right."""
    if not isinstance(value, str) or len(value) != 12 or not value.isdigit():
        return False
    expected = check_digit(value[:11])
    return expected is not None and expected == int(value[11])


is_valid_iin = is_valid_identification_number

# 5th digit of a BIN. An IIN's 5th digit is the tens of a day of the month (0-3), so a
# 12-digit number with one of these there is a BIN, never an IIN.
BIN_ENTITY_TYPES = {"4": "resident_legal_entity", "5": "non_resident_legal_entity",
                    "6": "joint_entrepreneurship"}
# 6th digit of a BIN.
BIN_UNITS = {"0": "head_office", "1": "branch", "2": "representative_office", "3": "farm"}


@dataclass(frozen=True)
class BinParts:
    registered_year: int  # two digits, as written: 98 is 1998, 05 is 2005
    registered_month: int
    entity_type: str  # a value of BIN_ENTITY_TYPES
    unit: str  # a value of BIN_UNITS
    serial: str


def bin_parts(value: str) -> BinParts | None:
    """The parts of a valid BIN, or None when the format, the structure or the check digit is wrong."""
    if not is_valid_identification_number(value):
        return None
    month = int(value[2:4])
    if not 1 <= month <= 12 or value[4] not in BIN_ENTITY_TYPES or value[5] not in BIN_UNITS:
        return None
    return BinParts(int(value[:2]), month, BIN_ENTITY_TYPES[value[4]], BIN_UNITS[value[5]],
                    value[6:11])


def is_valid_bin(value: str) -> bool:
    """True for a 12-digit BIN with a possible registration month, entity type and unit, and
    the right check digit."""
    return bin_parts(value) is not None


def looks_like_bin(value: str) -> bool:
    """Which kind a 12-digit number claims to be, from its 5th digit (see BIN_ENTITY_TYPES)."""
    return len(value) == 12 and value.isdigit() and value[4] in BIN_ENTITY_TYPES


def complete(first_eleven: str) -> str | None:
    """The full number for an 11-digit prefix, or None when the prefix is never issued."""
    digit = check_digit(first_eleven)
    return None if digit is None else first_eleven + str(digit)
