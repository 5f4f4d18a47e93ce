"""통장 사본: a phone-shaped number on the page is never taken for the account number (fictional text)."""

from __future__ import annotations

import pytest

from pgdocs.ocr.bankbook import _account_found, without_phones
from pgdocs.ocr.match import match_account

DECLARED = "123-45-678901"  # fictional, 11 digits: the length of a mobile number


@pytest.mark.parametrize(
    ("text", "found"),
    [
        pytest.param("예금주 홍길동 010-9876-5432\n계좌번호 123-45-678901", "123-45-678901",
                     id="declared-after-mobile"),
        pytest.param("지점 02-555-0123\n고객센터 1588-0000\n계좌번호 110-123-456789", "110-123-456789",
                     id="label-after-landline-and-callcentre"),
        pytest.param("웰컴저축은행 보통예금 010-1234-5678\n계좌번호 050-13-0123456", "050-13-0123456",
                     id="savings-bank-050"),
        pytest.param("문의 031-777-1234\n신한 110-123-456789", "110-123-456789", id="unlabelled-not-phone"),
        pytest.param("연락처 010-9876-5432\n지점 02-555-0123", None, id="only-phones"),
    ],
)
def test_account_found_skips_phone_shaped_numbers(text: str, found: str | None) -> None:
    assert _account_found(text, DECLARED) == found


def test_phone_of_the_same_length_is_not_a_mismatch() -> None:
    page = "예금주 홍길동\n휴대폰 010-9876-5432\n계좌번호 (흐려서 읽지 못함)"
    assert match_account(DECLARED, page).status == "mismatch"  # what the raw text alone would say
    assert match_account(DECLARED, without_phones(page)).status == "unreadable"


def test_account_numbers_are_not_blanked() -> None:
    text = "계좌번호 050-13-0123456 / 1002-123-456789 / 301-0123-4567-11"
    assert without_phones(text) == text


@pytest.mark.parametrize("name", ["웰컴저축은행", "SBI저축은행", "OK저축은행", "저축은행"])
def test_savings_banks_are_known_by_their_own_names(name: str) -> None:
    from pgdocs.ids import bank
    from pgdocs.ocr.bankbook import banks_on_page

    found = bank.lookup(name)
    assert found is not None and found.code == "050"
    assert banks_on_page(f"{name} 보통예금 통장") == {"050"}
