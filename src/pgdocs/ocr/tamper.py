"""Signs that a certificate field was pasted over (issue 14 item 3): *review*, never *pass*, never *mismatch*.

A forger who edits a certificate covers the printed value with a box (white, or the paper's colour) and types
another value on it. Three kinds of trace are looked for, each compared with the same page, never with a fixed
idea of what a certificate looks like:

* **paper** — the box's background against a ring of paper around it: *flatter* (the spread of the high-pass
  residual — pixel minus its 5×5 mean — over background pixels away from ink: a scan's sensor noise and the
  paper's grain are everywhere except in the box) or *whiter* (its paper level above the ring's by more than the
  grain explains). Slow light gradients of phone photos and glyph edges do not count.
* **glyphs** — each value measured against its own label on the same line (ink height, stroke width, baseline),
  and that relation compared with the other fields' lines of the page: typed in another font or size, or placed
  by eye, one line departs from the rest. Measured on the page straightened at full resolution.
* **JPEG grid** — for JPEG files: the 8×8 block grid inside the box is shifted against the page's (a patch cut
  from another JPEG).

What this cannot see, said plainly so nobody trusts it for more: a page with no grain and a forgery in the same
font, size and position (a careful edit of a software render); a paste made before the page was printed and
scanned again *in the page's own font*; a text-layer PDF (no pixels: not looked at here, see
:mod:`pgdocs.ocr.textlayer`).

Every threshold is named below and measured in ``bench/tamper.py`` (tuned on some fonts and families, scored on
others). A flagged field becomes *review* with :data:`REASON`; the box is drawn on the annotated picture.
"""

from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
from PIL import Image

from pgdocs.imaging import grey
from pgdocs.ocr.preprocess import rank_filter, two_tone

if TYPE_CHECKING:
    from pgdocs.jsonio import Report
    from pgdocs.ocr.extract import Extraction
    from pgdocs.ocr.preprocess import Matrix
    from pgdocs.ocr.result import VerifyResult
    from pgdocs.ocr.tesseract import Word

log = logging.getLogger(__name__)

#: a greyscale page (``np.asarray`` of a PIL "L" image)
Gray = npt.NDArray[np.uint8]
#: a measurement over it
Floats = npt.NDArray[np.float32]

__all__ = ["FIELDS", "REASON", "Signal", "check_box", "find", "glyph_signals", "glyph_table", "grid_signal", "mark",
           "page_grid"]

#: what a person reads for a field that looks edited (a short cause follows in brackets)
REASON = "이 부분이 편집된 것 같습니다"
#: the cause of each kind of signal, in plain Korean
CAUSE_KO = {
    "flat": "주변 종이보다 매끈함",
    "white": "주변 종이보다 밝음",
    "height": "글자 크기가 다른 줄과 다름",
    "stroke": "글자 굵기가 다른 줄과 다름",
    "baseline": "글자 높이 위치가 다른 줄과 다름",
    "jpeg_grid": "JPEG 격자가 주변과 어긋남",
}

#: the fields looked at: what a forger changes to pass as another business (업태/종목 lists are not)
FIELDS = ("business_number", "business_name", "representative", "birth_date", "opening_date",
          "corporate_number", "address")

# ----------------------------------------------------------------------------- paper
#: the ring's high-pass spread must be at least this (grey levels) for the page to have grain worth comparing
MIN_RING_GRAIN = 1.6
#: flagged when the field's background grain is below this fraction of the ring's
FLAT_RATIO = 0.45
#: flagged when the field's paper is brighter than the ring's by this many grey levels …
WHITER_LEVELS = 9.0
#: … and by this many times the ring's grain (a light gradient over the ring stays within it)
WHITER_GRAIN = 2.5
#: background pixels needed inside the field's patch and in its ring for a judgement
MIN_PIXELS = 300
#: a background pixel is brighter than the ring's paper level minus this (grey levels), and so are its neighbours
INK_MARGIN = 45
#: the patch around the value's words (× text height): a pasted box reaches a little beyond the new text
PATCH_PAD = 0.15
#: the ring of paper compared with it: from RING_IN to RING_OUT text heights beyond the words
RING_IN, RING_OUT = 1.2, 2.6

