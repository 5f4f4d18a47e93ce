"""Tolerant reading of the batch workbook: headers in Korean or field names, blank rows skipped, Excel's
number and date damage repaired or reported per cell (see :mod:`pgdocs.batch.cells`)."""

from __future__ import annotations

import contextlib
import logging
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pgdocs.batch.cells import convert_cell, echo_text
from pgdocs.batch.columns import Column, ColumnTable, load_columns
from pgdocs.batch.template import DATA_SHEET, EXAMPLE_MARK, LISTS_SHEET, VERSION_NAME
from pgdocs.errors import InputError
from pgdocs.findings import Finding, Severity
from pgdocs.jsonio import JSONObject, JSONValue, obj
from pgdocs.text import ascii_digits, compact_key, nfc

if TYPE_CHECKING:  # openpyxl ships no types: the names say what the objects are
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

#: one cell as read: its value (text, number, date, bool, None …) and openpyxl's data type (``f`` formula …)
Cell = tuple[object, str | None]

log = logging.getLogger(__name__)

MAX_WORKBOOK_BYTES = 50 * 1024 * 1024
MAX_ROWS = 20_000
MAX_COLUMNS = 200
_HEADER_SCAN_ROWS = 10
REQUIRED_COLUMNS = ("business.business_number", "business.business_name", "business.representative",
                    "business.entity")


@dataclass
class RowInput:
    """One merchant row: where it is, what it said, the record data built from it, and cell findings."""

    row: int  #: Excel row number (what support staff see)
    values: list[str]  #: every input cell echoed as text, in sheet column order
    data: JSONObject  #: nested record data for :func:`pgdocs.record.record_from_dict`
    docs_dir: str | None = None  #: relative folder under --docs-root
    findings: list[Finding] = field(default_factory=list)

    def get(self, path: str) -> JSONValue:
        """The value at a dotted field path (``business.business_name``), None when the row has none."""
        node: JSONValue = self.data
        for part in path.split("."):
            node = obj(node).get(part)
        return node

    @property
    def business_digits(self) -> str:
        bn = self.get("business.business_number")
        return ascii_digits(str(bn))[:13] if bn else ""

    @property
    def has_errors(self) -> bool:
        return any(f.severity is Severity.ERROR for f in self.findings)


@dataclass
class BatchInput:
    path: Path
    sheet: str
    headers: list[str]  #: header cells as written (echoed in the report)
    columns: list[Column | None]  #: matched column per sheet column (None = unknown, echoed only)
    rows: list[RowInput]
    template_version: str | None = None
    skipped: list[tuple[int, str]] = field(default_factory=list)  #: (row, reason) for example rows
    findings: list[Finding] = field(default_factory=list)  #: sheet-level (unknown columns …)


