"""The real LibreOffice path: .doc → .docx templates, batched PDF export, embedded Korean fonts.

LibreOffice runs four times in this module (shared module fixture): the CLI with --pdf, the two
.doc conversions, and one batched PDF export of two documents.
"""

from __future__ import annotations

import copy
import datetime as dt
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict

import docx
import pytest
from pypdf import PdfReader

from forms_helpers import RECORD
from pdf_read import as_dict
from pgdocs import office
from pgdocs.forms.bylabels import fill_by_labels
from pgdocs.forms.fillreport import LabelFillResult
from pgdocs.forms.nicepay import FillResult, fill_nicepay_id_add
from pgdocs.pdffonts import missing_glyphs
from pgdocs.record import record_from_dict
from report_read import at, obj

pytestmark = [pytest.mark.soffice, pytest.mark.slow]

FIXTURES = Path(__file__).parent / "fixtures" / "forms"
TODAY = dt.date(2026, 11, 27)
LONG_ADDRESS = "서울특별시 가상구 아주긴도로명길 " + "가나다라마바사" * 22 + " 12, 3층"
NASTY = copy.deepcopy(RECORD)
obj(NASTY, "business").update({"business_name": "(주)A & B <상점> \"따옴표\"", "address": LONG_ADDRESS})


@dataclass(frozen=True)
class Outputs:
    """What the module's one LibreOffice round made."""

    cli: subprocess.CompletedProcess[str]  #: ``pgdocs fill … --pdf`` on the nasty record
    np_pdf: Path
    np_docx: Path
    from_doc: FillResult  #: the .doc template filled
    labels: LabelFillResult  #: the .doc form filled by labels
    batch: list[Path]  #: both as PDF from one soffice run


class FontInfo(TypedDict):
    name: str
    embedded: bool


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Outputs:
    import json
    import sys

    d = tmp_path_factory.mktemp("pdf")
    rec_path = d / "record.json"
    rec_path.write_text(json.dumps(NASTY, ensure_ascii=False), encoding="utf-8")
    cli = subprocess.run(
        [sys.executable, "-m", "pgdocs", "fill", "nicepay-id-add", str(rec_path), "-o", str(d / "np.docx"), "--pdf",
         "--today", "2026-11-27"],
        capture_output=True, text=True, timeout=300, check=False,
    )
    record = record_from_dict(RECORD)
    from_doc = fill_nicepay_id_add(record, d / "from_doc.docx", template=FIXTURES / "nicepay_template.doc",
                                   today=TODAY)
    labels = fill_by_labels(record, FIXTURES / "pg_form.doc", d / "labels.docx", today=TODAY)
    batch = office.to_pdf([from_doc.docx, labels.docx], d / "pdf")
    return Outputs(cli=cli, np_pdf=d / "np.pdf", np_docx=d / "np.docx", from_doc=from_doc, labels=labels,
                   batch=batch)


def _text(pdf: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(str(pdf)).pages)


def _fonts(pdf: Path) -> list[FontInfo]:
    out: list[FontInfo] = []
    for page in PdfReader(str(pdf)).pages:
        resources = as_dict(page["/Resources"])
        fonts = as_dict(resources["/Font"]) if "/Font" in resources else {}
        for ref in fonts.values():
            font = ref.get_object()
            desc = font.get("/FontDescriptor")
            if desc is None and "/DescendantFonts" in font:
                desc = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            desc = desc.get_object() if desc is not None else {}
            out.append({"name": str(font.get("/BaseFont")),
                        "embedded": any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))})
    return out


def test_cli_pdf_is_one_page_with_embedded_nanum(outputs: Outputs) -> None:
    assert outputs.cli.returncode == 0, outputs.cli.stderr
    pdf = outputs.np_pdf
    assert len(PdfReader(str(pdf)).pages) == 1
    fonts = _fonts(pdf)
    assert fonts and all(f["embedded"] for f in fonts), fonts
    assert any("NanumGothic" in f["name"] for f in fonts), "맑은 고딕 must map to NanumGothic"


def test_pdf_text_extractable_and_values_present(outputs: Outputs) -> None:
    text = _text(outputs.np_pdf)
    compact = "".join(text.split())
    for value in ["ID추가신청서", "(주)A&B<상점>\"따옴표\"", "123-45-67891", "■신용카드", "□계좌이체",
                  "2026년11월27일", "(인)", "".join(LONG_ADDRESS.split())]:
        assert value in compact, value
    assert "{{" not in text


def test_no_missing_glyphs_in_nanum() -> None:
    # everything the template and the test record print is covered by NanumGothic
    tpl = docx.Document(str(FIXTURES.parent.parent.parent / "templates" / "nicepay" / "id_add_request.docx"))
    printed = "".join(c.text for t in tpl.tables for row in t.rows for c in row.cells)
    printed += "".join(p.text for p in tpl.paragraphs) + LONG_ADDRESS + str(at(NASTY, "business", "business_name"))
    assert missing_glyphs(printed.replace("{", "").replace("}", "")) == []


def test_doc_template_converted_and_filled(outputs: Outputs) -> None:
    out = outputs.from_doc.docx
    names = zipfile.ZipFile(out).namelist()
    assert len(names) == len(set(names))
    rels = zipfile.ZipFile(out).read("_rels/.rels")
    assert office.LO_CORE_REL not in rels
    cells = {row.cells[1].text.strip(): row.cells[2].text for row in docx.Document(str(out)).tables[0].rows}
    assert cells["상호(법인명)"] == "(주)가상상점"
    assert cells["결제수단"].startswith("■ 신용카드")


def test_doc_form_filled_by_labels(outputs: Outputs) -> None:
    rep = outputs.labels.report
    assert {"business_name", "manager_name", "bank"} <= {r["key"] for r in rep.filled}
    assert [r["existing"] for r in rep.kept] == ["PRE-FILLED"]
    t = docx.Document(str(outputs.labels.docx)).tables[0]
    assert t.cell(0, 1).text == "(주)가상상점"


def test_batch_made_every_pdf(outputs: Outputs) -> None:
    pdfs = outputs.batch
    assert [p.name for p in pdfs] == ["from_doc.pdf", "labels.pdf"]
    for p in pdfs:
        assert p.read_bytes().startswith(b"%PDF")
        assert all(f["embedded"] for f in _fonts(p))
    assert "가상은행" in _text(pdfs[1])
