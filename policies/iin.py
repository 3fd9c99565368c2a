"""IIN and BIN: format and check digit (Government Decree No. 565 of 11.06.2003).

Since 2013 the digits need not match the person's real data, so only the format and the
check digit are validated; birth date and sex come from the population registry.
"""

from __future__ import annotations

WEIGHTS_FIRST = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
WEIGHTS_SECOND = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)


def check_digit(first_eleven: str) -> int | None:
    """The 12th digit for these 11 digits, or None when no number with this prefix is issued."""
    digits = [int(ch) for ch in first_eleven]
    c = sum(d * w for d, w in zip(digits, WEIGHTS_FIRST)) % 11
    if c == 10:
        c = sum(d * w for d, w in zip(digits, WEIGHTS_SECOND)) % 11
    return None if c == 10 else c


def is_valid_identification_number(value: str) -> bool:
    """True for a 12-digit IIN or BIN whose check digit is right."""
    if not isinstance(value, str) or len(value) != 12 or not value.isdigit():
        return False
    expected = check_digit(value[:11])
    return expected is not None and expected == int(value[11])


is_valid_iin = is_valid_identification_number
is_valid_bin = is_valid_identification_number


def complete(first_eleven: str) -> str | None:
    """The full number for an 11-digit prefix, or None when the prefix is never issued."""
    digit = check_digit(first_eleven)
    return None if digit is None else first_eleven + str(digit)
