"""A tiny page-layout model in millimetres and its two renderers.

The certificate and bank-book builders describe a page as :class:`Layout`
items (text at a baseline, lines, rectangles, small raster stamps). The same
layout is drawn by Pillow (an image at any dpi) and by reportlab (a PDF with
a real text layer and embedded TrueType fonts).
"""

from __future__ import annotations

import dataclasses
import logging
import math
import os
import random
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from PIL import Image, ImageChops, ImageDraw, ImageFont

from pgdocs.errors import InputError, MissingDependencyError
from pgdocs.hangul import particle
from pgdocs.resources import font_path

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas  # no type information: a plain name for readers

log = logging.getLogger(__name__)

MM_PER_PT = 25.4 / 72.0
A4_MM = (210.0, 297.0)
Align = Literal["left", "center", "right"]
RGB = tuple[int, int, int]


# ----------------------------------------------------------------------------- fonts


@dataclasses.dataclass(frozen=True)
class FontSpec:
    """A font family: regular and bold faces (path, collection index); ``pdf`` if reportlab can embed it."""

    key: str
    regular: tuple[str, int]
    bold: tuple[str, int]
    pdf: bool


_NOTO_DIRS = (
    "/usr/share/fonts/opentype/noto",
    "/usr/share/fonts/noto-cjk",
    "/usr/share/fonts/google-noto-cjk",
)
#: family key -> (regular file, bold file) for TrueType families found with :func:`font_path`
_TTF_FAMILIES = {
    "NanumGothic": ("NanumGothic", "NanumGothicBold"),
    "NanumMyeongjo": ("NanumMyeongjo", "NanumMyeongjoBold"),
    "NanumBarunGothic": ("NanumBarunGothic", "NanumBarunGothicBold"),
    "NanumSquare": ("NanumSquareR", "NanumSquareB"),
}
#: OpenType/CFF collections (Pillow only; reportlab cannot embed CFF) -> index of the KR face
_OTC_FAMILIES = {
    "NotoSansCJK": ("NotoSansCJK-Regular.ttc", "NotoSansCJK-Bold.ttc", 1),
    "NotoSerifCJK": ("NotoSerifCJK-Regular.ttc", "NotoSerifCJK-Bold.ttc", 1),
}
#: the older Korean faces NTS prints resemble (굴림/바탕/돋움 look-alikes), used by the layout families
#: (:mod:`pgdocs.samples.families`): family key -> (folders, regular file, bold file or None).
#: Debian packages fonts-unfonts-core and fonts-baekmuk (scripts/setup-system.sh); Baekmuk has no bold face.
_EXTRA_FAMILIES: dict[str, tuple[tuple[str, ...], str, str | None]] = {
    "UnDotum": (("/usr/share/fonts/truetype/unfonts-core",), "UnDotum.ttf", "UnDotumBold.ttf"),
    "UnBatang": (("/usr/share/fonts/truetype/unfonts-core",), "UnBatang.ttf", "UnBatangBold.ttf"),
    "BaekmukGulim": (("/usr/share/fonts/truetype/baekmuk",), "gulim.ttf", None),
    "BaekmukDotum": (("/usr/share/fonts/truetype/baekmuk",), "dotum.ttf", None),
    "BaekmukBatang": (("/usr/share/fonts/truetype/baekmuk",), "batang.ttf", None),
}


@cache
def available_fonts() -> dict[str, FontSpec]:
    """Font families present on this machine (NanumGothic is required)."""
    out: dict[str, FontSpec] = {}
    for key, (reg, bold) in _TTF_FAMILIES.items():
        try:
            rp = str(font_path(reg))
        except MissingDependencyError:
            continue
        try:
            bp = str(font_path(bold))
        except MissingDependencyError:
            bp = rp
        out[key] = FontSpec(key, (rp, 0), (bp, 0), pdf=True)
    for key, (reg, bold, idx) in _OTC_FAMILIES.items():
        for d in _NOTO_DIRS:
            rp_, bp_ = Path(d) / reg, Path(d) / bold
            if rp_.is_file():
                out[key] = FontSpec(
                    key, (str(rp_), idx), (str(bp_ if bp_.is_file() else rp_), idx), pdf=False
                )
                break
    if "NanumGothic" not in out:
        font_path("NanumGothic")  # raises MissingDependencyError with the install hint
    return out


