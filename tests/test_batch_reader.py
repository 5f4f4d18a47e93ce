"""Reading hand-made and hostile workbooks: tolerant headers, repairs, blank rows, duplicates, bad files."""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

import openpyxl
import pytest

from batch_helpers import brn
from pgdocs.batch.reader import read_batch
from pgdocs.errors import InputError

pytestmark = pytest.mark.xdist_group("batch_reader")  # the module fixture runs once, in one worker


def _nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


@pytest.fixture(scope="module")
def messy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workbook someone made by hand: title row, odd headers, numbers Excel damaged."""
    path = tmp_path_factory.mktemp("reader") / "messy.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.worksheets[0]
    ws.title = "Sheet1"
    ws.append(["3월 이전 가맹점 목록"])
    ws.append([" PG사 ", "사업자 유형", _nfd("사업자번호"), "business.business_name", "대표자명",
               "담당자 휴대폰", "우편번호", "개업일", "메모", None])
    ws.append(["나이스페이", "개인", float(brn(1).replace("-", "")), "첫째상점", "김가나",
               1023456789, 4117, dt.datetime(2019, 7, 1), "아무 메모", None])
    ws.append([None] * 10)  # blank row
    ws.append(["", "  ", None, None, None, None, None, None, None, None])  # whitespace-only row
    ws.append(["토스페이먼츠", "법인", brn(2, "81"), _nfd("둘째상점"), "이다라", "010-1111-2222", "06236",
               "2020.01.02", None, None])
    ws.append(["나이스페이", "개인", brn(1), "첫째상점 (중복)", "김가나", None, None, None, None, None])
    ws.append(["나이스페이", "개인", brn(3), "수식상점", "박수식", None, None, None, None, None])
    ws["D8"] = "=CONCATENATE(\"a\",\"b\")"  # a real formula in a literal field
    wb.save(path)
    return path


def test_headers_are_matched_tolerantly(messy: Path) -> None:
    batch = read_batch(messy)
    paths = [c.path if c else None for c in batch.columns]
    assert paths == ["pg", "business.entity", "business.business_number", "business.business_name",
                     "business.representative", "manager.phone", "business.postal_code",
                     "business.opening_date", None]
    assert batch.headers[-1] == "메모"
    assert [f.code for f in batch.findings] == ["BATCH_UNKNOWN_COLUMN"]
    assert batch.template_version is None


def test_rows_blank_skipped_and_numbered_as_in_excel(messy: Path) -> None:
    batch = read_batch(messy)
    assert [r.row for r in batch.rows] == [3, 6, 7, 8]


def test_excel_damage_is_repaired_and_reported(messy: Path) -> None:
    row = read_batch(messy).rows[0]
    assert row.get("business.business_number") == brn(1).replace("-", "")
    assert row.get("manager.phone") == "01023456789"
    assert row.get("business.postal_code") == "04117"
    assert row.get("business.opening_date") == "2019-07-01"
    codes = {f.code: str(f.severity) for f in row.findings}
    assert codes == {"BATCH_NUMBER_REPAIRED": "info", "BATCH_PHONE_LEADING_ZERO": "warning",
                     "BATCH_LEADING_ZERO_RESTORED": "warning"}
    assert row.values[2] == brn(1).replace("-", "")  # echoed as the digits, not "2141200010.0"


def test_nfd_values_become_nfc(messy: Path) -> None:
    row = read_batch(messy).rows[1]
    assert row.get("business.business_name") == "둘째상점"
    assert unicodedata.is_normalized("NFC", row.values[3])


def test_duplicate_and_formula_rows_flagged(messy: Path) -> None:
    rows = {r.row: r for r in read_batch(messy).rows}
    dup = [f for f in rows[7].findings if f.code == "BATCH_DUPLICATE_ROW"]
    assert dup and "3행" in dup[0].message
    formula = [f for f in rows[8].findings if f.code == "BATCH_FORMULA_CELL"]
    assert formula and formula[0].path == "business.business_name"
    assert rows[8].get("business.business_name") is None
    assert rows[8].values[3].startswith("=CONCATENATE")


def _wb(path: Path, rows: list[list[object]]) -> Path:
    wb = openpyxl.Workbook()
    for r in rows:
        wb.worksheets[0].append(r)
    wb.save(path)
    return path


@pytest.mark.parametrize(
    ("maker", "code"),
    [
        pytest.param(lambda p: p.write_bytes(b"a,b,c\n1,2,3\n") and p, "BATCH_NOT_XLSX", id="csv-renamed"),
        pytest.param(lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600) and p,
                     "BATCH_XLS_OR_ENCRYPTED", id="xls-or-encrypted"),
        pytest.param(lambda p: p.write_bytes(b"PK\x03\x04broken") and p, "BATCH_UNREADABLE", id="broken-zip"),
        pytest.param(lambda p: _wb(p, [["a", "b"], [1, 2]]), "BATCH_NO_HEADER", id="no-header"),
        pytest.param(lambda p: _wb(p, [["PG사", "상호", "대표자", "메모"]]), "BATCH_MISSING_COLUMNS",
                     id="missing-required-columns"),
        pytest.param(lambda p: _wb(p, [["사업자번호", "사업자등록번호", "상호", "대표자", "사업자 유형"]]),
                     "BATCH_DUPLICATE_COLUMN", id="duplicate-column"),
        pytest.param(lambda p: p.mkdir() or p, "BATCH_IS_DIR", id="directory"),
        pytest.param(lambda p: p, "BATCH_NOT_FOUND", id="missing"),
    ],
)
def test_bad_workbooks(tmp_path: Path, maker, code: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "in.xlsx"
    maker(path)
    with pytest.raises(InputError) as exc:
        read_batch(path)
    assert exc.value.code == code
    assert exc.value.message  # Korean, one line
