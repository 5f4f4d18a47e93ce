"""OCR side: a 법인등록번호 without a valid check digit (issued since 2025-01-31) still matches exactly."""

from __future__ import annotations

import pytest

from pgdocs.ids import crn
from pgdocs.ocr.fields import number_candidates
from pgdocs.ocr.match import match_number

NO_CHECK_DIGIT = "110111-1234560"  # fictional; the check digit would be 9


def test_fictional_number_really_fails_the_check_digit() -> None:
    assert not crn.is_valid(NO_CHECK_DIGIT)


def test_read_number_is_still_a_candidate() -> None:
    candidates = number_candidates(f"법인등록번호 : {NO_CHECK_DIGIT}", "crn")
    assert (NO_CHECK_DIGIT, False) in candidates


@pytest.mark.parametrize(
    ("found", "status"),
    [
        pytest.param("1101111234560", "match", id="same-digits"),
        pytest.param("110111-1234560", "match", id="same-formatted"),
        pytest.param("110111-1234567", "mismatch", id="other-serial"),
    ],
)
def test_declared_and_read_digits_compare_exactly(found: str, status: str) -> None:
    assert match_number(NO_CHECK_DIGIT, found, kind="crn").status == status