# ----------------------------------------------------------------------------- glyphs
#: glyphs lower than this (pixels, straightened page at full resolution) are too coarse to measure
MIN_GLYPH_PX = 18
#: ink darker than paper by less than this (grey levels) is not measured (a washed-out photo)
MIN_CONTRAST = 60
#: a run of inked rows with less than this share of a word run's ink is a speck beside the glyphs, not their part
SPECK_SHARE = 0.03
#: other fields' lines needed (with a label and a value of the same character class) to know the page's font
#: (with two, one odd line — a date's digits split into words differently — decided the median)
MIN_REFERENCE_LINES = 3
#: a word's width per character over its ink height, for its box to be believed (a syllable is about square,
#: a digit about half as wide; a narrow "1" and letter-spaced labels stay inside)
PITCH_RANGE = (0.3, 1.3)
#: darkness (0 paper … 1 ink) below this share is a pale print behind the text (an emblem, a security pattern at
#: 180–200 on paper at 230 and ink at 60–100: about 0.2–0.3), not ink: the stroke width is measured above it
PALE_FLOOR = 0.35
#: a value is measured only on at least this many glyphs with believable boxes …
MIN_MEASURED_CHARS = 2
#: … that are at least this share of the value's glyphs of their class
MIN_MEASURED_SHARE = 0.5
#: a word's box is cut to its line's typical top and bottom, plus this share of the typical box height: Tesseract
#: gives a syllable now and then a box two lines tall (층, 호 over the emblem of a 2025 certificate), and what it
#: takes in — the emblem, the box of the 업태 heading below — is not the glyph
BOX_CLIP = 0.2
#: a value on its label's line is measured only in the rows within this many label heights above and below the
#: label's ink (:func:`_near_label`)
LABEL_REACH = 0.5
#: a label is a reference only when its ink height is within this range of the page's typical label (a bold row's
#: label, the NTS 등록번호, measures about 1.2×)
LABEL_RANGE = (0.7, 1.5)
#: flagged when value height / label height departs from the page's by more than this (log ratio: 0.3 ≈ 35 %)
HEIGHT_TOLERANCE = 0.3
#: … stroke width / label stroke width by more than this (log ratio: 0.25 ≈ 28 %)
STROKE_TOLERANCE = 0.25
#: … the value's baseline (bottom of its ink) relative to the label's by more than this share of the label height
BASELINE_TOLERANCE = 0.3
#: a line is flagged when its size (height or baseline) and its stroke width both depart beyond their tolerance,
#: or its height or stroke width departs by more than this many tolerances. One measurement just past its
#: tolerance is within what Tesseract's word boxes do on genuine pages of fonts and layouts the tolerances were not
#: chosen on (a held-out run of bench/ocr.py flagged 8 of 36 genuine nts/nts2025/proof pages that way); a pasted
#: value in another font usually departs in two, or far in one.
GLYPH_STRONG = 2.0
# The three were chosen on the tuned set of bench/tamper.py (pgdocs.samples pages in Nanum fonts, 18 genuine
# non-photo pages: 1 flagged; pastes under new scan noise: 9 of 36 caught by glyphs alone) and scored on the held-out
# fonts and families (30 genuine pages: 1 flagged; 31 of 60 caught). Tighter settings caught more pastes and flagged
# 10 % of genuine pages: the measurements (Tesseract's word boxes, a label split into syllables) are that noisy.

# ----------------------------------------------------------------------------- JPEG grid
#: a block grid is "seen" in a region when its strongest 8-pixel phase stands out from the other seven by this
#: z-score (genuine JPEG pages: 3.4–6.5 at their own phase; patches from another JPEG 2.7–5.2 at theirs)
GRID_PEAK = 2.5
#: … and on a page found in a photo and unwarped, where the moiré of a monitor photographed folds into the 8-pixel
#: phases: genuine moiré photos showed a shifted "grid" up to z 3.1 in a field's region (bench/ocr.py seeds 5 and
#: 11: 3 of 12 moiré pages were called edited at 2.5)
GRID_PEAK_PHOTO = 4.0
#: … and its boundaries at that phase stand out by this many standard errors (Welch's t over the region's blocks)
#: above those at the page's phase, along both axes. A region of one line of text holds 5–6 blocks across its
#: height: on noisy JPEG scans (σ 4–9, quality 60–90, 192 pages of bench/ocr.py seed 4) the noise alone made 2 of
#: 1,110 genuine fields "shifted" (z 3.8 and 2.7 along the axes, t 0.4 and 0.6) — one genuine scan in a hundred
#: called edited; the patches from another JPEG that the z-scores catch stand out by t 3.5–6.4
GRID_SHIFT_T = 2.0
#: pixels along each axis a region needs for its grid to be measured
GRID_MIN_PX = 96
#: steps (grey levels) at least this large are edges of ink, not block boundaries
GRID_EDGE = 12


@dataclass(frozen=True)
class Signal:
    """One field that looks pasted over, and why."""

    field: str
    box: list[int]  #: in the original image's pixels
    kind: str  #: a key of :data:`CAUSE_KO`
    measured: float
    reference: float

    @property
    def cause(self) -> str:
        return CAUSE_KO.get(self.kind, self.kind)

    @property
    def ratio(self) -> float:
        """Measured over reference (the paper signals' grain ratio)."""
        return self.measured / self.reference if self.reference else 1.0

    def to_dict(self) -> Report:
        return {"kind": self.kind, "box": list(self.box), "measured": round(self.measured, 3),
                "reference": round(self.reference, 3)}


# ============================================================================= paper


def _box_mean(a: Floats, k: int = 5) -> Floats:
    """Mean over a k×k window (edge-padded): separable, by shifted slices."""
    r = k // 2
    h, w = a.shape
    p = np.pad(a.astype(np.float32), r, mode="edge")
    rows = p[:, 0:w].copy()
    for dx in range(1, k):
        rows += p[:, dx : dx + w]
    out: Floats = rows[0:h].copy()
    for dy in range(1, k):
        out += rows[dy : dy + h]
    out /= k * k
    return out


#: at most this many background pixels go into a median (a wide address's ring holds hundreds of thousands)
MEDIAN_SAMPLE = 20_000


