"""A fictional 사업자등록증명 typed as a Word table — laid out by the word processor, not by our renderer.

Merchants and their accountants retype certificates into Word, and LibreOffice/Word lay such a table out their own
way: each label centred in its cell, a long address wrapping in its cell with its first line *above* the label,
labels wrapping — inside words, when the label column is narrow ("대표자성" / "명(대표유 김하늘" / "형)"). The
sample generator's own families never do this; ``bench/office.py`` and the tests read these pages as text PDFs and
as scans to hold the reading rules to a layout they were not tuned on (docs/benchmarks.md#twentieth-round).

>>> import tempfile
>>> from pgdocs.samples.fakedata import make_business, seeded
>>> bd = make_business(seeded(1), "general", rare=False)
>>> with tempfile.TemporaryDirectory() as d:
...     p = proof_table_docx(Path(d) / "proof.docx", bd, label_mm=30)
...     import docx
...     [c.text for c in docx.Document(str(p)).tables[0].rows[2].cells] == ["대표자성명(대표유형)", bd.representative]
True
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
from docx.enum.table import WD_ALIGN_VERTICAL
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from pgdocs.fsio import atomic_output_file
from pgdocs.samples.fakedata import KIND_SUBTITLES, BusinessData

#: the table's width (label column + value column), mm
TABLE_MM = 170


def _date(d: dt.date) -> str:
    return f"{d.year} 년 {d.month:02d} 월 {d.day:02d} 일"


def proof_rows(bd: BusinessData) -> list[tuple[str, str]]:
    """The 사업자등록증명's rows (label, value) for ``bd``: the birth date as a masked 주민등록번호 for a person."""
    resident = bd.corporate_number or (bd.birth_date.strftime("%y%m%d") + "-*******" if bd.birth_date else "")
    return [("상호(법인명)", bd.business_name), ("사업자등록번호", bd.business_number),
            ("대표자성명(대표유형)", bd.representative_printed), ("주민(법인)등록번호", resident),
            ("사업장소재지", bd.address.text()), ("개업일", _date(bd.opening_date)),
            ("사업자등록일", _date(bd.opening_date)), ("업태", " | ".join(bd.business_type)),
            ("종목", " | ".join(bd.business_item)), ("공동사업자", "해당사항이 없습니다.")]


def proof_table_docx(path: Path, bd: BusinessData, *, label_mm: int = 42, font: str = "UnDotum",
                     size: int = 12) -> Path:
    """Write ``bd``'s 사업자등록증명 as a Word table (labels centred in cells ``label_mm`` wide) to ``path``."""
    doc = docx.Document()
    style = doc.styles["Normal"]
    style.font.name, style.font.size = font, Pt(size)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), font)
    doc.add_paragraph("발급번호 1570-203-0000-005        처리기간 즉시")
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run("사 업 자 등 록 증 명").font.size = Pt(22)
    doc.add_paragraph(f"( {KIND_SUBTITLES[bd.kind]} )").alignment = WD_ALIGN_PARAGRAPH.CENTER
    rows = proof_rows(bd)
    table = doc.add_table(rows=len(rows), cols=2)
    table.style = "Table Grid"
    table.autofit = False
    table.columns[0].width, table.columns[1].width = Mm(label_mm), Mm(TABLE_MM - label_mm)
    for r, (label, value) in enumerate(rows):
        a, b = table.rows[r].cells
        a.width, b.width = Mm(label_mm), Mm(TABLE_MM - label_mm)
        a.text, b.text = label, value
        a.vertical_alignment = b.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
    doc.add_paragraph("위와 같이 증명합니다.")
    doc.add_paragraph(_date(bd.issue_date)).alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph(f"{bd.tax_office}세무서장").alignment = WD_ALIGN_PARAGRAPH.CENTER
    with atomic_output_file(path) as tmp:
        doc.save(str(tmp))
    return path
