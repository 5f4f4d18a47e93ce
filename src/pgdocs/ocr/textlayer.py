"""Words with positions from a PDF's text layer (no OCR), keeping only what the page shows.

Glyphs come from PDFium (pypdfium2: each glyph with its own box, so a 홈택스 PDF that stores one glyph per text run
still gives "2026년 05월", not "2 0 2 6 년 0 5 월": docs/certificates.md#layout-d; ~15 ms a page where pdfminer.six,
pure Python, took ~100 ms on the same PDFs). Lines are rebuilt from the
glyph boxes (same line: vertical centres within :data:`SAME_LINE` of the glyph height), words from the gaps
between them (a gap wider than :data:`WORD_GAP` em, or a space glyph), and placed in the pixel space of the page
rendered at ``dpi`` so boxes compare with OCR.

A text layer is trusted only when it is what the page shows (issue 14 item 2). A glyph is dropped when it is

* in render mode 3 or 7 (invisible; 7 only clips), or painted in white or with a fill alpha of 0 (``ca 0``);
* smaller than :data:`MIN_GLYPH_PT` (nobody can read it);
* outside the page's crop box;
* under something painted after it: an image without transparency, an opaque part of an image with a soft
  mask, or a filled shape (a white box pasted over a number).

The caller decides whether the remaining, visible text carries the certificate (:func:`looks_sane` and the
label/number checks in :mod:`pgdocs.ocr.extract`); if not, the page is rendered and read by OCR. Not covered:
clipping paths and blend modes (a glyph clipped away still counts as visible) — OCR of the rendered page is
what a person sees, and the text layer only ever has to agree with the record to pass.
"""

from __future__ import annotations

import ctypes
import io
import logging
import math
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, TypeAlias

from pgdocs.errors import InputError
from pgdocs.ocr.tesseract import Word
from pgdocs.text import nfc

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    from pypdfium2 import PdfImage, PdfObject, PdfPage

log = logging.getLogger(__name__)
#: one PDFium call at a time in this process (its library keeps global state; pypdfium2 does not lock)
_PDFIUM = threading.Lock()

Box: TypeAlias = "tuple[float, float, float, float]"
#: something painted over the page: (paint order, bbox, the image or None for a filled shape)
Cover: TypeAlias = "tuple[int, Box, PdfImage | None]"
#: an image's soft mask (0–255), None for an opaque image, False when where it paints cannot be told
Alpha: TypeAlias = "npt.NDArray[np.uint8] | Literal[False] | None"

__all__ = ["Glyph", "TextLayer", "looks_sane", "pdf_words", "read_text_layer"]

#: two glyphs are on one line when their vertical centres differ by less than this share of the glyph height
SAME_LINE = 0.5
#: a horizontal gap wider than this share of the glyph size (em) starts a new word; Nanum's space is 0.25–0.3 em
#: wide, glyph boxes of one word touch (PDFium's loose boxes span the advance widths)
WORD_GAP = 0.15
#: a glyph's box starts this share of its em below its baseline (CJK fonts' descent is 0.12–0.27 em)
DESCENT = 0.2
#: glyphs smaller than this (points) are not text anyone reads
MIN_GLYPH_PT = 2.0
#: fill colours at least this light in every component (0–1) are white on white paper
WHITE = 0.95
#: an image painted over text is rendered (with its masks) only up to this many pixels; a bigger one counts as
#: hiding what lies under it, and the page is read by OCR (a hostile PDF cannot make us allocate gigabytes)
MAX_MASK_PIXELS = 40_000_000
#: what a glyph with no character (a font without a Unicode map) is read as
UNMAPPED = "\ufffd"
#: a soft-mask alpha (0–255) from this up hides what lies beneath
OPAQUE_ALPHA = 160


@dataclass
class Glyph:
    text: str
    x0: float  #: PDF points, origin bottom left of the crop box
    y0: float
    x1: float
    y1: float
    size: float
    order: int  #: painting order on the page
    hidden: str = ""  #: why it is not shown ("" = visible)


@dataclass
class TextLayer:
    """The visible words of page 1, and what was dropped (for logs and tests)."""

    words: list[Word] = field(default_factory=list)
    size_px: tuple[int, int] = (0, 0)
    glyphs: int = 0
    hidden: dict[str, int] = field(default_factory=dict)  #: reason → glyph count
    #: share of the page covered by images (0–1): a page that is mostly a picture says more than its text layer
    image_share: float = 0.0

    @property
    def hidden_count(self) -> int:
        return sum(self.hidden.values())