#: the ring's paper level is this percentile of its background: a ring that reaches into a shaded label cell of a
#: table (사업자등록증명), a grey security box or the pale colours of the emblem keeps the level of its white paper
#: (at 75 a genuine 사업자등록증명 screen capture's 개업일 was called whiter than its paper: the emblem filled a
#: quarter of its ring; bench/tamper.py catches the same 48/72 and 98/120 at 90, genuine fields flagged 0)
RING_LEVEL_PERCENTILE = 90


def _paper(gray: Gray, x0: int, y0: int, x1: int, y1: int, inner: tuple[int, int, int, int] | None,
           paper: float, level_percentile: float = 50) -> tuple[float, float, int]:
    """(high-pass spread, level, pixels used) of the background in [x0:x1, y0:y1] minus ``inner``; the level is
    the ``level_percentile`` of the background (the median unless asked)."""
    raw = gray[y0:y1, x0:x1]
    if raw.size == 0:
        return 0.0, 0.0, 0
    far_from_ink = rank_filter(raw, 5, biggest=False) > paper - INK_MARGIN
    crop = raw.astype(np.float32)
    resid = crop - _box_mean(crop, 5)
    mask = far_from_ink.copy()
    # the 5×5 mean reaches 2 px: drop the frame where it saw outside the crop
    mask[:3, :] = mask[-3:, :] = False
    mask[:, :3] = mask[:, -3:] = False
    if inner is not None:
        ix0, iy0, ix1, iy1 = inner
        mask[max(0, iy0 - y0 - 2) : max(0, iy1 - y0 + 2), max(0, ix0 - x0 - 2) : max(0, ix1 - x0 + 2)] = False
    vals, levels = resid[mask], crop[mask]
    n = int(vals.size)
    if n < MIN_PIXELS:
        return 0.0, 0.0, n
    if n > MEDIAN_SAMPLE:
        step = n // MEDIAN_SAMPLE + 1
        vals, levels = vals[::step], levels[::step]
    # robust spread (MAD) and level (median): a stray line, a stamp edge or a pale emblem in the ring do not count
    mad = float(np.median(np.abs(vals - np.median(vals))))
    return 1.4826 * mad, float(np.percentile(levels, level_percentile)), n


def check_box(gray: Gray, box: list[int] | tuple[int, int, int, int], name: str = "") -> Signal | None:
    """The paper signal for the value whose words fill ``box`` (x0, y0, x1, y1 in ``gray``'s pixels), or None."""
    h_img, w_img = gray.shape
    x0, y0, x1, y1 = (int(v) for v in box)
    th = max(8, y1 - y0)

    def grow(f: float) -> tuple[int, int, int, int]:
        d = round(th * f)
        return max(0, x0 - d), max(0, y0 - d), min(w_img, x1 + d), min(h_img, y1 + d)

    patch, ring_in, ring_out = grow(PATCH_PAD), grow(RING_IN), grow(RING_OUT)
    ring_crop = gray[ring_out[1] : ring_out[3], ring_out[0] : ring_out[2]]
    if ring_crop.size == 0:
        return None
    paper = float(np.percentile(ring_crop[::2, ::2], 90))
    g_ring, lvl_ring, n_ring = _paper(gray, *ring_out, inner=ring_in, paper=paper,
                                      level_percentile=RING_LEVEL_PERCENTILE)
    if n_ring < MIN_PIXELS:
        return None
    g_in, lvl_in, n_in = _paper(gray, *patch, inner=None, paper=paper)
    if n_in < MIN_PIXELS:
        return None
    where = [x0, y0, x1, y1]
    if lvl_in - lvl_ring > max(WHITER_LEVELS, WHITER_GRAIN * g_ring):
        return Signal(name, where, "white", round(lvl_in, 1), round(lvl_ring, 1))
    if g_ring >= MIN_RING_GRAIN and g_in < FLAT_RATIO * g_ring:
        return Signal(name, where, "flat", round(g_in, 2), round(g_ring, 2))
    return None  # no grain to compare with (a clean render, a fax) or nothing unusual


# ============================================================================= glyphs

_HANGUL = re.compile(r"[가-힣]")
_DIGITS = re.compile(r"\d")
_PUNCT_ONLY = re.compile(r"^[\W_]+$")
_NUMBER_WORD = re.compile(r"^[\d\-.,/:]+$")
#: brackets reach above and below the glyphs; a colon glued to a word is the end of a label
_NOT_MEASURED = re.compile(r"[()\[\]{}:：]")


@dataclass(frozen=True)
class Ink:
    """Measurements of one run of words of one character class, on the straightened page."""

    height: float
    bottom: float
    stroke: float


def _word_class(text: str) -> str | None:
    """"hangul", "digits" (digits and the dashes, dots and slashes between them: brackets reach higher and
    lower than digits) or None."""
    if _HANGUL.search(text):
        return "hangul"
    if len(_DIGITS.findall(text)) >= 2 and _NUMBER_WORD.match(text):
        return "digits"
    return None


