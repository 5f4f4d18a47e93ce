"""우편번호 (5-digit 국가기초구역번호 since 2015-08-01) and the 시·도 it belongs to.

The first two digits name the 시·도 (docs/identifiers.md#postal-sido). A 6-digit ``###-###`` code
is the pre-2015 format and raises :class:`OldPostalCode`.

>>> validate('04117')
'04117'
>>> region('04117')
'서울특별시'
>>> validate('121-010')
Traceback (most recent call last):
    ...
pgdocs.ids.postal.OldPostalCode: 6자리 우편번호는 2015년 8월 1일부터 쓰지 않습니다.
>>> address_region('서울특별시 마포구 마포대로 217'), address_region('경기 성남시 분당구')
('서울특별시', '경기도')
>>> address_region('광주시 오포읍') is None  # 광주광역시 or 경기도 광주시
True
"""

from __future__ import annotations

import re

from pgdocs.address import load_sido, sido_of
from pgdocs.ids._exceptions import InvalidComponent, InvalidFormat, InvalidLength
from pgdocs.ids._util import guard
from pgdocs.text import clean

__all__ = ["OldPostalCode", "address_region", "compact", "format", "is_valid", "region",
           "validate"]


class OldPostalCode(InvalidFormat):
    """The 6-digit code used before 2015-08-01."""

    message = "6자리 우편번호는 2015년 8월 1일부터 쓰지 않습니다."


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
    """The 시·도 (official name, e.g. ``서울특별시``) of a 5-digit code, ``None`` when none matches.

    The prefix ranges come from ``data/sido.toml`` (via :mod:`pgdocs.address`).
    """
    c = compact(code)
    if not re.fullmatch(r"[0-9]{5}", c):
        return None
    for sido in load_sido():
        lo, hi = sido.postal
        if lo <= c[:2] <= hi:
            return sido.name
    return None


def address_region(address: str) -> str | None:
    """The 시·도 (official name) named by the first word of a road-name address.

    ``None`` when the first word names no 시·도, or is ambiguous (``광주시`` alone may be 경기도 광주시).
    """
    text = clean(address[:200])  # the 시·도 is in the first word
    text = re.sub(r"^\(?[0-9]{5}\)?\s*", "", text)  # "(04117) 서울특별시 …"
    words = text.split(maxsplit=1)
    first = words[0].rstrip(",") if words else ""
    if not first or first == "광주시":
        return None
    name, rest = sido_of(first)
    return name if rest == "" else None
