"""사업자등록번호: check digit, shape, type digits; real public numbers and hypothesis properties."""

from __future__ import annotations

from pathlib import Path

import pytest
import stdnum.exceptions
from hypothesis import given
from hypothesis import strategies as st

from pgdocs.ids import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength, brn

FIXTURES = Path(__file__).parent / "fixtures" / "ids"


def _public_numbers() -> list[str]:
    lines = (FIXTURES / "brn_public_corporations.txt").read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")]


@pytest.mark.parametrize(
    "number",
    [
        pytest.param("124-81-00998", id="samsung-electronics"),
        pytest.param("116-82-00276", id="stdnum-example-nonprofit"),
        pytest.param("134-86-72683", id="stdnum-example-86"),
        pytest.param("138-81-83251", id="domain-example"),
        pytest.param("1248100998", id="no-dashes"),
        pytest.param(" 124 - 81 - 00998 ", id="spaces"),
        pytest.param("１２４－８１－００９９８", id="full-width"),
        pytest.param("124–81–00998", id="en-dashes"),
        pytest.param("124.81.00998", id="dots"),
    ],
)
def test_valid_examples(number: str) -> None:
    assert brn.is_valid(number)
    assert len(brn.validate(number)) == 10


@pytest.mark.parametrize(
    ("number", "error"),
    [
        pytest.param("116-82-00277", InvalidChecksum, id="checksum-domain-example"),
        pytest.param("206-18-12345", InvalidChecksum, id="stdnum-online-typo-1"),
        pytest.param("306-82-00417", InvalidChecksum, id="stdnum-online-typo-2"),
        pytest.param("728-86-00316", InvalidChecksum, id="stdnum-online-typo-3"),
        pytest.param("124-81-0099", InvalidLength, id="9-digits"),
        pytest.param("124-81-009981", InvalidLength, id="11-digits"),
        pytest.param("124-8I-00998", InvalidFormat, id="letter-I"),
        pytest.param("١٢٤-٨١-٠٠٩٩٨", InvalidFormat, id="arabic-indic-digits"),
        pytest.param("100-81-00998", InvalidComponent, id="office-below-101"),
        pytest.param("124-00-00998", InvalidComponent, id="type-00"),
        pytest.param("124-81-00000", InvalidComponent, id="serial-0000"),
        pytest.param("", InvalidFormat, id="empty"),
    ],
)
def test_invalid_examples(number: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        brn.validate(number)
    assert not brn.is_valid(number)


def test_errors_are_value_errors_and_stdnum_errors() -> None:
    with pytest.raises(ValueError, match="검증번호"):
        brn.validate("116-82-00277")
    with pytest.raises(stdnum.exceptions.InvalidChecksum):
        brn.validate("116-82-00277")
    with pytest.raises(stdnum.exceptions.InvalidLength):
        brn.validate("1")


def test_checksum_can_be_skipped() -> None:
    assert brn.validate("116-82-00277", checksum=False) == "1168200277"
    assert brn.is_valid("116-82-00277", checksum=False)
    with pytest.raises(InvalidComponent):
        brn.validate("124-00-00998", checksum=False)


@pytest.mark.parametrize("number", _public_numbers())
def test_public_corporate_numbers_pass(number: str) -> None:
    assert brn.validate(number) == number.replace("-", "")
    assert brn.kind(number).entity_class == "corporation"
    assert brn.format(brn.compact(number)) == number


def test_stdnum_shipped_list_if_present() -> None:
    """docs/identifiers.md#brn-real-world: all FTC-confirmed numbers in stdnum's brn.txt pass (if the venv ships it)."""
    path = Path(stdnum.__file__).parent / "kr" / "brn.txt"
    if not path.exists():
        pytest.skip("this python-stdnum does not ship stdnum/kr/brn.txt")
    numbers = [ln.split()[0] for ln in path.read_text(encoding="utf-8").splitlines()
               if ln[:1].isdigit() and len(ln.split()[0].replace("-", "")) == 10]
    assert numbers
    assert [n for n in numbers if not brn.is_valid(n)] == []


@pytest.mark.parametrize(
    ("middle", "label", "entity_class"),
    [
        pytest.param("01", "개인 과세", "individual", id="01"),
        pytest.param("79", "개인 과세", "individual", id="79"),
        pytest.param("90", "개인 면세", "individual", id="90"),
        pytest.param("99", "개인 면세", "individual", id="99"),
        pytest.param("80", "비영리 단체", "organisation", id="80"),
        pytest.param("89", "종교 단체", "organisation", id="89"),
        pytest.param("83", "국가·지방자치단체", "organisation", id="83"),
        pytest.param("81", "영리법인 본점", "corporation", id="81"),
        pytest.param("86", "영리법인 본점", "corporation", id="86"),
        pytest.param("87", "영리법인 본점", "corporation", id="87"),
        pytest.param("88", "영리법인 본점", "corporation", id="88"),
        pytest.param("85", "영리법인 지점", "corporation", id="85"),
        pytest.param("82", "비영리법인", "corporation", id="82"),
        pytest.param("84", "외국법인", "corporation", id="84"),
    ],
)
def test_kind_table(middle: str, label: str, entity_class: str) -> None:
    k = brn.kind(f"220{middle}12345")
    assert (k.code, k.label, k.entity_class) == (middle, label, entity_class)


# -- properties ---------------------------------------------------------------------------------

nine_digits = st.tuples(
    st.integers(101, 999), st.integers(1, 99), st.integers(1, 9999)
).map(lambda t: f"{t[0]:03d}{t[1]:02d}{t[2]:04d}")


@given(nine_digits)
def test_generated_numbers_with_their_check_digit_pass(first9: str) -> None:
    number = first9 + brn.calc_check_digit(first9)
    assert brn.validate(number) == number
    assert brn.validate(brn.format(number)) == number


@given(nine_digits, st.integers(0, 9), st.integers(1, 9))
def test_any_single_digit_change_fails_the_checksum(first9: str, pos: int, delta: int) -> None:
    number = first9 + brn.calc_check_digit(first9)
    changed = number[:pos] + str((int(number[pos]) + delta) % 10) + number[pos + 1 :]
    assert not brn.is_valid(changed)


def test_single_digit_changes_exhaustively_on_a_real_number() -> None:
    number = "1248100998"
    for pos in range(10):
        for d in "0123456789":
            if d == number[pos]:
                continue
            changed = number[:pos] + d + number[pos + 1 :]
            assert not brn.is_valid(changed), changed