def _measure(up: Gray, boxes: list[tuple[int, int, int, int]]) -> Ink | None:
    """Ink height, bottom and stroke width of words at ``boxes`` (straightened full-resolution pixels).

    Height and bottom come from the rows' ink profile of all the words together (a stray dot or a comma does not
    move them); the stroke width is sub-pixel: twice the ink's area over the length of its edges, both measured on
    the darkness map (0 paper … 1 ink), so blur and the binarisation threshold hardly change it.
    """
    if not boxes:
        return None
    pad = 3
    x0 = max(0, min(b[0] for b in boxes) - pad)
    y0 = max(0, min(b[1] for b in boxes) - pad)
    x1 = min(up.shape[1], max(b[2] for b in boxes) + pad)
    y1 = min(up.shape[0], max(b[3] for b in boxes) + pad)
    crop = up[y0:y1, x0:x1].astype(np.float32)
    if crop.shape[0] < MIN_GLYPH_PX * 0.6 or crop.shape[1] < 4:
        return None
    # only the words' own columns, less a sixth on each side: the gaps between words may hold a colon or
    # another field's ink, and Tesseract's boxes often reach into the neighbouring glyph
    cols = np.zeros(crop.shape[1], dtype=bool)
    for b in boxes:
        trim = (b[2] - b[0]) // 6
        cols[max(0, b[0] + trim - x0) : max(0, b[2] - trim - x0)] = True
    crop = crop[:, cols]
    if crop.shape[1] < 4:
        return None
    paper, dark = float(np.percentile(crop, 90)), float(np.percentile(crop, 1))
    if paper - dark < MIN_CONTRAST:
        return None
    darkness = np.clip((paper - crop) / (paper - dark), 0.0, 1.0)
    ink = darkness > 0.5
    rows = ink.sum(1).astype(np.float32)
    # a ruled line of a table running through the padding is not a glyph
    rows[rows > 0.85 * ink.shape[1]] = 0
    if rows.max() <= 0:
        return None
    ys = np.nonzero(rows >= max(1.0, 0.04 * float(rows.max())))[0]
    # runs of inked rows split by blank ones: a run holding almost none of the ink is a speck of a fax or a scan
    # above or below the line, inside a box Tesseract drew twice the glyphs' height (a genuine 개업연월일's digits
    # measured 1.8× its label's, classic fax, bench/ocr.py seed 21) — not a glyph's part
    runs = np.split(ys, np.nonzero(np.diff(ys) > 1)[0] + 1)
    total = float(rows[ys].sum())
    kept = [r for r in runs if float(rows[r].sum()) >= SPECK_SHARE * total]
    top, bottom = int(kept[0][0]), int(kept[-1][-1]) + 1
    if bottom - top < MIN_GLYPH_PX:
        return None
    # a pale mark printed behind the line (the NTS emblem behind the address) is no part of a stroke: its grey
    # adds area and hardly any edge, and made a genuine Batang address measure 1.7× as bold as the labels
    core = np.clip((darkness[max(0, top - 1) : bottom + 1] - PALE_FLOOR) / (1.0 - PALE_FLOOR), 0.0, 1.0)
    edges = float(np.abs(np.diff(core, axis=0)).sum() + np.abs(np.diff(core, axis=1)).sum())
    if edges <= 0:
        return None
    # |∇| summed along x and y over-counts a slanted edge by up to √2: the same for label and value of one font
    return Ink(float(bottom - top), float(y0 + bottom), 2.0 * float(core.sum()) / edges)


#: a page whose word space lies within this many pixels of the original everywhere (a clean page: only scaled to
#: the reading size and back, which leaves ~0.0003 of rounding — 0.8 px across an A4 page at 300 dpi) is measured
#: on the original as it is: the perspective transform it would take costs 75 ms, and boxes from the prepared
#: image are 1.7 original pixels coarse anyway
UPRIGHT_SLACK_PX = 1.0


def _moves_at_most(a: Matrix, size: tuple[int, int], px: float) -> bool:
    """Does the homography ``a`` move every corner of a ``size`` image by at most ``px`` pixels?

    >>> _moves_at_most(np.diag([1.0003, 0.9999, 1.0]), (2480, 3508), 1.0)
    True
    >>> _moves_at_most(np.array([[1.0, -0.0384, 90.5], [0.0384, 1.0, 0.1], [0, 0, 1]]), (1654, 2339), 1.0)
    False
    """
    w, h = size
    corners = np.array([[0, w, 0, w], [0, 0, h, h], [1, 1, 1, 1]], dtype=float)
    moved = a @ corners
    moved = moved[:2] / moved[2]
    return float(np.abs(moved - corners[:2]).max()) <= px


