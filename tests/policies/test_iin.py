"""IIN/BIN check digits: the examples of DOMAIN.md."""

from __future__ import annotations

import pytest

from policies.iin import check_digit, complete, is_valid_bin, is_valid_iin


@pytest.mark.parametrize("iin", ["850715300122", "900101400013", "010203500038", "900101300811"])
def test_valid_iins(iin: str) -> None:
    assert is_valid_iin(iin)


def test_second_weights_are_needed_for_900101300811() -> None:
    digits = [int(c) for c in "90010130081"]
    first = sum(d * w for d, w in zip(digits, range(1, 12), strict=True)) % 11
    assert first == 10
    assert check_digit("90010130081") == 1


@pytest.mark.parametrize("value", ["850715300123", "85071530012", "8507153001222", "85071530012a", "", "900101300801"])
def test_invalid_iins(value: str) -> None:
    assert not is_valid_iin(value)


def test_prefix_where_both_sums_give_ten_is_never_issued() -> None:
    assert check_digit("90010130080") is None
    assert complete("90010130080") is None
    assert not any(is_valid_iin("90010130080" + str(d)) for d in range(10))


def test_complete_builds_a_valid_number() -> None:
    assert complete("85071530012") == "850715300122"


def test_bin_uses_the_same_check_digit() -> None:
    number = complete("21054000123")
    assert number is not None and is_valid_bin(number)
    assert not is_valid_bin(number[:11] + str((int(number[11]) + 1) % 10))
