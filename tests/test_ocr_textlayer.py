"""PDF text layers (issue 11 item 4, issue 14 item 2): words rebuilt from glyph positions, and only glyphs the
page shows are believed. Every PDF here is drawn by the test; every business is fictional."""

from __future__ import annotations

import copy
import datetime as dt
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from pypdf import PdfReader

import reading_pages as pages
from pgdocs.jsonio import JSONObject
from pgdocs.jsonio import loads as json_loads
from pgdocs.ocr.textlayer import read_text_layer
from report_read import obj, strings

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "samples" / "nicepay-individual-within-1y"
RECORD = obj(json_loads((SAMPLE / "record.json").read_text(encoding="utf-8")))
BUSINESS = strings(RECORD, "business")
HOW = [pytest.param(h, id=h) for h in ("invisible", "white", "transparent", "covered", "outside")]


def _other_business() -> JSONObject:
    """The record of another (fictional) business: what the page SHOWS in the hidden-layer PDFs."""
    from pgdocs.samples.fakedata import brn_check_digit

    rec = copy.deepcopy(RECORD)
    first9 = "120123456"
    obj(rec, "business").update(business_number=f"120-12-3456{brn_check_digit(first9)}", business_name="새벽서점",
                           representative="최가람", opening_date="2019-07-01",
                           address="부산광역시 해운대구 해운대로 305, 2층 (중동)")
    return rec