def _upright(ex: Extraction, rows: tuple[int, int] | None = None) -> tuple[Gray, float, int] | None:
    """The page in word space (turned, unwarped, deskewed — the residual skew included) at the original's
    resolution, the prepared image's scale (word-space pixels / this page's pixels), and the first row drawn:
    only ``rows`` (word-space rows at this resolution) are drawn when given — a transform of a whole 300-dpi
    page costs more than all the measurements."""
    prep = ex.prepared
    if prep is None or ex.image is None:
        return None
    s = prep.scale
    # original pixel -> word space (prepared, then the residual skew) -> back to the original's resolution
    a = np.diag([1 / s, 1 / s, 1.0]) @ prep.words_matrix @ prep.matrix
    w, h = round(prep.image.width / s), round(prep.image.height / s)
    top, bottom = (0, h) if rows is None else (max(0, rows[0]), min(h, rows[1]))
    if bottom <= top:
        return None
    if _moves_at_most(a, ex.image.size, UPRIGHT_SLACK_PX):
        # nothing was turned or unwarped, only scaled there and back: the page as it came, its rows sliced
        # (rows past the original's last one, a pixel of rounding, are not drawn: a crop would fill them black)
        return np.asarray(grey(ex.image).crop((0, top, ex.image.width, min(bottom, ex.image.height)))), s, top
    gray = grey(ex.image)
    inv = np.linalg.inv(a) @ np.array([[1.0, 0, 0], [0, 1.0, top], [0, 0, 1.0]])
    inv = inv / inv[2, 2]
    up = gray.transform((w, bottom - top), Image.Transform.PERSPECTIVE, tuple(inv.flatten()[:8]),
                        Image.Resampling.BILINEAR, fillcolor=255)
    return np.asarray(up), s, top


def _photographed(ex: Extraction) -> bool:
    """The page was found in a photo and unwarped: blur and resampling make glyph measurements unreliable
    (genuine photos measured up to 0.19 in stroke); the paper signals still apply."""
    return ex.prepared is not None and bool(np.any(np.abs(ex.prepared.matrix[2, :2]) > 1e-9))


def _unevenly_lit(ex: Extraction) -> bool:
    """The light across the page was uneven (it was divided by its background before reading): the glyphs are
    measured on the page as it came, where a shadow's gradient inside a line's crop thickens or thins the measured
    strokes — 8 fields of 4 genuine pages under uneven light were called edited (bench/ocr.py seed 13)."""
    return ex.prepared is not None and ex.prepared.flattened


def _bilevel(ex: Extraction) -> bool:
    """The page came in black and white only (a fax, a G4 TIFF): a stroke is a whole number of pixels, and at a
    fax's 200 dpi a stroke of 2–3 pixels is one pixel off by 30–50 % — more than the tolerance. Genuine faxes were
    called edited that way (2 of 32, bench/ocr.py seed 4); the paper signals still apply."""
    if ex.image is None:
        return False
    return bool(ex.image.info.get("bilevel")) or two_tone(grey(ex.image))


def _sane_box(up: Gray, box: tuple[int, int, int, int], text: str) -> bool:
    """Tesseract sometimes gives one word the box of the whole line ("2015" 284 px wide): a word is measured only
    when its width per character is that of a glyph (:data:`PITCH_RANGE` × its ink height)."""
    ink = _measure(up, [box])
    chars = _chars(text)
    if ink is None or not chars:
        return False
    lo, hi = PITCH_RANGE
    return lo <= (box[2] - box[0]) / chars / ink.height <= hi


def _enclosed(words: list[Word]) -> list[Word]:
    """The words inside a bracket read apart from them: "( 쥐 )" is ㈜ or (주), its 주 drawn small inside the
    bracket, and a speck of a fax beside the next word made that one tall — two words, one too small and one too
    tall, flagged a genuine 상호 "글자 크기가 다른 줄과 다름" (nts2025 fax, bench/ocr.py seed 21)."""
    out = []
    for i, w in enumerate(words):
        before = words[i - 1].text if i > 0 else ""
        after = words[i + 1].text if i + 1 < len(words) else ""
        if before.endswith(("(", "[")) or after.startswith((")", "]")):
            out.append(w)
    return out


def _chars(text: str) -> int:
    return len(re.sub(r"\s", "", text))


def _box_of(w: Word, s: float, top: int = 0) -> tuple[int, int, int, int]:
    """A word's box on the straightened page (word space at the original's resolution, drawn from row ``top``)."""
    return (math.floor(w.left / s), math.floor(w.top / s) - top, math.ceil(w.right / s),
            math.ceil((w.top + w.height) / s) - top)


def _label_words(ex: Extraction, up: Gray, s: float, top: int,
                 value_words: list[Word]) -> tuple[list[Word], list[Word]]:
    """The label's words just left of the value's first line (letter-spaced labels are several words), and the
    value's words on that line (a wrapped address or a list of 종목 goes on under the label: not comparable)."""
    highest = min(value_words, key=lambda w: w.top)
    for line in ex.page.lines:
        if highest not in line.words:
            continue
        same = [w for w in value_words if w in line.words]
        first = min(same, key=lambda w: w.left)
        left = [w for w in line.words if w.right <= first.left + 2 and w not in value_words]
        out: list[Word] = []
        bracket = False
        for w in sorted(left, key=lambda w: -w.left):
            # a label's bracketed part ("대표자성명(대표유형)", "상호(법인명)") is no reference: it is often printed
            # smaller to fit its cell, and Tesseract splits it into odd boxes ("(", "대" 17 px wide, "유형)")
            if ")" in w.text or "）" in w.text:
                bracket = "(" not in w.text and "（" not in w.text
                continue
            if bracket:
                bracket = "(" not in w.text and "（" not in w.text
                continue
            if _PUNCT_ONLY.match(w.text):
                if out:
                    break
                continue
            if not _HANGUL.search(w.text):
                break
            if not _NOT_MEASURED.search(w.text) and _sane_box(up, _box_of(w, s, top), w.text):
                out.append(w)
            if len(out) >= 6:
                break
        return out, same
    return [], []


