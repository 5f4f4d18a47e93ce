"""A ruled table's value cell, found from its rules and read alone (issue 11: real layouts, the 사업자등록증명).

Where a label wraps in its cell and the value sits centred beside its two lines, Tesseract's page read mixes the
three into lines of neither; the cell cut out between its rules reads as printed. Geometry on tables drawn here;
reads on the tests' own 사업자등록증명 (``reading_pages``) and on one typed as a Word table, laid out by
LibreOffice and scanned at 300 dpi. Every business and person is fictional.
"""

from __future__ import annotations

import io
import itertools
from pathlib import Path

import numpy as np
import pytest
from numpy.typing import NDArray
from PIL import Image, ImageDraw

from pgdocs.ocr.cells import value_cell
from pgdocs.record import Business, record_from_dict

GLYPH = 26
#: rows of the drawn table (rule y positions) and its columns (rule x positions)
ROWS = (100, 190, 320, 400)
COLS = (50, 400, 1150)


def _table(*, rule: int = 170, shade: int = 238, values: bool = True) -> NDArray[np.uint8]:
    """A two-column table of three rows drawn in pale 1-px rules (a grey table scanned and scaled down), the label
    column shaded; "glyphs" are dark blocks: two lines of label in each row, one line of value centred beside."""
    im = Image.new("L", (1200, 500), 255)
    d = ImageDraw.Draw(im)
    for top, bottom in itertools.pairwise(ROWS):
        d.rectangle([COLS[0] + 1, top + 1, COLS[1] - 1, bottom - 1], fill=shade)
        mid = (top + bottom) // 2
        for y in (mid - GLYPH - 4, mid + 4):
            d.rectangle([COLS[0] + 20, y, COLS[0] + 200, y + GLYPH], fill=40)  # the label's two lines
        if values:
            d.rectangle([COLS[1] + 20, mid - GLYPH // 2, COLS[1] + 300, mid + GLYPH // 2], fill=30)
    for y in ROWS:
        d.line([COLS[0], y, COLS[-1], y], fill=rule)
    for x in COLS:
        d.line([x, ROWS[0], x, ROWS[-1]], fill=rule)
    return np.asarray(im)


def _label(row: int) -> tuple[int, int, int, int]:
    """The first line of row ``row``'s label, as Tesseract boxes it."""
    mid = (ROWS[row] + ROWS[row + 1]) // 2
    return (COLS[0] + 20, mid - GLYPH - 4, COLS[0] + 200, mid - 4)


def test_the_value_cell_is_the_ink_between_the_rules_right_of_the_label() -> None:
    gray = _table()
    for row in range(3):
        cell = value_cell(gray, _label(row), GLYPH)
        assert cell is not None, row
        x0, y0, x1, y1 = cell
        mid = (ROWS[row] + ROWS[row + 1]) // 2
        # the value's block and a third of a glyph around it, inside the rules
        assert COLS[1] < x0 <= COLS[1] + 20 and COLS[1] + 300 < x1 < COLS[2], cell
        assert ROWS[row] < y0 <= mid - GLYPH // 2 and mid + GLYPH // 2 < y1 < ROWS[row + 1], cell
        assert (gray[y0:y1, x0:x1] < 100).any() and not (gray[y0:y1, x0:x1] == 170).any()


def test_another_row_is_asked_for_by_rows_down() -> None:
    gray = _table()
    assert value_cell(gray, _label(0), GLYPH, rows_down=1) == value_cell(gray, _label(1), GLYPH)
    assert value_cell(gray, _label(2), GLYPH, rows_down=-2) == value_cell(gray, _label(0), GLYPH)
    assert value_cell(gray, _label(2), GLYPH, rows_down=1) is None  # no row under the last
    assert value_cell(gray, _label(0), GLYPH, rows_down=-1) is None  # nor one above the first


def test_a_glyphs_stem_as_tall_as_a_tight_row_is_no_column_rule() -> None:
    """The stems of 라, 커 and 피 span most of a tight row; a column's rule meets the rules above and below."""
    im = Image.fromarray(_table())
    d = ImageDraw.Draw(im)
    top, bottom = ROWS[1], ROWS[2]
    for x in (COLS[1] + 30, COLS[1] + 90):  # a stem 0.9 of the row, right of the label column's rule
        d.line([x, top + 6, x, bottom - 6], fill=30, width=3)
    cell = value_cell(np.asarray(im), _label(1), GLYPH)
    assert cell is not None and cell[0] <= COLS[1] + 30 and cell[2] > COLS[1] + 300, cell


def test_a_label_with_its_glyph_box_touching_the_rule_above_still_finds_its_row() -> None:
    """Tesseract boxed a syllable with the rule above it: the label's middle, not its top, places the row."""
    x0, _, x1, y1 = _label(1)
    assert value_cell(_table(), (x0, ROWS[1] - 8, x1, y1), GLYPH) == value_cell(_table(), _label(1), GLYPH)


def test_no_cell_without_rules_or_without_ink() -> None:
    assert value_cell(_table(rule=255), _label(1), GLYPH) is None  # a certificate's label: no table around it
    assert value_cell(_table(values=False), _label(1), GLYPH) is None  # an empty cell


def test_a_dark_shaded_label_column_is_no_rule() -> None:
    """A label column shaded darker than the rules' threshold is one wide band of "ink": not a rule, and the
    value's cell is still bounded by the thin rules."""
    cell = value_cell(_table(shade=150), _label(1), GLYPH)
    assert cell is not None and COLS[1] < cell[0] <= COLS[1] + 20


# ------------------------------------------------------------------------------------------------ real reads

BUSINESS: dict[str, object] = {
    "entity": "individual", "business_number": "124-81-00998", "business_name": "다온상회",
    "representative": "김하늘", "birth_date": "1988-04-12", "opening_date": "2021-03-02",
    "address": "서울특별시 관악구 관악로 1", "business_type": "소매업", "business_item": "전자상거래 소매업"}


def _business(**changes: object) -> Business:
    return record_from_dict({"business": {**BUSINESS, **changes}}).business


@pytest.mark.tesseract
def test_a_cell_settles_a_field_the_page_read_lost_and_only_as_declared(tmp_path: Path) -> None:
    """The tests' own 사업자등록증명 read for real, then its 대표자 and birth date taken out of the page read (as
    when the row is mixed with its wrapped label past recognising): their cells, read alone by two models, settle
    them — and only as printed: another name or birth date is never a match."""
    import reading_pages as pages
    from pgdocs.ocr import reread as rr
    from pgdocs.ocr.extract import extract
    from pgdocs.ocr.verify import compare_certificate

    ex = extract(pages.proof_page(tmp_path / "증명.png", BUSINESS))
    for name in ("representative", "birth_date", "resident_number"):  # (the birth date's row: the 주민등록번호)
        ex.page.fields.pop(name, None)
        ex.page.raw_words.pop(name, None)
    assert {how: (fv.value if (fv := rr.cell_read(ex, "representative", how)) else None)
            for how in rr.CELL_READS} == dict.fromkeys(rr.CELL_READS, "김하늘")
    res = compare_certificate(ex, _business())
    for name in ("representative", "birth_date"):
        fc = res.fields[name]
        assert (fc.status, fc.evidence) == ("match", "cell_read"), fc.to_dict()
        assert "표의 칸만" in fc.detail
    for changes in ({"representative": "김하란"}, {"representative": "박하늘"}, {"birth_date": "1988-04-13"}):
        fc = compare_certificate(ex, _business(**changes)).fields[next(iter(changes))]
        assert fc.status != "match", (changes, fc.to_dict())


@pytest.mark.tesseract
def test_a_cell_overrules_a_whole_other_value_the_page_read_but_not_a_near_miss(tmp_path: Path) -> None:
    """The page read of a row mixed with its wrapped label gave a whole other name ("서며" for 진지희, a scanned Word
    table): the row's cell, read alone by two models, says the declared name — a match. A page read one stroke
    off the declared name (김허늘 for 김하늘) is not overruled by the cell, and another declared name never matches."""
    import reading_pages as pages
    from pgdocs.ocr.extract import extract
    from pgdocs.ocr.fields import FieldValue
    from pgdocs.ocr.verify import compare_certificate

    ex = extract(pages.proof_page(tmp_path / "증명.png", BUSINESS))
    ex.page.raw_words.pop("representative", None)  # (no crop of the page's words to read again: only the cell)
    ex.page.fields["representative"] = FieldValue("서며", 0.9, [])
    fc = compare_certificate(ex, _business()).fields["representative"]
    assert (fc.status, fc.evidence) == ("match", "cell_read"), fc.to_dict()
    assert compare_certificate(ex, _business(representative="박하늘")).fields["representative"].status != "match"
    ex.page.fields["representative"] = FieldValue("김허늘", 0.9, [])
    fc = compare_certificate(ex, _business()).fields["representative"]
    assert fc.evidence != "cell_read", fc.to_dict()  # (the page read without rules may still settle it)


@pytest.mark.tesseract
def test_a_certificate_without_rules_has_no_cell(tmp_path: Path) -> None:
    """A 2025+ certificate prints its labels and values on plain paper (only 업태/종목 boxed): no cell, no extra
    read."""
    import reading_pages as pages
    from pgdocs.ocr import reread as rr
    from pgdocs.ocr.extract import extract

    ex = extract(pages.certificate_b_page(tmp_path / "b.png", {**BUSINESS, "corporate_number": "110111-4012340"}))
    assert ex.page.fields.get("representative") is not None
    assert rr.cell_read(ex, "representative", rr.CELL_READS[0]) is None
    # looked for once, remembered as nothing for every way of reading it
    assert all(ex.rereads[f"cell:{how}:representative"] is None for how in rr.CELL_READS)


@pytest.mark.tesseract
@pytest.mark.soffice
def test_word_table_scan_with_wrapped_labels_reads_its_cells(tmp_path: Path) -> None:
    """A 사업자등록증명 typed as a Word table whose 24-mm label column wraps "대표자성명(대표유형)" and
    "주민(법인)등록번호" in two, laid out by LibreOffice and scanned at 300 dpi: the 대표자 and the birth date
    (the head of the masked 주민등록번호) read from their cells as printed; no changed record passes."""
    from pgdocs import office
    from pgdocs.ocr import reread as rr
    from pgdocs.ocr.extract import extract
    from pgdocs.ocr.load import rasterize_pdf
    from pgdocs.ocr.verify import compare_certificate
    from pgdocs.samples.fakedata import make_business, seeded
    from pgdocs.samples.wordtable import proof_table_docx

    bd = make_business(seeded("centred-cells:16"), "general", rare=False)
    record = bd.record()
    [pdf] = office.to_pdf([proof_table_docx(tmp_path / "proof.docx", bd, label_mm=24, font="UnDotum", size=12)],
                          tmp_path / "pdf")
    scan = tmp_path / "proof.png"
    buf = io.BytesIO()
    rasterize_pdf(pdf.read_bytes(), pdf.name, dpi=300).convert("L").save(buf, "PNG")
    scan.write_bytes(buf.getvalue())
    ex = extract(scan)
    assert ex.source == "ocr" and ex.page.document == "registration_proof"
    assert {how: (fv.value.replace(" ", "") if (fv := rr.cell_read(ex, "representative", how)) else None)
            for how in rr.CELL_READS} == dict.fromkeys(rr.CELL_READS, record["representative"])
    assert {how: (fv.value if (fv := rr.cell_read(ex, "birth_date", how)) else None)
            for how in rr.CELL_READS} == dict.fromkeys(rr.CELL_READS, record["birth_date"])
    res = compare_certificate(ex, record_from_dict({"business": record}).business)
    assert res.verdict != "fail", res.reasons
    near = record["representative"][:-1] + ("란" if record["representative"][-1] != "란" else "늘")
    for changes in ({"representative": near}, {"birth_date": "1960-04-19"}):
        other = record_from_dict({"business": {**record, **changes}}).business
        assert compare_certificate(ex, other).verdict != "pass", changes
