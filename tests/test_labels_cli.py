"""``pgdocs labels`` end to end on the fictional sample merchants, plus entry builders and wrapping."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from cli_runner import invoke
from pdf_read import as_dict
from pgdocs.errors import FindingsError
from pgdocs.labels import LabelEntry, load_sheet, recipient_entry, render_labels, sender_entry
from pgdocs.labels.layout import ASCENT, DESCENT, MM_PER_PT, char_widths, fit_block
from pgdocs.pdffonts import register_fonts
from pgdocs.record import load_record

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
NICE_OVER = SAMPLES / "nicepay-corporation-over-1y" / "record.json"
NICE_WITHIN = SAMPLES / "nicepay-individual-within-1y" / "record.json"
INICIS = SAMPLES / "inicis-individual" / "record.json"


def test_list_sheets_text_and_json() -> None:
    code, out, _ = invoke("labels", "--list-sheets")
    assert code == 0
    assert "LS-3108" in out and "14칸 (2×7) 99.1×38.1 mm" in out
    assert "LS-3114" in out and "8칸 (2×4) 99.1×67.7 mm" in out
    code, out, _ = invoke("labels", "--list-sheets", "--format", "json")
    data = json.loads(out)
    assert {d["code"] for d in data} >= {"LS-3108", "L7160", "L7651"}
    assert all(d["source"] and d["confidence"] for d in data)


def test_labels_for_a_nicepay_merchant(tmp_path: Path) -> None:
    out = tmp_path / "labels.pdf"
    code, text, err = invoke("labels", str(NICE_OVER), "-o", str(out), "--sender", "--start", "13",
                               "--copies", "2")
    assert code == 0, err
    assert "실제 크기(100%)" in text
    assert "04117" in text and "플랫폼사업실 앞" in text
    reader = PdfReader(out)
    assert len(reader.pages) == 2  # positions 13, 14, then 1, 2 on a new sheet
    page1 = reader.pages[0].extract_text()
    page2 = reader.pages[1].extract_text()
    assert page1.count("나이스페이먼츠 플랫폼사업실 앞") == 2
    assert page2.count("보내는 사람") == 2 and "48058" in page2
    root = as_dict(reader.trailer["/Root"])
    assert str(as_dict(root["/ViewerPreferences"])["/PrintScaling"]) == "/None"


def test_json_output(tmp_path: Path) -> None:
    out = tmp_path / "l.pdf"
    code, text, _ = invoke("labels", str(NICE_WITHIN), "-o", str(out), "--sheet", "ls3114", "--format", "json")
    assert code == 0
    data = json.loads(text)
    assert data["sheet"] == "LS-3114" and data["pages"] == 1 and data["labels"] == 1
    assert data["recipient"][-1] == "04117"
    assert Path(data["output"]) == out and out.stat().st_size > 0


def test_custom_sheet_file_from_the_command_line(tmp_path: Path) -> None:
    sheet = tmp_path / "우리회사-2x5.toml"
    sheet.write_text('code = "OUR-2x5"\ncols = 2\nrows = 5\nlabel_w = 100\nlabel_h = 55\ntop = 11\nleft = 4\n'
                     "pitch_x = 102\n", encoding="utf-8")
    out = tmp_path / "l.pdf"
    code, text, err = invoke("labels", str(NICE_OVER), "-o", str(out), "--sheet", str(sheet))
    assert code == 0, err
    assert "OUR-2x5 · 10칸 (2×5) 100×55 mm" in text
    assert "custom" in text  # unverified geometry: reminds to print the calibration page
    assert "04117" in PdfReader(out).pages[0].extract_text()


def test_calibration_needs_no_record(tmp_path: Path) -> None:
    out = tmp_path / "cal.pdf"
    code, text, _ = invoke("labels", "--calibration", "--sheet", "L7163", "-o", str(out),
                             "--offset-x", "0.5", "--pitch-dy", "0.2")
    assert code == 0
    assert "보정 페이지" in text and "medium" in text  # Avery figures: reminds to calibrate
    assert "L7163" in PdfReader(out).pages[0].extract_text()


@pytest.mark.parametrize(
    ("args", "exit_code", "error_code"),
    [
        pytest.param([str(INICIS), "-o", "{out}"], 1, "LABEL_NO_RECIPIENT", id="pg-without-postal-address"),
        pytest.param([str(NICE_OVER), "-o", "{out}", "--start", "15"], 2, "LABEL_START_OUT_OF_RANGE",
                     id="start-past-sheet"),
        pytest.param([str(NICE_OVER), "-o", "{out}", "--sheet", "L7651"], 1, "LABEL_TEXT_TOO_LONG",
                     id="sheet-too-small"),
        pytest.param([str(NICE_OVER), "-o", "{out}", "--sheet", "{bad_sheet}"], 2, "LABEL_SHEET_INVALID",
                     id="bad-custom-sheet"),
        pytest.param([str(NICE_OVER), "-o", "{out}", "--offset-y", "25"], 2, "LABEL_OFFSET_INVALID",
                     id="offset-too-big"),
        pytest.param([str(NICE_OVER)], 2, "USAGE_MISSING_OUTPUT", id="no-output"),
        pytest.param(["-o", "{out}"], 2, "USAGE_MISSING_RECORD", id="no-record"),
        pytest.param(["{missing}", "-o", "{out}"], 2, "RECORD_NOT_FOUND", id="record-missing"),
    ],
)
def test_cli_errors_are_one_korean_line(tmp_path: Path, args: list[str],
                                        exit_code: int, error_code: str) -> None:
    bad_sheet = tmp_path / "bad.toml"
    bad_sheet.write_text("cols = 3\nrows = 7\nlabel_w = 70\nlabel_h = 38.1\ntop = 10\nleft = 5\n", encoding="utf-8")
    out = tmp_path / "out" / "labels.pdf"
    argv = [a.format(out=out, bad_sheet=bad_sheet, missing=tmp_path / "none.json") for a in args]
    code, _, err = invoke("labels", *argv)
    assert code == exit_code
    assert f"오류 [{error_code}]" in err
    assert "Traceback" not in err
    assert not out.exists()


def test_recipient_entry_from_the_rulebook_case() -> None:
    from pgdocs.rulebook import resolve_case

    entry = recipient_entry(resolve_case(load_record(NICE_OVER)))
    assert entry.postal_code == "04117"
    assert entry.honorific == "앞"  # the PG's own form is kept
    assert entry.display_lines()[-1] == "나이스페이먼츠 플랫폼사업실 앞"
    assert entry.display_lines()[0].startswith("서울특별시 마포구 마포대로 217")


def test_recipient_entry_takes_an_inline_postal_code_and_defaults_to_gwijung() -> None:
    from pgdocs.rulebook import Recipient

    rec = Recipient(organisation="한국정보통신", department="FC사업팀", honorific="", postal_code="", email=None,
                    address_lines=("(04520) 서울특별시 중구 세종대로 39", "대한상공회의소 7층"), source="x")
    entry = recipient_entry(rec)
    assert entry.postal_code == "04520"
    assert entry.display_lines() == ["서울특별시 중구 세종대로 39", "대한상공회의소 7층", "한국정보통신 FC사업팀 귀중"]


def test_recipient_entry_without_recipient() -> None:
    from pgdocs.rulebook import case_by_id

    with pytest.raises(FindingsError) as ei:
        recipient_entry(case_by_id("inicis.mid_addition"))  # a web form: no postal recipient
    assert ei.value.code == "LABEL_NO_RECIPIENT"


def test_sender_entry_and_return_label() -> None:
    record = load_record(NICE_OVER)
    sender = sender_entry(record)
    assert sender.caption == "보내는 사람" and sender.honorific is None
    assert sender.postal_code == "48058"
    assert sender.display_lines() == ["보내는 사람", "부산광역시 해운대구 센텀중앙로 79", "12층 1203호 (우동)",
                                      "주식회사 바다상사", "최유진"]
    back = sender_entry(record, as_recipient=True)
    assert back.display_lines()[-1] == "최유진 귀하"
    record.manager = None
    record.business.representative = "박바다"
    assert sender_entry(record, as_recipient=True).display_lines()[-1] == "박바다 귀하"


def test_sender_entry_needs_an_address() -> None:
    record = load_record(NICE_OVER)
    record.business.address = None
    with pytest.raises(FindingsError) as ei:
        sender_entry(record)
    assert ei.value.code == "RECORD_MISSING_FIELDS"


_TEXT = st.text(alphabet=st.sampled_from(list("가나다라마바사아자차카타파하각힣 0123456789-,()ABCxyz")), max_size=60)


@settings(max_examples=150, deadline=None)
@given(lines=st.lists(_TEXT, min_size=1, max_size=6), sheet=st.sampled_from(["LS-3108", "LS-3105", "LS-3109"]))
def test_fit_block_never_leaves_the_box(lines: list[str], sheet: str) -> None:
    font, _ = register_fonts()
    spec = load_sheet(sheet)
    clean = [" ".join(x.split()) for x in lines]
    clean = [x for x in clean if x] or ["가"]
    block = fit_block(clean, "04117", spec.label_w, spec.label_h, padding=spec.padding, font_name=font)
    if block is None:
        return
    em = block.size_pt * MM_PER_PT
    widths = char_widths(font)
    for line in block.lines:
        assert line.x >= spec.padding - 1e-6
        assert line.x + widths.width(line.text, block.size_pt) <= spec.label_w - spec.padding + 1e-6
        assert line.baseline - ASCENT * em >= spec.padding - 1e-6
        assert line.baseline + DESCENT * em <= spec.label_h - spec.padding + 1e-6
    assert "".join(x.replace(" ", "") for x in clean) == "".join(
        ln.text.replace(" ", "") for ln in block.lines[:-1]
    )


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_raster_ink_stays_inside_the_labels(tmp_path: Path) -> None:
    import numpy as np
    from PIL import Image

    entry = LabelEntry(["서울특별시 마포구 마포대로 217", "크레디트센터 7층", "나이스페이먼츠 플랫폼사업실"],
                       honorific="앞", postal_code="04117")
    pdf = render_labels([entry] * 14, tmp_path / "r.pdf")
    subprocess.run(["pdftoppm", "-r", "50", "-gray", "-png", str(pdf), str(tmp_path / "r")], check=True,
                   timeout=60)
    img = np.asarray(Image.open(next(tmp_path.glob("r*.png"))))
    ink = img < 128
    assert ink.sum() > 500
    spec = load_sheet("LS-3108")
    px = 50 / 25.4
    mask = np.zeros_like(ink)
    for slot in range(spec.count):
        x, y, w, h = spec.label_box(slot)
        mask[int(y * px):int((y + h) * px) + 1, int(x * px):int((x + w) * px) + 1] = True
    assert not (ink & ~mask).any()
    for slot in range(spec.count):  # every label got ink
        x, y, w, h = spec.label_box(slot)
        assert ink[int(y * px):int((y + h) * px), int(x * px):int((x + w) * px)].sum() > 20


@pytest.mark.parametrize(
    ("address", "lines"),
    [
        pytest.param("부산광역시 해운대구 센텀중앙로 79, 12층 1203호 (우동)",
                     ["부산광역시 해운대구 센텀중앙로 79", "12층 1203호 (우동)"], id="road-then-detail"),
        pytest.param("서울특별시 강남구 테헤란로 123", ["서울특별시 강남구 테헤란로 123"], id="no-detail"),
        pytest.param("경기도 고양시 일산동구 중앙로 1275번길 38-10 ,  B1층",
                     ["경기도 고양시 일산동구 중앙로 1275번길 38-10", "B1층"], id="sub-number-and-odd-spacing"),
        pytest.param("  ", [], id="blank"),
    ],
)
def test_split_road_address(address: str, lines: list[str]) -> None:
    from pgdocs.labels.entries import split_road_address

    assert split_road_address(address) == lines
