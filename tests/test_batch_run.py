"""End to end: a workbook with good and hostile rows → per-row statuses, safe folders, report, labels."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from batch_helpers import TODAY, bad_brn, brn, docs_folder, merchant
from pgdocs.batch.run import BatchResult, run_batch
from pgdocs.batch.template import DATA_SHEET, write_rows

pytestmark = [pytest.mark.soffice, pytest.mark.slow, pytest.mark.xdist_group("batch_run")]  # one shared run

FORMULA_TEXT = '=HYPERLINK("http://evil.example","클릭")'


def _col(path: str) -> int:
    from pgdocs.batch.columns import load_columns

    return next(i for i, c in enumerate(load_columns().columns, start=1) if c.path == path)


@dataclass(frozen=True)
class Hostile:
    base: Path
    out: Path
    result: BatchResult
    before: dict[Path, int]  #: every file under base and its mtime before the run
    xlsx: Path


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Hostile:
    base = tmp_path_factory.mktemp("batch")
    docs = base / "docs"
    nfd_rep = unicodedata.normalize("NFD", "이나래")
    rows = [
        merchant(11, "좋은상점", docs_dir=docs_folder(docs, "m04")),                                    # 4
        merchant(12, FORMULA_TEXT, docs_dir=docs_folder(docs, "m05")),                                # 5
        merchant(13, "../../x", docs_dir=docs_folder(docs, "m06"),
                 representative_contact__phone="+82 10-2345-6789"),                                  # 6
        merchant(14, "CON 🎉 가게", docs_dir=docs_folder(docs, "m07"), business__business_item="@전자상거래"),  # 7
        merchant(15, unicodedata.normalize("NFD", "나래공방"), docs_dir=docs_folder(docs, "m08"),
                 business__representative=nfd_rep, settlement_account__holder=nfd_rep),               # 8
        merchant(16, "숫자상점", docs_dir=docs_folder(docs, "m09")),                                    # 9
        merchant(17, "검증번호틀림", docs_dir=docs_folder(docs, "m10"), business__business_number=bad_brn(17)),  # 10
        merchant(18, "통장없음", docs_dir=docs_folder(docs, "m11", bankbook=False)),                     # 11
        merchant(11, "좋은상점 (다시)", docs_dir="m04"),                                                # 12
        merchant(20, "수식대표", docs_dir=docs_folder(docs, "m13")),                                    # 13
        merchant(21, "밖으로", docs_dir="../../outside"),                                               # 14
        merchant(22, "서류폴더없음"),  # 15: no 서류 폴더; the root's loose files belong to nobody
    ]
    docs_folder(docs.parent, docs.name)  # a 사업자등록증.png and 통장사본.png lying in the docs root itself
    xlsx = write_rows(base / "merchants.xlsx", rows)
    wb = openpyxl.load_workbook(xlsx)
    ws = wb[DATA_SHEET]
    ws.cell(row=9, column=_col("business.business_number")).value = float(brn(16).replace("-", ""))
    ws.cell(row=9, column=_col("manager.phone")).value = 1034567890
    ws.cell(row=13, column=_col("business.representative")).value = "=A1&B1"  # a real formula cell
    wb.save(xlsx)
    before = {p: p.stat().st_mtime_ns for p in base.rglob("*") if p.is_file()}
    out = base / "OUT"
    result = run_batch(xlsx, out, docs_root=docs, jobs=2, check=False, today=TODAY)
    return Hostile(base, out, result, before, xlsx)


EXPECTED = [
    pytest.param(4, "완료", None, id="good"),
    pytest.param(5, "완료", None, id="formula-looking-name"),
    pytest.param(6, "완료", None, id="path-like-name"),
    pytest.param(7, "검토 필요", "LABEL_GLYPH_MISSING", id="CON-and-emoji-label-unprintable"),
    pytest.param(8, "완료", None, id="nfd-text"),
    pytest.param(9, "완료", "BATCH_PHONE_LEADING_ZERO", id="floats-and-lost-zero"),
    pytest.param(10, "오류", "BRN_CHECKSUM", id="bad-checksum"),
    pytest.param(11, "오류", "PACKET_MISSING_DOCUMENTS", id="missing-document"),
    pytest.param(12, "오류", "BATCH_DUPLICATE_ROW", id="duplicate-row"),
    pytest.param(13, "오류", "BATCH_FORMULA_CELL", id="formula-cell"),
    pytest.param(14, "오류", "BATCH_UNSAFE_PATH", id="docs-dir-escapes"),
    pytest.param(15, "오류", "PACKET_MISSING_DOCUMENTS", id="no-docs-dir-never-borrows-root-files"),
]


@pytest.mark.parametrize(("row", "status", "code"), EXPECTED)
def test_row_statuses(hostile: Hostile, row: int, status: str, code: str | None) -> None:
    rr = {r.row: r for r in hostile.result.rows}[row]
    assert rr.result is not None
    assert rr.result.status == status, rr.result.findings
    if code:
        assert code in rr.result.codes


def test_exit_code_and_example_row(hostile: Hostile) -> None:
    result = hostile.result
    assert result.exit_code == 1
    assert result.meta.skipped == [(3, "예시 행")]
    assert len(result.rows) == 12


def test_output_folders_are_numbers_only_and_inside_out(hostile: Hostile) -> None:
    out: Path = hostile.out
    folders = sorted(p.name for p in out.iterdir() if p.is_dir())
    assert folders == [f"{r:04d}_{brn(s).replace('-', '')}" for r, s in
                       [(4, 11), (5, 12), (6, 13), (7, 14), (8, 15), (9, 16)]]
    for rr in hostile.result.rows:
        assert rr.result is not None, rr
        for rel in rr.result.outputs:
            assert (out / rel).resolve().is_relative_to(out.resolve())
            assert re.fullmatch(r"\d{4}_\d+/[\w./-]+", rel), rel
    assert not (out / ".work").exists()


def test_nothing_written_outside_out(hostile: Hostile) -> None:
    base: Path = hostile.base
    after = {p: p.stat().st_mtime_ns for p in base.rglob("*") if p.is_file() and not p.is_relative_to(base / "OUT")}
    assert after == hostile.before
    assert not (base.parent / "x").exists() and not (base.parent / "outside").exists()


def test_good_row_has_form_and_packet(hostile: Hostile) -> None:
    row = hostile.out / f"0004_{brn(11).replace('-', '')}"
    packet = row / "packet"
    assert (packet / "packet.pdf").is_file()
    assert PdfReader(packet / "01_id_add_form.pdf").pages[0].extract_text().count("좋은상점") >= 1
    manifest = json.loads((packet / "manifest.json").read_text(encoding="utf-8"))
    assert manifest


def test_report_cells_are_all_text(hostile: Hostile) -> None:
    wb = openpyxl.load_workbook(hostile.out / "report.xlsx")
    ws = wb["결과"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:")
    values = []
    for row in ws.iter_rows():
        for cell in row:
            if cell.value not in (None, ""):
                assert cell.data_type == "s", (cell.coordinate, cell.value)
                values.append(cell.value)
    assert FORMULA_TEXT in values and "=A1&B1" in values and "+82 1*-****-6789" in values  # phones masked
    headers = [c.value for c in ws[1]]
    status_col = headers.index("상태")
    statuses = [r[status_col].value for r in ws.iter_rows(min_row=2)]
    assert statuses == [p.values[1] for p in EXPECTED]
    msg_col = headers.index("메시지")
    row10 = next(r for r in ws.iter_rows(min_row=2) if r[-1].value == "10")
    assert "검증번호" in row10[msg_col].value


def test_report_json(hostile: Hostile) -> None:
    data = json.loads((hostile.out / "report.json").read_text(encoding="utf-8"))
    assert data["summary"] == {"done": 5, "review": 1, "error": 6, "pending": 0, "total": 12}
    assert [f["row"] for f in data["findings"]] == [7]
    assert data["exit_code"] == 1 and data["labels_pdf"] == "labels.pdf"


def test_one_labels_pdf_in_row_order(hostile: Hostile) -> None:
    reader = PdfReader(hostile.out / "labels.pdf")
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "04117" in text  # NicePay's postal code on every recipient label
    assert text.count("04117") == 5  # the emoji row cannot be printed in NanumGothic: reported, not dropped silently
    names = ["좋은상점", "../../x", "나래공방", "숫자상점"]
    positions = [text.find(n) for n in names]
    assert all(p >= 0 for p in positions), positions
    assert positions == sorted(positions)