@dataclass(frozen=True)
class _Line:
    """A field's value (by character class) measured against its own label."""

    field: str
    cls: str
    height: float  #: value height / label height
    stroke: float  #: value stroke / label stroke
    baseline: float  #: (value bottom − label bottom) / label height
    box: list[int]
    label_height: float = 0.0  #: the label's ink height, pixels
    ones: float = 0.0  #: the share of the measured digits that are 1s (:data:`ONES_SHARE`)


#: a line of digits at least this share 1s departs in stroke width alone without evidence: in a serif font a 1 is
#: all stem, thick, and a genuine "1973 년 11 월 11 일" measured 1.7 times the page's other digits (bench/ocr.py
#: seed 337, a clean page). Other lines of digits keep the rule: the stroke width alone caught 9 of 96 registration
#: numbers typed over the printed one in another font (bench/tamper.py seed 11)
ONES_SHARE = 0.5


def _over_two_lines(w: Word, words: list[Word]) -> bool:
    """Is ``w`` boxed over two lines of its own field — a line of the value above its centre and one below? A label
    centred between the two lines of its value (a 사업자등록증명 cell laid out by LibreOffice) had Tesseract read
    words of both lines into one, boxed 72 px tall beside 28-px labels: the ink in them is two lines', not a bigger
    font. (A box merely tall is no sign: Tesseract boxes a genuine date twice its height now and then.)"""
    others = [x for x in words if x is not w]
    return any(w.top <= x.cy <= w.cy - x.height / 2 for x in others) and any(
        w.cy + x.height / 2 <= x.cy <= w.bottom for x in others)


def _near_label(boxes: list[tuple[int, int, int, int]], label: Ink) -> list[tuple[int, int, int, int]]:
    """The value's word boxes cut to the rows within :data:`LABEL_REACH` of its label's ink height above and below
    the label's: Tesseract boxed a genuine "2025 년 12 월 19 일" 84 px tall, from the bottoms of the 생년월일 line
    above down to its own, beside a 42-px label — measured twice its label's height (a 300-dpi scan of a certificate
    laid out by LibreOffice, bench/office.py). A value typed in another size stays measurable up to (1 + 2 ×
    LABEL_REACH) times its label's height."""
    m = LABEL_REACH * label.height
    top, bottom = math.floor(label.bottom - label.height - m), math.ceil(label.bottom + m)
    return [(b[0], max(b[1], top), b[2], min(b[3], bottom)) for b in boxes]


def _field_lines(ex: Extraction) -> list[_Line]:
    """Every field's first line measured against its label, on the straightened page."""
    words = [w for fv in ex.fields.values() for w in fv.words]
    if ex.prepared is None or not words:
        return []
    s = ex.prepared.scale
    margin = 2 * max(w.height for w in words)
    got = _upright(ex, (math.floor((min(w.top for w in words) - margin) / s),
                        math.ceil((max(w.top + w.height for w in words) + margin) / s)))
    if got is None:
        return []
    up, s, top = got
    def boxes(words: list[Word]) -> list[tuple[int, int, int, int]]:
        out = [_box_of(w, s, top) for w in words]
        if len(out) < 3:
            return out
        hi = float(np.median([b[1] for b in out]))
        lo = float(np.median([b[3] for b in out]))
        m = BOX_CLIP * (lo - hi)
        return [(b[0], max(b[1], math.floor(hi - m)), b[2], min(b[3], math.ceil(lo + m))) for b in out]

    lines: list[_Line] = []
    for name, fv in ex.fields.items():
        if not fv.words:
            continue
        label, same = _label_words(ex, up, s, top, fv.words)
        lab = _measure(up, boxes(label)) if label else None
        if lab is None or lab.stroke <= 0:
            continue
        by_cls: dict[str, list[Word]] = {}
        chars: dict[str, int] = {}
        inside = _enclosed(fv.span or fv.words)
        for w in same:
            c = _word_class(w.text)
            if c is None or _NOT_MEASURED.search(w.text) or any(w is e for e in inside):
                continue
            if _over_two_lines(w, fv.span or fv.words):
                continue  # no measure of one glyph
            chars[c] = chars.get(c, 0) + _chars(w.text)
            if _sane_box(up, boxes([w])[0], w.text):
                by_cls.setdefault(c, []).append(w)
        box = ex.box(name) or [0, 0, 0, 0]
        for cls, words in by_cls.items():
            sane = sum(_chars(w.text) for w in words)
            if sane < MIN_MEASURED_CHARS or sane < MIN_MEASURED_SHARE * chars[cls]:
                # most of the value's glyphs got boxes that are not a glyph's ("전주준" read as 전 (tL 주 re 준, the
                # syllables cut to their top halves, UnDotum 사업자등록증명): the one syllable left is no measure
                # of the font
                continue
            bxs = _near_label(boxes(words), lab)
            val = _measure(up, bxs)
            if val is None:
                continue
            digits = "".join(re.findall(r"\d", "".join(w.text for w in words)))
            lines.append(_Line(name, cls, val.height / lab.height, val.stroke / lab.stroke,
                               (val.bottom - lab.bottom) / lab.height, box, lab.height,
                               digits.count("1") / len(digits) if digits else 0.0))
    return lines


