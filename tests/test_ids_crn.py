"""법인등록번호: plain-product check digit (not Luhn, not 주민등록번호), and its documented blind spot."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.kr import rrn

from pgdocs.ids import InvalidChecksum, InvalidFormat, InvalidLength, crn


@pytest.mark.parametrize(
    "number",
    [
        pytest.param("110111-6638542", id="domain-1"),
        pytest.param("131111-0541796", id="domain-2"),
        pytest.param("1101110414758", id="dart-example"),
        pytest.param("110111-7654323", id="domain-4"),
        pytest.param("１１０１１１－６６３８５４２", id="full-width"),
        pytest.param(" 110111 6638542 ", id="spaces"),
    ],
)
def test_valid_examples(number: str) -> None:
    assert crn.is_valid(number)
    assert crn.format(crn.validate(number)) == crn.format(number)


@pytest.mark.parametrize(
    ("number", "error"),
    [
        pytest.param("110111-6638543", InvalidChecksum, id="last-digit"),
        pytest.param("110111-7654324", InvalidChecksum, id="last-digit-2"),
        pytest.param("110111-663854", InvalidLength, id="12-digits"),
        pytest.param("110111-66385421", InvalidLength, id="14-digits"),
        pytest.param("110111-66385A2", InvalidFormat, id="letter"),
        pytest.param("", InvalidFormat, id="empty"),
    ],
)
def test_invalid_examples(number: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        crn.validate(number)


def test_not_luhn_and_not_rrn() -> None:
    # A Luhn-style digit sum would compute a different check digit for this number.
    digits = "110111663854"
    luhn_sum = 0
    for i, ch in enumerate(digits):
        p = int(ch) * (1 if i % 2 == 0 else 2)
        luhn_sum += p // 10 + p % 10
    assert str((10 - luhn_sum % 10) % 10) != "2"
    assert crn.calc_check_digit(digits) == "2"
    assert not rrn.is_valid("1101116638542")  # the 주민등록번호 algorithm rejects a valid 법인등록번호


twelve_digits = st.text(alphabet="0123456789", min_size=12, max_size=12)


@given(twelve_digits)
def test_generated_numbers_pass(first12: str) -> None:
    number = first12 + crn.calc_check_digit(first12)
    assert crn.validate(number) == number


@given(twelve_digits, st.integers(0, 12), st.integers(1, 9))
def test_single_digit_changes_fail_except_plus_minus_5_in_weight_2(first12: str, pos: int, delta: int) -> None:
    number = first12 + crn.calc_check_digit(first12)
    changed = number[:pos] + str((int(number[pos]) + delta) % 10) + number[pos + 1 :]
    blind_spot = pos < 12 and crn.WEIGHTS[pos] == 2 and delta == 5
    assert crn.is_valid(changed) is blind_spot


def test_blind_spot_is_exactly_five_percent_of_single_digit_errors() -> None:
    number = "1101116638542"
    undetected = []
    total = 0
    for pos in range(13):
        for d in "0123456789":
            if d == number[pos]:
                continue
            total += 1
            changed = number[:pos] + d + number[pos + 1 :]
            if crn.is_valid(changed):
                undetected.append(pos)
    # six weight-2 positions (2nd, 4th, … 12th digit), one undetectable digit each
    assert undetected == [1, 3, 5, 7, 9, 11]
    assert total == 117
    assert round(len(undetected) / total, 2) == 0.05
