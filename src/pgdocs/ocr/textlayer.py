"""Words with positions from a PDF's text layer (no OCR), keeping only what the page shows.

Glyphs come from pdfminer.six (each glyph with its own box, so a 홈택스 PDF that stores one glyph per text run
still gives "2026년 05월", not "2 0 2 6 년 0 5 월": docs/certificates.md#layout-d). Lines are rebuilt from the
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

import io
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, SupportsFloat, SupportsIndex, TypeAlias

from pgdocs.errors import InputError
from pgdocs.ocr.tesseract import Word
from pgdocs.text import nfc

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    from pdfminer.layout import LTComponent
    from pdfminer.pdftypes import PDFStream

log = logging.getLogger(__name__)

Box: TypeAlias = "tuple[float, float, float, float]"
#: something painted over the page: (paint order, bbox, the image's stream or None for a filled shape)
Cover: TypeAlias = "tuple[int, Box, PDFStream | None]"
#: an image's soft mask (0–255), None for an opaque image, False when where it paints cannot be told
Alpha: TypeAlias = "npt.NDArray[np.uint8] | Literal[False] | None"

__all__ = ["Glyph", "TextLayer", "looks_sane", "pdf_words", "read_text_layer"]

#: two glyphs are on one line when their vertical centres differ by less than this share of the glyph height
SAME_LINE = 0.5
#: a horizontal gap wider than this share of the glyph size (em) starts a new word; Nanum's space is 0.25–0.3 em
#: wide, glyph boxes of one word touch (pdfminer's boxes are the advance widths)
WORD_GAP = 0.15
#: glyphs smaller than this (points) are not text anyone reads
MIN_GLYPH_PT = 2.0
#: fill colours at least this light in every component (0–1) are white on white paper
WHITE = 0.95
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


def _fill_is_white(color: object) -> bool:
    if color is None:
        return False
    vals: list[object] = list(color) if isinstance(color, list | tuple) else [color]
    nums: list[float] = []
    for v in vals:
        if not isinstance(v, str | bytes | SupportsFloat | SupportsIndex):
            return False  # float() would refuse it
        try:
            nums.append(float(v))
        except ValueError:
            return False
    if len(nums) == 4:  # CMYK: white is no ink at all
        return all(v <= 1 - WHITE for v in nums)
    return bool(nums) and all(v >= WHITE for v in nums)


def _collect(data: bytes, page_index: int = 0) -> tuple[list[Glyph], list[Cover], Box]:
    """Glyphs, painted covers (order, bbox, image stream or None for a filled shape) and the crop box."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LTChar, LTCurve, LTFigure, LTImage, LTPage
    from pdfminer.pdfcolor import PDFColorSpace
    from pdfminer.pdfdevice import PDFTextSeq
    from pdfminer.pdfinterp import PDFGraphicState, PDFPageInterpreter, PDFResourceManager, PDFStackT, PDFTextState
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdftypes import resolve1
    from pdfminer.psparser import literal_name
    from pdfminer.utils import Matrix

    class GState(PDFGraphicState):
        def __init__(self) -> None:
            super().__init__()
            self.fill_alpha = 1.0

        def copy(self) -> GState:
            obj = GState()
            obj.__dict__.update(self.__dict__)
            return obj

    class Interpreter(PDFPageInterpreter):
        def init_state(self, ctm: Matrix) -> None:
            super().init_state(ctm)
            self.graphicstate = GState()

        def do_gs(self, name: PDFStackT) -> None:
            try:
                ext = resolve1(resolve1(self.resources.get("ExtGState", {}) or {}).get(literal_name(name)))
                if isinstance(ext, dict) and "ca" in ext:
                    self.graphicstate.fill_alpha = float(resolve1(ext["ca"]))  # type: ignore[attr-defined]
            except (AttributeError, TypeError, ValueError, KeyError):
                log.debug("unreadable ExtGState %r", name)

    class Device(PDFPageAggregator):
        def render_string(self, textstate: PDFTextState, seq: PDFTextSeq, ncs: PDFColorSpace,
                          graphicstate: PDFGraphicState) -> None:
            before = len(self.cur_item._objs)
            super().render_string(textstate, seq, ncs, graphicstate)
            mode = int(textstate.render or 0)
            alpha = float(getattr(graphicstate, "fill_alpha", 1.0))
            for obj in self.cur_item._objs[before:]:
                obj.pg_render = mode  # type: ignore[attr-defined]
                obj.pg_alpha = alpha  # type: ignore[attr-defined]

    rsrc = PDFResourceManager(caching=True)
    device = Device(rsrc, laparams=None)
    interp = Interpreter(rsrc, device)
    page = next(iter(PDFPage.get_pages(io.BytesIO(data), pagenos=[page_index], maxpages=page_index + 1)), None)
    if page is None:
        return [], [], (0.0, 0.0, 0.0, 0.0)
    interp.process_page(page)
    layout: LTPage = device.get_result()
    box = tuple(float(v) for v in (page.cropbox or page.mediabox))
    glyphs: list[Glyph] = []
    covers: list[Cover] = []
    order = 0

    def walk(items: Iterable[LTComponent]) -> None:
        nonlocal order
        for obj in items:
            order += 1
            if isinstance(obj, LTChar):
                g = Glyph(obj.get_text(), obj.x0, obj.y0, obj.x1, obj.y1, float(obj.size), order)
                mode = getattr(obj, "pg_render", 0)
                if mode in (3, 7):
                    g.hidden = "invisible"
                elif getattr(obj, "pg_alpha", 1.0) <= 0.0:
                    g.hidden = "transparent"
                elif _fill_is_white(obj.graphicstate.scolor if mode in (1, 5) else obj.graphicstate.ncolor):
                    g.hidden = "white"  # modes 1 and 5 only stroke the outline
                elif g.size < MIN_GLYPH_PT:
                    g.hidden = "tiny"
                glyphs.append(g)
            elif isinstance(obj, LTImage):
                covers.append((order, (obj.x0, obj.y0, obj.x1, obj.y1), obj.stream))
            elif isinstance(obj, LTFigure):
                walk(obj)
            elif isinstance(obj, LTCurve) and obj.fill:  # LTRect is an LTCurve
                covers.append((order, (obj.x0, obj.y0, obj.x1, obj.y1), None))

    walk(layout)
    return glyphs, covers, box  # type: ignore[return-value]


