"""``report.xlsx`` and ``report.json``: every input row echoed, then 상태, codes, Korean messages and outputs.

Every echoed value is written as a text cell (``data_type == 's'``, plus Excel's quote prefix when it starts
with ``=``, ``+``, ``-``, ``@``, tab or CR) so nothing the merchant typed can become a formula (CWE-1236,
docs/excel.md#formula-injection). The report is always a new file, written with openpyxl's write-only mode,
header frozen, filter on.

Personal data is masked (:mod:`pgdocs.mask`): phones, birth dates, account numbers and Toss secret keys, by the
column's ``mask`` in ``batch_columns.toml`` or, for a column pgdocs does not know, by its header (전화, 생년월일,
계좌 …). ``show_personal`` (``pgdocs batch --show-personal``) is for the person the data belongs to.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from pgdocs.batch.columns import Column, load_columns
from pgdocs.batch.model import DONE, ERROR, REVIEW, RowResult
from pgdocs.fsio import atomic_output_file, atomic_write_text
from pgdocs.jsonio import Report
from pgdocs.mask import MASKS, mask_digits
from pgdocs.text import compact_key

if TYPE_CHECKING:
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

    from pgdocs.findings import FindingDict

log = logging.getLogger(__name__)

PENDING = "중단됨"  #: rows not processed because the run was interrupted
RESULT_HEADERS = ("상태", "코드", "메시지", "출력 폴더", "출력 파일", "행")
_RISKY_START = ("=", "+", "-", "@", "\t", "\r")
_FILLS = {
    DONE: PatternFill("solid", fgColor="E2EFDA"),
    ERROR: PatternFill("solid", fgColor="F8CBAD"),
    REVIEW: PatternFill("solid", fgColor="FFE699"),
    PENDING: PatternFill("solid", fgColor="D9D9D9"),
}
_HEAD_FONT = Font(bold=True)
_HEAD_FILL = PatternFill("solid", fgColor="D9E1F2")


@dataclass
class ReportRow:
    row: int
    values: list[str]  #: the input cells as text
    result: RowResult | None  #: None = not processed (interrupted)


@dataclass
class ReportMeta:
    input_name: str
    sheet: str
    template_version: str | None
    interrupted: bool = False
    labels_pdf: str | None = None
    exit_code: int = 0
    findings: list[FindingDict] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)
    seconds: float = 0.0


#: headers of columns pgdocs does not know that still hold personal data (compared without spaces, lower case)
_PERSONAL_HEADERS = (
    ("birth_date", re.compile(r"생년|생일|birth")),
    ("phone", re.compile(r"전화|휴대|핸드폰|연락처|phone|mobile|tel")),
    ("account", re.compile(r"계좌|account")),
    ("id_number", re.compile(r"주민|외국인등록|여권|rrn|passport")),
)


def _mask_all_digits(value: str) -> str:
    return mask_digits(value, 0, 0)


def column_masks(headers: Sequence[str], columns: Sequence[Column | None] | None = None
                 ) -> list[Callable[[str], str] | None]:
    """The masking function of each report column (None = shown as typed)."""
    table = load_columns()
    out: list[Callable[[str], str] | None] = []
    for i, h in enumerate(headers):
        col = columns[i] if columns is not None and i < len(columns) else table.match(h)
        if col is not None:
            out.append(MASKS[col.mask] if col.mask else None)
            continue
        key = compact_key(h).lower()
        kind = next((k for k, rx in _PERSONAL_HEADERS if rx.search(key)), None)
        out.append(None if kind is None else MASKS.get(kind, _mask_all_digits))
    return out


def text_cell(ws: WriteOnlyWorksheet, value: object) -> WriteOnlyCell:
    """A cell that is text whatever ``value`` looks like (never a formula)."""
    text = "" if value is None else str(value)
    cell = WriteOnlyCell(ws, value=text)
    cell.data_type = "s"  # assigning "=1+1" made it a formula; force a string
    if text.lstrip(" ").startswith(_RISKY_START):
        cell.quotePrefix = True
    return cell


def status_of(rr: ReportRow) -> str:
    return rr.result.status if rr.result is not None else PENDING


def _messages(result: RowResult | None) -> str:
    if result is None:
        return "중단되어 처리하지 않았습니다. --resume 으로 이어서 처리하세요."
    lines = [f"[{f['code']}] {f['message']}" for f in result.findings if f.get("severity") != "info"]
    if result.reused:
        lines.append("이전 실행의 결과를 그대로 썼습니다 (--resume).")
    return "\n".join(lines)


def write_report_xlsx(path: Path, headers: Sequence[str], rows: Sequence[ReportRow], meta: ReportMeta, *,
                      columns: Sequence[Column | None] | None = None, show_personal: bool = False) -> Path:
    """Write the report; personal data masked unless ``show_personal`` (see the module docstring)."""
    masks = [None] * len(headers) if show_personal else column_masks(headers, columns)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("결과")
    all_headers = [*headers, *RESULT_HEADERS]
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(all_headers))}{max(1, len(rows) + 1)}"
    widths = [max(8, min(30, len(h) * 2 + 2)) for h in headers] + [10, 24, 60, 22, 40, 6]
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    head = []
    for h in all_headers:
        c = text_cell(ws, h)
        c.font = _HEAD_FONT
        c.fill = _HEAD_FILL
        head.append(c)
    ws.append(head)
    wrap = Alignment(wrap_text=True, vertical="top")
    for rr in rows:
        res = rr.result
        status = status_of(rr)
        values = list(rr.values) + [""] * (len(headers) - len(rr.values))
        values = [m(v) if m is not None and v else v for m, v in zip(masks, values, strict=False)]
        extra = [
            status,
            ", ".join(res.codes) if res else "",
            _messages(res),
            res.folder if res and res.outputs else "",
            "\n".join(res.outputs) if res else "",
            str(rr.row),
        ]
        cells = [text_cell(ws, v) for v in [*values[: len(headers)], *extra]]
        cells[len(headers)].fill = _FILLS.get(status, _FILLS[PENDING])
        cells[len(headers) + 2].alignment = wrap
        cells[len(headers) + 4].alignment = wrap
        ws.append(cells)
    summary = wb.create_sheet("요약")
    personal = ("가리지 않고 그대로 (--show-personal)" if show_personal
                else "전화번호·생년월일·계좌번호·비밀 키는 가려서 표시")
    for line in [*_summary_lines(rows, meta), ["개인정보", personal]]:
        summary.append([text_cell(summary, v) for v in line])
    with atomic_output_file(path) as tmp:
        wb.save(tmp)
    return path


def counts(rows: Sequence[ReportRow]) -> dict[str, int]:
    out = {DONE: 0, REVIEW: 0, ERROR: 0, PENDING: 0}
    for rr in rows:
        out[status_of(rr)] = out.get(status_of(rr), 0) + 1
    return out


def _summary_lines(rows: Sequence[ReportRow], meta: ReportMeta) -> list[list[str]]:
    c = counts(rows)
    lines = [
        ["입력 파일", meta.input_name],
        ["시트", meta.sheet],
        ["양식 버전", meta.template_version or "(알 수 없음: pgdocs 양식이 아닌 파일)"],
        ["완료", str(c[DONE])],
        ["검토 필요", str(c[REVIEW])],
        ["오류", str(c[ERROR])],
        ["중단되어 처리하지 않음", str(c[PENDING])],
        ["라벨 파일", meta.labels_pdf or "(우편 제출 행 없음)"],
        ["걸린 시간(초)", f"{meta.seconds:.1f}"],
    ]
    for f in meta.findings:
        lines.append(["알림", f"[{f['code']}] {f['message']}"])
    for row, why in meta.skipped:
        lines.append(["건너뛴 행", f"{row}행: {why}"])
    return lines


def report_dict(rows: Sequence[ReportRow], meta: ReportMeta) -> Report:
    c = counts(rows)
    return {
        "input": meta.input_name,
        "sheet": meta.sheet,
        "template_version": meta.template_version,
        "interrupted": meta.interrupted,
        "exit_code": meta.exit_code,
        "seconds": round(meta.seconds, 2),
        "summary": {"done": c[DONE], "review": c[REVIEW], "error": c[ERROR], "pending": c[PENDING],
                    "total": len(rows)},
        "labels_pdf": meta.labels_pdf,
        "findings": meta.findings,
        "skipped_rows": [{"row": r, "reason": why} for r, why in meta.skipped],
        "rows": [
            {
                "row": rr.row,
                "status": status_of(rr),
                "folder": rr.result.folder if rr.result and rr.result.outputs else None,
                "codes": rr.result.codes if rr.result else [],
                "findings": rr.result.findings if rr.result else [],
                "outputs": rr.result.outputs if rr.result else [],
                "channel": rr.result.channel if rr.result else None,
                "case_id": rr.result.case_id if rr.result else None,
                "business_number": rr.result.business_number if rr.result else None,
                "reused": rr.result.reused if rr.result else False,
            }
            for rr in rows
        ],
    }


def write_report_json(path: Path, rows: Sequence[ReportRow], meta: ReportMeta) -> Path:
    atomic_write_text(path, json.dumps(report_dict(rows, meta), ensure_ascii=False, indent=2, default=str))
    return path