def _handle(obj: ctypes._Pointer[ctypes.Structure]) -> int:
    """A pdfium object's address, to know the same page object again."""
    return int(ctypes.cast(obj, ctypes.c_void_p).value or 0)


def _rotate(box: Box, crop: Box, rotation: int) -> Box:
    """A box in the page's PDF points as the page is shown turned by ``rotation`` (its /Rotate, clockwise), with
    the crop box's lower left corner at the origin (pdfium gives boxes unturned)."""
    x0, y0, x1, y1 = box[0] - crop[0], box[1] - crop[1], box[2] - crop[0], box[3] - crop[1]
    w, h = crop[2] - crop[0], crop[3] - crop[1]
    if rotation == 90:
        return y0, w - x1, y1, w - x0
    if rotation == 180:
        return w - x1, h - y1, w - x0, h - y0
    if rotation == 270:
        return h - y1, x0, h - y0, x1
    return x0, y0, x1, y1


def _collect(page: PdfPage, rotation: int) -> tuple[list[Glyph], list[Cover], Box]:
    """Glyphs, painted covers (order, bbox, image object or None for a filled shape) and the page's size, every
    box in PDF points as the page is shown (crop box at the origin, turned by ``rotation``, the page's /Rotate)."""
    import pypdfium2.raw as pdfium_c

    left, bottom, right, top = page.get_cropbox()
    crop = (float(left), float(bottom), float(right), float(top))
    w, h = crop[2] - crop[0], crop[3] - crop[1]
    size: Box = (0.0, 0.0, h, w) if rotation in (90, 270) else (0.0, 0.0, w, h)
    # every page object in painting order, into form XObjects, with the matrices of the forms it sits in
    order: dict[int, int] = {}
    covers: list[Cover] = []
    for n, obj in enumerate(page.get_objects(max_depth=8), start=1):
        order[_handle(obj.raw)] = n
        kind = obj.type
        if kind not in (pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_PATH):
            continue
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            fill, stroke = ctypes.c_int(), ctypes.c_int()
            if not pdfium_c.FPDFPath_GetDrawMode(obj.raw, fill, stroke) or not fill.value:
                continue
        bounds = _form_bounds(obj)
        covers.append((n, _rotate(bounds, crop, rotation), obj if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE else None))
    text = page.get_textpage()
    glyphs: list[Glyph] = []
    r, g_, b, a = (ctypes.c_uint() for _ in range(4))
    rect, matrix = pdfium_c.FS_RECTF(), pdfium_c.FS_MATRIX()
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    for i in range(text.count_chars()):
        if pdfium_c.FPDFText_IsGenerated(text.raw, i):
            continue  # a space or line break pdfium infers: words and lines are rebuilt here from the boxes
        obj_raw = pdfium_c.FPDFText_GetTextObject(text.raw, i)
        code = pdfium_c.FPDFText_GetUnicode(text.raw, i)
        if not obj_raw or not pdfium_c.FPDFText_GetLooseCharBox(text.raw, i, rect):
            continue
        mapped = 0 < code < 0x110000 and not 0xD800 <= code < 0xE000 and not pdfium_c.FPDFText_HasUnicodeMapError(
            text.raw, i)
        char = chr(code) if mapped else UNMAPPED
        # the loose box spans the glyph's advance width; its bottom and top follow the glyph in some fonts (in
        # Baekmuk 호 and 번 of one line end 0.2 em apart at the top, the bottoms 0.08 pt apart), and glyphs of one
        # line sorted apart by that noise were cut into lines of their own ("대", "행" for 대행업). A line shares
        # its baseline and its font: the glyph is placed from its origin, one em (the font size through its
        # matrix: Tf 1 under Tm 20 is 20 pt) tall, DESCENT of it below the baseline
        bottom, em = rect.bottom, rect.top - rect.bottom
        if pdfium_c.FPDFText_GetMatrix(text.raw, i, matrix) and pdfium_c.FPDFText_GetCharOrigin(
                text.raw, i, origin_x, origin_y):
            em = pdfium_c.FPDFText_GetFontSize(text.raw, i) * math.hypot(matrix.c, matrix.d) or em
            bottom = origin_y.value - DESCENT * em
        x0, y0, x1, y1 = _rotate((rect.left, bottom, rect.right, bottom + em), crop, rotation)
        glyph = Glyph(char, x0, y0, x1, y1, em, order.get(_handle(obj_raw), 0))
        mode = pdfium_c.FPDFTextObj_GetTextRenderMode(obj_raw)
        painted = (pdfium_c.FPDFText_GetStrokeColor if mode in (1, 5) else pdfium_c.FPDFText_GetFillColor)(
            text.raw, i, r, g_, b, a)  # modes 1 and 5 only stroke the outline
        if mode in (3, 7):
            glyph.hidden = "invisible"
        elif painted and a.value == 0:
            glyph.hidden = "transparent"
        elif painted and min(r.value, g_.value, b.value) >= WHITE * 255:
            glyph.hidden = "white"
        elif glyph.size < MIN_GLYPH_PT:
            glyph.hidden = "tiny"
        glyphs.append(glyph)
    return glyphs, covers, size


