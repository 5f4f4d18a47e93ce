"""Labels centred on cells of two lines, as a word processor lays a table out (issue 11: real layouts).

A 사업자등록증명 or a certificate typed into a table puts each label in the middle of its cell: a wrapped address
has its first line above the label and its second below, a long label wraps with the value between its halves,
and Tesseract's line grouping puts a syllable of a letter-spaced label into the line above. Word layouts built by
hand for the rules; one page made by the tests as a Word table, laid out by LibreOffice (an engine the sample
generator does not use) and read back as a text PDF and as a 300-dpi scan. Every business and person is fictional.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from ocr_helpers import line as _line
from ocr_helpers import page_fields as _fields
from pgdocs import office
from pgdocs.ocr.extract import extract
from pgdocs.ocr.layout import group_lines
from pgdocs.ocr.load import rasterize_pdf
from pgdocs.ocr.tesseract import Word
from pgdocs.ocr.verify import compare_certificate
from pgdocs.record import Business, record_from_dict
from pgdocs.samples.fakedata import make_business, seeded
from pgdocs.samples.wordtable import proof_table_docx

HEAD = [_line(50, "사", "업", "자", "등", "록", "증", x=400), _line(110, "(", "법인사업자", ")", x=450),
        _line(160, "등록번호", ":", "214-81-34567", x=400)]
FOOT = [_line(1000, "2026년", "05월", "01일", x=400), _line(1060, "역삼세무서장", x=400)]


def test_tall_syllable_joins_the_nearest_line_not_the_first_within_reach() -> None:
    above = _line(466, "전북특별자치도", "전주시", "완산구", x=427, h=28)
    label = [Word("사", 93.0, 142, 484, 59, 28), Word("장", 93.0, 216, 484, 62, 28),
             Word("소재지", 93.0, 290, 484, 59, 28)]
    tall = Word("업", 93.0, 186, 464, 37, 52)  # boxed over both lines: centre 490, the label's 498, the line's 480
    lines = group_lines([*above, tall, *label])
    assert [ln.compact for ln in lines] == ["전북특별자치도전주시완산구", "사업장소재지"]


def test_address_of_a_centred_label_takes_its_line_above_and_below_but_not_the_next_rows() -> None:
    got = _fields(
        *HEAD,
        _line(220, "법인명(단체명)", ":", "하늘공방"), _line(270, "대표자", ":", "김하늘"),
        _line(320, "개업연월일", ":", "2021년", "03월", "02일"),
        _line(380, "강원특별자치도", "춘천시", "중앙로", "341,", "센트럴프라자", "1층", "102호", "(중앙로", x=500),
        _line(400, "사업장소재지", ":"),
        _line(420, "1가)", x=500),
        _line(480, "부산광역시", "부산진구", "중앙대로", "277-27,", "에이스빌딩", "1층", "103호", "(", x=500),
        _line(500, "본점소재지", ":"),
        _line(520, "부전동)", x=500),
        *FOOT)
    assert got["address"] == "강원특별자치도 춘천시 중앙로 341, 센트럴프라자 1층 102호 (중앙로 1가)"
    head = "부산광역시 부산진구 중앙대로 277-27, 에이스빌딩 1층 103호 (부전동)"
    assert got["head_office_address"].replace("( ", "(") == head


def test_address_written_beside_its_label_does_not_take_the_first_line_of_a_centred_label_below() -> None:
    got = _fields(
        *HEAD, _line(220, "법인명(단체명)", ":", "하늘공방"), _line(270, "대표자", ":", "김하늘"),
        _line(320, "사업장소재지", ":", "제주특별자치도", "제주시", "중앙로", "29,", "15층", "(이도이동)"),
        _line(380, "강원특별자치도", "춘천시", "중앙로", "32,", "미래타워", "5층", "503호", x=500),
        _line(400, "본점소재지", ":"), _line(420, "(중앙로1가)", x=500), *FOOT)
    assert got["address"] == "제주특별자치도 제주시 중앙로 29, 15층 (이도이동)"
    assert got["head_office_address"].startswith("강원특별자치도 춘천시 중앙로 32,")


def test_a_top_aligned_label_never_takes_the_previous_rows_wrapped_line() -> None:
    got = _fields(
        *HEAD, _line(220, "법인명(단체명)", ":", "하늘공방"), _line(270, "대표자", ":", "김하늘"),
        _line(320, "사업장소재지", ":", "제주특별자치도", "제주시", "중앙로", "29,", "15층"),
        _line(365, "(이도이동)", x=500),
        _line(410, "본점소재지", ":", "강원특별자치도", "춘천시", "중앙로", "32,", "5층"),
        _line(455, "(중앙로1가)", x=500), *FOOT)
    assert got["address"] == "제주특별자치도 제주시 중앙로 29, 15층 (이도이동)"
    assert got["head_office_address"] == "강원특별자치도 춘천시 중앙로 32, 5층 (중앙로1가)"


def test_a_label_wrapped_in_its_cell_finds_the_name_between_its_halves() -> None:
    got = _fields(
        _line(50, "발급번호", "1570-203-0000-005", "처리기간", "즉시"),
        _line(110, "사", "업", "자", "등", "록", "증", "명", x=400), _line(160, "(", "일반과세자", ")", x=450),
        _line(220, "상호(법인명)", "하늘공방"), _line(270, "사업자등록번호", "214-12-34567"),
        _line(320, "대표자성명("), _line(345, "김하늘", x=700), _line(370, "대표유형)"),
        _line(420, "주민(법인)등록번호", "880412-*******"),
        _line(900, "위와", "같이", "증명합니다."), _line(950, "2026년", "05월", "01일", x=400),
        _line(1000, "관악세무서장", x=400))
    assert got["representative"] == "김하늘"


def test_a_label_wrapped_in_its_cell_with_the_name_beside_its_first_half() -> None:
    """The name level with "대표자성명(" across the cell's gap, "대표유형)" below; 주민(법인)등록번호 wrapped the same
    way — neither the bracket nor the label's second half is taken for a value."""
    got = _fields(
        _line(50, "발급번호", "1570-203-0000-005", "처리기간", "즉시"),
        _line(110, "사", "업", "자", "등", "록", "증", "명", x=400), _line(160, "(", "일반과세자", ")", x=450),
        _line(220, "상호(법인명)", "하늘공방"), _line(270, "사업자등록번호", "214-12-34567"),
        _line(320, "대표자성명("), [Word("김하늘", 95.0, 700, 335, 90, 30)], _line(350, "대표유형)"),
        _line(420, "주민(법인)"), [Word("880412-*******", 95.0, 700, 435, 300, 30)], _line(450, "등록번호"),
        _line(900, "위와", "같이", "증명합니다."), _line(950, "2026년", "05월", "01일", x=400),
        _line(1000, "관악세무서장", x=400))
    assert got["representative"] == "김하늘"
    assert got["birth_date"] == "1988-04-12"