@cache
def all_fonts() -> dict[str, FontSpec]:
    """:func:`available_fonts` plus the UnFonts/Baekmuk faces the layout families draw with (when installed).

    :func:`available_fonts` stays the pool the classic generator picks from, so its pages do not change."""
    out = dict(available_fonts())
    for key, (dirs, reg, bold) in _EXTRA_FAMILIES.items():
        for d in (*([os.environ["PGDOCS_FONT_DIR"]] if os.environ.get("PGDOCS_FONT_DIR") else []), *dirs):
            rp_ = Path(d) / reg
            if rp_.is_file():
                bp_ = Path(d) / bold if bold else rp_
                out[key] = FontSpec(key, (str(rp_), 0), (str(bp_ if bp_.is_file() else rp_), 0), pdf=True)
                break
    return out


def get_font(key: str) -> FontSpec:
    fonts = all_fonts()
    if key not in fonts:
        raise InputError(
            "SAMPLES_FONT_UNKNOWN",
            f"글꼴 '{key}'{particle(key, '을')} 찾을 수 없습니다.",
            hint=f"사용 가능한 글꼴: {', '.join(sorted(fonts))}",
        )
    return fonts[key]


@cache
def _pil_font(path: str, index: int, size_px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size_px, index=index)


def text_width_mm(text: str, font: FontSpec, size_pt: float, *, bold: bool = False) -> float:
    """Advance width of ``text`` in mm (measured with FreeType at 100 px/em)."""
    path, idx = font.bold if bold else font.regular
    return float(_pil_font(path, idx, 100).getlength(text)) / 100.0 * size_pt * MM_PER_PT


def wrap_mm(text: str, width_mm: float, font: FontSpec, size_pt: float) -> list[str]:
    """Greedy wrap at spaces (or anywhere inside an over-long word) to ``width_mm``."""
    lines: list[str] = []
    cur = ""
    for word in text.split(" "):
        cand = f"{cur} {word}" if cur else word
        if text_width_mm(cand, font, size_pt) <= width_mm:
            cur = cand
            continue
        if cur:
            lines.append(cur)
        cur = word
        while text_width_mm(cur, font, size_pt) > width_mm and len(cur) > 1:
            cut = len(cur) - 1
            while cut > 1 and text_width_mm(cur[:cut], font, size_pt) > width_mm:
                cut -= 1
            lines.append(cur[:cut])
            cur = cur[cut:]
    if cur:
        lines.append(cur)
    return lines


@cache
def seal_image(text: str, seed: int, font_key: str, *, round_: bool = False) -> Image.Image:
    """A red official seal (square, or round) with ``text`` in a grid (RGBA, 400 px)."""
    rng = random.Random(seed)  # noqa: S311 - decoration only
    size = 400
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    red = (205 + rng.randint(-15, 25), 30 + rng.randint(0, 30), 35 + rng.randint(0, 25), 215)
    if round_:
        d.ellipse([10, 10, size - 10, size - 10], outline=red, width=20)
        d.ellipse([40, 40, size - 40, size - 40], outline=red, width=5)
    else:
        d.rectangle([10, 10, size - 10, size - 10], outline=red, width=22)
        d.rectangle([44, 44, size - 44, size - 44], outline=red, width=6)
    chars = [c for c in text if not c.isspace()]
    n = math.ceil(math.sqrt(len(chars)))
    rows = math.ceil(len(chars) / n)
    inner = size - (150 if round_ else 110)
    cell = inner / n
    spec = get_font(font_key)
    font = _pil_font(spec.bold[0], spec.bold[1], int(cell * 0.9))
    # seals read top-to-bottom, right-to-left
    for i, ch in enumerate(chars):
        col = n - 1 - i // rows
        row = i % rows
        cx = (size - inner) / 2 + col * cell + cell / 2
        cy = (size - inner) / 2 + row * (inner / rows) + inner / rows / 2
        d.text((cx, cy), ch, font=font, fill=red, anchor="mm")
    return img.rotate(rng.uniform(-6, 6), resample=Image.Resampling.BICUBIC)


# ----------------------------------------------------------------------------- layout items


@dataclasses.dataclass
class Text:
    """Text whose baseline starts at (x, y) mm; ``spread`` distributes the characters over that width."""

    x: float
    y: float
    text: str
    size: float
    bold: bool = False
    align: Align = "left"
    spread: float | None = None
    color: RGB = (20, 20, 20)
    field: str | None = None