def _form_bounds(obj: PdfObject) -> Box:
    """An object's bounds on the page: pdfium gives an object inside a form XObject in the form's space."""
    left, bottom, right, top = obj.get_bounds()
    parent = obj.container
    if parent is None:
        return left, bottom, right, top
    xs, ys = [left, right, right, left], [bottom, bottom, top, top]
    while parent is not None:
        m = parent.get_matrix()
        xs, ys = ([m.a * x + m.c * y + m.e for x, y in zip(xs, ys, strict=True)],
                  [m.b * x + m.d * y + m.f for x, y in zip(xs, ys, strict=True)])
        parent = parent.container
    return min(xs), min(ys), max(xs), max(ys)


def _alpha(image: PdfImage, cache: dict[int, Alpha], rotation: int = 0) -> Alpha:
    """Where an image paints (0–255, rows from the top, as shown on the page turned by ``rotation``): ``None`` for
    an opaque image, ``False`` when it cannot be told. pdfium renders it with its soft mask, stencil or colour-key
    mask applied (and its matrix, not the page's /Rotate)."""
    key = _handle(image.raw)
    if key in cache:
        return cache[key]
    import numpy as np

    out: Alpha = None
    try:
        width, height = image.get_px_size()
        if width * height > MAX_MASK_PIXELS:
            cache[key] = False  # not rendered to find out: the page is read by OCR instead
            return False
        bitmap = image.get_bitmap(render=True)
        if bitmap.n_channels == 4:
            pixels = np.asarray(bitmap.buffer, dtype=np.uint8).reshape(bitmap.height, bitmap.stride)
            out = np.ascontiguousarray(np.rot90(pixels[:, 3: bitmap.width * 4: 4], k=-(rotation // 90)))
    except Exception as exc:  # pdfium's own error type, or a bitmap format it did not say
        log.debug("image mask unreadable: %s", type(exc).__name__)
        out = False
    cache[key] = out
    return out


def _mark_covered(glyphs: list[Glyph], covers: list[Cover], rotation: int = 0) -> None:
    masks: dict[int, Alpha] = {}
    for order, (x0, y0, x1, y1), image in covers:
        if x1 - x0 <= 0 or y1 - y0 <= 0:
            continue
        for g in glyphs:
            if g.hidden or g.order > order:
                continue
            cx, cy = (g.x0 + g.x1) / 2, (g.y0 + g.y1) / 2
            if not (x0 <= cx <= x1 and y0 <= cy <= y1):
                continue
            if image is None:
                g.hidden = "covered"
                continue
            alpha = _alpha(image, masks, rotation)
            if alpha is None or alpha is False:
                g.hidden = "covered"
                continue
            h, w = alpha.shape
            col = min(w - 1, int((cx - x0) / (x1 - x0) * w))
            row = min(h - 1, int((y1 - cy) / (y1 - y0) * h))
            if int(alpha[row, col]) >= OPAQUE_ALPHA:
                g.hidden = "covered"


def _runs(line: list[Glyph]) -> list[list[Glyph]]:
    """The glyphs of one line cut into words at space glyphs and at gaps wider than :data:`WORD_GAP` em."""
    runs: list[list[Glyph]] = []
    cur: list[Glyph] = []
    for g in sorted(line, key=lambda g: g.x0):
        if not g.text.strip():
            if cur:
                runs.append(cur)
            cur = []
            continue
        if cur and g.x0 - cur[-1].x1 > WORD_GAP * max(g.size, cur[-1].size):
            runs.append(cur)
            cur = []
        cur.append(g)
    if cur:
        runs.append(cur)
    return runs


def _words(glyphs: list[Glyph], box: tuple[float, float, float, float], k: float) -> list[Word]:
    """Visible glyphs → words, top to bottom, left to right."""
    left, top_y = box[0], box[3]
    lines: list[list[Glyph]] = []
    for g in sorted(glyphs, key=lambda g: (-(g.y0 + g.y1) / 2, g.x0)):
        cy, h = (g.y0 + g.y1) / 2, max(0.1, g.y1 - g.y0)
        for ln in reversed(lines[-4:]):
            ref = ln[0]
            if abs((ref.y0 + ref.y1) / 2 - cy) < SAME_LINE * max(h, ref.y1 - ref.y0):
                ln.append(g)
                break
        else:
            lines.append([g])
    words: list[Word] = []
    for ln in lines:
        for run in _runs(ln):
            text = nfc("".join(g.text for g in run))
            x0, x1 = min(g.x0 for g in run), max(g.x1 for g in run)
            y0, y1 = min(g.y0 for g in run), max(g.y1 for g in run)
            words.append(Word(text, 100.0, round((x0 - left) * k), round((top_y - y1) * k),
                              max(1, round((x1 - x0) * k)), max(1, round((y1 - y0) * k))))
    return words


def read_text_layer(data: bytes, *, dpi: int = 300, page: int = 1) -> TextLayer:
    """The visible words of page ``page`` (1-based) in pixels at ``dpi``; an unreadable text layer gives no words
    (the caller renders the page and reads it by OCR)."""
    from pypdf import PdfReader

    try:
        if PdfReader(io.BytesIO(data)).is_encrypted:
            raise InputError("DOC_ENCRYPTED", "암호가 걸린 PDF는 읽을 수 없습니다.")
    except InputError:
        raise
    except Exception:
        log.debug("pypdf could not open the PDF; trying pdfium")
    import pypdfium2 as pdfium

    with _PDFIUM:  # PDFium is not thread-safe: the web page's jobs run in threads
        pdf = None
        try:
            pdf = pdfium.PdfDocument(data)
            return _layer(pdf[page - 1], dpi)
        except Exception as exc:  # PDFium's error, or a file it cannot take at all
            log.info("PDF text layer unreadable (%s); rasterising", type(exc).__name__)
            return TextLayer()
        finally:
            if pdf is not None:
                pdf.close()


def _layer(page: PdfPage, dpi: int) -> TextLayer:
    rotation = page.get_rotation() % 360
    glyphs, covers, box = _collect(page, rotation)
    k = dpi / 72.0
    x0, y0, x1, y1 = box
    for g in glyphs:
        cx, cy = (g.x0 + g.x1) / 2, (g.y0 + g.y1) / 2
        if not g.hidden and not (x0 <= cx <= x1 and y0 <= cy <= y1):
            g.hidden = "outside"
    _mark_covered(glyphs, covers, rotation)
    layer = TextLayer(glyphs=len(glyphs), size_px=(round((x1 - x0) * k), round((y1 - y0) * k)))
    page_area = max(1.0, (x1 - x0) * (y1 - y0))
    images = sum(max(0.0, min(b[2], x1) - max(b[0], x0)) * max(0.0, min(b[3], y1) - max(b[1], y0))
                 for _o, b, image in covers if image is not None)
    layer.image_share = min(1.0, images / page_area)
    for g in glyphs:
        if g.hidden:
            layer.hidden[g.hidden] = layer.hidden.get(g.hidden, 0) + 1
    if layer.hidden:
        log.info("PDF text layer: %d of %d glyphs not shown on the page (%s)", layer.hidden_count, len(glyphs),
                 ", ".join(f"{k_} {v}" for k_, v in sorted(layer.hidden.items())))
    layer.words = _words([g for g in glyphs if not g.hidden], box, k)
    return layer


def pdf_words(data: bytes, *, dpi: int = 300, page: int = 1) -> tuple[list[Word], tuple[int, int]]:
    """Visible words of page ``page`` in pixels at ``dpi`` and the page size in those pixels."""
    layer = read_text_layer(data, dpi=dpi, page=page)
    return layer.words, layer.size_px


def looks_sane(words: list[Word]) -> bool:
    """Most characters are Hangul, digits or ordinary punctuation (broken glyph mappings are not)."""
    chars = "".join(w.text for w in words)
    if len(chars) < 30:
        return False
    good = sum(1 for c in chars if "가" <= c <= "힣" or c.isascii())
    # a glyph the font maps to no character is no text (a broken ToUnicode map)
    bad = chars.count(UNMAPPED) * 8
    return (good - bad) / len(chars) >= 0.85
