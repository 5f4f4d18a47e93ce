"""Pasted-over fields (issue 14 item 3): a value typed on a box over the printed one is *review*, never *pass*.

Pages are generated here (fictional); the forgery is made the way people make it: a box in white or in the paper's
colour over the value, another value typed on it in another font (UnDotum / Baekmuk on a Nanum page).
"""

from __future__ import annotations

import io
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from ocr_helpers import bench_page
from pgdocs.jsonio import Report
from pgdocs.ocr import tamper
from pgdocs.record import MerchantRecord
from pgdocs.resources import font_path
from report_read import at

FONT = str(font_path("NanumGothic"))


def _fc_font(family: str) -> str:
    found = subprocess.run(["fc-match", "-f", "%{file}", family], capture_output=True, text=True, check=False)
    return found.stdout if found.returncode == 0 and found.stdout else FONT


def _page(noise: float, *, paper: int = 232, seed: int = 1) -> tuple[Image.Image, list[list[int]]]:
    """A grey, grainy A4-ish page with five value lines; their boxes."""
    img = Image.new("L", (1600, 1200), paper)
    d = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, 44)
    boxes = []
    lines = ["123-45-67890", "하늘공방", "김하늘", "2021 년 03 월 02 일", "서울특별시 마포구 양화로 45"]
    for i, text in enumerate(lines):
        y = 150 + i * 180
        d.text((500, y), text, font=font, fill=25)
        x0, y0, x1, y1 = d.textbbox((500, y), text, font=font)
        boxes.append([int(x0), int(y0), int(x1), int(y1)])
    if noise:
        arr = np.asarray(img, dtype=np.float64)
        arr += np.random.default_rng(seed).normal(0, noise, arr.shape)
        img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "L")
    return img, boxes


def _paste(img: Image.Image, box: list[int], text: str, fill: int) -> tuple[Image.Image, list[int]]:
    out = img.copy()
    d = ImageDraw.Draw(out)
    x0, y0, x1, y1 = box
    d.rectangle((x0 - 12, y0 - 12, x1 + 40, y1 + 12), fill=fill)
    font = ImageFont.truetype(_fc_font("UnDotum"), 44)
    d.text((x0, y0 - 6), text, font=font, fill=25)
    return out, [int(v) for v in d.textbbox((x0, y0 - 6), text, font=font)]


@pytest.mark.parametrize(("fill", "kind"), [pytest.param(255, "white", id="white-box"),
                                            pytest.param(232, "flat", id="paper-colour-box")])
@pytest.mark.parametrize("line", [pytest.param(0, id="number"), pytest.param(2, id="name"), pytest.param(3, id="date")])
def test_a_pasted_value_on_a_grainy_page_is_flagged(fill: int, kind: str, line: int) -> None:
    page, boxes = _page(noise=6.0)
    forged, box = _paste(page, boxes[line], "987-65-43210" if line == 0 else "박민수", fill)
    gray = np.asarray(forged)
    sig = tamper.check_box(gray, box, "field")
    # a white box on grainy paper is whiter and flatter both: the ring's paper level is a high percentile of it
    # (an emblem or a shaded cell in the ring must not make the paper look darker), so on this heavy grain either
    # may be the one that speaks; a box in the paper's colour can only be flat
    assert sig is not None and sig.kind in ((kind, "flat") if kind == "white" else (kind,))
    assert sig.measured > sig.reference if sig.kind == "white" else sig.ratio < tamper.FLAT_RATIO
    # the lines nobody touched are not flagged
    untouched = [b for i, b in enumerate(boxes) if i != line]
    assert all(tamper.check_box(gray, b) is None for b in untouched)


@pytest.mark.parametrize("noise", [pytest.param(3.0, id="light-grain"), pytest.param(9.0, id="heavy-grain")])
def test_genuine_grainy_pages_are_not_flagged(noise: float) -> None:
    for seed in range(3):
        page, boxes = _page(noise=noise, seed=seed)
        gray = np.asarray(page)
        assert [tamper.check_box(gray, b) for b in boxes] == [None] * len(boxes)


def test_uneven_light_is_not_grain_nor_whiteness() -> None:
    """A phone photo's slow light gradient is neither texture the value lacks nor a whiter patch."""
    page, boxes = _page(noise=4.0)
    arr = np.asarray(page, dtype=np.float64)
    ramp = np.linspace(-40, 20, arr.shape[1])[None, :] + np.linspace(-15, 15, arr.shape[0])[:, None]
    lit = Image.fromarray(np.clip(arr + ramp, 0, 255).astype(np.uint8), "L")
    gray = np.asarray(lit)
    assert [tamper.check_box(gray, b) for b in boxes] == [None] * len(boxes)


