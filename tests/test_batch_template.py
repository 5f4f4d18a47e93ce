"""The batch input template, read back with openpyxl."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from pgdocs.batch.columns import NUMBER_LIKE, bank_names, load_columns
from pgdocs.batch.reader import read_batch
from pgdocs.batch.template import DATA_SHEET, LISTS_SHEET, VERSION_NAME, write_template
from pgdocs.errors import InputError

COLS = load_columns()
pytestmark = pytest.mark.xdist_group("batch_template")  # the module fixture runs once, in one worker


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_template(tmp_path_factory.mktemp("tpl") / "merchants.xlsx")


def test_headers_field_row_and_comments(template: Path) -> None:
    wb = openpyxl.load_workbook(template)
    ws = wb[DATA_SHEET]
    headers = [c.value for c in ws[1]]
    paths = [c.value for c in ws[2]]
    assert headers == [c.header for c in COLS.columns]
    assert paths == [c.path for c in COLS.columns]
    assert ws.row_dimensions[2].hidden is True
    assert ws.freeze_panes == "A3"
    for cell, col in zip(ws[1], COLS.columns, strict=True):
        assert cell.comment is not None and col.help in cell.comment.text and col.path in cell.comment.text


def test_number_like_columns_are_text_format(template: Path) -> None:
    ws = openpyxl.load_workbook(template)[DATA_SHEET]
    for idx, col in enumerate(COLS.columns, start=1):
        if col.format in NUMBER_LIKE:
            assert ws.cell(row=3, column=idx).number_format == "@", col.path
            assert ws.cell(row=10, column=idx).number_format == "@", col.path
    postal = next(i for i, c in enumerate(COLS.columns, start=1) if c.path == "business.postal_code")
    assert ws.cell(row=3, column=postal).value == "04117"


def test_dropdowns_reference_hidden_list_sheet(template: Path) -> None:
    wb = openpyxl.load_workbook(template)
    ws = wb[DATA_SHEET]
    lists = wb[LISTS_SHEET]
    assert lists.sheet_state == "hidden"
    validations = ws.data_validations.dataValidation
    by_col = {str(dv.sqref).split(":")[0].rstrip("0123456789"): dv for dv in validations}
    letters = {c.path: openpyxl.utils.get_column_letter(i) for i, c in enumerate(COLS.columns, start=1)}
    for path in ("pg", "business.entity", "settlement_account.bank", "pg_account.already_on_imweb",
                 "pg_account.payment_methods"):
        dv = by_col[letters[path]]
        assert dv.type == "list"
        assert dv.formula1.startswith("='목록'!")
        assert len(dv.formula1) <= 255
        assert not dv.showDropDown  # True would hide the arrow
    bank_dv = by_col[letters["settlement_account.bank"]]
    ref = bank_dv.formula1.split("!")[1].replace("$", "")
    values = [c.value for row in lists[ref] for c in row]
    assert values == bank_names()


def test_version_name_and_instructions(template: Path) -> None:
    wb = openpyxl.load_workbook(template, read_only=True)
    assert wb.defined_names[VERSION_NAME].attr_text == f'"{COLS.version}"'
    assert "안내" in wb.sheetnames
    wb.close()
    full = openpyxl.load_workbook(template)
    texts = [c.value for row in full["안내"].iter_rows() for c in row if c.value]
    assert any("pgdocs batch" in str(t) for t in texts)
    assert all(col.header in texts for col in COLS.columns)


def test_example_row_is_skipped_by_reader(template: Path) -> None:
    batch = read_batch(template)
    assert batch.rows == []
    assert batch.skipped == [(3, "예시 행")]
    assert batch.template_version == COLS.version


def test_refuses_to_overwrite(template: Path) -> None:
    with pytest.raises(InputError) as exc:
        write_template(template)
    assert exc.value.code == "OUTPUT_EXISTS"


def test_cli_batch_template(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "양식.xlsx"
    proc = run_cli("batch-template", "-o", out)
    assert proc.returncode == 0, proc.stderr
    assert out.is_file() and "양식을 만들었습니다" in proc.stdout
    again = run_cli("batch-template", "-o", out)
    assert again.returncode == 2
    assert "오류 [OUTPUT_EXISTS]" in again.stderr and "Traceback" not in again.stderr


def test_older_template_version_is_a_warning(template: Path, tmp_path: Path) -> None:
    from openpyxl.workbook.defined_name import DefinedName

    wb = openpyxl.load_workbook(template)
    wb.defined_names[VERSION_NAME] = DefinedName(VERSION_NAME, attr_text='"2020.1"')
    old = tmp_path / "old.xlsx"
    wb.save(old)
    batch = read_batch(old)
    assert batch.template_version == "2020.1"
    assert [f.code for f in batch.findings] == ["BATCH_TEMPLATE_VERSION"]
