"""Draw what was found on the page: green match, red mismatch, amber unreadable.

Merchants look at a picture faster than they read JSON. Labels are Korean
(NanumGothic); huge pages are downscaled; the PNG is written atomically.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image, ImageDraw, ImageFont

from pgdocs.fsio import atomic_output_file
from pgdocs.jsonio import Report
from pgdocs.ocr.result import STATUS_KO, VERDICT_KO
from pgdocs.ocr.spec import label as field_label
from pgdocs.resources import font_path

if TYPE_CHECKING:
    from pgdocs.ocr.extract import Extraction
    from pgdocs.ocr.result import VerifyResult

log = logging.getLogger(__name__)

__all__ = ["COLOURS", "annotate_extraction", "annotate_result", "draw"]

COLOURS = {"match": (22, 150, 60), "mismatch": (210, 30, 30), "unreadable": (230, 150, 0), "found": (30, 90, 200),
           "edited": (200, 0, 200)}
#: the field statuses' words (:data:`pgdocs.ocr.result.STATUS_KO`), "found" for ``extract`` pictures and
#: "edited" for a value that looks pasted over (:mod:`pgdocs.ocr.tamper`)
SHOWN_KO = {**STATUS_KO, "found": "읽음", "edited": "편집 의심"}
MAX_SIDE = 2000  #: longer pages are downscaled before drawing


def draw(image: Image.Image, items: list[tuple[str, str, list[int] | None]], title: str) -> Image.Image:
    """``items``: (Korean label, status, box in ``image`` pixels or None). Returns a new RGB image."""
    img = image.convert("RGB")
    f = min(1.0, MAX_SIDE / max(img.size))
    if f < 1.0:
        img = img.resize((round(img.width * f), round(img.height * f)), Image.Resampling.BILINEAR)
    size = max(14, img.width // 60)
    font = ImageFont.truetype(str(font_path("NanumGothic")), size)
    bold = ImageFont.truetype(str(font_path("NanumGothicBold")), size + 4)
    legend_h = (len(items) + 2) * (size + 8) + 16
    canvas = Image.new("RGB", (img.width, img.height + legend_h), "white")
    canvas.paste(img, (0, 0))
    d = ImageDraw.Draw(canvas, "RGBA")
    for label, status, box in items:
        colour = COLOURS.get(status, COLOURS["found"])
        if box is None:
            continue
        x0, y0, x1, y1 = (round(v * f) for v in box)
        pad = max(3, size // 4)
        d.rectangle((x0 - pad, y0 - pad, x1 + pad, y1 + pad), outline=colour, width=max(2, size // 6),
                    fill=(*colour, 28))
        tag = f"{label} · {SHOWN_KO.get(status, status)}"
        tw = d.textlength(tag, font=font)
        ty = max(0, y0 - pad - size - 6)
        d.rectangle((x0 - pad, ty, x0 - pad + tw + 8, ty + size + 4), fill=(*colour, 230))
        d.text((x0 - pad + 4, ty + 1), tag, font=font, fill="white")
    y = img.height + 8
    d.text((10, y), title, font=bold, fill="black")
    y += size + 12
    for label, status, box in items:
        colour = COLOURS.get(status, COLOURS["found"])
        d.rectangle((10, y + 3, 10 + size - 6, y + size - 3), fill=colour)
        where = "" if box is not None else " (위치 표시 없음)"
        d.text((16 + size, y), f"{label}: {SHOWN_KO.get(status, status)}{where}", font=font, fill="black")
        y += size + 8
    return canvas


def _save(img: Image.Image, out: str | Path) -> Path:
    out = Path(out)
    with atomic_output_file(out) as tmp:
        img.save(tmp, format="PNG")
    return out


def _page_image(image: Image.Image | None, path: Path, quality: Report) -> Image.Image:
    """The page that was read: its image, else (a text PDF) that page rendered."""
    if image is not None:
        return image
    from pgdocs.ocr.kind import found_page
    from pgdocs.ocr.load import load_document, load_pdf_image

    doc = load_document(path, want_image=False)
    if (page := found_page(quality)) is not None:
        doc = doc.at_page(page)
    return load_pdf_image(doc) if doc.image is None else doc.image


def annotate_result(res: VerifyResult, path: Path, out: str | Path) -> Path:
    """Write the verification picture for ``res`` (read from ``path``) to ``out``."""
    img = _page_image(res.image, path, res.quality)
    items: list[tuple[str, str, list[int] | None]] = [
        (field_label(k), "edited" if fc.evidence == "tamper" else str(fc.status), fc.box)
        for k, fc in res.fields.items()]
    return _save(draw(img, items, f"판정: {VERDICT_KO[res.verdict]}"), out)


def annotate_extraction(ex: Extraction, path: Path, out: str | Path) -> Path:
    """Write a picture of the fields ``pgdocs extract`` found."""
    img = _page_image(ex.image, path, ex.quality)
    items = [(field_label(k), "found", ex.box(k)) for k in ex.fields]
    return _save(draw(img, items, "읽은 항목"), out)
