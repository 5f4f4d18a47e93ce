"""Turning one Excel cell into a record value: repair what Excel did to numbers and dates, or report it.

Excel turns ``2208162517`` into the float ``2208162517.0``, drops the leading 0 of ``04117`` and ``010…``,
keeps only 15 significant digits, and turns ``2019-07-01`` into a date cell (or a serial number). Each repair
here is exact or reported; nothing is silently guessed (docs/excel.md#excel-number-mangling).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath, PureWindowsPath

from openpyxl.utils.datetime import from_excel

from pgdocs.batch.columns import Column
from pgdocs.findings import Finding, Severity
from pgdocs.hangul import particle
from pgdocs.mask import mask_account, mask_phone
from pgdocs.text import nfc

_SCI = re.compile(r"^[+-]?\d+(?:\.\d+)?[eE][+-]?\d+$")
_KR_PHONE_AFTER_ZERO = re.compile(r"^(?:1[016789]\d{7,8}|2\d{7,8}|[3-6][1-5]\d{7,8}|70\d{8}|50\d{8,9}|80\d{7,8})$")
_UAN = re.compile(r"^1[5-9]\d{6}$")  # 1588-xxxx 대표번호: no leading 0
_EXCEL_DIGITS = 15
_MAX_SERIAL = 2958465  # 9999-12-31


@dataclass
class CellResult:
    value: str | bool | None = None  #: what the record takes (text, or true/false for a yes/no column)
    findings: list[Finding] = field(default_factory=list)

    def add(self, code: str, col: Column, severity: Severity, message: str, hint: str | None = None) -> None:
        self.findings.append(Finding(code, col.path, severity, f"{col.header}: {message}", hint))


def echo_text(value: object) -> str:
    """How a raw cell value is echoed in the report (always text)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return nfc(str(value))


def convert_cell(value: object, data_type: str | None, col: Column) -> CellResult:
    """Convert one raw cell of column ``col`` to the value the record takes (``None`` when empty or rejected)."""
    res = CellResult()
    if value is None or (isinstance(value, str) and not value.strip()):
        return res
    if data_type == "f":
        res.add("BATCH_FORMULA_CELL", col, Severity.ERROR,
                f"수식 칸입니다 ({echo_text(value)[:40]}). 값만 적어 주세요.",
                "엑셀에서 복사한 뒤 '값만 붙여넣기'로 붙이세요.")
        return res
    if data_type == "e":
        res.add("BATCH_CELL_ERROR", col, Severity.ERROR, f"엑셀 오류 값입니다 ({value}).")
        return res
    fmt = col.format
    if isinstance(value, bool):
        if fmt == "bool":
            res.value = value
        else:
            res.add("BATCH_CELL_TYPE", col, Severity.ERROR, "참/거짓(TRUE/FALSE) 값은 이 칸에 맞지 않습니다.")
        return res
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return _from_date(value, col, res)
    if isinstance(value, int | float):
        return _from_number(value, col, res)
    text = nfc(str(value)).strip()
    if fmt in ("digits", "phone") and _SCI.match(text):
        res.add("BATCH_NUMBER_SCIENTIFIC", col, Severity.ERROR,
                f"지수 표기({text})로 바뀐 숫자입니다. 원래 번호를 텍스트로 다시 적어 주세요.")
        return res
    if fmt == "path":
        return _path(text, col, res)
    res.value = text
    return res


def _from_date(value: dt.datetime | dt.date | dt.time, col: Column, res: CellResult) -> CellResult:
    if col.format == "date" and not isinstance(value, dt.time):
        res.value = (value.date() if isinstance(value, dt.datetime) else value).isoformat()
        return res
    res.add("BATCH_CELL_IS_DATE", col, Severity.ERROR,
            f"엑셀이 날짜/시간({echo_text(value)})으로 바꾼 값입니다. 칸 서식을 텍스트로 바꾸고 다시 적어 주세요.")
    return res


