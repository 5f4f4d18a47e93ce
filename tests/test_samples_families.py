"""Layout families (nts, nts2025, proof, hometax), the new degradations and the non-certificate documents:
each generator writes what its truth says — read back from the files it made (pypdf, PDFium, pixels)."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import TypedDict

import numpy as np
import pytest
from PIL import Image
from pypdf import PdfReader

from pdf_read import as_array, as_dict
from pgdocs.errors import InputError
from pgdocs.hangul import jamo_distance
from pgdocs.ids import brn, crn
from pgdocs.jsonio import JSONObject
from pgdocs.jsonio import loads as json_loads
from pgdocs.ocr.charset import representable
from pgdocs.samples import degrade
from pgdocs.samples.certificates import generate_certificates, render_certificate
from pgdocs.samples.fakedata import CertificateFields, changed_records, make_business, seeded
from pgdocs.samples.families import FAMILIES, build, prepare
from pgdocs.samples.others import TERMS_PAGES, generate_others
from pgdocs.samples.render import Text
from report_read import obj

pytestmark = pytest.mark.render  # full-page sample drawings: not in make test-fast

A4_MM = (210.0, 297.0)


class Printed(TypedDict, total=False):
    """What a layout printed beyond the truth fields (the keys these tests read)."""

    form: str  #: "certificate" or "proof"
    representative: str
    address: str
    issue_number: str
    resident_number: str
    partners: list[str]


class Render(TypedDict, total=False):
    dpi: float
    boxes_px: dict[str, list[int]]


class Truth(TypedDict):
    """A certificate's truth file, as these tests read it."""

    file: str
    family: str
    font: str
    fields: CertificateFields
    printed: Printed
    record: dict[str, str]
    render: Render


def _truth(path: Path) -> Truth:
    data: Truth = json.loads(path.read_text(encoding="utf-8"))
    return data


def _other(path: Path) -> JSONObject:
    """The truth file of a document that is no certificate (its keys depend on the document)."""
    return obj(json_loads(path.read_text(encoding="utf-8")))


def _one(tmp: Path, family: str, variant: str, kind: str, seed: int = 3) -> tuple[Path, Truth]:
    [t] = generate_certificates(tmp, 1, seed, variants=[variant], kinds=[kind], family=family)
    truth = _truth(t)
    return t.parent / truth["file"], truth