@pytest.mark.parametrize(("fill", "expected"), [pytest.param(232, None, id="paper-colour-box-invisible"),
                                                pytest.param(255, "white", id="white-box-on-grey-paper")])
def test_a_page_without_grain(fill: int, expected: str | None) -> None:
    """A software render has no grain: a box in the paper's own colour leaves no paper trace (the glyph checks
    are what is left), a white box on grey paper still shows."""
    page, boxes = _page(noise=0.0)
    forged, box = _paste(page, boxes[0], "987-65-43210", fill)
    sig = tamper.check_box(np.asarray(forged), box)
    assert (sig.kind if sig else None) == expected


def _jpeg(img: Image.Image, quality: int) -> Image.Image:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality)
    return Image.open(io.BytesIO(buf.getvalue()))


def test_a_patch_from_another_jpeg_shows_a_shifted_block_grid() -> None:
    """A value cut from another (heavily compressed) JPEG and pasted 3 px right, 5 px down: its 8×8 grid no
    longer lines up with the page's; the genuine page's own lines are not flagged."""
    page, boxes = _page(noise=3.0)
    page = _jpeg(page, 85)
    other = _jpeg(_page(noise=3.0, seed=9)[0], 20)
    x0, y0, x1, y1 = boxes[1]
    forged = page.copy()
    forged.paste(other.crop((x0 - 12, y0 - 12, x1 + 40, y1 + 12)), (x0 - 9, y0 - 7))
    sig = tamper.grid_signal(np.asarray(_jpeg(forged, 98)), boxes[1], "business_name")
    assert sig is not None and sig.kind == "jpeg_grid" and sig.measured != sig.reference
    genuine = np.asarray(_jpeg(page, 98))
    assert [tamper.grid_signal(genuine, b) for b in boxes] == [None] * len(boxes)


