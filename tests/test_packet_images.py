"""Scans and photos become A4 PDF pages: orientation, transparency, downscaling, pass-through."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from packet_helpers import document_image
from pdf_read import as_dict, title
from pgdocs.errors import InputError
from pgdocs.packet.images import image_to_pdf as convert
from pgdocs.packet.images import max_pixels

A4_W, A4_H = 595.28, 841.89


def _page_image(pdf: Path, index: int = 0) -> Image.Image:
    page = PdfReader(pdf).pages[index]
    return Image.open(io.BytesIO(page.images[0].data))


def _size(pdf: Path, index: int = 0) -> tuple[float, float]:
    box = PdfReader(pdf).pages[index].mediabox
    return float(box.width), float(box.height)


def test_exif_orientation_is_applied(tmp_path: Path) -> None:
    # stored landscape, EXIF says "rotate 90° clockwise": the page must be portrait
    src = document_image(tmp_path / "photo.jpg", ["세로 문서 (가상)"], size=(1754, 1240), fmt="JPEG",
                         exif_orientation=6)
    out = tmp_path / "out.pdf"
    res = convert(src, out, title="통장 사본")
    assert res.pages == 1 and res.reencoded == 1
    w, h = _size(out)
    assert w == pytest.approx(A4_W, abs=0.5) and h == pytest.approx(A4_H, abs=0.5)
    img = _page_image(out)
    assert img.height > img.width
    assert title(PdfReader(out)) == "통장 사본"


def test_landscape_image_gets_landscape_page(tmp_path: Path) -> None:
    src = document_image(tmp_path / "wide.png", ["가로 문서"], size=(1600, 1000))
    out = tmp_path / "out.pdf"
    convert(src, out, title="가로")
    w, h = _size(out)
    assert w == pytest.approx(A4_H, abs=0.5) and h == pytest.approx(A4_W, abs=0.5)


def test_transparency_becomes_white_and_rgb(tmp_path: Path) -> None:
    im = Image.new("RGBA", (600, 800), (0, 0, 0, 0))
    im.paste((0, 0, 0, 255), (100, 100, 500, 200))
    src = tmp_path / "alpha.png"
    im.save(src)
    out = tmp_path / "out.pdf"
    convert(src, out, title="투명")
    page = _page_image(out)
    assert page.mode == "RGB"
    assert all(c > 240 for c in page.getpixel((5, 5)))  # type: ignore[union-attr]
    assert all(c < 40 for c in page.getpixel((300, 150)))  # type: ignore[union-attr]


def test_large_scan_is_downscaled_and_small(tmp_path: Path) -> None:
    src = document_image(tmp_path / "scan400.jpg", ["400 dpi 스캔 (가상)"] * 10, size=(3307, 4677), fmt="JPEG")
    out = tmp_path / "out.pdf"
    res = convert(src, out, title="사업자등록증 사본")
    img = _page_image(out)
    limit = max_pixels(3307, 4677)
    assert img.width <= limit[0] and img.height <= limit[1]
    assert img.width >= 1200  # still readable: ~180 dpi across the printable width
    assert res.bytes < 800_000


@pytest.mark.parametrize("size", [(2480, 3508), (1600, 2262), (3307, 4677), (4961, 7016), (3508, 2480)])
def test_downscaled_page_prints_between_150_and_180_dpi(tmp_path: Path, size: tuple[int, int]) -> None:
    # A4 at 300 dpi (whole-number reduction), at ~1.2× the limit (filtered resize), 400 and 600 dpi, landscape
    src = document_image(tmp_path / "scan.png", ["스캔 (가상)"] * 6, size=size)
    out = tmp_path / "out.pdf"
    convert(src, out, title="스캔")
    img = _page_image(out)
    limit = max_pixels(*size)
    assert img.width <= limit[0] and img.height <= limit[1]
    short_in, long_in = (210 - 24) / 25.4, (297 - 24) / 25.4
    across = img.width / (long_in if size[0] > size[1] else short_in)
    assert 150 <= across <= 180.5
    assert abs(img.width / img.height - size[0] / size[1]) < 0.01  # aspect kept


def test_small_upright_jpeg_is_kept_byte_for_byte(tmp_path: Path) -> None:
    src = document_image(tmp_path / "small.jpg", ["작은 사진"], size=(900, 1270), fmt="JPEG")
    out = tmp_path / "out.pdf"
    res = convert(src, out, title="작은 사진")
    assert res.reencoded == 0
    xobjects = as_dict(as_dict(PdfReader(out).pages[0]["/Resources"])["/XObject"])
    stream = next(iter(xobjects.values())).get_object()
    assert stream["/Filter"] == "/DCTDecode"
    assert stream._data == src.read_bytes()


def test_fax_in_standard_mode_fills_a_portrait_page(tmp_path: Path) -> None:
    """A fax TIFF at 204×98 dpi (1728×1100 pixels for an A4 page) is stretched to square pixels: a portrait A4 page,
    not the page squashed into a landscape one; a fax too large once stretched is refused like any large image."""
    src = tmp_path / "fax.tif"
    Image.new("1", (1728, 1100), 1).save(src, "TIFF", compression="group4", dpi=(204, 98))
    out = tmp_path / "out.pdf"
    convert(src, out, title="사업자등록증")
    w, h = _size(out)
    assert w == pytest.approx(A4_W, abs=0.5) and h == pytest.approx(A4_H, abs=0.5)
    img = _page_image(out)
    assert img.height / img.width == pytest.approx(1100 * 204 / 98 / 1728, rel=0.02)
    huge = tmp_path / "huge.tif"
    Image.new("1", (4000, 4000), 1).save(huge, "TIFF", compression="group4", dpi=(1, 1000))
    with pytest.raises(InputError) as err:
        convert(huge, tmp_path / "huge.pdf", title="사업자등록증")
    assert err.value.code == "DOC_TOO_MANY_PIXELS"


def test_multipage_tiff(tmp_path: Path) -> None:
    frames = [Image.new("L", (1000, 1400), v) for v in (255, 200)]
    src = tmp_path / "scan.tiff"
    frames[0].save(src, save_all=True, append_images=frames[1:])
    out = tmp_path / "out.pdf"
    assert convert(src, out, title="두 쪽").pages == 2
    assert len(PdfReader(out).pages) == 2


def test_16bit_grayscale(tmp_path: Path) -> None:
    im = Image.new("I;16", (800, 1000), 40000)
    src = tmp_path / "g16.png"
    im.save(src)
    out = tmp_path / "out.pdf"
    convert(src, out, title="16비트")
    assert _page_image(out).mode == "RGB"


def test_large_rotated_phone_photo_decoded_in_draft_mode(tmp_path: Path) -> None:
    # a 12 MP phone photo stored landscape with "rotate 90°": JPEG draft decoding must keep enough pixels
    src = document_image(tmp_path / "phone.jpg", ["휴대폰 사진 (가상)"], size=(4000, 3000), fmt="JPEG",
                         exif_orientation=6)
    out = tmp_path / "out.pdf"
    convert(src, out, title="통장 사본")
    img = _page_image(out)
    limit = max_pixels(3000, 4000)
    assert img.height > img.width
    assert img.width <= limit[0] and img.height <= limit[1]
    assert img.width >= limit[0] - 2 or img.height >= limit[1] - 2  # fitted to the page limit, not below
