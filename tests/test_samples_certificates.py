"""Fictional 사업자등록증: every variant opens, truth agrees with the page, runs are deterministic."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Container
from pathlib import Path
from typing import TypedDict

import numpy as np
import pytest
from PIL import Image, ImageOps
from pypdf import PdfReader

from pdf_read import as_dict
from pgdocs.errors import InputError
from pgdocs.ids import brn, crn
from pgdocs.record import record_from_dict
from pgdocs.samples.certificates import VARIANTS, certificate_for_record, generate_certificates
from pgdocs.samples.fakedata import KINDS, CertificateFields, TamperedRecord
from report_read import obj

pytestmark = pytest.mark.render  # full-page sample drawings: not in make test-fast

A4_MM = (210.0, 297.0)


class Printed(TypedDict):
    representative: str


class Render(TypedDict, total=False):
    """How the page was rendered (the keys these tests read; a text PDF has no pixels)."""

    dpi: float
    boxes_mm: dict[str, list[float]]
    boxes_px: dict[str, list[int]]
    orientation: int
    skew_deg: float


class Truth(TypedDict):
    """A certificate's truth file, as these tests read it."""

    file: str
    kind: str
    variant: str
    font: str
    fictional: bool
    fields: CertificateFields
    printed: Printed
    record: dict[str, str]
    tampered: list[TamperedRecord]
    render: Render


class GenerateArgs(TypedDict, total=False):
    count: int
    seed: int
    variants: list[str]
    kinds: list[str]
    fonts: list[str]


def _load(truth_path: Path) -> Truth:
    data: Truth = json.loads(truth_path.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def every_variant(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Truth]]:
    """One 법인 지점 certificate per variant (the kind with the most fields)."""
    out = tmp_path_factory.mktemp("certs")
    truths = generate_certificates(out, count=len(VARIANTS), seed=11, kinds=["corporation_branch"])
    result: dict[str, tuple[Path, Truth]] = {}
    for t in truths:
        data = _load(t)
        result[data["variant"]] = (out / data["file"], data)
    return result


@pytest.fixture(scope="module")
def text_pdfs(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Path, Truth]]:
    """A text-layer PDF for every kind."""
    out = tmp_path_factory.mktemp("textpdf")
    truths = generate_certificates(out, count=len(KINDS), seed=5, variants=["textpdf"])
    return [(out / _load(t)["file"], _load(t)) for t in truths]


def test_one_file_and_truth_per_variant(every_variant: dict[str, tuple[Path, Truth]]) -> None:
    assert set(every_variant) == set(VARIANTS)
    suffixes = {v: p.suffix for v, (p, _) in every_variant.items()}
    assert suffixes == {
        "clean": ".png",
        "scan": ".png",
        "jpeg": ".jpg",
        "lowres": ".png",
        "fax": ".tif",
        "photo": ".jpg",
        "scanpdf": ".pdf",
        "textpdf": ".pdf",
    }
    for path, truth in every_variant.values():
        assert path.is_file() and path.stat().st_size > 10_000
        assert truth["kind"] == "corporation_branch" and truth["fictional"] is True


@pytest.mark.parametrize("variant", ["clean", "scan", "jpeg", "lowres", "fax"])
def test_raster_variants_are_a4_at_their_dpi(
    every_variant: dict[str, tuple[Path, Truth]], variant: str
) -> None:
    path, truth = every_variant[variant]
    with Image.open(path) as im:
        im.load()
        dpi = truth["render"].get("dpi")
        assert dpi is not None
        if variant == "lowres":
            assert 100 <= dpi <= 150
        px_per_mm = dpi / 25.4
        assert abs(im.width - A4_MM[0] * px_per_mm) <= 2
        assert abs(im.height - A4_MM[1] * px_per_mm) <= 2
        if variant == "fax":
            assert im.mode == "1"
            assert im.info.get("compression") == "group4"
        if variant == "scan":
            assert im.mode == "L"
            assert 0.3 <= abs(truth["render"]["skew_deg"]) <= 3.0


@pytest.mark.parametrize("variant", ["clean", "scan", "jpeg", "lowres", "fax"])
def test_pixel_boxes_cover_ink_and_margins_do_not(
    every_variant: dict[str, tuple[Path, Truth]], variant: str
) -> None:
    path, truth = every_variant[variant]
    with Image.open(path) as im:
        grey = np.asarray(im.convert("L"), dtype=np.float32)
    boxes = truth["render"]["boxes_px"]
    assert set(boxes) >= {"business_number", "business_name", "representative", "address", "issue_date"}
    for name in ("business_number", "corporate_number", "issue_date"):
        x0, y0, x1, y1 = boxes[name]
        inside = grey[y0:y1, x0:x1]
        assert inside.size and inside.min() < 100, name  # dark glyph pixels in the box
        below = grey[y1 + 3 * (y1 - y0) : y1 + 4 * (y1 - y0), x0:x1]  # a blank band between rows
        assert inside.mean() < below.mean() - 8, name