def glyph_signals(ex: Extraction, names: set[str] | None = None) -> dict[str, Signal]:
    """Fields whose glyphs depart from the page's font: height, stroke width, baseline against their label."""
    if (ex.source != "ocr" or ex.prepared is None or ex.image is None or _photographed(ex) or _unevenly_lit(ex)
            or _bilevel(ex)):
        return {}
    lines = _field_lines(ex)
    if lines:
        # a label measured far from the page's other labels was measured on a broken box (one syllable of
        # 상호(법인명) boxed by half): it is no reference for its value
        typical = float(np.median([ln.label_height for ln in lines]))
        lo, hi = LABEL_RANGE
        lines = [ln for ln in lines if lo * typical <= ln.label_height <= hi * typical]
    found: dict[str, Signal] = {}
    for ln in lines:
        if (names is not None and ln.field not in names) or ln.field in found:
            continue
        others = [o for o in lines if o.field != ln.field and o.cls == ln.cls]
        if len(others) < MIN_REFERENCE_LINES:
            continue
        # against the value's own label: a row printed bold or large (the 등록번호 on NTS certificates) has a label
        # to match. (A table that fits a long label into its cell with a smaller font breaks this: see
        # docs/benchmarks.md#tamper.)
        ref_h = float(np.median([o.height for o in others]))
        ref_s = float(np.median([o.stroke for o in others]))
        ref_b = float(np.median([o.baseline for o in others]))
        # each measurement's departure in units of its tolerance
        dev = {"height": (abs(math.log(ln.height / ref_h)) / HEIGHT_TOLERANCE, ln.height, ref_h),
               "stroke": ((abs(math.log(ln.stroke / ref_s)) / STROKE_TOLERANCE if ref_s > 0 and ln.stroke > 0
                           else 0.0), ln.stroke, ref_s),
               "baseline": (abs(ln.baseline - ref_b) / BASELINE_TOLERANCE, ln.baseline, ref_b)}
        # height and baseline move together (a taller glyph centred on the line ends lower): one witness, the
        # size; the stroke width is the other
        size_off = max(dev["height"][0], dev["baseline"][0]) > 1.0
        stroke_off = dev["stroke"][0] > 1.0
        # the baseline alone proves nothing: a label centred on a wrapped value or in a table cell sits apart; nor
        # does the stroke width alone of a line of digits that is mostly 1s (ONES_SHARE)
        stems = ln.cls == "digits" and ln.ones >= ONES_SHARE
        strong = max(dev["height"][0], 0.0 if stems else dev["stroke"][0]) > GLYPH_STRONG
        if (size_off and stroke_off) or strong:
            kind = max(dev, key=lambda k: dev[k][0])
            _, value, ref = dev[kind]
            found[ln.field] = Signal(ln.field, ln.box, kind, round(value, 3), round(ref, 3))
    return found


def glyph_table(ex: Extraction) -> list[Report]:
    """Every field line's glyph measurements (for ``bench/tamper.py``)."""
    if ex.source != "ocr" or ex.image is None:
        return []
    return [dict(ln.__dict__) for ln in _field_lines(ex)]


# ============================================================================= JPEG grid


def _steps(gray: Gray, axis: int) -> Floats:
    """The faint steps between neighbouring pixels along ``axis`` (1: between columns, 0: between rows), averaged
    over the other axis: element j is the step between pixels j+1 and j+2, less the mean of the steps just beside
    it (texture cancels out). Only small steps count (below :data:`GRID_EDGE`): block boundaries are faint steps in
    smooth paper, while glyph edges and ruled table lines are large ones at whatever phase they happen to fall."""
    g = gray.astype(np.float32)
    if axis == 0:
        g = g.T
    d = np.abs(np.diff(g, axis=1))
    d[d >= GRID_EDGE] = np.nan
    local = d[:, 1:-1] - (d[:, :-2] + d[:, 2:]) / 2  # column j: the step between pixels j+1 and j+2
    seen = np.isfinite(local)
    counts = seen.sum(axis=0)
    steps: Floats = np.where(counts > 0, np.nansum(np.where(seen, local, 0.0), axis=0) / np.maximum(counts, 1), 0.0)
    return steps


