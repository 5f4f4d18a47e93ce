"""Korean business days (영업일): weekends and public holidays (incl. substitute holidays) excluded."""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from holidays import HolidayBase


@cache
def _kr_holidays(year: int) -> HolidayBase:
    import holidays

    return holidays.country_holidays("KR", years=[year, year + 1])


def is_business_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in _kr_holidays(day.year)


def add_business_days(start: dt.date, n: int) -> dt.date:
    """The date ``n`` business days after ``start`` (``n = 0``: the next business day on or after ``start``).

    >>> add_business_days(dt.date(2026, 9, 23), 2)  # 추석 2026-09-24..26 (+ 대체공휴일)
    datetime.date(2026, 9, 29)
    """
    day = start
    while not is_business_day(day):
        day += dt.timedelta(days=1)
    remaining = n
    while remaining > 0:
        day += dt.timedelta(days=1)
        if is_business_day(day):
            remaining -= 1
    return day