@dataclasses.dataclass
class Line:
    x0: float
    y0: float
    x1: float
    y1: float
    width: float = 0.3
    color: RGB = (40, 40, 40)


@dataclasses.dataclass
class Rect:
    x: float
    y: float
    w: float
    h: float
    width: float = 0.3
    color: RGB = (40, 40, 40)
    fill: RGB | None = None


@dataclasses.dataclass
class Stamp:
    """A raster image (RGBA) placed at (x, y, w, h) mm — the red seal, the emblem."""

    x: float
    y: float
    w: float
    h: float
    image: Image.Image


Item = Text | Line | Rect | Stamp


@dataclasses.dataclass
class Layout:
    width: float
    height: float
    font: FontSpec
    items: list[Item] = dataclasses.field(default_factory=list)
    background: RGB = (255, 255, 255)

    def add(self, item: Item) -> Item:
        self.items.append(item)
        return item

    def char_positions(self, t: Text) -> list[tuple[float, str]]:
        """Left x (mm) of each drawn run: one run for plain text, one per character when spread."""
        bold = t.bold
        if t.spread is None or len(t.text) < 2:
            w = text_width_mm(t.text, self.font, t.size, bold=bold)
            x0 = t.x - (w / 2 if t.align == "center" else w if t.align == "right" else 0.0)
            return [(x0, t.text)]
        chars = re.findall(r"\([^)]*\)|\S", t.text)  # a parenthesised suffix stays one unit
        widths = [text_width_mm(c, self.font, t.size, bold=bold) for c in chars]
        gap = (t.spread - sum(widths)) / max(1, len(chars) - 1)
        x = t.x - (t.spread / 2 if t.align == "center" else t.spread if t.align == "right" else 0.0)
        out = []
        for c, w in zip(chars, widths, strict=True):
            out.append((x, c))
            x += w + gap
        return out

    def glyph_positions(self, t: Text) -> list[tuple[float, str]]:
        """Left x (mm) of every visible character, as a viewer places them (spaces are only gaps)."""
        out: list[tuple[float, str]] = []
        for x0, run in self.char_positions(t):
            x = x0
            for ch in run:
                if not ch.isspace():
                    out.append((x, ch))
                x += text_width_mm(ch, self.font, t.size, bold=t.bold)
        return out

    def box_mm(self, t: Text) -> tuple[float, float, float, float]:
        runs = self.char_positions(t)
        x0 = runs[0][0]
        last_x, last = runs[-1]
        x1 = last_x + text_width_mm(last, self.font, t.size, bold=t.bold)
        return (x0, t.y - 0.8 * t.size * MM_PER_PT, x1, t.y + 0.22 * t.size * MM_PER_PT)

    def field_boxes(self) -> dict[str, list[float]]:
        """Union box (mm) per tagged field, for the truth file."""
        out: dict[str, list[float]] = {}
        for it in self.items:
            if isinstance(it, Text) and it.field:
                b = self.box_mm(it)
                if it.field in out:
                    o = out[it.field]
                    b = (min(o[0], b[0]), min(o[1], b[1]), max(o[2], b[2]), max(o[3], b[3]))
                out[it.field] = [round(v, 2) for v in b]
        return out


# ----------------------------------------------------------------------------- Pillow


def render_image(layout: Layout, dpi: int = 300) -> Image.Image:
    """Draw ``layout`` as an RGB image at ``dpi``."""
    px = dpi / 25.4
    img = Image.new("RGB", (round(layout.width * px), round(layout.height * px)), layout.background)
    draw = ImageDraw.Draw(img)
    for it in layout.items:
        if isinstance(it, Text):
            path, idx = layout.font.bold if it.bold else layout.font.regular
            em = max(4, round(it.size * MM_PER_PT * px))
            f = _pil_font(path, idx, em)
            # a family without a bold face (Baekmuk) is emboldened by a thin stroke, as word processors do
            fake = it.bold and layout.font.bold == layout.font.regular
            sw = max(1, round(em / 40)) if fake else 0
            for x, run in layout.char_positions(it):
                draw.text((x * px, it.y * px), run, font=f, fill=it.color, anchor="ls", stroke_width=sw,
                          stroke_fill=it.color)
        elif isinstance(it, Line):
            draw.line(
                [(it.x0 * px, it.y0 * px), (it.x1 * px, it.y1 * px)],
                fill=it.color,
                width=max(1, round(it.width * px)),
            )
        elif isinstance(it, Rect):
            draw.rectangle(
                [it.x * px, it.y * px, (it.x + it.w) * px, (it.y + it.h) * px],
                outline=it.color,
                fill=it.fill,
                width=max(1, round(it.width * px)),
            )
        else:
            size = (max(1, round(it.w * px)), max(1, round(it.h * px)))
            stamp = it.image.resize(size, Image.Resampling.LANCZOS)
            # ink stamps multiply with what is under them: black text stays visible through red
            on_white = Image.new("RGB", size, (255, 255, 255))
            on_white.paste(stamp, (0, 0), stamp)
            box = (round(it.x * px), round(it.y * px))
            region = img.crop((box[0], box[1], box[0] + size[0], box[1] + size[1]))
            img.paste(ImageChops.multiply(region, on_white), box)
    img.info["dpi"] = (dpi, dpi)
    return img