def _pdf_text(path: Path) -> str:
    return "\n".join(p.extract_text() or "" for p in PdfReader(path).pages)


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _ko_date(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"{y}년{m}월{d}일"


# ----------------------------------------------------------------------------- NTS 사업자등록증, A and B


@pytest.mark.parametrize(
    ("family", "kind", "rep_label", "name_label"),
    [
        pytest.param("nts", "general", "성명", "상호", id="nts-individual"),
        pytest.param("nts", "corporation_head", "대표자", "법인명(단체명)", id="nts-corporation"),
        pytest.param("nts2025", "corporation_branch", "대표자(대표유형)", "법인명(단체명)", id="nts2025-corporation"),
        pytest.param("nts2025", "simple", "대표자(대표유형)", "상호", id="nts2025-individual"),
    ],
)
def test_nts_text_layer_holds_every_declared_field(
    tmp_path: Path, family: str, kind: str, rep_label: str, name_label: str
) -> None:
    path, truth = _one(tmp_path, family, "textpdf", kind)
    text = _compact(_pdf_text(path))
    f = truth["fields"]
    assert truth["family"] == family and truth["printed"]["form"] == "certificate"
    assert _compact(rep_label) in text and _compact(name_label) in text
    assert ("(대표유형)" in text) is (family == "nts2025")
    for key in ("business_number", "business_name"):
        assert _compact(f[key]) in text, key
    assert _compact(truth["printed"]["representative"]) in text
    assert _ko_date(f["opening_date"]) in text and _ko_date(f["issue_date"]) in text
    assert _compact(truth["printed"]["address"])[:12] in text
    for value in f["business_type"] + f["business_item"]:
        assert _compact(value) in text, value
    assert "업태" in text and "종목" in text and "사업자단위과세적용사업자여부" in text
    if f["corporate_number"]:
        assert f["corporate_number"] in text
    else:
        assert f["birth_date"] is not None and _ko_date(f["birth_date"]) in text
    issued = dt.date.fromisoformat(f["issue_date"])
    assert (issued >= dt.date(2025, 1, 1)) is (family == "nts2025")
    assert len(f["business_type"]) <= 6 and len(f["business_item"]) <= 6


def test_nts_page_carries_emblem_security_boxes_and_seal(tmp_path: Path) -> None:
    """The pale emblem behind the middle, grey security boxes at the foot, a red seal by ○○세무서장."""
    path, truth = _one(tmp_path, "nts", "clean", "general", seed=5)
    with Image.open(path) as im:
        rgb = np.asarray(im.convert("RGB"), dtype=np.int16)
    px = truth["render"]["dpi"] / 25.4
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    # emblem: pale, coloured (not grey) pixels in the middle band of the page, none at the top margin
    pale = (rgb.min(axis=2) > 150) & (rgb.max(axis=2) < 248) & (rgb.max(axis=2) - rgb.min(axis=2) > 12)
    middle = pale[round(120 * px) : round(175 * px), round(60 * px) : round(150 * px)]
    assert middle.mean() > 0.05
    assert pale[: round(8 * px)].mean() < 0.001
    # security boxes: dense grey dots across the foot (268–292 mm)
    foot = rgb[round(270 * px) : round(290 * px), round(20 * px) : round(190 * px)]
    grey = (foot.max(axis=2) < 200) & (foot.max(axis=2) - foot.min(axis=2) < 20)
    assert grey.mean() > 0.1
    # red seal near the tax office line
    _x0, y0, x1, y1 = truth["render"]["boxes_px"]["tax_office"]
    red = (r > 150) & (g < 110) & (b < 110)
    assert red[y0 - 120 : y1 + 60, x1 - 100 : x1 + 200].sum() > 500


# ----------------------------------------------------------------------------- 사업자등록증명


@pytest.mark.parametrize("kind", ["general", "corporation_head"])
def test_proof_table_states_the_declared_record(tmp_path: Path, kind: str) -> None:
    path, truth = _one(tmp_path, "proof", "textpdf", kind, seed=8)
    text = _pdf_text(path)
    flat = _compact(text)
    rec, printed = truth["record"], truth["printed"]
    assert printed["form"] == "proof" and "사업자등록증명" in flat
    for label in ("상호(법인명)", "사업자등록번호", "대표자성명(대표유형)", "주민(법인)등록번호", "사업장소재지",
                  "개업일", "사업자등록일", "업태", "종목", "공동사업자", "성명(법인명)", "주민(사업자)등록번호",
                  "발급번호", "처리기간", "즉시", "접수번호", "담당부서", "연락처", "위와같이증명합니다."):
        assert label in flat, label
    assert rec["business_number"] in flat and _compact(rec["business_name"]) in flat
    assert rec["representative"] in flat and printed["issue_number"] in flat
    if kind == "general":
        born = dt.date.fromisoformat(rec["birth_date"])
        assert printed["resident_number"] == f"{born:%y%m%d}-*******"
    else:
        assert printed["resident_number"] == rec["corporate_number"]
    assert printed["resident_number"] in flat
    # 업태 and 종목 as " | " lists (종목 possibly over several lines): every declared value, in order
    types = [t.strip() for t in rec["business_type"].split(",")]
    items = [t.strip() for t in rec["business_item"].split(",")]
    assert _compact("|".join(dict.fromkeys(types))) in flat
    assert _compact("|".join(items)) in flat
    partners = printed["partners"]
    assert (("해당사항이없습니다." in flat) is (not partners)) and all(p in flat for p in partners)


def test_proof_lists_span_several_lines_somewhere(tmp_path: Path) -> None:
    """Over a few seeds the 종목 list wraps (the case the reader must put back together)."""
    wrapped = 0
    for seed in range(6):
        bd = prepare("proof", seeded(f"wrap{seed}"), "general")
        lay, _ = build("proof", bd, "BaekmukGulim" if seed % 2 else "NanumGothic", seeded(seed))
        lines = {round(t.y, 1) for t in lay.items if isinstance(t, Text) and t.field == "business_item"}
        wrapped += len(lines) > 1
    assert wrapped >= 1


# ----------------------------------------------------------------------------- 홈택스 one glyph per run


def test_hometax_pdf_stores_one_glyph_per_text_run(tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    path, truth = _one(tmp_path, "hometax", "textpdf", "general", seed=4)
    page = PdfReader(path).pages[0]
    shown: list[str] = []

    def visit(op: bytes, args: object, cm: object, tm: object) -> None:
        if op in (b"Tj", b"TJ"):
            shown.append(op.decode())

    chunks: list[str] = []
    page.extract_text(visitor_operand_before=visit, visitor_text=lambda t, *a: chunks.append(t))
    texts = [c for c in chunks if c.strip()]
    assert len(shown) > 200 and all(len(c.strip()) == 1 for c in texts)
    # no word survives plain extraction: the date is split glyph by glyph
    plain = page.extract_text() or ""
    assert "2 0" in plain.replace("\n", " ") or "2\n0" in plain
    # PDFium's own text extraction, which infers spaces and lines from glyph positions, gets the words back
    pdf = pdfium.PdfDocument(path)
    rebuilt = pdf[0].get_textpage().get_text_range()
    pdf.close()
    f = truth["fields"]
    assert f["business_number"] in rebuilt
    assert f["business_name"] in rebuilt.replace(" ", "")
    y, m, d = f["opening_date"].split("-")
    assert f"{y} 년 {m} 월 {d} 일" in rebuilt


def test_hometax_embeds_its_fonts(tmp_path: Path) -> None:
    path, truth = _one(tmp_path, "hometax", "textpdf", "corporation_head", seed=2)
    fonts = []
    for page in PdfReader(path).pages:
        res = as_dict(as_dict(page["/Resources"])["/Font"])
        for ref in res.values():
            desc = as_dict(ref).get("/DescendantFonts")
            fd = (as_dict(as_array(desc)[0]) if desc else as_dict(ref)).get("/FontDescriptor")
            fonts.append(fd is not None and "/FontFile2" in as_dict(fd))
    assert fonts and all(fonts)
    assert truth["font"] in FAMILIES["hometax"].fonts


# ----------------------------------------------------------------------------- degradations


def test_new_degradations(tmp_path: Path) -> None:
    bd = make_business(seeded("degrade"), "general")
    sizes = {}
    for variant in ("scan200", "thumb", "uneven", "moire", "capture", "closeup", "bent"):
        path, info = render_certificate(bd, variant, "NanumGothic", tmp_path / variant, rng=seeded(variant),
                                        family="nts")
        with Image.open(path) as im:
            sizes[variant] = im.size
            arr = np.asarray(im.convert("RGB"), dtype=np.int16)
        if variant == "uneven":
            # the paper is lit unevenly: the brightest and darkest page regions differ by a quarter or more
            paper = [np.percentile(block, 90) for row in np.array_split(arr.mean(axis=2), 4)
                     for block in np.array_split(row, 4, axis=1)]
            assert min(paper) < 0.75 * max(paper)
        if variant == "moire":
            # the panel's R/G/B stripes: strong colour differences between neighbouring pixels on "white" paper
            mid = arr[arr.shape[0] // 3 : arr.shape[0] // 2, arr.shape[1] // 4 : arr.shape[1] * 3 // 4]
            chroma = np.abs(mid[..., 0] - mid[..., 2])
            assert chroma.mean() > 6
            screen, camera = info["screen_h"], info["camera_h"]
            assert isinstance(screen, (int, float)) and isinstance(camera, (int, float)) and screen < camera
        if variant == "closeup":
            # the page fills the frame: no desk at any edge (paper-bright along all four), and the frame's corners
            # sit on the page each by its own share (the lines converge)
            im_l = np.asarray(Image.open(path).convert("L"), dtype=np.float32)
            edges = (im_l[2], im_l[-3], im_l[:, 2], im_l[:, -3])
            assert all(np.percentile(e, 50) > 120 for e in edges)
            corners = info["corners"]
            assert isinstance(corners, list) and len(corners) == 4
            (tlx, _), _, _, (blx, _) = corners
            assert tlx > 0 and blx > 0 and abs(tlx - blx) > 1  # the left edge cut off, slanted
        if variant == "bent":
            # the page stands off the desk: its top line of text bows by a few pixels at least; the page fills the
            # frame (as high as the page drawn at 200 dpi)
            assert info["shape"] in degrade.BENT_SHAPES
            assert abs(sizes[variant][1] - A4_MM[1] / 25.4 * 200) <= 2
            sag, lift = info["sag_px"], info["lift_px"]
            assert isinstance(sag, float) and isinstance(lift, float) and sag > 3 and lift > 0
    assert sizes["thumb"][0] == 450
    assert 660 <= sizes["capture"][0] <= 820  # a screen capture of the page in a viewer (glyphs ~11–14 px)
    assert abs(sizes["scan200"][0] - A4_MM[0] / 25.4 * 200) <= 2


# ----------------------------------------------------------------------------- near misses


def test_changed_records_differ_by_the_smallest_change() -> None:
    for i, kind in enumerate(("general", "corporation_head", "simple", "corporation_branch")):
        bd = make_business(seeded(f"near{i}"), kind)
        genuine = bd.record()
        changes = changed_records(seeded(0), bd)
        names = {(c["changed_field"], c["change"]) for c in changes}
        assert ("representative", "other_syllable") in names and ("business_number", "one_digit_valid") in names
        for c in changes:
            rec, fld = c["record"], c["changed_field"]
            assert [k for k in rec if rec[k] != genuine.get(k)] == [fld]
            new, old = str(rec[fld]), str(genuine[fld])
            if fld in ("representative", "business_name"):
                assert len(new) == len(old) and sum(a != b for a, b in zip(new, old, strict=True)) == 1
            if c["change"] == "beyond_model_syllable":
                # the page's syllable is one the model reads; the declared one, one jamo off, it cannot emit
                (was, now), = [(a, b) for a, b in zip(old, new, strict=True) if a != b]
                assert representable(was) and not representable(now) and jamo_distance(was, now) == 1
            if fld == "business_number":
                assert brn.is_valid(new)
                assert sum(a != b for a, b in zip(new[:-1], old[:-1], strict=True)) == 1
            if fld == "corporate_number":
                assert crn.is_valid(new) and sum(a != b for a, b in zip(new, old, strict=True)) == 1
            if fld == "opening_date":
                dt.date.fromisoformat(new)
                assert sum(a != b for a, b in zip(new, old, strict=True)) == 1
        if bd.corporate_number:
            assert ("corporate_number", "lookalike_digit_valid") in names
        assert ("representative", "beyond_model_syllable") in names


def test_unknown_family_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        generate_certificates(tmp_path, 1, 0, family="hometown")
    assert err.value.code == "SAMPLES_BAD_FAMILY"
    with pytest.raises(InputError) as err:
        generate_certificates(tmp_path, 1, 0, variants=["clean"], family="hometax")
    assert err.value.code == "SAMPLES_BAD_VARIANT"


# ----------------------------------------------------------------------------- not certificates


def test_other_documents(tmp_path: Path) -> None:
    truths = {str(t["other"]): (tmp_path / str(t["file"]), t) for t in map(_other, generate_others(tmp_path, seed=2))}
    assert set(truths) == {"bankbook", "blank", "terms_pdf", "letter_scan"}
    blank, _ = truths["blank"]
    with Image.open(blank) as im:
        ink = np.asarray(im.convert("L")) < 128
    assert ink.mean() < 0.001
    pdf, t = truths["terms_pdf"]
    reader = PdfReader(pdf)
    assert len(reader.pages) == TERMS_PAGES == t["pages"]
    last = reader.pages[-1].extract_text() or ""
    assert str(t["business_number_in_footer"]) in last and "사업자등록번호" in last
    assert "사업자등록증" not in _compact(reader.pages[0].extract_text() or "")
    book, t = truths["bankbook"]
    assert t["expected_kind"] == "bankbook" and book.stat().st_size > 10_000
    letter, t = truths["letter_scan"]
    with Image.open(letter) as im:
        assert im.width > 1000 and (np.asarray(im.convert("L")) < 100).mean() > 0.002


# ----------------------------------------------------------------------------- OCR smoke


@pytest.mark.tesseract
@pytest.mark.parametrize(
    ("family", "variant", "kind"),
    [
        pytest.param("nts", "clean", "general", id="nts"),
        pytest.param("nts2025", "clean", "corporation_head", id="nts2025"),
        pytest.param("proof", "clean", "general", id="proof"),
        pytest.param("hometax", "textpdf", "general", id="hometax"),
    ],
)
def test_a_clean_genuine_page_is_never_a_mismatch(tmp_path: Path, family: str, variant: str, kind: str) -> None:
    from pgdocs.ocr.verify import verify

    path, truth = _one(tmp_path, family, variant, kind, seed=1)
    res = verify(path, {"business": truth["record"]})
    assert res.verdict != "fail", res.reasons
    assert res.code is None


def test_module_doctests() -> None:
    import doctest

    from pgdocs.samples import families, others

    for mod in (families, others):
        result = doctest.testmod(mod)
        assert result.failed == 0 and result.attempted > 0, mod.__name__