def _from_number(value: int | float, col: Column, res: CellResult) -> CellResult:
    fmt = col.format
    if fmt == "date":
        return _date_number(value, col, res)
    if fmt == "bool":
        if value in (0, 1):
            res.value = bool(value)
        else:
            res.add("BATCH_CELL_TYPE", col, Severity.ERROR, f"예/아니오로 적어 주세요 ({echo_text(value)}).")
        return res
    if isinstance(value, float) and not value.is_integer():
        if fmt in ("digits", "phone"):
            res.add("BATCH_NUMBER_NOT_INTEGER", col, Severity.ERROR,
                    f"소수({value!r})가 들어 있습니다. 번호를 텍스트로 다시 적어 주세요.")
        else:
            res.value = echo_text(value)
        return res
    n = int(value)
    if fmt not in ("digits", "phone"):
        res.value = str(n)
        return res
    if n < 0:
        res.add("BATCH_NUMBER_NEGATIVE", col, Severity.ERROR,
                f"음수({n})입니다. '-'로 시작하는 번호는 텍스트로 적어 주세요.")
        return res
    digits = str(n)
    if len(digits) > _EXCEL_DIGITS:
        res.add("BATCH_NUMBER_PRECISION", col, Severity.ERROR,
                f"숫자로 저장된 {len(digits)}자리 번호입니다. "
                "엑셀은 15자리까지만 보관하므로 뒷자리가 바뀌었을 수 있습니다.",
                "칸 서식을 텍스트(@)로 바꾸고 원래 번호를 다시 적어 주세요.")
        return res
    if fmt == "phone":
        return _phone_number(digits, col, res)
    lengths = col.length
    if not lengths:
        res.value = digits
        res.add("BATCH_NUMBER_AS_NUMBER", col, Severity.WARNING,
                f"숫자로 저장된 번호입니다 ({mask_account(digits)}). 앞자리 0이 사라졌을 수 있으니 원본과 대조하세요.",
                "칸 서식을 텍스트(@)로 바꾸면 그대로 보관됩니다.")
        return res
    if len(digits) in lengths:
        res.value = digits
        res.add("BATCH_NUMBER_REPAIRED", col, Severity.INFO, f"숫자로 저장된 값을 번호({digits})로 읽었습니다.")
        return res
    longer = [n for n in lengths if n > len(digits)]
    if len(longer) == 1:
        fixed = digits.zfill(longer[0])
        res.value = fixed
        res.add("BATCH_LEADING_ZERO_RESTORED", col, Severity.WARNING,
                f"엑셀이 앞의 0을 지운 값({digits})을 {fixed}{particle(fixed, '으로')} 고쳤습니다. 맞는지 확인하세요.")
        return res
    res.add("BATCH_NUMBER_LENGTH", col, Severity.ERROR,
            f"{len(digits)}자리 숫자({digits})입니다. {'/'.join(map(str, lengths))}자리여야 합니다.")
    return res


def _phone_number(digits: str, col: Column, res: CellResult) -> CellResult:
    if _UAN.match(digits):
        res.value = digits
        return res
    if _KR_PHONE_AFTER_ZERO.match(digits):
        fixed = "0" + digits
        res.value = fixed
        res.add("BATCH_PHONE_LEADING_ZERO", col, Severity.WARNING,
                f"엑셀이 앞의 0을 지운 전화번호({mask_phone(digits)})를 "
                f"{mask_phone(fixed)}{particle(mask_phone(fixed), '으로')} 고쳤습니다. "
                "맞는지 확인하세요.",
                "전화번호 칸은 텍스트(@) 서식으로 두세요.")
        return res
    res.add("BATCH_PHONE_AMBIGUOUS", col, Severity.ERROR,
            f"숫자로 저장된 전화번호({mask_phone(digits)})를 확실히 복원할 수 없습니다. 텍스트로 다시 적어 주세요.")
    return res


def _date_number(value: int | float, col: Column, res: CellResult) -> CellResult:
    n = int(value)
    if float(value).is_integer() and 19000101 <= n <= 29991231:
        res.value = str(n)  # 20190701 typed as a number: the record parses it
        return res
    if 1 <= value <= _MAX_SERIAL:
        got = from_excel(value)
        day = got.date() if isinstance(got, dt.datetime) else got
        if isinstance(day, dt.date):
            res.value = day.isoformat()
            res.add("BATCH_DATE_SERIAL", col, Severity.WARNING,
                    f"엑셀 날짜 일련번호({echo_text(value)})를 {day.isoformat()}{particle(day.isoformat(), '으로')} "
                    "읽었습니다. 맞는지 확인하세요.")
            return res
    res.add("BATCH_DATE_NUMBER", col, Severity.ERROR, f"날짜로 읽을 수 없는 숫자입니다 ({echo_text(value)}).")
    return res


def safe_relative_path(text: str) -> str | None:
    """``text`` as a relative POSIX path inside its root, or ``None`` when it is absolute or climbs out."""
    if "\x00" in text or not text.strip():
        return None
    norm = text.strip().replace("\\", "/")
    if PureWindowsPath(text).drive or norm.startswith("/") or PureWindowsPath(text).is_absolute():
        return None
    parts = [p for p in PurePosixPath(norm).parts if p not in ("", ".")]
    if not parts or any(p == ".." for p in parts):
        return None
    return "/".join(parts)


def _path(text: str, col: Column, res: CellResult) -> CellResult:
    safe = safe_relative_path(text)
    if safe is None:
        res.add("BATCH_UNSAFE_PATH", col, Severity.ERROR,
                f"서류 폴더(--docs-root) 안의 상대 경로만 쓸 수 있습니다: {text[:60]!r}")
        return res
    res.value = safe
    return res
