"""BIN validation: the check digit of the IIN, and the structure DOMAIN.md gives a BIN."""

from __future__ import annotations

import pytest

from policies.iin import bin_parts, complete, is_valid_bin, is_valid_iin, looks_like_bin


def test_a_head_office_of_a_resident_legal_entity() -> None:
    number = complete("15084000123")  # registered 2015-08, type 4, unit 0, serial 00123
    assert number is not None and is_valid_bin(number)
    parts = bin_parts(number)
    assert parts is not None
    assert (parts.registered_year, parts.registered_month) == (15, 8)
    assert (parts.entity_type, parts.unit, parts.serial) == ("resident_legal_entity", "head_office", "00123")


@pytest.mark.parametrize("prefix, why", [
    ("15134000123", "month 13"),
    ("15004000123", "month 00"),
    ("15083000123", "entity type 3 (an IIN's day digit)"),
    ("15087000123", "entity type 7"),
    ("15084400123", "unit 4"),
])
def test_an_impossible_structure_is_refused_even_with_the_right_check_digit(prefix: str, why: str) -> None:
    number = complete(prefix)
    assert number is not None, why
    assert not is_valid_bin(number), why


def test_a_wrong_check_digit_or_format_is_refused() -> None:
    number = complete("15084000123") or ""
    assert not is_valid_bin(number[:11] + str((int(number[11]) + 1) % 10))
    for value in ("", "15084000123", "1508400012345", "15084000123a"):
        assert not is_valid_bin(value)


def test_a_bin_and_an_iin_are_told_apart_by_the_fifth_digit() -> None:
    iin, bin_ = "850715300122", complete("15084000123") or ""
    assert looks_like_bin(bin_) and not looks_like_bin(iin)
    assert is_valid_iin(iin) and not is_valid_bin(iin)
    assert complete("20116100045") and looks_like_bin(complete("20116100045") or "")