# ----------------------------------------------------------------------------- a table laid out by LibreOffice

CORP_HEAD = [_line(50, "사", "업", "자", "등", "록", "증", x=400), _line(110, "(", "법인사업자:본점", ")", x=450),
             _line(160, "등록번호", ":", "214-81-34567", x=400), _line(220, "법인명(단체명)", ":", "소담랩"),
             _line(270, "대표자", ":", "노민람")]
CORP_FOOT = [_line(700, "사업장소재지", ":", "경기도", "파주시", "회동길", "142"), *FOOT]


def test_a_number_cut_at_its_hyphen_takes_its_rest_from_the_line_under_it() -> None:
    """"법인등록번호 : 120111-" / "8543135": the cell too narrow beside the 개업연월일 wrapped the number to its left
    edge (a text PDF laid out by LibreOffice lost its 법인등록번호). Not a line left of the row, nor one far below."""
    row = _line(330, "개업연월일", ":", "2012", "년", "09", "월", "01", "일", "법인등록번호", ":", "120111-")
    got = _fields(*CORP_HEAD, row, _line(372, "8543135", x=400), *CORP_FOOT)
    assert got["corporate_number"] == "120111-8543135"
    assert got["opening_date"] == "2012-09-01"
    assert "corporate_number" not in _fields(*CORP_HEAD, row, _line(372, "8543135", x=40), *CORP_FOOT)
    assert "corporate_number" not in _fields(*CORP_HEAD, row, _line(460, "8543135", x=400), *CORP_FOOT)


def test_a_date_label_centred_under_its_cells_first_line() -> None:
    """The date and the 법인등록번호 share the 개업연월일's cell over two lines, its label centred between them:
    "2017 년 10 월 13 일 법인등록번호 : 160114-" / "개업연월일 :" / "1058989"."""
    got = _fields(*CORP_HEAD,
                  _line(330, "2017", "년", "10", "월", "13", "일", "법인등록번호", ":", "160114-", x=500),
                  _line(350, "개업연월일", ":"),
                  _line(372, "1058989", x=500),
                  *CORP_FOOT)
    assert got["opening_date"] == "2017-10-13"
    assert got["corporate_number"] == "160114-1058989"


BUSINESS = make_business(seeded("centred-cells:16"), "general", rare=False)  # a 45-character address
RECORD = BUSINESS.record()
#: the representative one syllable off (the last syllable's look-alike, or another)
NEAR_MISS = RECORD["representative"][:-1] + ("란" if RECORD["representative"][-1] != "란" else "늘")


