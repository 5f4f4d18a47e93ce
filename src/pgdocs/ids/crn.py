"""법인등록번호 (corporate registration number, 13 digits ``######-#######``).

Check digit: weights 1,2,1,2,… over digits 1-12 as **plain products** (no
Luhn digit sum); check = ``(10 - sum % 10) % 10``. Not in python-stdnum, and
``stdnum.kr.rrn`` (주민등록번호) is a different algorithm. Known blind spot: a
change of ±5 in a weight-2 position (digits 2, 4, …, 12) keeps the sum mod 10.

Numbers issued since 2025-01-31 no longer carry a valid check digit (the last
digit is part of the serial), so :func:`validate` raising :class:`InvalidChecksum`
does not prove a number wrong: callers report it as a warning (``validate.py``
``CRN_CHECKSUM``) and the OCR side compares digits exactly, whatever the check digit.

>>> validate('110111-6638542')
'1101116638542'
>>> validate('131111-0541796')
'1311110541796'
>>> validate('1101110414758')
'1101110414758'
>>> validate('110111-7654323')
'1101117654323'
>>> validate('110111-7654324')
Traceback (most recent call last):
    ...
pgdocs.ids._exceptions.InvalidChecksum: 법인등록번호의 검증번호(마지막 자리)가 맞지 않습니다.
>>> format('1101116638542')
'110111-6638542'
"""

from __future__ import annotations

import re

from pgdocs.ids._exceptions import InvalidChecksum, InvalidFormat, InvalidLength
from pgdocs.ids._util import guard
from pgdocs.text import clean

__all__ = ["WEIGHTS", "calc_check_digit", "compact", "format", "is_valid", "validate"]

WEIGHTS = (1, 2) * 6
_DIGITS = re.compile(r"^[0-9]+$")


def compact(number: str) -> str:
    """Strip spaces, dashes and dots; map full-width digits to ASCII."""
    return re.sub(r"[\s\-.]", "", clean(number))


def calc_check_digit(number: str) -> str:
    """Check digit for the first twelve digits.

    >>> calc_check_digit('110111663854')
    '2'
    """
    total = sum(w * int(c) for w, c in zip(WEIGHTS, number[:12], strict=True))
    return str((10 - total % 10) % 10)


def validate(number: str) -> str:
    """Return the compact number or raise a validation error."""
    n = compact(guard(number, "법인등록번호"))
    if not _DIGITS.match(n):
        raise InvalidFormat("법인등록번호는 숫자 13자리여야 합니다 (예: 110111-1234567).")
    if len(n) != 13:
        raise InvalidLength(f"법인등록번호는 숫자 13자리여야 합니다 (지금 {len(n)}자리).")
    if calc_check_digit(n) != n[12]:
        raise InvalidChecksum("법인등록번호의 검증번호(마지막 자리)가 맞지 않습니다.")
    return n


def is_valid(number: str) -> bool:
    """``True`` when :func:`validate` passes; never raises."""
    try:
        return bool(validate(number))
    except ValueError:
        return False


def format(number: str) -> str:
    """The printed form ``######-#######``."""
    n = compact(number)
    return f"{n[:6]}-{n[6:]}"
