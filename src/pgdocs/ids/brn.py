"""사업자등록번호 (BRN, Korean business registration number).

Ten digits printed ``###-##-#####``: a three-digit office code (101-999), a
two-digit type (digits 4-5), a serial (0001-9999) and a check digit.
python-stdnum's ``kr.brn`` checks only the shape, so this module adds the
check digit: weights 1,3,7,1,3,7,1,3,5 on digits 1-9, plus ``5 * d9 // 10``;
check = ``(10 - sum % 10) % 10``.

>>> validate('124-81-00998')
'1248100998'
>>> validate('116-82-00276')
'1168200276'
>>> validate('134-86-72683')
'1348672683'
>>> validate('１３８－８１－８３２５１')
'1388183251'
>>> validate('116-82-00277')
Traceback (most recent call last):
    ...
pgdocs.ids._exceptions.InvalidChecksum: 사업자등록번호의 검증번호(마지막 자리)가 맞지 않습니다.
>>> validate('116-82-00277', checksum=False)
'1168200277'
>>> is_valid('123-45-6789')
False
>>> format('1248100998')
'124-81-00998'
>>> kind('124-81-00998').label
'영리법인 본점'
>>> kind('1168200276').entity_class
'corporation'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from stdnum.kr import brn as _stdnum_brn

from pgdocs.ids._exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength
from pgdocs.ids._util import guard
from pgdocs.text import clean

__all__ = ["BrnKind", "calc_check_digit", "compact", "format", "is_valid", "kind", "validate"]

WEIGHTS = (1, 3, 7, 1, 3, 7, 1, 3, 5)
_DIGITS = re.compile(r"^[0-9]+$")

EntityClass = Literal["individual", "corporation", "organisation"]


@dataclass(frozen=True, slots=True)
class BrnKind:
    """Meaning of digits 4-5 (docs/identifiers.md#brn-type-digits; python-stdnum docstring at c785db3)."""

    code: str  #: the two digits
    label: str  #: Korean label, e.g. ``개인 과세``
    entity_class: EntityClass  #: coarse paperwork class


def compact(number: str) -> str:
    """Strip separators and spaces; map full-width digits and Unicode dashes to ASCII.

    >>> compact(' 124 – 81 – 00998 ')
    '1248100998'
    """
    return str(_stdnum_brn.compact(clean(number).replace(".", "")))


def calc_check_digit(number: str) -> str:
    """The check digit for the first nine digits.

    >>> calc_check_digit('124810099')
    '8'
    """
    digits = [int(c) for c in number[:9]]
    total = sum(w * d for w, d in zip(WEIGHTS, digits, strict=True)) + (5 * digits[8]) // 10
    return str((10 - total % 10) % 10)


def validate(number: str, *, checksum: bool = True) -> str:
    """Return the compact number or raise a :class:`~pgdocs.ids._exceptions.ValidationError`.

    ``checksum=False`` checks only the shape (for the rare real number whose check digit fails).
    """
    n = compact(guard(number, "사업자등록번호"))
    if not _DIGITS.match(n):
        raise InvalidFormat("사업자등록번호는 숫자 10자리여야 합니다 (예: 123-45-67890).")
    if len(n) != 10:
        raise InvalidLength(f"사업자등록번호는 숫자 10자리여야 합니다 (지금 {len(n)}자리).")
    if n[:3] < "101":
        raise InvalidComponent("사업자등록번호 앞 3자리(관할 세무서 코드)는 101 이상이어야 합니다.")
    if n[3:5] == "00":
        raise InvalidComponent("사업자등록번호 가운데 2자리(사업자 구분)는 00일 수 없습니다.")
    if n[5:9] == "0000":
        raise InvalidComponent("사업자등록번호 일련번호(6~9번째 자리)는 0000일 수 없습니다.")
    if checksum and calc_check_digit(n) != n[9]:
        raise InvalidChecksum("사업자등록번호의 검증번호(마지막 자리)가 맞지 않습니다.")
    return n


def is_valid(number: str, *, checksum: bool = True) -> bool:
    """``True`` when :func:`validate` passes; never raises."""
    try:
        return bool(validate(number, checksum=checksum))
    except ValueError:
        return False


def format(number: str) -> str:
    """The printed form ``###-##-#####``."""
    n = compact(number)
    return "-".join([n[:3], n[3:5], n[5:]])


def kind(number: str) -> BrnKind:
    """What digits 4-5 say about the business (a hint; the merchant confirms).

    >>> [kind(f'101{c}00010').label for c in ('01', '90', '80', '89', '85', '83', '84')]
    ['개인 과세', '개인 면세', '비영리 단체', '종교 단체', '영리법인 지점', '국가·지방자치단체', '외국법인']
    """
    n = compact(number)
    if len(n) < 5 or not _DIGITS.match(n[:5]):
        raise InvalidFormat("사업자등록번호 가운데 2자리를 읽을 수 없습니다.")
    code = n[3:5]
    v = int(code)
    if 1 <= v <= 79:
        return BrnKind(code, "개인 과세", "individual")
    if 90 <= v <= 99:
        return BrnKind(code, "개인 면세", "individual")
    table: dict[int, tuple[str, EntityClass]] = {
        80: ("비영리 단체", "organisation"),
        89: ("종교 단체", "organisation"),
        81: ("영리법인 본점", "corporation"),
        86: ("영리법인 본점", "corporation"),
        87: ("영리법인 본점", "corporation"),
        88: ("영리법인 본점", "corporation"),
        85: ("영리법인 지점", "corporation"),
        82: ("비영리법인", "corporation"),
        83: ("국가·지방자치단체", "organisation"),
        84: ("외국법인", "corporation"),
    }
    if v not in table:
        raise InvalidComponent("사업자등록번호 가운데 2자리(사업자 구분)가 올바르지 않습니다.")
    label, cls = table[v]
    return BrnKind(code, label, cls)