@pytest.fixture(scope="module", params=[42, 34], ids=["labels-on-one-line", "labels-wrapped"])
def proof_pdf(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("centred")
    [pdf] = office.to_pdf([proof_table_docx(d / "proof.docx", BUSINESS, label_mm=request.param)], d / "pdf")
    return pdf


def _business() -> Business:
    return record_from_dict({"business": RECORD}).business


def test_word_table_text_pdf_passes(proof_pdf: Path) -> None:
    ex = extract(proof_pdf)
    assert ex.source == "text_layer"
    assert ex.fields["address"].value.replace(" ", "") == RECORD["address"].replace(" ", "")
    res = compare_certificate(ex, _business())
    assert res.verdict == "pass", res.reasons


def test_word_table_scan_never_fails_and_reads_the_wrapped_address(proof_pdf: Path, tmp_path: Path,
                                                                      request: pytest.FixtureRequest) -> None:
    scan = tmp_path / "proof.png"
    buf = io.BytesIO()
    rasterize_pdf(proof_pdf.read_bytes(), proof_pdf.name, dpi=300).convert("L").save(buf, "PNG")
    scan.write_bytes(buf.getvalue())
    ex = extract(scan)
    assert ex.source == "ocr"
    if "labels-on-one-line" in request.node.name:
        # (with the labels wrapped too, Tesseract's page read keeps only the address's last line: not found, review)
        assert str(BUSINESS.address.number) in ex.fields["address"].value
        assert BUSINESS.address.text().split()[2] in ex.fields["address"].value  # the road
    res = compare_certificate(ex, _business())
    assert res.verdict != "fail", res.reasons
    other = record_from_dict({"business": {**RECORD, "representative": NEAR_MISS}}).business
    assert compare_certificate(ex, other).verdict != "pass"


@pytest.fixture(scope="module")
def narrow_pdfs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Label columns so narrow that labels wrap inside words: "대표자성" / "명(대표유 김하늘" / "형)", "사업자등록" /
    "일" right above 업태, "공동사" / "업자" under 종목."""
    d = tmp_path_factory.mktemp("narrow")
    docs = []
    for mm, font, size in ((22, "Baekmuk Gulim", 14), (24, "UnDotum", 12), (26, "UnBatang", 12), (22, "UnDotum", 14)):
        docs.append(proof_table_docx(d / f"{mm}-{size}-{font.replace(' ', '')}.docx", BUSINESS, label_mm=mm,
                                     font=font, size=size))
    return office.to_pdf(docs, d / "pdf")


def test_labels_wrapped_inside_words_are_never_a_value(narrow_pdfs: list[Path]) -> None:
    """Each had failed a genuine page: 대표자 "성" (the label's 성명 cut), 종목 "공동사 해당사항이 없습니다. 업자"
    (업태 took the 종목 line after the "일" of 사업자등록일). Review is what a page like this may get, never fail."""
    other = record_from_dict({"business": {**RECORD, "representative": NEAR_MISS}}).business
    for pdf in narrow_pdfs:
        ex = extract(pdf)
        res = compare_certificate(ex, _business())
        assert res.verdict != "fail", (pdf.name, res.reasons)
        name = ex.fields.get("representative")
        assert name is None or name.value == RECORD["representative"], (pdf.name, name.value)
        assert res.fields["business_item"].status != "mismatch", pdf.name
        assert compare_certificate(ex, other).verdict != "pass", pdf.name


def test_word_table_sample_examples() -> None:
    import doctest

    from pgdocs.samples import wordtable

    result = doctest.testmod(wordtable)
    assert result.attempted > 0 and result.failed == 0


@pytest.fixture(scope="module")
def baekmuk_pdfs(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Path, Business]]:
    """Three 사업자등록증명s of `bench/office.py --set word --seed 7` in Baekmuk Gulim (the businesses it drew)."""
    import random

    from pgdocs.samples.fakedata import KINDS

    d = tmp_path_factory.mktemp("baekmuk")
    made = []
    for k, mm, size in ((15, 22, 10), (28, 34, 14), (29, 38, 14)):
        bd = make_business(random.Random(f"word:7:{k}"), KINDS[k % len(KINDS)])
        made.append((proof_table_docx(d / f"{mm}-{size}.docx", bd, label_mm=mm, font="Baekmuk Gulim", size=size), bd))
    pdfs = office.to_pdf([docx for docx, _ in made], d / "pdf")
    return [(pdf, record_from_dict({"business": bd.record()}).business)
            for pdf, (_, bd) in zip(pdfs, made, strict=True)]


def test_text_layer_keeps_each_lines_glyphs_together(baekmuk_pdfs: list[tuple[Path, Business]]) -> None:
    """LibreOffice's PDFs in Baekmuk Gulim: the glyphs' own boxes end at different heights, and glyphs of one line
    sorted apart by that had been cut into lines of their own ("대", "행" for 대행업; "(대", "표", "유형)"), and the
    genuine pages were review. No two words of one line touch, and each page passes."""
    from pgdocs.ocr.textlayer import read_text_layer

    for pdf, business in baekmuk_pdfs:
        words = read_text_layer(pdf.read_bytes()).words
        for a in words:
            for b in words:
                if a is not b and abs(a.top - b.top) <= 3 and 0 <= b.left - (a.left + a.width) < 0.1 * a.height:
                    pytest.fail(f"{pdf.name}: {a.text!r} and {b.text!r} touch on one line but are two words")
        res = compare_certificate(extract(pdf), business)
        assert res.verdict == "pass", (pdf.name, res.reasons)
