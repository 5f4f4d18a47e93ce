"""우편번호 (5-digit 국가기초구역번호 since 2015-08-01) and the 시·도 it belongs to.

The first two digits name the 시·도 (DOMAIN §3.7). A 6-digit ``###-###`` code
is the pre-2015 format and raises :class:`OldPostalCode`.

>>> validate('04117')
'04117'
>>> region('04117')
'서울'
>>> validate('121-010')
Traceback (most recent call last):
    ...
pgdocs.ids.postal.OldPostalCode: 6자리 우편번호는 2015년 8월 1일부터 쓰지 않습니다.
>>> address_region('서울특별시 마포구 마포대로 217'), address_region('경기 성남시 분당구')
('서울', '경기')
>>> address_region('광주시 오포읍') is None  # 광주광역시 or 경기도 광주시
True
"""

from __future__ import annotations

import re

from pgdocs.ids._exceptions import InvalidComponent, InvalidFormat, InvalidLength
from pgdocs.ids._util import guard
from pgdocs.text import clean

__all__ = ["SIDO_PREFIXES", "OldPostalCode", "address_region", "compact", "format", "is_valid", "region",
           "validate"]


class OldPostalCode(InvalidFormat):
    """The 6-digit code used before 2015-08-01."""

    message = "6자리 우편번호는 2015년 8월 1일부터 쓰지 않습니다."


#: 시·도 → inclusive ranges of the first two digits (DOMAIN §3.7).
SIDO_PREFIXES: dict[str, tuple[tuple[int, int], ...]] = {
    "서울": ((1, 9),),
    "경기": ((10, 20),),
    "인천": ((21, 23),),
    "강원": ((24, 26),),
    "충북": ((27, 29),),
    "세종": ((30, 30),),
    "충남": ((31, 33),),
    "대전": ((34, 35),),
    "경북": ((36, 40),),
    "대구": ((41, 43),),
    "울산": ((44, 45),),
    "부산": ((46, 49),),
    "경남": ((50, 53),),
    "전북": ((54, 56),),
    "전남": ((57, 60),),
    "광주": ((61, 62),),
    "제주": ((63, 63),),
}

#: first word of an address → 시·도 (short and official names, old and new).
_SIDO_WORDS: dict[str, str] = {}
for _short, _names in {
    "서울": ("서울", "서울시", "서울특별시"),
    "부산": ("부산", "부산시", "부산광역시"),
    "대구": ("대구", "대구시", "대구광역시"),
    "인천": ("인천", "인천시", "인천광역시"),
    "광주": ("광주", "광주광역시"),  # "광주시" is also 경기도 광주시: ambiguous on its own
    "대전": ("대전", "대전시", "대전광역시"),
    "울산": ("울산", "울산시", "울산광역시"),
    "세종": ("세종", "세종시", "세종특별자치시"),
    "경기": ("경기", "경기도"),
    "강원": ("강원", "강원도", "강원특별자치도"),
    "충북": ("충북", "충청북도"),
    "충남": ("충남", "충청남도"),
    "전북": ("전북", "전라북도", "전북특별자치도"),
    "전남": ("전남", "전라남도"),
    "경북": ("경북", "경상북도"),
    "경남": ("경남", "경상남도"),
    "제주": ("제주", "제주도", "제주특별자치도"),
}.items():
    for _name in _names:
        _SIDO_WORDS[_name] = _short

_OLD = re.compile(r"^[0-9]{3}-?[0-9]{3}$")


def compact(code: str) -> str:
    """Full-width digits to ASCII, spaces removed (a dash is kept to recognise old codes)."""
    return re.sub(r"\s", "", clean(code))


def validate(code: str) -> str:
    """Return the 5-digit code or raise (:class:`OldPostalCode` for ``###-###``)."""
    c = compact(guard(code, "우편번호"))
    if _OLD.match(c):
        raise OldPostalCode()
    if not re.fullmatch(r"[0-9]+", c):
        raise InvalidFormat("우편번호는 숫자 5자리여야 합니다 (예: 04117).")
    if len(c) != 5:
        raise InvalidLength(f"우편번호는 숫자 5자리여야 합니다 (지금 {len(c)}자리).")
    if region(c) is None:
        raise InvalidComponent("우편번호 앞 두 자리(01~63)가 어느 시·도에도 해당하지 않습니다.")
    return c


def is_valid(code: str) -> bool:
    try:
        return bool(validate(code))
    except ValueError:
        return False


def format(code: str) -> str:
    return validate(code)


def region(code: str) -> str | None:
    """The 시·도 (short name, e.g. ``서울``) for a 5-digit code, ``None`` when none matches."""
    c = compact(code)
    if not re.fullmatch(r"[0-9]{5}", c):
        return None
    head = int(c[:2])
    for sido, ranges in SIDO_PREFIXES.items():
        if any(lo <= head <= hi for lo, hi in ranges):
            return sido
    return None


def address_region(address: str) -> str | None:
    """The 시·도 named by the first word of a road-name address.

    ``None`` when the first word names none or is ambiguous.
    """
    text = clean(address[:200])  # the 시·도 is in the first word
    text = re.sub(r"^\(?[0-9]{5}\)?\s*", "", text)  # "(04117) 서울특별시 …"
    first = text.split(maxsplit=1)[0] if text.split() else ""
    return _SIDO_WORDS.get(first.rstrip(","))