def _open_workbook(path: Path) -> Workbook:
    from openpyxl import load_workbook

    if not path.exists():
        raise InputError("BATCH_NOT_FOUND", f"엑셀 파일이 없습니다: {path}")
    if path.is_dir():
        raise InputError("BATCH_IS_DIR", f"파일이 아니라 폴더입니다: {path}")
    size = path.stat().st_size
    if size > MAX_WORKBOOK_BYTES:
        raise InputError("BATCH_TOO_LARGE", f"엑셀 파일이 너무 큽니다 ({size:,} 바이트): {path.name}")
    with path.open("rb") as fh:
        magic = fh.read(8)
    if magic.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(
            "BATCH_XLS_OR_ENCRYPTED",
            f"암호가 걸린 엑셀이거나 옛 .xls 형식입니다: {path.name}",
            hint="엑셀에서 암호를 풀고 'Excel 통합 문서(*.xlsx)'로 다시 저장하세요.",
        )
    if not magic.startswith(b"PK"):
        raise InputError("BATCH_NOT_XLSX", f".xlsx 엑셀 파일이 아닙니다: {path.name}",
                         hint="엑셀에서 'Excel 통합 문서(*.xlsx)'로 저장하세요. CSV는 읽지 않습니다.")
    try:
        # openpyxl parses XML with defusedxml when it is installed (it is a pgdocs dependency).
        return load_workbook(path, read_only=True, data_only=False, keep_links=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise InputError("BATCH_UNREADABLE", f"엑셀 파일을 읽을 수 없습니다: {path.name} ({type(exc).__name__})",
                         hint="엑셀에서 열리는지 확인하고 .xlsx 로 다시 저장하세요.") from None


def _template_version(wb: Workbook) -> str | None:
    try:
        dn = wb.defined_names.get(VERSION_NAME)
    except AttributeError:
        return None
    if dn is None:
        return None
    return str(dn.attr_text).strip('"') or None


def _pick_sheet(wb: Workbook, sheet: str | None) -> ReadOnlyWorksheet:
    """The sheet named by ``sheet``; else the visible ``가맹점`` sheet, else the first visible sheet.

    A hidden sheet is never chosen on its own: a workbook whose hidden sheet is named 가맹점 is read from
    the sheet people see (issue 14).
    """
    sheets = list(wb.worksheets)  # data sheets only (no chart sheets)
    names = [nfc(ws.title) for ws in sheets]
    if sheet is not None:
        want = compact_key(sheet)
        for ws, n in zip(sheets, names, strict=True):
            if compact_key(n) == want:
                return ws
        raise InputError("BATCH_NO_SHEET", f"'{sheet}' 시트가 없습니다 (있는 시트: {', '.join(names)})")
    visible = [ws for ws in sheets if getattr(ws, "sheet_state", "visible") == "visible"]
    if not visible:
        raise InputError("BATCH_NO_VISIBLE_SHEET", "엑셀 파일에 보이는 시트가 없습니다 (모든 시트가 숨겨져 있음).",
                         hint="엑셀에서 가맹점 시트의 숨기기를 취소하거나 --sheet 로 시트 이름을 지정하세요.")
    for ws in visible:
        if nfc(ws.title) == DATA_SHEET:
            return ws
    return visible[0]


def _hidden_sheet_findings(wb: Workbook, chosen: ReadOnlyWorksheet, version: str | None) -> list[Finding]:
    """A warning for every hidden sheet with something in it (except our template's own 목록 sheet)."""
    out: list[Finding] = []
    for ws in wb.worksheets:
        if ws is chosen or getattr(ws, "sheet_state", "visible") == "visible":
            continue
        title = nfc(ws.title)
        if version is not None and title == LISTS_SHEET:
            continue
        if _has_data(ws):
            out.append(Finding(
                "BATCH_HIDDEN_SHEET", f"sheet:{title}", Severity.WARNING,
                f"숨겨진 시트 '{title}'에 내용이 있지만 읽지 않았습니다 (읽은 시트: '{nfc(chosen.title)}'). "
                "그 시트의 가맹점도 처리하려면 엑셀에서 숨기기를 취소하고 시트 이름을 지정하세요.",
                hint=f"pgdocs batch 파일.xlsx --sheet '{title}' …"))
    return out


def _has_data(ws: ReadOnlyWorksheet, max_rows: int = 500) -> bool:
    with contextlib.suppress(AttributeError):
        ws.reset_dimensions()
    for r_idx, row in enumerate(ws.iter_rows(values_only=True), start=1):
        if any(v is not None and str(v).strip() for v in row[:MAX_COLUMNS]):
            return True
        if r_idx >= max_rows:
            break
    return False


def read_batch(path: str | Path, *, sheet: str | None = None, table: ColumnTable | None = None) -> BatchInput:
    """Read every merchant row of the workbook. Unreadable files and missing columns raise :class:`InputError`."""
    p = Path(nfc(str(path)))
    table = table or load_columns()
    wb = _open_workbook(p)
    try:
        ws = _pick_sheet(wb, sheet)
        version = _template_version(wb)
        hidden = _hidden_sheet_findings(wb, ws, version)
        ws.reset_dimensions()  # some writers declare a bogus range (docs/excel.md#reset-dimensions)
        batch = _read_sheet(p, ws, table, version)
        batch.findings.extend(hidden)
        for f in hidden:
            log.info("hidden sheet with data not read: %s", f.path)
        return batch
    finally:
        wb.close()


def _row_cells(row: tuple[object, ...]) -> list[Cell]:
    out: list[Cell] = []
    for cell in row[:MAX_COLUMNS]:
        out.append((getattr(cell, "value", None), getattr(cell, "data_type", None)))
    return out


def _match_header(cells: list[Cell], table: ColumnTable) -> list[Column | None]:
    return [table.match(v) if isinstance(v, str) else None for v, _ in cells]


def _is_blank(cells: list[Cell]) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v, _ in cells)