# ----------------------------------------------------------------------------- reportlab


@cache
def _rl_font(path: str, index: int) -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    name = "pgs-" + Path(path).stem
    pdfmetrics.registerFont(TTFont(name, path, subfontIndex=index))
    return name


def render_pdf(
    layout: Layout, out: Path, *, title: str = "", glyph_runs: bool = False, more_pages: Sequence[Layout] = ()
) -> Path:
    """Write ``layout`` as a one-page PDF with a text layer and embedded, subset fonts.

    ``glyph_runs``: store ONE GLYPH PER TEXT RUN, each character in its own BT … Tj … ET at its own position and
    spaces only as gaps, as some 홈택스 PDFs do (docs/certificates.md#layout-d): plain text extraction then gives
    "2 0 2 6 년 0 5 월" and loses the word spaces. ``more_pages`` are drawn after the first page, same size."""

    from reportlab.pdfgen import canvas

    if not layout.font.pdf:
        raise InputError(
            "SAMPLES_FONT_NOT_EMBEDDABLE", f"'{layout.font.key}' 글꼴은 PDF에 넣을 수 없습니다 (CFF)."
        )
    mm = 72.0 / 25.4
    h = layout.height
    first = _rl_font(*layout.font.regular)
    c = canvas.Canvas(
        str(out),
        pagesize=(layout.width * mm, h * mm),
        invariant=1,
        pageCompression=1,
        initialFontName=first,
        initialFontSize=10,
    )
    if title:
        c.setTitle(title)
    c.setAuthor("pgdocs samples (fictional)")
    for page in (layout, *more_pages):
        _draw_pdf_page(c, page, glyph_runs=glyph_runs)
        c.showPage()
    c.save()
    return out


def _draw_pdf_page(c: Canvas, layout: Layout, *, glyph_runs: bool) -> None:
    import io

    from reportlab.lib.utils import ImageReader

    mm = 72.0 / 25.4
    h = layout.height
    for it in layout.items:
        if isinstance(it, Text):
            name = _rl_font(*(layout.font.bold if it.bold else layout.font.regular))
            c.setFont(name, it.size)
            c.setFillColorRGB(*(v / 255 for v in it.color))
            runs = layout.glyph_positions(it) if glyph_runs else layout.char_positions(it)
            for x, run in runs:
                c.drawString(x * mm, (h - it.y) * mm, run)
        elif isinstance(it, Line):
            c.setStrokeColorRGB(*(v / 255 for v in it.color))
            c.setLineWidth(it.width * mm)
            c.line(it.x0 * mm, (h - it.y0) * mm, it.x1 * mm, (h - it.y1) * mm)
        elif isinstance(it, Rect):
            c.setStrokeColorRGB(*(v / 255 for v in it.color))
            c.setLineWidth(it.width * mm)
            if it.fill:
                c.setFillColorRGB(*(v / 255 for v in it.fill))
            c.rect(
                it.x * mm, (h - it.y - it.h) * mm, it.w * mm, it.h * mm, stroke=1, fill=1 if it.fill else 0
            )
        else:
            buf = io.BytesIO()
            # ~200 dpi is plenty for a stamp and keeps reportlab's pure-Python encoder fast
            target = (max(8, round(it.w / 25.4 * 200)), max(8, round(it.h / 25.4 * 200)))
            it.image.resize(target, Image.Resampling.LANCZOS).save(buf, "PNG")
            buf.seek(0)
            c.drawImage(
                ImageReader(buf), it.x * mm, (h - it.y - it.h) * mm, it.w * mm, it.h * mm, mask="auto"
            )