def test_a_noisy_jpeg_scan_shows_no_shifted_grid_by_chance(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A scan (σ 4–9 of noise) saved once as JPEG: the block grid is the same everywhere, but a line's region holds
    only 5–6 blocks across its height, and the noise alone gave the 대표자's region another phase along both axes
    (z 3.8 and 2.7) — a genuine page called edited. Its boundaries at that phase do not stand out above those at the
    page's phase (Welch's t 0.4 against GRID_SHIFT_T)."""
    from pgdocs.ocr.extract import extract

    path, _ = bench_page(tmp_path, "nts", "scan", 4, 6)
    jpg = tmp_path / "scan.jpg"
    Image.open(path).convert("RGB").save(jpg, quality=70)
    ex = extract(jpg)
    gray = np.asarray(ex.image.convert("L")) if ex.image is not None else None
    box = ex.box("representative")
    assert gray is not None and box is not None and ex.quality.get("input") == "jpeg"
    page = tamper.page_grid(gray)
    assert page is not None
    assert tamper.grid_signal(gray, box, "representative", page) is None
    assert "representative" not in tamper.find(ex, ["representative"])
    monkeypatch.setattr(tamper, "GRID_SHIFT_T", float("-inf"))  # the z-scores alone: "shifted"
    assert tamper.grid_signal(gray, box, "representative", page) is not None


# ----------------------------------------------------------------------------- end to end (Tesseract)



def _forged_value(field: str, record: Mapping[str, str]) -> str:
    from pgdocs.samples.fakedata import brn_check_digit

    if field == "business_number":
        digits = str(record["business_number"]).replace("-", "")
        nine = digits[:5] + ("1234" if digits[5:9] != "1234" else "4321")
        return f"{nine[:3]}-{nine[3:5]}-{nine[5:]}{brn_check_digit(nine)}"
    if field == "representative":
        name = str(record["representative"])
        return ("박" if name[0] != "박" else "최") + name[1:]
    y, m, d = str(record["opening_date"]).split("-")
    return f"{int(y) - 1}-{m}-{d}"


def _shown(field: str, value: str) -> str:
    if field == "opening_date":
        y, m, d = value.split("-")
        return f"{y} 년 {m} 월 {d} 일"
    return value


def _type_over(img: Image.Image, box: list[int], text: str, font_file: str, ink_h: int) -> Image.Image:
    """A white box over ``box``, ``text`` typed on it with its ink ``ink_h`` high, left-aligned, mid-line."""
    out = img.copy()
    d = ImageDraw.Draw(out)
    x0, y0, x1, y1 = box
    pad = max(3, ink_h // 4)
    d.rectangle((x0 - pad, y0 - pad, x1 + pad * 3, y1 + pad), fill=255 if out.mode == "L" else (255,) * 3)
    probe = ImageFont.truetype(font_file, 100).getbbox(text)
    font = ImageFont.truetype(font_file, round(100 * ink_h / (probe[3] - probe[1])))
    bx0, by0, _, by1 = font.getbbox(text)
    cy = (y0 + y1) / 2
    d.text((x0 - bx0, round(cy - (by1 - by0) / 2) - by0), text, font=font, fill=20 if out.mode == "L" else (20,) * 3)
    return out


@dataclass(frozen=True)
class Certificate:
    record: dict[str, str]  #: the business section that declares what the page shows
    clean: Path
    scan: Path
    clean_boxes: dict[str, list[int]]  #: field → where its value was printed (px)
    scan_boxes: dict[str, list[int]]
    tmp: Path


def _boxes(info: Report) -> dict[str, list[int]]:
    boxes = info["boxes_px"]
    assert isinstance(boxes, dict)
    return {str(k): [int(v) for v in box] for k, box in boxes.items()}


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> Certificate:
    """One fictional certificate, as a clean render and as a scan, with where its values were printed."""
    from pgdocs.samples.certificates import render_certificate
    from pgdocs.samples.fakedata import make_business, seeded

    tmp = tmp_path_factory.mktemp("tamper")
    bd = make_business(seeded(7), "general")
    clean, clean_info = render_certificate(bd, "clean", "NanumGothic", tmp / "clean", rng=seeded(8))
    scan, scan_info = render_certificate(bd, "scan", "NanumGothic", tmp / "scan", rng=seeded(8))
    return Certificate(bd.record(), clean, scan, _boxes(clean_info), _boxes(scan_info), tmp)


def _record(record: Mapping[str, str | None], **override: str) -> MerchantRecord:
    from pgdocs.record import record_from_dict

    declared = {k: str(v) for k, v in record.items() if v is not None}
    declared.update(override)
    return record_from_dict({"business": declared, "pg": "nicepay"})


@pytest.mark.tesseract
@pytest.mark.parametrize("page", ["clean", "scan"])
def test_genuine_pages_are_not_flagged(certificate: Certificate, page: str) -> None:
    from pgdocs.ocr.verify import verify

    res = verify(certificate.clean if page == "clean" else certificate.scan, _record(certificate.record))
    assert res.verdict == "pass", res.reasons
    assert "tamper" not in res.quality
    assert all(fc.evidence != "tamper" for fc in res.fields.values())


@pytest.mark.tesseract
@pytest.mark.parametrize("field", ["business_number", "representative", "opening_date"])
def test_a_pasted_value_on_a_scan_is_review_with_the_edited_reason(certificate: Certificate, field: str) -> None:
    """The forger declares the value they typed: only the box it sits on can stop it."""
    from pgdocs.ocr.verify import verify

    value = _forged_value(field, certificate.record)
    x0, y0, x1, y1 = certificate.scan_boxes[field]
    _, cy0, _, cy1 = certificate.clean_boxes[field]
    page = Image.open(certificate.scan)
    forged = _type_over(page, [x0, y0, x1, y1], _shown(field, value), _fc_font("UnDotum"), cy1 - cy0)
    path = certificate.tmp / f"forged-{field}.png"
    forged.save(path)
    res = verify(path, _record(certificate.record, **{field: value}))
    assert res.verdict == "review"
    fc = res.fields[field]
    assert fc.status == "unreadable" and fc.evidence == "tamper" and fc.box is not None
    assert fc.detail.startswith(tamper.REASON)
    assert any(r.startswith(f"{_label(field)} ") and tamper.REASON in r for r in res.reasons)
    # the picture marks the edited value in its own colour
    from pgdocs.ocr.annotate import COLOURS, annotate_result

    out = annotate_result(res, path, certificate.tmp / f"annotated-{field}.png")
    pic = np.asarray(Image.open(out).convert("RGB"))
    assert (np.abs(pic.astype(int) - np.array(COLOURS["edited"])).sum(axis=2) < 30).sum() > 200


def _label(field: str) -> str:
    from pgdocs.ocr.spec import label

    return label(field)


@pytest.mark.tesseract
@pytest.mark.parametrize(("field", "font", "scale"), [
    pytest.param("business_number", "NanumGothic:bold", 1.0, id="number-bold"),
    pytest.param("representative", "NanumGothic:bold", 1.0, id="name-bold"),
    pytest.param("opening_date", "UnDotum", 1.25, id="date-other-font-larger"),
])
def test_a_pasted_value_under_new_scan_noise_is_caught_by_its_glyphs(certificate: Certificate, field: str,
                                                                     font: str, scale: float) -> None:
    """Pasted on the clean page and scanned again (noise over everything): the paper looks the same, the value's
    glyphs do not — bold digits, a bold name, a date in another font typed a size too large: size and stroke width
    both off, or one far off. (Another font's digits at the page's size differ in one measurement by about what
    Tesseract's boxes do on genuine pages, so they are not flagged: bench/tamper.py counts it.)"""
    from pgdocs.ocr.verify import verify

    value = _forged_value(field, certificate.record)
    box = certificate.clean_boxes[field]
    page = Image.open(certificate.clean).convert("L")
    forged = _type_over(page, box, _shown(field, value), _fc_font(font), round((box[3] - box[1]) * scale))
    arr = np.asarray(forged.point([round(v * 236 / 255) for v in range(256)]).filter(ImageFilter.GaussianBlur(0.6)),
                     dtype=np.float64)
    arr += np.random.default_rng(3).normal(0, 3.0, arr.shape)
    path = certificate.tmp / f"rescanned-{field}.png"
    Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "L").save(path)
    res = verify(path, _record(certificate.record, **{field: value}))
    assert res.verdict != "pass"
    fc = res.fields[field]
    assert fc.status == "unreadable" and fc.evidence == "tamper"
    assert at(res.quality, "tamper", field, "kind") in ("height", "stroke", "baseline")