def _read_sheet(path: Path, ws: ReadOnlyWorksheet, table: ColumnTable, version: str | None) -> BatchInput:
    rows_iter = ws.iter_rows()
    header_cells: list[Cell] | None = None
    columns: list[Column | None] = []
    header_row = 0
    for r_idx, row in enumerate(rows_iter, start=1):
        cells = _row_cells(row)
        cols = _match_header(cells, table)
        if sum(c is not None for c in cols) >= 3:
            header_cells, columns, header_row = cells, cols, r_idx
            break
        if r_idx >= _HEADER_SCAN_ROWS:
            break
    if header_cells is None:
        raise InputError(
            "BATCH_NO_HEADER",
            f"첫 {_HEADER_SCAN_ROWS}행에서 머리글(사업자등록번호, 상호, 대표자 …)을 찾지 못했습니다: {path.name}",
            hint="pgdocs batch-template 으로 만든 양식을 쓰세요.",
        )
    headers = [echo_text(v) for v, _ in header_cells]
    while headers and not headers[-1] and columns and columns[-1] is None:
        headers.pop()
        columns.pop()
    _check_columns(columns, headers, table)
    findings = [
        Finding("BATCH_UNKNOWN_COLUMN", f"column:{i + 1}", Severity.WARNING,
                f"알 수 없는 머리글 '{h}' 칸은 처리하지 않고 보고서에만 옮깁니다.")
        for i, (h, c) in enumerate(zip(headers, columns, strict=True)) if c is None and h
    ]
    if version is not None and version != table.version:
        findings.append(Finding("BATCH_TEMPLATE_VERSION", "", Severity.WARNING,
                                f"양식 버전({version})이 지금 버전({table.version})과 다릅니다. 칸 이름으로 읽었으니 "
                                "결과를 확인하고, 다음에는 pgdocs batch-template 으로 새 양식을 만드세요."))
    batch = BatchInput(path=path, sheet=nfc(ws.title), headers=headers, columns=columns, rows=[],
                       template_version=version, findings=findings)
    field_paths = {c.path for c in table.columns}
    for r_idx, row in enumerate(rows_iter, start=header_row + 1):
        cells = _row_cells(row)[: len(columns)]
        cells += [(None, None)] * (len(columns) - len(cells))
        if _is_blank(cells):
            continue
        texts = [v.strip() for v, _ in cells if isinstance(v, str) and v.strip()]
        if texts and sum(t in field_paths for t in texts) >= max(2, len(texts) // 2):
            continue  # the machine row of field paths
        if len(batch.rows) >= MAX_ROWS:
            raise InputError("BATCH_TOO_MANY_ROWS", f"한 번에 {MAX_ROWS:,}행까지 처리합니다. 파일을 나눠 주세요.")
        item = _build_row(r_idx, cells, columns)
        name = item.get("business.business_name")
        if isinstance(name, str) and name.startswith(EXAMPLE_MARK):
            batch.skipped.append((r_idx, "예시 행"))
            continue
        batch.rows.append(item)
    _mark_duplicates(batch.rows)
    log.info("read %d rows from %s (sheet %s)", len(batch.rows), path.name, batch.sheet)
    return batch


def _check_columns(columns: list[Column | None], headers: list[str], table: ColumnTable) -> None:
    seen: dict[str, str] = {}
    for h, c in zip(headers, columns, strict=True):
        if c is None:
            continue
        if c.path in seen:
            raise InputError("BATCH_DUPLICATE_COLUMN",
                             f"같은 항목({c.header})의 칸이 두 개 있습니다: '{seen[c.path]}', '{h}'")
        seen[c.path] = h
    missing = [p for p in REQUIRED_COLUMNS if p not in seen]
    if missing:
        names = ", ".join(table.by_path(p).header for p in missing)
        raise InputError("BATCH_MISSING_COLUMNS", f"필수 칸이 없습니다: {names}",
                         hint="pgdocs batch-template 으로 만든 양식의 머리글을 쓰세요.")


def _set(data: JSONObject, path: str, value: JSONValue) -> None:
    parts = path.split(".")
    node = data
    for part in parts[:-1]:
        child = node.setdefault(part, {})
        if not isinstance(child, dict):  # a column table whose paths nest under another column's value
            raise TypeError(f"{path}: {part} holds a value, not a group")
        node = child
    node[parts[-1]] = value


def _build_row(r_idx: int, cells: list[Cell], columns: list[Column | None]) -> RowInput:
    item = RowInput(row=r_idx, values=[echo_text(v) if dt != "f" else str(v) for v, dt in cells], data={})
    for (value, data_type), col in zip(cells, columns, strict=True):
        if col is None:
            continue
        res = convert_cell(value, data_type, col)
        item.findings.extend(res.findings)
        if res.value is None:
            continue
        if col.path == "_docs_dir":
            item.docs_dir = str(res.value)  # a path column: always text
        elif col.is_record_field:
            _set(item.data, col.path, res.value)
    return item


def _mark_duplicates(rows: list[RowInput]) -> None:
    first: dict[tuple[str, str], int] = {}
    for item in rows:
        digits = item.business_digits
        if not digits:
            continue
        key = (digits, compact_key(str(item.data.get("pg") or "")))
        if key in first:
            item.findings.append(Finding(
                "BATCH_DUPLICATE_ROW", "business.business_number", Severity.ERROR,
                f"{first[key]}행과 같은 가맹점(사업자등록번호·PG사)입니다. 한 행만 남겨 주세요.",
            ))
        else:
            first[key] = item.row
