"""``pgdocs batch-template``: the Excel input workbook support staff fill in.

Layout (docs/excel.md):

* sheet ``가맹점`` — row 1 Korean headers (each with a comment explaining the format), row 2 (hidden) the record
  field paths for machines, row 3 one fictional example row (상호 starts with ``(예시)``, skipped by the reader),
  data from row 3/4 on. Number-like columns are text (``@``) so leading zeros survive; dates are date cells.
* dropdowns (data validation, advisory only) for PG, 개인/법인, 과세 유형, yes/no, 제출 방법, 결제수단 and
  banks; the lists live on the hidden sheet ``목록`` (inline lists are limited to 255 characters).
* sheet ``안내`` — instructions and the column table.
* defined names ``pgdocs_template_version`` (read-only readers cannot see validations, so the version is a name)
  and ``pgdocs_field_row``.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from pgdocs.batch.columns import NUMBER_LIKE, ColumnTable, bank_names, load_columns
from pgdocs.dates import parse_date
from pgdocs.errors import InputError
from pgdocs.fsio import atomic_output_file
from pgdocs.text import nfc

log = logging.getLogger(__name__)

DATA_SHEET = "가맹점"
LISTS_SHEET = "목록"
HELP_SHEET = "안내"
HEADER_ROW = 1
FIELD_ROW = 2
FIRST_DATA_ROW = 3
VALIDATION_ROWS = 2000  #: rows covered by the dropdowns
EXAMPLE_MARK = "(예시)"
VERSION_NAME = "pgdocs_template_version"

_HEAD_FONT = Font(bold=True, color="FFFFFF")
_HEAD_FILL = PatternFill("solid", fgColor="2F5597")
_EXAMPLE_FONT = Font(italic=True, color="808080")


def write_template(out: str | Path, *, overwrite: bool = False, table: ColumnTable | None = None) -> Path:
    """Write the batch input workbook to ``out`` (atomically). An existing file is refused unless ``overwrite``."""
    target = Path(nfc(str(out)))
    if target.suffix.lower() != ".xlsx":
        raise InputError("BATCH_TEMPLATE_SUFFIX", f"양식 파일 이름은 .xlsx 로 끝나야 합니다: {target.name}")
    if target.is_dir():
        raise InputError("OUTPUT_IS_DIR", f"파일이 아니라 폴더입니다: {target}")
    if target.exists() and not overwrite:
        raise InputError(
            "OUTPUT_EXISTS",
            f"파일이 이미 있습니다: {target}",
            hint="작성 중인 양식을 덮어쓰지 않도록 막았습니다. 다른 이름을 쓰거나 --force 를 쓰세요.",
        )
    table = table or load_columns()
    wb = build_workbook(table)
    with atomic_output_file(target) as tmp:
        wb.save(tmp)
    log.info("batch template written: %s", target)
    return target


def write_rows(out: str | Path, records: Sequence[Mapping[str, object]], *, overwrite: bool = False,
               table: ColumnTable | None = None, example: bool = True) -> Path:
    """The template with ``records`` (record-shaped dicts, as in ``record.json``) filled in from row 4 on.

    Values are written as text cells; ``_docs_dir`` may be given as a top-level key. Used to export JSON
    records to a batch sheet, and by tests and benchmarks.
    """
    target = Path(nfc(str(out)))
    if target.exists() and not overwrite:
        raise InputError("OUTPUT_EXISTS", f"파일이 이미 있습니다: {target}")
    table = table or load_columns()
    wb = build_workbook(table)
    ws = wb[DATA_SHEET]
    start = FIRST_DATA_ROW + (1 if example else 0)
    if not example:
        for idx in range(1, len(table.columns) + 1):
            ws.cell(row=FIRST_DATA_ROW, column=idx).value = None
    for r, rec in enumerate(records, start=start):
        for idx, col in enumerate(table.columns, start=1):
            value = _lookup(rec, col.path)
            if value is None or value == "" or value == []:
                continue
            if isinstance(value, list):
                value = ", ".join(str(v) for v in value)
            elif isinstance(value, bool):
                value = "예" if value else "아니오"
            cell = ws.cell(row=r, column=idx, value=str(value))
            cell.data_type = "s"
    with atomic_output_file(target) as tmp:
        wb.save(tmp)
    return target


def _lookup(rec: Mapping[str, object], path: str) -> object:
    node: object = rec
    for part in path.split("."):
        if not isinstance(node, dict):
            return None
        node = node.get(part)
    return node


def build_workbook(table: ColumnTable) -> Workbook:
    wb = Workbook()
    ws = wb.worksheets[0]
    ws.title = DATA_SHEET
    lists_ws = wb.create_sheet(LISTS_SHEET)
    help_ws = wb.create_sheet(HELP_SHEET)

    list_refs = _write_lists(lists_ws, table)
    lists_ws.sheet_state = "hidden"

    for idx, col in enumerate(table.columns, start=1):
        letter = get_column_letter(idx)
        head = ws.cell(row=HEADER_ROW, column=idx, value=col.header)
        head.font = _HEAD_FONT
        head.fill = _HEAD_FILL
        head.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        head.comment = _comment(col.help, col.format, col.path)
        path_cell = ws.cell(row=FIELD_ROW, column=idx, value=col.path)
        path_cell.data_type = "s"
        ws.column_dimensions[letter].width = col.width
        if col.format in NUMBER_LIKE or col.format in ("text", "email", "path", "enum", "list", "bool"):
            ws.column_dimensions[letter].number_format = "@"
        elif col.format == "date":
            ws.column_dimensions[letter].number_format = "yyyy-mm-dd"
        _write_example(ws.cell(row=FIRST_DATA_ROW, column=idx), col.format, col.example)
        if col.list:
            ws.add_data_validation(_validation(col.list, col.format, list_refs[col.list], letter, col.header))
    ws.row_dimensions[FIELD_ROW].hidden = True
    ws.row_dimensions[HEADER_ROW].height = 30
    ws.freeze_panes = ws.cell(row=FIRST_DATA_ROW, column=1)
    for row in range(FIRST_DATA_ROW, FIRST_DATA_ROW + 200):
        for idx, col in enumerate(table.columns, start=1):
            if col.format in NUMBER_LIKE:
                ws.cell(row=row, column=idx).number_format = "@"

    _write_help(help_ws, table)
    wb.defined_names[VERSION_NAME] = DefinedName(VERSION_NAME, attr_text=f'"{table.version}"')
    wb.defined_names["pgdocs_field_row"] = DefinedName(
        "pgdocs_field_row", attr_text=f"{quote_sheetname(DATA_SHEET)}!${FIELD_ROW}:${FIELD_ROW}"
    )
    wb.properties.title = "pgdocs 일괄 처리 양식"
    wb.properties.creator = "pgdocs"
    wb.properties.keywords = f"pgdocs-batch-template {table.version}"
    wb.active = 0
    return wb


def _comment(help_text: str, fmt: str, path: str) -> Comment:
    kind = {
        "digits": "숫자(텍스트 서식)", "phone": "전화번호(텍스트 서식)", "date": "날짜", "bool": "예/아니오",
        "enum": "목록에서 선택", "list": "쉼표로 여러 개", "email": "이메일", "path": "파일/폴더 경로", "text": "글자",
    }.get(fmt, fmt)
    c = Comment(f"{help_text}\n형식: {kind}\n필드: {path}", "pgdocs")
    c.width = 300
    c.height = 120
    return c


def _write_example(cell: Cell, fmt: str, example: str) -> None:
    if not example:
        return
    if fmt == "date":
        cell.value = parse_date(example)
        cell.number_format = "yyyy-mm-dd"
    else:
        cell.value = example
        cell.data_type = "s"
        if fmt in NUMBER_LIKE:
            cell.number_format = "@"
    cell.font = _EXAMPLE_FONT


def _write_lists(ws: Worksheet, table: ColumnTable) -> dict[str, str]:
    refs: dict[str, str] = {}
    lists = dict(table.lists)
    lists["bank"] = bank_names()
    for idx, (name, values) in enumerate(sorted(lists.items()), start=1):
        letter = get_column_letter(idx)
        ws.cell(row=1, column=idx, value=name)
        for r, v in enumerate(values, start=2):
            c = ws.cell(row=r, column=idx, value=v)
            c.data_type = "s"
        refs[name] = f"{quote_sheetname(LISTS_SHEET)}!${letter}$2:${letter}${len(values) + 1}"
    return refs


def _validation(list_name: str, fmt: str, ref: str, letter: str, header: str) -> DataValidation:
    strict = fmt in ("enum", "bool")
    dv = DataValidation(
        type="list",
        formula1=f"={ref}",
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="stop" if strict else "information",
        errorTitle=header,
        error=("목록에 있는 값을 고르세요." if strict
               else "목록에 없는 값입니다. 그대로 두면 일괄 처리할 때 다시 확인합니다."),
        promptTitle=header,
        prompt="목록에서 고르세요.",
        showInputMessage=True,
    )
    # showDropDown=True would HIDE the arrow in Excel (docs/excel.md#show-dropdown): leave it False.
    dv.add(f"{letter}{FIRST_DATA_ROW}:{letter}{FIRST_DATA_ROW + VALIDATION_ROWS}")
    return dv


def _write_help(ws: Worksheet, table: ColumnTable) -> None:
    lines = [
        "pgdocs 일괄 처리 양식 — 사용 방법",
        f"양식 버전: {table.version} (만든 날: {dt.date.today().isoformat()})",
        "",
        "1. '가맹점' 시트의 3행(회색 예시 행)을 참고해 4행부터 한 줄에 한 가맹점씩 적으세요. "
        "예시 행은 지워도 되고, 그대로 두면 처리하지 않습니다.",
        "2. 사업자등록번호·계좌번호·우편번호·전화번호 칸은 텍스트 서식입니다. "
        "다른 파일에서 붙여넣을 때 '값만 붙여넣기'를 쓰세요.",
        "3. 목록(드롭다운)은 편의 기능입니다. 붙여넣은 값도 일괄 처리할 때 모두 다시 검사합니다.",
        "4. 서류는 '서류 폴더' 칸에 가맹점별 폴더(--docs-root 기준)를 적으면 파일 이름으로 찾습니다.",
        "5. 실행: pgdocs batch 이 파일.xlsx -o 결과폴더 --docs-root 서류폴더",
        "6. 결과폴더/report.xlsx 에서 '상태'가 오류 또는 검토 필요인 행을 확인하세요.",
        "",
        "칸 설명",
    ]
    for r, text in enumerate(lines, start=1):
        ws.cell(row=r, column=1, value=text)
    ws.cell(row=1, column=1).font = Font(bold=True, size=14)
    start = len(lines) + 1
    for c, head in enumerate(["칸 이름", "필드", "형식", "설명", "예시"], start=1):
        cell = ws.cell(row=start, column=c, value=head)
        cell.font = _HEAD_FONT
        cell.fill = _HEAD_FILL
    for r, col in enumerate(table.columns, start=start + 1):
        for c, v in enumerate([col.header, col.path, col.format, col.help, col.example], start=1):
            cell = ws.cell(row=r, column=c, value=v)
            cell.data_type = "s"
    for letter, width in zip("ABCDE", (22, 32, 10, 80, 24), strict=True):
        ws.column_dimensions[letter].width = width