@pytest.mark.tesseract
@pytest.mark.parametrize(("family", "kind"), [
    pytest.param("proof", "general", id="proof-table-shaded-labels"),
    # the long label 대표자성명(대표유형) printed smaller to fit its cell: a label far from the page's others is no
    # reference (LABEL_RANGE); it was a known false flag until then
    pytest.param("proof", "corporation_head", id="proof-corporation-shrunk-label"),
    pytest.param("nts2025", "general", id="nts2025-emblem-boxed-labels"),
])
def test_genuine_pages_of_other_layouts_are_not_called_edited(tmp_path: Path, family: str, kind: str) -> None:
    """A table whose label cells are shaded (사업자등록증명) or a page with grey security boxes: the paper around a
    value is not all white, and the value's line sits in a cell — none of it is an edit. (The thresholds were
    chosen on pgdocs.samples' classic pages; these layouts were held out.)"""
    import json

    from pgdocs.ocr.verify import verify
    from pgdocs.record import record_from_dict
    from pgdocs.samples.certificates import generate_certificates

    [truth_path] = generate_certificates(tmp_path, 1, 21, variants=["clean"], kinds=[kind], family=family)
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    res = verify(truth_path.parent / truth["file"], record_from_dict({"pg": "nicepay", "business": truth["record"]}))
    assert "tamper" not in res.quality, res.quality.get("tamper")
    assert not [r for r in res.reasons if tamper.REASON in r]


