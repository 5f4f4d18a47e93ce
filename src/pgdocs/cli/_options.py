"""Options and argument types shared by several commands."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import click

from pgdocs.dates import parse_date

if TYPE_CHECKING:
    _DateType = click.ParamType[dt.date, object]
else:  # ParamType is subscriptable only from click 8.4: the type argument is for mypy alone
    _DateType = click.ParamType


class KoreanDate(_DateType):
    name = "날짜"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            return parse_date(str(value))
        except ValueError:
            self.fail(f"날짜 형식이 아닙니다: {value!r} (예: 2026-11-27)", param, ctx)


record_argument = click.argument("record", type=click.Path(path_type=Path))
today_option = click.option(
    "--today", type=KoreanDate(), default=None, help="기준일 (기본: 오늘). 재현 가능한 결과가 필요할 때."
)
