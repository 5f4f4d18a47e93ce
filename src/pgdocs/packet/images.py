"""Scans and photos → A4 PDF pages.

Pipeline (docs/packets.md#image-pipeline): EXIF orientation applied, RGB (transparency onto white),
downscaled so the page holds 150–180 dpi (a whole-number box reduction when one lands there, else
antialiased bilinear), JPEG q≈80, placed on an A4 page (portrait
or landscape to match the image) inside a margin. A JPEG that is already upright,
RGB and small enough is embedded as it is (img2pdf keeps its bytes).
"""

from __future__ import annotations

import io
import logging
import math
from dataclasses import dataclass
from pathlib import Path

import img2pdf
from PIL import Image, ImageOps, ImageSequence

from pgdocs.errors import InputError
from pgdocs.imaging import EXIF_ORIENTATION, square_pixels, to_rgb, turned_quarter, upright_dpi
from pgdocs.packet.documents import open_image

log = logging.getLogger(__name__)

MM = 72 / 25.4
A4 = (210 * MM, 297 * MM)
MARGIN_MM = 12.0
TARGET_DPI = 180  #: docs/packets.md#image-pipeline
MIN_DPI = 150  #: docs/packets.md#image-pipeline: attachments at 150–200 dpi
JPEG_QUALITY = 80  #: docs/packets.md#image-pipeline: q≈80


@dataclass(frozen=True)
class ImagePages:
    pages: int
    bytes: int
    reencoded: int  #: pages re-encoded (0 = original JPEG bytes kept)


def _layout(imgw_px: float, imgh_px: float, ndpi: tuple[float, float]) -> tuple[float, float, float, float]:
    """img2pdf layout: A4 in the image's orientation, image fitted inside the margins, centred."""
    pw, ph = (A4[1], A4[0]) if imgw_px > imgh_px else A4
    aw, ah = pw - 2 * MARGIN_MM * MM, ph - 2 * MARGIN_MM * MM
    scale = min(aw / imgw_px, ah / imgh_px)
    return pw, ph, imgw_px * scale, imgh_px * scale


def max_pixels(width: int, height: int, dpi: int = TARGET_DPI) -> tuple[int, int]:
    """Largest pixel size that still prints at ``dpi`` inside the A4 margins (orientation-aware)."""
    short_in = (210 - 2 * MARGIN_MM) / 25.4
    long_in = (297 - 2 * MARGIN_MM) / 25.4
    if width > height:
        return int(long_in * dpi), int(short_in * dpi)
    return int(short_in * dpi), int(long_in * dpi)


def _frame_jpeg(frame: Image.Image, dpi: int, quality: int) -> bytes:
    im = ImageOps.exif_transpose(frame) or frame
    # a fax in standard mode (204×98 dpi) is a page of pixels twice as wide as tall: stretched back, or the packet
    # shows it squashed to half a page
    im, _ = square_pixels(to_rgb(im), upright_dpi(frame))
    limit = max_pixels(im.width, im.height, dpi)
    if im.width > limit[0] or im.height > limit[1]:
        im = _shrink(im, limit, dpi)
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=quality, optimize=True, dpi=(dpi, dpi))
    return buf.getvalue()


def _shrink(im: Image.Image, limit: tuple[int, int], dpi: int) -> Image.Image:
    """Fit ``im`` inside ``limit``. When a whole-number box reduction lands between MIN_DPI and ``dpi`` (an A4
    scan at 300 dpi → ½ ≈ 165 dpi), use it: 0.01 s instead of 0.08–0.19 s for a filtered resize of an A4 page.
    Otherwise Pillow's BILINEAR, an antialiasing triangle filter when shrinking (text stays as sharp as with
    LANCZOS at these factors, at less than half the cost)."""
    factor = max(im.width / limit[0], im.height / limit[1])
    whole = math.ceil(factor)
    if whole <= factor * dpi / MIN_DPI:
        return im.reduce(whole)
    im.thumbnail(limit, Image.Resampling.BILINEAR, reducing_gap=2.0)
    return im


def _draft(im: Image.Image, dpi: int) -> None:
    """Let libjpeg decode a large photo at 1/2, 1/4 or 1/8 scale (never below what the page needs)."""
    if im.format != "JPEG":
        return
    w, h = im.size
    swapped = turned_quarter(im)
    lw, lh = max_pixels(h, w, dpi) if swapped else max_pixels(w, h, dpi)
    if swapped:
        lw, lh = lh, lw
    im.draft("RGB", (lw, lh))


def _keep_as_is(path: Path, im: Image.Image, dpi: int, original: tuple[int, int]) -> bool:
    if im.format != "JPEG" or im.mode != "RGB" or im.size != original:
        return False
    orientation = im.getexif().get(EXIF_ORIENTATION, 1)
    limit = max_pixels(im.width, im.height, dpi)
    return orientation in (0, 1) and im.width <= limit[0] and im.height <= limit[1] \
        and path.stat().st_size <= im.width * im.height // 2


def image_to_pdf(path: Path, out: Path, *, title: str, dpi: int = TARGET_DPI,
                 quality: int = JPEG_QUALITY) -> ImagePages:
    """Write ``path`` (any supported image, every frame) as A4 PDF page(s) to ``out`` with ``/Title``."""
    original: list[tuple[int, int]] = []

    def prepare(im: Image.Image) -> None:
        original.append(im.size)
        _draft(im, dpi)

    im: Image.Image = open_image(path, title, before_load=prepare)
    try:
        if _keep_as_is(path, im, dpi, original[0]):
            parts = [path.read_bytes()]
            reencoded = 0
        else:
            parts = [_frame_jpeg(frame, dpi, quality) for frame in ImageSequence.Iterator(im)]
            reencoded = len(parts)
    finally:
        im.close()
    pdf = img2pdf.convert(parts, layout_fun=_layout, title=title, producer="pgdocs",
                          creator="pgdocs", rotation=img2pdf.Rotation.ifvalid)
    if not pdf:
        raise InputError("DOC_UNREADABLE", f"{title}({path.name}): 이미지를 PDF로 바꾸지 못했습니다.")
    out.write_bytes(pdf)
    log.debug("%s → %s: %d page(s), %d bytes", path.name, out.name, len(parts), len(pdf))
    return ImagePages(len(parts), len(pdf), reencoded)