@pytest.mark.tesseract
@pytest.mark.parametrize(("family", "variant", "seed", "i", "field"), [
    # 대표자 전주준 read as 전 (tL 주 re 준, each syllable boxed to its top half: the one syllable with a believable
    # box is no measure of the font (MIN_MEASURED_SHARE)
    pytest.param("proof", "clean", 7, 5, "representative", id="glyph-boxes-that-are-not-glyphs"),
    # a monitor photographed: its moiré folds into the 8-pixel phases of the 상호's region (GRID_PEAK_PHOTO)
    pytest.param("nts2025", "moire", 5, 1, "business_name", id="moire-is-no-jpeg-grid"),
    # a shadow's gradient inside the crop of a line thickens its measured strokes (_unevenly_lit)
    pytest.param("proof", "uneven", 13, 0, "representative", id="uneven-light-is-no-other-font"),
    # (주) read "( 쥐 )": the 주 inside the bracket is drawn small, and a fax speck made the next syllable tall
    # (_enclosed)
    pytest.param("nts2025", "fax", 21, 2, "business_name", id="the-inside-of-a-bracket-is-no-measure"),
    # the 개업연월일's words boxed twice their height, fax specks inside the boxes (SPECK_SHARE)
    pytest.param("classic", "fax", 21, 0, "opening_date", id="fax-specks-are-no-glyph"),
    # the NTS emblem printed pale behind a Batang address added grey area and no edge: 1.7× the labels' stroke
    # (PALE_FLOOR)
    pytest.param("nts", "clean", 8484, 0, "address", id="the-emblem-behind-a-line-is-no-stroke"),
    # a fax's strokes are whole pixels, 2–3 of them: one pixel is more than the tolerance (_bilevel)
    pytest.param("classic", "fax", 4, 1, "business_name", id="a-fax-stroke-is-whole-pixels"),
    # a screen capture of a 사업자등록증명: the emblem's pale colours fill a quarter of the 개업일's ring, whose
    # paper then looked 11 levels darker than the cell's white (RING_LEVEL_PERCENTILE)
    pytest.param("proof", "capture", 4, 4, "opening_date", id="the-emblem-in-the-ring-is-no-darker-paper"),
    # "1973 년 11 월 11 일" in a serif font: a 1 is all stem, and the line's digits measured 1.7× the page's other
    # digits' stroke (a line of digits departs in stroke alone: no evidence)
    pytest.param("classic", "clean", 337, 1, "birth_date", id="a-serif-1-is-all-stem"),
])
def test_genuine_bench_pages_once_called_edited(tmp_path: Path, family: str, variant: str, seed: int, i: int,
                                                field: str) -> None:
    """Genuine pages of bench/ocr.py (other seeds than the tamper thresholds were chosen on) that the check called
    edited until the rule named beside each was added."""
    from pgdocs.ocr.extract import extract

    path, _ = bench_page(tmp_path, family, variant, seed, i)
    ex = extract(path)
    assert ex.box(field) is not None  # the field was read: the check looked at it
    assert field not in tamper.find(ex, [field])


def test_specks_in_a_tall_box_do_not_make_its_glyphs_taller() -> None:
    """Tesseract sometimes boxes a line twice its glyphs' height; a fax's specks inside that box are no part of
    the glyphs: the ink height is the digits', with or without them."""
    page = Image.new("L", (400, 200), 255)
    ImageDraw.Draw(page).text((40, 70), "2009 11 26", fill=0, font=ImageFont.truetype(str(font_path()), 40))
    clean = np.asarray(page, dtype=np.uint8).copy()
    specked = clean.copy()
    for y, x in ((22, 60), (30, 150), (170, 90), (178, 240)):  # two specks above, two below
        specked[y : y + 2, x : x + 2] = 0
    box = (40, 15, 260, 185)
    a, b = tamper._measure(clean, [box]), tamper._measure(specked, [box])
    assert a is not None and b is not None
    assert 24 <= a.height <= 34
    assert b.height == a.height and b.bottom == a.bottom


def test_a_value_boxed_with_the_line_above_is_measured_on_its_labels_rows() -> None:
    """Tesseract boxed a genuine "2025 년 12 월 19 일" from the bottoms of the line above down to its own (84 px
    beside a 42-px label): the value is measured in the rows around its label, not as twice its label's height —
    and a value typed a third larger is still measured larger."""
    font = str(font_path())
    page = Image.new("L", (900, 260), 255)
    d = ImageDraw.Draw(page)
    d.text((300, 20), "생 년 월 일 : 1978 년 10 월 07 일", fill=0, font=ImageFont.truetype(font, 40))
    d.text((40, 110), "개업연월일", fill=0, font=ImageFont.truetype(font, 40))
    d.text((300, 110), "2025 년 12 월 19 일", fill=0, font=ImageFont.truetype(font, 40))
    d.text((300, 190), "2025 년 12 월 19 일", fill=0, font=ImageFont.truetype(font, 53))
    gray = np.asarray(page, dtype=np.uint8)
    label = tamper._measure(gray, [(40, 105, 260, 160)])
    assert label is not None
    tall = (300, 50, 700, 160)  # from inside the line above down past the value
    whole = tamper._measure(gray, [tall])
    near = tamper._measure(gray, tamper._near_label([tall], label))
    assert whole is not None and near is not None
    assert whole.height > 1.6 * label.height  # what the tall box gave before
    assert 0.85 <= near.height / label.height <= 1.15
    label_below = tamper.Ink(label.height, label.bottom + 80, label.stroke)  # the same label, on the line below
    bigger = tamper._measure(gray, tamper._near_label([(300, 180, 760, 260)], label_below))
    assert bigger is not None and bigger.height > 1.2 * label.height
