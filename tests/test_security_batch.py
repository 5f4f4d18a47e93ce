"""Hostile batch inputs (issue 14 items 4–6): report.xlsx masks personal data, documents that resolve outside
``--docs-root`` (symbolic links) are refused, a hidden 가맹점 sheet is not read in place of the visible one.

All merchants are fictional (tests/batch_helpers.py); the "outside" files are made by the test.
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from batch_helpers import TODAY, brn, docs_folder, fake_document, merchant
from cli_runner import RunCli
from pgdocs.batch.model import DONE, RowResult
from pgdocs.batch.report import ReportMeta, ReportRow, write_report_xlsx
from pgdocs.batch.template import DATA_SHEET, write_rows
from pgdocs.errors import InputError
from pgdocs.packet.documents import discover

RAW = ["010-2345-6789", "010-3456-7890", "1988-04-12", "123456-01-234567"]  # the sample merchant's (fictional)
MASKED = ["010-****-6789", "010-****-7890", "1988-**-**", "******-**-**4567"]



def _cells(xlsx: Path, sheet: str = "결과") -> list[str]:
    ws = openpyxl.load_workbook(xlsx)[sheet]
    return [str(c.value) for row in ws.iter_rows() for c in row if c.value not in (None, "")]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("hostile-batch")
    docs = base / "docs"
    outside = base / "outside"
    fake_document(outside / "사업자등록증.png", "someone else")
    fake_document(outside / "통장사본.png", "someone else")
    docs_folder(docs, "a")
    (docs / "b").mkdir(parents=True)
    (docs / "b" / "사업자등록증.png").symlink_to(outside / "사업자등록증.png")
    fake_document(docs / "b" / "통장사본.png", "bankbook")
    (docs / "c").symlink_to(outside, target_is_directory=True)
    rows = [
        merchant(31, "보이는상점", docs_dir="a"),    # 4: processed
        merchant(32, "링크파일상점", docs_dir="b"),  # 5: a document symlinked outside the root
        merchant(33, "링크폴더상점", docs_dir="c"),  # 6: the row's folder symlinked outside the root
    ]
    xlsx = write_rows(base / "merchants.xlsx", rows)
    wb = openpyxl.load_workbook(xlsx)
    visible = wb[DATA_SHEET]
    visible.title = "이번 달"
    hidden = wb.copy_worksheet(visible)
    hidden.title = DATA_SHEET
    hidden.sheet_state = "hidden"
    hidden["D4"].value = "숨은상점"
    wb.move_sheet(hidden, offset=-wb.index(hidden))  # the hidden 가맹점 sheet comes first
    wb.save(xlsx)
    return {"base": base, "docs": docs, "xlsx": xlsx}


@pytest.mark.soffice
@pytest.mark.xdist_group("security_batch")
def test_hostile_workbook_end_to_end(hostile: dict[str, Path], run_cli: RunCli) -> None:
    out = hostile["base"] / "OUT"
    r = run_cli("batch", hostile["xlsx"], "-o", out, "--docs-root", hostile["docs"], "--jobs", "1", "--no-check",
                "--what", "forms,packets", "--today", TODAY)
    assert "Traceback" not in r.stderr + r.stdout and "[INTERNAL]" not in r.stderr + r.stdout
    assert r.returncode == 1, r.stdout + r.stderr
    assert "주의 [BATCH_HIDDEN_SHEET] 숨겨진 시트 '가맹점'에 내용이 있지만 읽지 않았습니다" in r.stdout

    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["sheet"] == "이번 달"
    assert {f["code"] for f in report["findings"]} >= {"BATCH_HIDDEN_SHEET"}
    by_row = {row["row"]: row for row in report["rows"]}
    assert by_row[4]["status"] == DONE
    for n in (5, 6):
        assert by_row[n]["status"] == "오류"
        assert "DOC_OUTSIDE_ROOT" in by_row[n]["codes"]
        assert not by_row[n]["outputs"]
    assert (out / f"0004_{brn(31).replace('-', '')}" / "packet" / "packet.pdf").is_file()
    assert not any((out / f"{n:04d}_{brn(s).replace('-', '')}").exists() for n, s in ((5, 32), (6, 33)))

    cells = _cells(out / "report.xlsx")
    assert "보이는상점" in cells and "숨은상점" not in cells
    text = "\n".join(cells)
    for raw, masked in zip(RAW, MASKED, strict=True):
        assert raw not in text
        assert masked in cells
    assert ["개인정보", "전화번호·생년월일·계좌번호·비밀 키는 가려서 표시"] in [
        [str(c.value) for c in row] for row in openpyxl.load_workbook(out / "report.xlsx")["요약"].iter_rows()]


@pytest.mark.xdist_group("security_batch")
def test_show_personal_is_explicit(hostile: dict[str, Path], run_cli: RunCli) -> None:
    out = hostile["base"] / "OUT-owner"
    r = run_cli("batch", hostile["xlsx"], "-o", out, "--docs-root", hostile["docs"], "--jobs", "1", "--no-check",
                "--what", "labels", "--today", TODAY, "--show-personal")
    assert "Traceback" not in r.stderr, r.stderr
    cells = _cells(out / "report.xlsx")
    for raw in RAW:
        assert raw in cells


def _row(values: list[str]) -> ReportRow:
    return ReportRow(4, values, RowResult(row=4, folder="0004_x", status=DONE))


@pytest.mark.parametrize(
    ("header", "value", "shown"),
    [
        pytest.param("담당자 휴대폰", "010-3456-7890", "010-****-7890", id="known-phone"),
        pytest.param("대표자 생년월일", "1988년 4월 12일", "1988-**-**", id="known-birth-date-korean"),
        pytest.param("계좌번호", "123456-01-234567", "******-**-**4567", id="known-account"),
        pytest.param("토스 apiKey", "test_sk_zXLkKEypNArWmo50nX3lmeaxYG5R", "test_sk_************************YG5R",
                     id="toss-secret"),
        pytest.param("비상 연락처", "010-9876-5432", "010-****-5432", id="unknown-column-phone"),
        pytest.param("주민등록번호", "900101-1234567", "******-*******", id="unknown-column-rrn"),
        pytest.param("생일", "19880412", "1988-**-**", id="unknown-column-birthday"),
        pytest.param("상호", "하늘공방", "하늘공방", id="not-personal"),
    ],
)
def test_report_masks_by_column(tmp_path: Path, header: str, value: str, shown: str) -> None:
    meta = ReportMeta(input_name="x.xlsx", sheet="가맹점", template_version=None)
    masked = write_report_xlsx(tmp_path / "masked.xlsx", [header], [_row([value])], meta)
    assert openpyxl.load_workbook(masked)["결과"]["A2"].value == shown
    owner = write_report_xlsx(tmp_path / "owner.xlsx", [header], [_row([value])], meta, show_personal=True)
    assert openpyxl.load_workbook(owner)["결과"]["A2"].value == value


def test_discover_refuses_links_out_of_root(tmp_path: Path) -> None:
    root = tmp_path / "root"
    fake_document(tmp_path / "elsewhere" / "통장사본.png", "outside")
    (root / "m").mkdir(parents=True)
    (root / "m" / "통장사본.png").symlink_to(tmp_path / "elsewhere" / "통장사본.png")
    (root / "loop.png").symlink_to(root / "loop.png")
    with pytest.raises(InputError) as err:
        discover({}, root / "m", ["bankbook"], root=root)
    assert err.value.code == "DOC_OUTSIDE_ROOT"
    with pytest.raises(InputError) as err:
        discover({"bankbook": root / "m" / ".." / ".." / "elsewhere" / "통장사본.png"}, None, ["bankbook"], root=root)
    assert err.value.code == "DOC_OUTSIDE_ROOT"
    fake_document(root / "m2" / "통장사본.png", "inside")
    assert discover({}, root / "m2", ["bankbook"], root=root).found["bankbook"] == root / "m2" / "통장사본.png"
    # without a root (pgdocs packet with the merchant's own record), links are followed as before
    assert discover({}, root / "m", ["bankbook"]).found["bankbook"] == root / "m" / "통장사본.png"