@pytest.fixture(scope="module")
def hidden(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from pgdocs.record import record_from_dict
    from pgdocs.samples.certificates import certificate_for_record

    d = tmp_path_factory.mktemp("hidden")
    shown = certificate_for_record(record_from_dict(_other_business()), d / "shown.png", "clean")
    hows = [str(h.values[0]) for h in HOW]
    return {how: pages.hidden_layer_pdf(d / f"{how}.pdf", shown, BUSINESS, how) for how in hows}


@pytest.fixture(scope="module")
def glyph_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return pages.glyph_run_pdf(tmp_path_factory.mktemp("run") / "사업자등록증.pdf", BUSINESS)


def test_glyph_run_pdf_really_stores_one_glyph_per_run(glyph_run: Path) -> None:
    """The fixture is what it claims: plain extraction gives one character per line."""
    text = PdfReader(glyph_run).pages[0].extract_text()
    assert "2021" not in text and "2\n0\n2\n1" in text


def test_words_rebuilt_from_glyph_positions(glyph_run: Path) -> None:
    from pgdocs.ocr.extract import extract

    ex = extract(glyph_run)
    assert ex.source == "text_layer"
    got = {k: v.value for k, v in ex.fields.items()}
    b = BUSINESS
    assert got["business_number"] == b["business_number"]
    assert got["opening_date"] == b["opening_date"] == "2021-03-02"
    assert got["birth_date"] == b["birth_date"]
    assert got["issue_date"] == "2024-05-02"
    assert got["address"] == b["address"]  # spaces between words kept, none inside numbers
    assert (got["business_name"], got["representative"]) == (b["business_name"], b["representative"])
    words = {w.text for w in read_text_layer(glyph_run.read_bytes()).words}
    assert {"2021", "03", "214-12-34567", "마포구", "301호"} <= words


def test_glyph_run_pdf_passes_verify(glyph_run: Path) -> None:
    from cli_runner import invoke

    code, out, _ = invoke("verify", glyph_run, "--info", SAMPLE / "record.json", "--format", "json")
    data = json.loads(out)
    assert code == 0, data["reasons"]
    assert data["verdict"] == "pass" and data["source"] == "text_layer"
    assert data["fields"]["opening_date"]["found"] == "2021-03-02"


@pytest.mark.parametrize("how", HOW)
def test_hidden_glyphs_are_not_read(hidden: dict[str, Path], how: str) -> None:
    layer = read_text_layer(hidden[how].read_bytes())
    assert layer.glyphs > 100 and layer.words == []
    assert layer.hidden == {how: layer.glyphs}


@pytest.mark.tesseract
@pytest.mark.parametrize("how", HOW)
def test_page_showing_another_business_never_passes(hidden: dict[str, Path], how: str) -> None:
    """Issue 14 item 2: it verified as "통과 (텍스트 PDF)", exit 0. Now the page is read as it is shown."""
    from pgdocs.ocr.verify import verify

    res = verify(hidden[how], RECORD)
    assert res.source == "ocr"
    assert res.verdict == "fail", res.reasons
    assert res.fields["business_number"].status == "mismatch"


@pytest.mark.tesseract
@pytest.mark.slow
def test_packet_and_lint_do_not_believe_a_hidden_layer(hidden: dict[str, Path], tmp_path: Path) -> None:
    from pgdocs.errors import FindingsError
    from pgdocs.lint import lint_merchant
    from pgdocs.packet.build import build_packet
    from pgdocs.record import load_record

    folder = tmp_path / "m"
    folder.mkdir()
    shutil.copy(hidden["invisible"], folder / "사업자등록증.pdf")
    shutil.copy(SAMPLE / "통장사본.png", folder / "통장사본.png")
    data = copy.deepcopy(RECORD)
    data["documents"] = {"business_registration": "사업자등록증.pdf", "bankbook": "통장사본.png"}
    (folder / "record.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out"
    with pytest.raises(FindingsError) as ei:  # the packet's cover never says 확인됨 for it: no packet at all
        build_packet(load_record(folder / "record.json"), out, check=True, today=dt.date(2026, 11, 27))
    assert ei.value.code == "PACKET_CHECK_MISMATCH" and not out.exists()
    (folder / "통장사본.png").unlink()  # lint: one OCR run
    cert = {c.check: c for c in lint_merchant(folder).checks}["certificate"]
    assert (cert.status, cert.code) == ("failure", "CHECK_MISMATCH")


# ----------------------------------------------------------------------------- what covers a glyph, where it is shown


def _pdf(draw: Callable[[Canvas], None], *, rotate: int = 0) -> bytes:
    """A one-page A4 PDF drawn by ``draw`` in the tests' Korean font; turned by ``rotate`` (/Rotate) after."""
    import io

    from pypdf import PdfWriter
    from reportlab.pdfgen.canvas import Canvas

    pages._register()
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=pages.A4_PT, invariant=1)
    c.setFont(pages._PDF_FONT, 20)
    draw(c)
    c.showPage()
    c.save()
    if not rotate:
        return buf.getvalue()
    writer = PdfWriter(clone_from=io.BytesIO(buf.getvalue()))
    writer.pages[0].rotate(rotate)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize("rotate", [0, 90, 180, 270])
def test_an_image_hides_a_glyph_only_where_its_soft_mask_paints(tmp_path: Path, rotate: int) -> None:
    """A picture with a transparent half painted over two words: the word under its opaque half is hidden, the
    word under its transparent half is shown — on a page turned by /Rotate too."""
    from PIL import Image

    half = Image.new("RGBA", (200, 50), (255, 255, 255, 0))
    half.paste((200, 30, 30, 255), (0, 0, 100, 50))
    half.save(tmp_path / "half.png")

    def draw(c: Canvas) -> None:
        c.drawString(100, 700, "가나다라")
        c.drawString(300, 700, "마바사아")
        c.drawImage(str(tmp_path / "half.png"), 80, 690, width=400, height=40, mask="auto")

    layer = read_text_layer(_pdf(draw, rotate=rotate))
    assert sorted("".join(w.text for w in layer.words)) == sorted("마바사아")  # upside down: read backwards
    assert layer.hidden == {"covered": 4}


def test_a_white_box_inside_a_form_xobject_hides_what_it_is_painted_over() -> None:
    """A white box pasted over a number from a form XObject placed by a translation: the box's own coordinates
    say (0, 0); on the page it lies over the number."""
    def draw(c: Canvas) -> None:
        c.drawString(100, 700, "등록번호 214-12-34567")
        c.drawString(100, 600, "상호 새벽서점")
        c.beginForm("patch")
        c.setFillColorRGB(1, 1, 1)
        c.rect(0, 0, 160, 30, fill=1, stroke=0)
        c.endForm()
        c.saveState()
        c.translate(185, 692)
        c.doForm("patch")
        c.restoreState()

    layer = read_text_layer(_pdf(draw))
    assert [w.text for w in layer.words] == ["등록번호", "상호", "새벽서점"]
    assert layer.hidden == {"covered": len("214-12-34567")}


def test_cmyk_white_and_tiny_glyphs_are_not_read() -> None:
    def draw(c: Canvas) -> None:
        c.setFillColorCMYK(0, 0, 0, 0)
        c.drawString(100, 700, "흰글씨")
        c.setFillColorCMYK(0, 0, 0, 1)
        c.drawString(100, 600, "검은글씨")
        c.setFont(pages._PDF_FONT, 1)
        c.drawString(100, 500, "작은글씨")

    layer = read_text_layer(_pdf(draw))
    assert [w.text for w in layer.words] == ["검은글씨"]
    assert layer.hidden == {"white": 3, "tiny": 4}


def test_a_turned_page_gives_its_words_as_it_is_shown() -> None:
    """/Rotate 90: the page is shown landscape, its lines running down the page — the words are placed as shown
    (what OCR of the rendered page would see), not as stored."""
    def draw(c: Canvas) -> None:
        c.drawString(100, 700, "첫째줄")
        c.drawString(100, 650, "둘째줄")

    upright = read_text_layer(_pdf(draw))
    turned = read_text_layer(_pdf(draw, rotate=90))
    assert upright.size_px == turned.size_px[::-1] == (2480, 3508)
    first = [w for w in upright.words if w.text == "첫째줄"]
    assert first and first[0].top < 1000 and first[0].left < 1000  # upright: near the top left
    # turned clockwise: what was at the top is on the right, each line a column read downwards glyph by glyph
    columns: dict[int, list[str]] = {}
    for w in sorted(turned.words, key=lambda w: w.top):
        columns.setdefault(w.left, []).append(w.text)
    assert [columns[x] for x in sorted(columns, reverse=True)] == [list("첫째줄"), list("둘째줄")]
    assert min(columns) > 2400


def test_text_layers_read_from_threads_at_once_are_each_whole(glyph_run: Path) -> None:
    """The web page runs its jobs in threads and PDFium is not thread-safe: reads are taken one at a time."""
    from concurrent.futures import ThreadPoolExecutor

    data = glyph_run.read_bytes()
    alone = [w.text for w in read_text_layer(data).words]
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(lambda _: [w.text for w in read_text_layer(data).words], range(16)))
    assert alone and all(t == alone for t in together)
