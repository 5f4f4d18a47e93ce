"""Dates as merchants write them: 2019-07-01, 2019.07.01, 2019/7/1, 20190701, 2019년 7월 1일."""

from __future__ import annotations

import datetime as dt
import re

from pgdocs.text import clean

_PATTERNS = (
    re.compile(r"^(\d{4})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})\.?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
    re.compile(r"^(\d{4})\s*년\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일$"),
)


def parse_date(value: str | dt.date | dt.datetime) -> dt.date:
    """Parse a date in any accepted format; raise ``ValueError`` otherwise.

    >>> parse_date("2019년 7월 1일")
    datetime.date(2019, 7, 1)
    >>> parse_date("20190701") == parse_date("2019.07.01") == parse_date("2019-7-1")
    True
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = clean(str(value))
    for pattern in _PATTERNS:
        m = pattern.match(text)
        if m:
            y, mo, d = (int(g) for g in m.groups())
            return dt.date(y, mo, d)
    raise ValueError(f"날짜 형식을 알 수 없습니다: {value!r}")


def find_dates(text: str) -> list[tuple[dt.date, int, int]]:
    """Every plausible date in free text, with its span (used on OCR output)."""
    out: list[tuple[dt.date, int, int]] = []
    pat = re.compile(r"(\d{4})\s*(?:년|[-./])\s*(\d{1,2})\s*(?:월|[-./])\s*(\d{1,2})\s*일?")
    for m in pat.finditer(clean(text)):
        try:
            out.append((dt.date(int(m[1]), int(m[2]), int(m[3])), m.start(), m.end()))
        except ValueError:
            continue
    return out