def _alpha(stream: PDFStream, cache: dict[int, Alpha]) -> Alpha:
    """The soft mask of an image as a 2-D array (0–255), ``None`` for an opaque image, ``False`` unreadable."""
    key = id(stream)
    if key in cache:
        return cache[key]
    import numpy as np
    from pdfminer.pdftypes import resolve1

    out: Alpha = None
    try:
        attrs = stream.attrs
        smask = resolve1(attrs.get("SMask")) if attrs.get("SMask") is not None else None
        if attrs.get("ImageMask") or attrs.get("Mask") is not None:
            out = False  # a stencil or colour-key mask: where it paints cannot be told cheaply
        elif smask is not None:
            w, h = int(smask.attrs["Width"]), int(smask.attrs["Height"])
            raw = smask.get_data()
            if int(smask.attrs.get("BitsPerComponent", 8)) != 8 or len(raw) < w * h:
                out = False
            else:
                out = np.frombuffer(raw[: w * h], dtype=np.uint8).reshape(h, w)
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        log.debug("image mask unreadable: %s", type(exc).__name__)
        out = False
    cache[key] = out
    return out


def _mark_covered(glyphs: list[Glyph], covers: list[Cover]) -> None:
    masks: dict[int, Alpha] = {}
    for order, (x0, y0, x1, y1), stream in covers:
        if x1 - x0 <= 0 or y1 - y0 <= 0:
            continue
        for g in glyphs:
            if g.hidden or g.order > order:
                continue
            cx, cy = (g.x0 + g.x1) / 2, (g.y0 + g.y1) / 2
            if not (x0 <= cx <= x1 and y0 <= cy <= y1):
                continue
            if stream is None:
                g.hidden = "covered"
                continue
            alpha = _alpha(stream, masks)
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
        log.debug("pypdf could not open the PDF; trying pdfminer")
    try:
        glyphs, covers, box = _collect(data, page - 1)
    except RecursionError:
        log.info("PDF text layer too deeply nested; rasterising")
        return TextLayer()
    except Exception as exc:
        log.info("PDF text layer unreadable (%s); rasterising", type(exc).__name__)
        return TextLayer()
    k = dpi / 72.0
    x0, y0, x1, y1 = box
    for g in glyphs:
        cx, cy = (g.x0 + g.x1) / 2, (g.y0 + g.y1) / 2
        if not g.hidden and not (x0 <= cx <= x1 and y0 <= cy <= y1):
            g.hidden = "outside"
    _mark_covered(glyphs, covers)
    layer = TextLayer(glyphs=len(glyphs), size_px=(round((x1 - x0) * k), round((y1 - y0) * k)))
    page_area = max(1.0, (x1 - x0) * (y1 - y0))
    images = sum(max(0.0, min(b[2], x1) - max(b[0], x0)) * max(0.0, min(b[3], y1) - max(b[1], y0))
                 for _o, b, stream in covers if stream is not None)
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
    # pdfminer writes an unmapped glyph as "(cid:123)": ASCII, but no text
    bad = chars.count("(cid:") * 8
    return (good - bad) / len(chars) >= 0.85