def test_clean_page_has_a_red_seal_near_the_tax_office_line(
    every_variant: dict[str, tuple[Path, Truth]],
) -> None:
    path, truth = every_variant["clean"]
    with Image.open(path) as im:
        rgb = im.convert("RGB")
    px = 300 / 25.4
    x0, y0, x1, y1 = truth["render"]["boxes_mm"]["tax_office"]
    region = rgb.crop((round(x0 * px), round((y0 - 15) * px), round((x1 + 15) * px), round((y1 + 10) * px)))
    arr = np.asarray(region, dtype=np.int16)
    red = int(((arr[..., 0] > 150) & (arr[..., 1] < 110) & (arr[..., 2] < 110)).sum())
    assert red > 2000


def test_photo_is_stored_sideways_with_an_exif_orientation(
    every_variant: dict[str, tuple[Path, Truth]],
) -> None:
    path, truth = every_variant["photo"]
    with Image.open(path) as im:
        orientation = im.getexif().get(0x0112)
        assert orientation == truth["render"]["orientation"]
        assert orientation in (3, 6, 8)
        stored = im.size
        upright = ImageOps.exif_transpose(im)
    assert upright.height > upright.width  # a portrait page once the tag is applied
    if orientation in (6, 8):
        assert stored[0] > stored[1]  # pixels lie on their side


def test_scanned_pdf_is_image_only_a4(every_variant: dict[str, tuple[Path, Truth]]) -> None:
    path, _ = every_variant["scanpdf"]
    reader = PdfReader(path)
    assert len(reader.pages) == 1
    page = reader.pages[0]
    assert abs(float(page.mediabox.width) - 595.3) < 1 and abs(float(page.mediabox.height) - 841.9) < 1
    assert page.extract_text().strip() == ""
    assert len(page.images) == 1


def _fonts(reader: PdfReader) -> dict[str, bool]:
    out = {}
    fonts = as_dict(as_dict(reader.pages[0]["/Resources"])["/Font"])
    for ref in fonts.values():
        font = ref.get_object()
        desc = font.get("/FontDescriptor")
        embedded = desc is not None and any(
            k in desc.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3")
        )
        out[str(font["/BaseFont"])] = embedded
    return out


def test_text_pdfs_have_a_text_layer_and_embedded_fonts(text_pdfs: list[tuple[Path, Truth]]) -> None:
    assert {t["kind"] for _, t in text_pdfs} == set(KINDS)
    for path, truth in text_pdfs:
        reader = PdfReader(path)
        text = reader.pages[0].extract_text()
        compact = re.sub(r"\s+", "", text)
        f = truth["fields"]
        assert f["business_number"] in text
        assert re.sub(r"\s+", "", f["business_name"]) in compact
        assert f["representative"] in compact
        assert re.sub(r"\s+", "", f["address"]) in compact
        if f["corporate_number"]:
            assert f["corporate_number"] in text
        y, m, d = f["opening_date"].split("-")
        assert f"{y}년{m}월{d}일" in compact
        fonts = _fonts(reader)
        assert fonts and all(fonts.values()), fonts
        assert truth["font"].startswith("Nanum")


def test_text_pdf_glyphs_are_all_in_the_embedded_font(text_pdfs: list[tuple[Path, Truth]]) -> None:
    from reportlab.pdfbase.ttfonts import TTFont

    from pgdocs.samples.render import get_font

    cmaps: dict[str, Container[int]] = {}
    for path, truth in text_pdfs:
        spec = get_font(truth["font"])
        if spec.key not in cmaps:
            cmaps[spec.key] = TTFont("probe", spec.regular[0]).face.charToGlyph
        cmap = cmaps[spec.key]
        text = PdfReader(path).pages[0].extract_text()
        missing = {ch for ch in text if not ch.isspace() and ord(ch) not in cmap}
        assert not missing, (truth["font"], missing)


def test_truth_fields_are_valid_and_match_the_record(text_pdfs: list[tuple[Path, Truth]]) -> None:
    for _, truth in text_pdfs:
        f = truth["fields"]
        assert brn.is_valid(f["business_number"])
        if truth["kind"].startswith("corporation"):
            assert f["corporate_number"] is not None and crn.is_valid(f["corporate_number"])
            assert f["head_office_address"]
            assert f["birth_date"] is None
        else:
            assert f["corporate_number"] is None and f["birth_date"]
        rec = record_from_dict({"business": truth["record"]})
        assert rec.business.business_number == f["business_number"]
        assert rec.business.opening_date is not None and rec.business.opening_date.isoformat() == f["opening_date"]
        assert f["tax_office"].endswith("세무서")
        assert len(truth["tampered"]) >= 5