def _grid_phase(gray: Gray, axis: int) -> tuple[int, float]:
    """The 8-pixel phase of JPEG block boundaries along ``axis`` (:func:`_steps`) and how clearly it stands out (a
    z-score of that phase against the other seven). The phase is the index of the first pixel of a block (0 for a
    grid that starts at the region's edge)."""
    if gray.shape[1 if axis == 1 else 0] < 24:
        return 0, 0.0
    prof = _steps(gray, axis)
    n = (prof.size // 8) * 8
    per_phase = prof[:n].reshape(-1, 8).mean(axis=0)
    k = int(np.argmax(per_phase))
    rest = np.delete(per_phase, k)
    z = float((per_phase[k] - rest.mean()) / (rest.std() + 1e-6))
    return (k + 2) % 8, z


def _shift_t(gray: Gray, axis: int, own: int, ref: int) -> float:
    """How many standard errors the block boundaries at phase ``own`` stand out above those at phase ``ref``
    (phases of ``gray``'s own columns or rows, :func:`_grid_phase`): Welch's t over the blocks the region holds."""
    prof = _steps(gray, axis)
    phase = (np.arange(prof.size) + 2) % 8
    a, b = prof[phase == own], prof[phase == ref]
    if a.size < 2 or b.size < 2:
        return 0.0
    return float((a.mean() - b.mean()) / np.sqrt(a.var(ddof=1) / a.size + b.var(ddof=1) / b.size + 1e-12))


def page_grid(gray: Gray) -> tuple[int, int] | None:
    """The JPEG block grid of the whole page (column phase, row phase), or None when it is not clearly seen.

    Measured on every third row (for the column phase) and every third column (for the row phase): a page holds far
    more steps than a phase needs.
    """
    kx, zx = _grid_phase(gray[::3, :], 1)
    ky, zy = _grid_phase(gray[:, ::3], 0)
    if min(zx, zy) < GRID_PEAK:
        return None
    return kx, ky


def grid_signal(gray: Gray, box: list[int], name: str = "",
                page: tuple[int, int] | None = None, *, peak: float = GRID_PEAK) -> Signal | None:
    """A JPEG block grid inside ``box`` that is clearly seen along both axes and shifted along both against the
    page's grid (``page``, from :func:`page_grid` when not given).

    Both axes: a patch pasted at a random place is off along both 49 times in 64, while a wrong estimate in a small
    region (glyph strokes that happen to line up) was seen along one axis only on genuine pages.
    """
    if page is None:
        page = page_grid(gray)
        if page is None:
            return None
    x0, y0, x1, y1 = box
    h_img, w_img = gray.shape
    th = max(8, y1 - y0)
    pad = round(th * PATCH_PAD)
    bx0, by0, bx1, by1 = max(0, x0 - pad), max(0, y0 - pad), min(w_img, x1 + pad), min(h_img, y1 + pad)
    if bx1 - bx0 < GRID_MIN_PX or by1 - by0 < 16:
        return None
    inside = gray[by0:by1, bx0:bx1]
    (kx, zx), (ky, zy) = _grid_phase(inside, 1), _grid_phase(inside, 0)
    if min(zx, zy) < peak:
        return None
    here = ((kx + bx0) % 8, (ky + by0) % 8)
    if here[0] != page[0] and here[1] != page[1] and min(
            _shift_t(inside, 1, kx, (page[0] - bx0) % 8), _shift_t(inside, 0, ky, (page[1] - by0) % 8)) >= GRID_SHIFT_T:
        # phases as column phase × 8 + row phase
        return Signal(name, [x0, y0, x1, y1], "jpeg_grid", here[0] * 8.0 + here[1], page[0] * 8.0 + page[1])
    return None


# ============================================================================= verdict


def _flag(res: VerifyResult, name: str, sig: Signal) -> None:
    from pgdocs.ocr.result import FieldCheck

    fc = res.fields[name]
    res.fields[name] = FieldCheck(fc.declared, fc.found, "unreadable", fc.score, f"{REASON} ({sig.cause})",
                                  box=fc.box or sig.box, evidence="tamper")


def find(ex: Extraction, names: list[str], *, unmeasured: frozenset[str] = frozenset()) -> dict[str, Signal]:
    """Signals for the fields ``names`` of an OCR extraction: paper first, then glyphs (not of the fields
    ``unmeasured``), then the JPEG grid."""
    if ex.source != "ocr" or ex.image is None:
        return {}
    gray = np.asarray(grey(ex.image))
    grid = page_grid(gray) if ex.quality.get("input") == "jpeg" else None
    peak = GRID_PEAK_PHOTO if grid is not None and _photographed(ex) else GRID_PEAK
    found: dict[str, Signal] = {}
    for name in names:
        box = ex.box(name)
        if box is None:
            continue
        sig = check_box(gray, box, name)
        if sig is None and grid is not None:
            sig = grid_signal(gray, box, name, grid, peak=peak)
        if sig is not None:
            found[name] = sig
    rest = {n for n in names if n not in found and n not in unmeasured and ex.box(n) is not None}
    if rest:
        found.update(glyph_signals(ex, rest))
    return found


def mark(res: VerifyResult, ex: Extraction) -> dict[str, Signal]:
    """Turn every field of ``res`` whose value looks pasted over into *review* with :data:`REASON`.

    Only pages read by OCR are looked at (a text layer has no pixels of its own). Whatever the field's status was
    — match or mismatch — an edited value is not evidence either way.
    """
    # a field settled by its table cell read alone (evidence "cell_read") has no words of the page read to measure:
    # the page read mixed its row with a wrapped label — 경기도 … 15층 (장항동) became "걱기돈", three glyphs of two
    # lines, measured as a bigger font (a 300-dpi scan of a LibreOffice 사업자등록증명, bench/office.py)
    found = find(ex, [n for n in res.fields if n in FIELDS],
                 unmeasured=frozenset(n for n, fc in res.fields.items() if fc.evidence == "cell_read"))
    for name, sig in found.items():
        _flag(res, name, sig)
    if found:
        res.quality["tamper"] = {n: s.to_dict() for n, s in found.items()}
        log.info("fields that look edited: %s", ", ".join(f"{n} ({s.kind})" for n, s in found.items()))
    return found