def test_same_seed_gives_byte_identical_files(tmp_path: Path) -> None:
    variants = ["fax", "textpdf", "scanpdf", "jpeg"]
    a = generate_certificates(tmp_path / "a", count=4, seed=7, variants=variants)
    b = generate_certificates(tmp_path / "b", count=4, seed=7, variants=variants)
    c = generate_certificates(tmp_path / "c", count=4, seed=8, variants=variants)
    for ta, tb, tc in zip(a, b, c, strict=True):
        assert ta.read_bytes() == tb.read_bytes()
        assert ta.read_bytes() != tc.read_bytes()
        fa, fb, fc = (t.parent / _load(t)["file"] for t in (ta, tb, tc))
        assert fa.read_bytes() == fb.read_bytes(), fa.name  # reportlab invariant, img2pdf internal engine
        assert fa.read_bytes() != fc.read_bytes(), fa.name


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        pytest.param({"variants": ["polaroid"]}, "SAMPLES_BAD_VARIANT", id="variant"),
        pytest.param({"kinds": ["nonprofit"]}, "SAMPLES_BAD_KIND", id="kind"),
        pytest.param({"fonts": ["Comic Sans"]}, "SAMPLES_BAD_FONT", id="font"),
        pytest.param({"count": 0}, "SAMPLES_BAD_COUNT", id="count"),
    ],
)
def test_bad_arguments_raise_input_errors(tmp_path: Path, kwargs: GenerateArgs, code: str) -> None:
    args: GenerateArgs = {"count": 1, "seed": 0, **kwargs}
    with pytest.raises(InputError) as exc:
        generate_certificates(tmp_path / "x", **args)
    assert exc.value.code == code
    assert not any((tmp_path / "x").glob("*")) if (tmp_path / "x").exists() else True


def test_certificate_for_a_given_record(tmp_path: Path) -> None:
    rec = record_from_dict(
        {
            "business": {
                "entity": "개인",
                "tax_type": "간이",
                "business_number": "124-81-00998",
                "business_name": "소담 공방",
                "representative": "한가람",
                "birth_date": "1988-02-03",
                "opening_date": "2021.07.01",
                "address": "서울특별시 마포구 양화로 45, 3층 301호 (서교동)",
                "business_type": "소매업, 서비스업",
                "business_item": "전자상거래 소매업",
            }
        }
    )
    pdf = certificate_for_record(rec, tmp_path / "사업자등록증.pdf", variant="textpdf")
    assert pdf == tmp_path / "사업자등록증.pdf"
    text = PdfReader(pdf).pages[0].extract_text()
    compact = re.sub(r"\s+", "", text)
    assert "124-81-00998" in text
    for expected in (
        "소담공방",
        "한가람",
        "1988년02월03일",
        "2021년07월01일",
        "양화로45,3층301호",
        "간이과세자",
    ):
        assert expected in compact, expected
    png = certificate_for_record(rec.model_dump(mode="json")["business"], tmp_path / "cert.png")
    with Image.open(png) as im:
        assert im.size == (2480, 3508)


@pytest.mark.tesseract
def test_tesseract_reads_the_numbers_from_the_clean_page(
    every_variant: dict[str, tuple[Path, Truth]], tmp_path: Path
) -> None:
    path, truth = every_variant["clean"]
    boxes = truth["render"]["boxes_px"]
    bottom = boxes["corporate_number"][3] + 40
    crop = tmp_path / "top.png"
    with Image.open(path) as im:
        im.crop((0, boxes["business_number"][1] - 40, im.width, bottom)).save(crop, dpi=(300, 300))
    proc = subprocess.run(
        ["tesseract", str(crop), "-", "-l", "kor+Hangul", "--psm", "6", "-c", "preserve_interword_spaces=1"],
        capture_output=True,
        text=True,
        timeout=120,
        env={"OMP_THREAD_LIMIT": "1", "PATH": "/usr/bin:/bin"},
        check=True,
    )
    digits = re.sub(r"[^0-9]", "", proc.stdout)
    assert truth["fields"]["business_number"].replace("-", "") in digits
    assert (truth["fields"]["corporate_number"] or "?").replace("-", "") in digits


def test_a_truth_file_re_renders_the_same_page_facts(
    text_pdfs: list[tuple[Path, Truth]], tmp_path: Path
) -> None:
    from pgdocs.samples.certificates import render_certificate

    for path, truth in text_pdfs[:3]:
        again, info = render_certificate(truth, "textpdf", "NanumMyeongjo", tmp_path / path.stem)
        text = re.sub(r"\s+", "", PdfReader(again).pages[0].extract_text())
        f = truth["fields"]
        for value in (
            f["business_number"],
            f["business_name"],
            f["address"],
            truth["printed"]["representative"],
        ):
            assert re.sub(r"\s+", "", value) in text, value
        assert set(obj(info, "boxes_mm")) >= {"business_number", "address", "issue_date", "tax_office"}
