"""Prepare a page image for Tesseract (docs/ocr.md#image-preparation).

Stages, each cheap (numpy on a downscaled copy decides, one resample applies):
quality gate, 90° orientation (from the page's aspect ratio: OSD costs ~1 s a
page and was wrong on half-size Korean pages; 180° and 270° are handled by
re-reading when the labels do not read),
small-angle deskew by projection profile, scaling so Hangul glyphs are
~30 px high, red seal removal and background flattening for photos.

Every geometric step is recorded in an affine matrix so boxes found on the
prepared image map back to the original image's pixels.
"""

from __future__ import annotations

import dataclasses
import logging
import math
from dataclasses import dataclass, field
from typing import Literal, TypeAlias

import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageChops, ImageDraw, ImageFilter

from pgdocs.imaging import grey
from pgdocs.ocr.tesseract import Word

#: a 3×3 transform, or a page's four corners (float64)
Matrix: TypeAlias = NDArray[np.float64]
#: a yes/no map of pixels (ink, a rule)
Mask: TypeAlias = NDArray[np.bool_]
#: pixel coordinates as floats
Points: TypeAlias = NDArray[np.float64]

log = logging.getLogger(__name__)

__all__ = ["PATTERN_INK", "Prepared", "find_page", "glyph_height", "ink_share", "keystone", "long_runs",
           "orientation_is_vertical", "otsu", "perspective_coeffs", "prepare", "rank_filter", "skew_angle", "two_tone",
           "with_edges"]

#: Tesseract wants ~25-40 px glyphs (tessdoc ImproveQuality). Its LSTM rescales every line anyway, so
#: the page size mostly costs layout analysis: 26 px read as well as 30-40 px and took ~30% less CPU.
TARGET_GLYPH_PX = 26.0
MAX_GLYPH_PX = 34.0  #: larger glyphs are scaled down to TARGET_GLYPH_PX
MIN_OK_GLYPH_PX = 17.0  #: smaller glyphs are scaled up to UPSCALE_GLYPH_PX (docs/ocr.md#glyph-size)
UPSCALE_GLYPH_PX = 24.0
#: docs/ocr.md#deskew: 2° skew was harmless to Tesseract, 5° broke the number; lines are regrouped from boxes,
#: so small residual skew costs nothing and a full-page rotation (~0.2 s) is saved
DESKEW_MIN_DEG = 0.8
#: below this the image is left as it is and only the word boxes are turned (``Prepared.words_matrix``),
#: saving the ~0.3 s rotation. Measured on generated scans: at 1.5-2.5° Tesseract's own line finding lost
#: labels (10 → 7 on one page), so only slight skews skip the image rotation.
IMAGE_DESKEW_DEG = 1.2
MIN_LONG_SIDE = 1000  #: below this a whole A4 page cannot hold readable 10 pt text (docs/ocr.md#quality-gate)
REVIEW_LONG_SIDE = 600  #: below this we do not even try
MIN_GLYPH_PX = 9.0  #: smaller glyphs are guesswork even after 3x upscaling
#: a page of text's glyphs are about 1.1–1.5 % of its long side (10-pt text on A4); a measure above this share is
#: of something else — the shadow of uneven light — and is measured again on a levelled copy (:func:`prepare`)
PLAUSIBLE_GLYPH_SHARE = 0.03
#: a page of text is 1.5–5 % ink on the analysis copy (clean, scan, photo pages of bench/ocr.py seed 4); above this
#: share a shadow is counted as ink, and the skew and glyphs are measured again on a levelled copy too: a flat copy
#: under uneven light measured 6.5° of skew on its shadow and was turned by it, so that its certificate read as
#: "another document" (bench/ocr.py seed 367; levelled, 0.0°)
SHADOW_INK_SHARE = 0.06
MAX_SKEW_DEG = 6.0
_ANALYSIS_WIDTH = 900  #: width of the copy used for measurements
#: a photographed page: paper clearly brighter than what is around it (desk, floor, hand), covering between
#: these shares of the photo, shaped like a quadrilateral (fills this much of its corner quad, holes filled)
PAGE_CONTRAST = 40.0
PAGE_MIN_AREA, PAGE_MAX_AREA = 0.2, 0.93
PAGE_MIN_FILL = 0.95
PAGE_SPILL = 0.03  #: bright area outside the corners' quad, as a share of the quad
_PAGE_SIDE = 400  #: long side of the copy the page is looked for on


@dataclass
class Prepared:
    image: Image.Image  #: greyscale, ready for Tesseract
    matrix: Matrix  #: 3x3, original pixel -> prepared pixel
    words_matrix: Matrix = field(default_factory=lambda: np.eye(3))  #: prepared pixel -> word space
    rotation: int = 0  #: degrees counter-clockwise applied before deskew (0/90/180/270)
    skew: float = 0.0  #: small angle corrected, degrees
    scale: float = 1.0
    glyph_px: float | None = None  #: estimated glyph height in the original
    original_size: tuple[int, int] = (0, 0)
    warnings: list[str] = field(default_factory=list)  #: Korean, for the quality section
    too_poor: bool = False  #: quality gate says: do not OCR, a person must look
    flattened: bool = False  #: the light was uneven and the page was divided by its background
    bilevel: bool = False  #: a black-and-white page (fax, 1-bit scan): blurred when not scaled (BILEVEL_BLUR_PX)
    #: the page read as nothing and was read again with its screen pattern taken out (:func:`descreen`)
    descreened: bool = False

    def to_original(self, box: tuple[float, float, float, float]) -> list[int]:
        """Map a box in word space (see :meth:`straighten`) back to original pixels (corners' bounding box)."""
        inv = np.linalg.inv(self.words_matrix @ self.matrix)
        x0, y0, x1, y1 = box
        pts = np.array([[x0, y0, 1], [x1, y0, 1], [x0, y1, 1], [x1, y1, 1]], dtype=float).T
        o = inv @ pts
        o = o[:2] / o[2]  # a photographed page was unwarped: the matrix is a homography
        w, h = self.original_size
        xs = np.clip(o[0], 0, w)
        ys = np.clip(o[1], 0, h)
        return [round(float(xs.min())), round(float(ys.min())), round(float(xs.max())), round(float(ys.max()))]

    def straighten(self, words: list[Word]) -> list[Word]:
        """Words in word space: turned by the residual skew the image was not rotated for."""
        if np.allclose(self.words_matrix, np.eye(3)):
            return words
        out = []
        for w in words:
            cx, cy, _ = self.words_matrix @ np.array([w.left + w.width / 2, w.top + w.height / 2, 1.0])
            out.append(dataclasses.replace(w, left=round(cx - w.width / 2), top=round(cy - w.height / 2)))
        return out

    def image_box(self, box: tuple[float, float, float, float]) -> tuple[int, int, int, int]:
        """A word-space box on the prepared image (for cropping)."""
        inv = np.linalg.inv(self.words_matrix)
        x0, y0, x1, y1 = box
        pts = inv @ np.array([[x0, x1, x0, x1], [y0, y0, y1, y1], [1, 1, 1, 1]], dtype=float)
        return (int(pts[0].min()), int(pts[1].min()), math.ceil(pts[0].max()), math.ceil(pts[1].max()))

    def quality(self) -> dict[str, object]:
        return {
            "width": self.original_size[0],
            "height": self.original_size[1],
            "rotation": self.rotation,
            "skew_degrees": round(self.skew, 2),
            "scale": round(self.scale, 3),
            "glyph_px": round(self.glyph_px, 1) if self.glyph_px else None,
            "warnings": list(self.warnings),
        }


def _small_gray(img: Image.Image, width: int = _ANALYSIS_WIDTH) -> tuple[NDArray[np.float32], float]:
    f = min(1.0, width / img.width)
    small = img if img.mode == "L" else img.convert("L")
    if f < 1.0:
        small = small.resize((max(1, round(img.width * f)), max(1, round(img.height * f))), Image.Resampling.BOX)
    return np.asarray(small, dtype=np.float32), f


#: window of the paper level a small analysis copy is divided by (pixels of that copy: a few glyphs wide)
LEVEL_WINDOW_SMALL = 15


def _levelled(gray: NDArray[np.float32]) -> NDArray[np.float32]:
    """``gray`` divided by its local paper level (a closing: glyphs vanish into the paper around them)."""
    g8 = np.clip(gray, 0, 255).astype(np.uint8)
    level = _paper_level(g8, LEVEL_WINDOW_SMALL)
    out: NDArray[np.float32] = np.clip(gray * 255.0 / np.maximum(level.astype(np.float32), 1.0), 0, 255)
    return out


def _ink(gray: NDArray[np.float32]) -> Mask:
    """Boolean ink mask: clearly darker than the paper; speckle noise removed (3x3 majority)."""
    bg = float(np.percentile(gray, 90))
    dark = float(np.percentile(gray, 0.5))
    thr = min(bg - 40.0, (bg + dark) / 2)
    ink = gray < thr
    # page frames sit near the edges and would dominate the projections: ignore a margin
    h, w = ink.shape
    my, mx = int(h * 0.06), int(w * 0.06)
    ink[:my, :] = False
    ink[h - my :, :] = False
    ink[:, :mx] = False
    ink[:, w - mx :] = False
    # table rules: drop rows/columns that are mostly ink
    ink[:, ink.sum(axis=0) > 0.45 * ink.shape[0]] = False
    ink[ink.sum(axis=1) > 0.6 * ink.shape[1], :] = False
    # keep a pixel only when at least 3 of its 3x3 neighbourhood are ink (drops isolated noise)
    p = np.pad(ink, 1).astype(np.uint8)
    n = sum(p[1 + dy : p.shape[0] - 1 + dy, 1 + dx : p.shape[1] - 1 + dx] for dy in (-1, 0, 1) for dx in (-1, 0, 1))
    return ink & (n >= 3)


def _profile_score(ys: Points, xs: Points, angle_deg: float, n: int) -> float:
    a = math.radians(angle_deg)
    proj = ys * math.cos(a) - xs * math.sin(a)
    hist = np.bincount(np.clip(proj - proj.min(), 0, None).astype(np.int64), minlength=1)
    return float((hist.astype(np.float64) ** 2).sum()) / max(n, 1)


def _ink_points(ink: Mask, limit: int = 60_000) -> tuple[Points, Points]:
    ys, xs = np.nonzero(ink)
    if len(ys) > limit:
        step = len(ys) // limit + 1
        ys, xs = ys[::step], xs[::step]
    return ys.astype(np.float64), xs.astype(np.float64)


def skew_angle(ink: Mask, max_deg: float = MAX_SKEW_DEG) -> float:
    """Small skew angle in degrees (positive: text rises to the right), by projection profile."""
    ys, xs = _ink_points(ink)
    if len(ys) < 200:
        return 0.0
    n = len(ys)
    coarse = np.arange(-max_deg, max_deg + 1e-9, 0.5)
    scores = [_profile_score(ys, xs, a, n) for a in coarse]
    best = float(coarse[int(np.argmax(scores))])
    fine = np.arange(best - 0.5, best + 0.5 + 1e-9, 0.1)
    scores = [_profile_score(ys, xs, a, n) for a in fine]
    # the best projection angle a is minus the page's rise angle
    return -float(fine[int(np.argmax(scores))])


def orientation_is_vertical(ink: Mask) -> bool:
    """True when text lines run up/down (page turned by 90°): columns profile beats rows profile."""
    ys, xs = _ink_points(ink)
    if len(ys) < 200:
        return False
    n = len(ys)
    rows = max(_profile_score(ys, xs, a, n) for a in (-2.0, 0.0, 2.0))
    cols = max(_profile_score(xs, ys, a, n) for a in (-2.0, 0.0, 2.0))
    return cols > rows * 1.15


#: a run of inked rows whose fullest row holds more ink than this share of the page's width is a table rule (or a
#: row of security-pattern boxes), not a line of text: a slightly skewed rule escapes :func:`_ink`'s row filter
#: and, along the text direction, makes a run of 2–4 rows. A 사업자등록증명 has one between every two rows of its
#: table; counted as lines they pulled the median to half the glyph height (10 px for 20-px glyphs on a 200-dpi
#: scan: upscaled 2.4× and every field called too small to trust, bench/ocr.py seed 17). Text rows reach ~30 %
RULE_ROW_SHARE = 0.5
#: …and that is at most this many rows tall (pixels of the analysis copy; glyph lines there are 8–15): the shadow of
#: uneven light is "ink" across the page's width too, in tall runs, and leaving those out left a photo's median
#: to its short runs (11 px for 24-px glyphs, bench/ocr.py seed 4, classic uneven)
RULE_RUN_MAX = 4


def glyph_height(ink: Mask, skew: float = 0.0) -> float | None:
    """Median height of text lines (runs of inked rows along the text direction), in ``ink`` pixels."""
    ys, xs = np.nonzero(ink)
    if len(ys) == 0:
        return None
    a = math.radians(-skew)
    proj = ys * math.cos(a) - xs * math.sin(a)
    rows = np.bincount((proj - proj.min()).astype(np.int64))
    floor = float(np.percentile(rows, 20))  # noise level of blank rows
    on = rows > max(2.0, 0.004 * ink.shape[1], floor + 0.15 * (float(np.percentile(rows, 95)) - floor))
    rule = RULE_ROW_SHARE * ink.shape[1]
    heights: list[int] = []
    start: int | None = None
    for i, v in enumerate([*on.tolist(), False]):
        if v and start is None:
            start = i
        elif not v and start is not None:
            if i - start > RULE_RUN_MAX or rows[start:i].max() <= rule:
                heights.append(i - start)
            start = None
    heights = [h for h in heights if h >= 3]
    if not heights:
        return None
    return float(np.median(heights))


def _red_mask(img: Image.Image) -> Image.Image:
    r, g, b = img.split()
    excess = ImageChops.subtract(r, ImageChops.lighter(g, b))  # r - max(g, b), clipped at 0
    return ImageChops.multiply(excess.point(lambda v: 255 if v > 45 else 0), r.point(lambda v: 255 if v > 110 else 0))


def _grey_without_red(img: Image.Image) -> Image.Image:
    """Greyscale with seal ink (clearly red) turned white, so the 세무서장 line reads (docs/ocr.md#red-seal).

    The red area is found on a small copy; only that region is processed at full size.
    """
    gray = grey(img)  # the page's own grey, shared: copied below before the seal is painted out of it
    if img.mode != "RGB":
        return gray
    f = min(1.0, 500 / max(img.size))
    small = img.resize((max(1, round(img.width * f)), max(1, round(img.height * f))), Image.Resampling.BOX)
    bbox = _red_mask(small).getbbox()
    if bbox is None:
        return gray
    x0, y0, x1, y1 = (max(0, round(v / f)) for v in bbox)
    pad = round(4 / f)
    box = (max(0, x0 - pad), max(0, y0 - pad), min(img.width, x1 + pad), min(img.height, y1 + pad))
    mask = _red_mask(img.crop(box))
    region = gray.crop(box)
    region.paste(255, mask=mask)
    gray = gray.copy()
    gray.paste(region, box[:2])
    return gray


#: a black-and-white page (a fax, a scanner's 1-bit TIFF or PDF) whose glyphs are read at the size they are is
#: blurred by this radius: Tesseract's models were trained on anti-aliased text and read a 1-bit page's jagged
#: strokes as other glyphs. Measured on 24 fax pages (28-px glyphs; nts, nts2025, 사업자등록증명, bench seed 4):
#: genuine pass 3 → 12 at 1.0 px (11 blurred before the page was measured), 8 at 0.7 (and one genuine 불일치), 11
#: at 1.4; on 24 held-out fax pages of four families (seed 11) 7 → 13 at 1.0 and 1.4. A page scaled to the glyph
#: size is anti-aliased by the resampling: blurred as well, a 1-bit page of 13-px glyphs (scaled 1.85×) lost its
#: 상호 or a 종목 item it had read
BILEVEL_BLUR_PX = 1.0


#: rows across the middle of a page looked at first for a third grey level (:func:`two_tone`)
TWO_TONE_BAND = 32


def two_tone(gray: Image.Image) -> bool:
    """``gray`` holds only two grey levels (black and white). A band of rows across the middle is counted first:
    a page of many greys shows three there, and the whole page's histogram is not needed (5–17 ms at 300 dpi)."""
    top = gray.height // 2
    band = gray.crop((0, top, gray.width, min(gray.height, top + TWO_TONE_BAND)))
    return band.getcolors(2) is not None and gray.getcolors(2) is not None


def _flatten_background(gray: Image.Image) -> tuple[Image.Image, bool]:
    """Divide by a blurred background estimate when lighting is uneven (phone photos)."""
    f = min(1.0, 400 / max(gray.size))
    small = gray.resize((max(1, round(gray.width * f)), max(1, round(gray.height * f))), Image.Resampling.BOX)
    # MaxFilter(7) pixel for pixel, in two one-dimensional passes (PIL's rank filter: 12 ms a call here)
    bg_small = Image.fromarray(rank_filter(np.asarray(small), 7, biggest=True), "L")
    bg_small = bg_small.filter(ImageFilter.GaussianBlur(6))
    arr = np.asarray(bg_small, dtype=np.float32)
    if float(arr.std()) < 10 and float(np.percentile(arr, 10)) > 170:
        return gray, False
    bg = np.asarray(bg_small.resize(gray.size, Image.Resampling.BILINEAR))
    return Image.fromarray(_over_level(np.asarray(gray), bg, scale_first=False), "L"), True


def _over_level(gray: NDArray[np.uint8], level: NDArray[np.uint8], *, scale_first: bool) -> NDArray[np.uint8]:
    """``gray`` × 255 / ``level`` (at least 1), in float32, clipped to 255: the page divided by its paper level.
    ``scale_first``: times 255, then divided; else divided, then times 255 — each caller keeps the order it was
    tuned with (the two round some pixels one grey level apart). In place on one float32 copy: a full page's
    temporaries cost more than the arithmetic (0.05 s against 0.03 s at 300 dpi)."""
    out = gray.astype(np.float32)
    if scale_first:
        out *= np.float32(255.0)
        out /= np.maximum(level, np.uint8(1))
    else:
        out /= np.maximum(level, np.uint8(1))
        out *= np.float32(255.0)
    np.minimum(out, np.float32(255.0), out=out)  # never below 0: neither factor is
    return out.astype(np.uint8)


def perspective_coeffs(dst: list[tuple[float, float]], src: list[tuple[float, float]]) -> tuple[float, ...]:
    """Coefficients for ``Image.transform(PERSPECTIVE)``: output corners ``dst`` come from input corners ``src``."""
    a = []
    b = []
    for (x, y), (u, v) in zip(dst, src, strict=True):
        a.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        a.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        b.extend([u, v])
    sol = np.linalg.solve(np.array(a, dtype=np.float64), np.array(b, dtype=np.float64))
    return tuple(float(v) for v in sol)


#: a prepared page more of whose pixels than this fall under Otsu's threshold (dark, as Tesseract binarises it) is
#: a pattern, not a page of text: the moiré of a phone photo of a monitor, which levelling turns into stripes
#: Tesseract took for text for 60 s (0.18 of the page; 79 other pages of every family and variant: at most 0.06,
#: bench/ocr.py seed 127; the moiré photos of seed 487 that read for 10–20 s: 0.22–0.35, the others 0.03–0.08)
PATTERN_INK = 0.12


def ink_share(image: Image.Image) -> float:
    """The share of ``image``'s pixels (every second row and column: the same share within 0.01, in 5 ms for a
    page) under Otsu's threshold — what Tesseract's binarisation would take for ink."""
    pixels = np.asarray(image.convert("L"))[::2, ::2]
    return float((pixels <= otsu(pixels)).mean())


def otsu(values: NDArray[np.uint8]) -> float:
    """Otsu's threshold of ``values``: the grey level that best splits them into two classes."""
    hist = np.bincount(values.ravel(), minlength=256).astype(np.float64)
    total = hist.sum()
    levels = np.arange(256, dtype=np.float64)
    w0 = np.cumsum(hist)
    m0 = np.cumsum(hist * levels)
    w1 = total - w0
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (m0[-1] * w0 / total - m0) ** 2 / (w0 * w1)
    between[~np.isfinite(between)] = 0
    return float(np.argmax(between))


def _span_fill(mask: Mask) -> Mask:
    """Each row of ``mask`` filled from its first to its last set pixel."""
    w = mask.shape[1]
    first = mask.argmax(axis=1)
    last = w - 1 - mask[:, ::-1].argmax(axis=1)
    cols = np.arange(w)
    rows: Mask = np.asarray(mask.any(axis=1))
    out: Mask = rows[:, None] & (cols[None, :] >= first[:, None]) & (cols[None, :] <= last[:, None])
    return out


#: a photographed sheet: every corner between these angles, no side shorter than this share of the longest
PAGE_ANGLES = (30.0, 150.0)
PAGE_MIN_SIDE = 0.25


def _page_shaped(quad: Matrix) -> bool:
    """Convex, every corner angle within PAGE_ANGLES, no side much shorter than the others (a triangle's extremes
    give two corners close together)."""
    sides = [quad[(i + 1) % 4] - quad[i] for i in range(4)]
    lengths = [float(np.hypot(*v)) for v in sides]
    if min(lengths) < PAGE_MIN_SIDE * max(lengths):
        return False
    turns = []
    for i in range(4):
        (ax, ay), (bx, by) = sides[i], sides[(i + 1) % 4]
        turns.append(float(ax * by - ay * bx))
        cos = -float(ax * bx + ay * by) / (lengths[i] * lengths[(i + 1) % 4])
        if not PAGE_ANGLES[0] <= math.degrees(math.acos(max(-1.0, min(1.0, cos)))) <= PAGE_ANGLES[1]:
            return False
    return all(t > 0 for t in turns) or all(t < 0 for t in turns)  # convex


def find_page(image: Image.Image) -> Matrix | None:
    """Corners (top-left, top-right, bottom-right, bottom-left; ``image`` pixels) of a sheet of paper photographed
    on a darker surface, or ``None`` when the image is not that (a scan, a page filling the photo, a page cut
    by the photo's edge, a background as bright as the paper).

    Looked for on the image's plain brightness, not on the copy with red seal ink turned white: a maroon cloth or
    a wooden desk is "clearly red" too, and became paper around the page (a photo on a dark red desk, bench/ocr.py
    seed 311, was read unstraightened and upside down).

    The paper is what is brighter than Otsu's threshold on a small, median-filtered copy; its corners are the
    extremes of x+y and x−y. Used only when that region is clearly one quadrilateral (anything else bright in
    the photo lowers the fill and the page is left as it is): a wrong warp would cost more than no warp.
    """
    f = min(1.0, _PAGE_SIDE / max(image.size))
    small = image.resize((max(1, round(image.width * f)), max(1, round(image.height * f))), Image.Resampling.BOX)
    small = small.convert("L").filter(ImageFilter.MedianFilter(3))  # text and noise out; the paper's edge stays
    arr = np.asarray(small, dtype=np.uint8)
    h, w = arr.shape
    paper = arr > otsu(arr)
    share = float(paper.mean())
    if not PAGE_MIN_AREA <= share <= PAGE_MAX_AREA:
        return None
    if float(arr[paper].mean()) - float(arr[~paper].mean()) < PAGE_CONTRAST:
        return None
    py, px = np.nonzero(paper)
    quad = np.array([(px[i], py[i]) for i in (np.argmin(px + py), np.argmax(px - py), np.argmax(px + py),
                                               np.argmin(px - py))], dtype=np.float64)
    edge = 2
    if any(x <= edge or y <= edge or x >= w - 1 - edge or y >= h - 1 - edge for x, y in quad):
        return None  # a corner at the photo's edge: the page runs out of the picture
    outline = Image.new("L", (w, h), 0)
    ImageDraw.Draw(outline).polygon([(float(x), float(y)) for x, y in quad], fill=1)
    inside = np.asarray(outline, dtype=bool)
    solid = _span_fill(paper) & _span_fill(paper.T).T  # text, tables and a seal are holes in the paper
    if (solid & inside).sum() < PAGE_MIN_FILL * inside.sum() or (solid & ~inside).sum() > PAGE_SPILL * inside.sum():
        return None  # not one quadrilateral (a hand, a folded corner, something else bright beside the page)
    if not _page_shaped(quad):
        return None
    return (quad + 0.5) / f


def _unwarp(gray: Image.Image, quad: Matrix) -> tuple[Image.Image, Matrix]:
    """The page inside ``quad`` straightened to a rectangle; and the matrix original → straightened pixels."""
    tl, tr, br, bl = quad
    width = round((np.linalg.norm(tr - tl) + np.linalg.norm(br - bl)) / 2)
    height = round((np.linalg.norm(bl - tl) + np.linalg.norm(br - tr)) / 2)
    dst = [(0.0, 0.0), (float(width), 0.0), (float(width), float(height)), (0.0, float(height))]
    coeffs = perspective_coeffs(dst, [(float(x), float(y)) for x, y in quad])
    out = gray.transform((width, height), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BILINEAR,
                         fillcolor=255)
    a, b, c, d, e, f, g, h = coeffs
    return out, np.linalg.inv(np.array([[a, b, c], [d, e, f], [g, h, 1.0]]))


#: a photo whose page fills the frame (no desk around it to find its corners) is straightened by its lines of
#: text: the page between KEYSTONE_SPAN of its height is cut into KEYSTONE_BANDS bands, each band's skew measured,
#: and where the skew changes steadily from top to bottom — the lines converge on a vanishing point, as a phone
#: held at a slant makes them — by at least KEYSTONE_MIN_DEG over the page, with every band but
#: KEYSTONE_OUTLIERS within KEYSTONE_FIT_DEG of one straight fit, the page is unwarped so that they are level.
#: The title, the seal and the security boxes above and below the span fool the measure, and a straight page's
#: bands measure up to 1–2° apart: over the 728 clean, scan, fax, capture, low-resolution and uneven-light pages
#: of bench/ocr.py seeds 4 and 307–353 a consistent fit changed by at most 2.0° (a 200-dpi scan), over the 32
#: photos of seed 4 cropped to the page by up to 6.9° (18 of them by KEYSTONE_MIN_DEG or more)
KEYSTONE_SPAN = (0.1, 0.9)
KEYSTONE_BANDS = 8
KEYSTONE_MIN_DEG = 2.2
KEYSTONE_FIT_DEG = 0.6
KEYSTONE_OUTLIERS = 1
KEYSTONE_MIN_INK = 300  #: ink pixels (on the analysis copy) a band needs for its skew to be measured


def keystone(ink: Mask) -> tuple[float, float] | None:
    """The page's skew as a straight function of height, ``angle(y) = a + b·y`` (degrees, ``y`` from 0 at the top
    to 1 at the bottom), when the bands of :data:`KEYSTONE_BANDS` agree on one that changes by at least
    :data:`KEYSTONE_MIN_DEG`; else ``None``. Siegel's repeated median: for each band the median of its slopes to
    the others, and the median of those (a few bands fooled by a seal or a box, all off to one side, do not tilt
    it as they tilt a plain median of every pair's slope)."""
    h = ink.shape[0]
    lo, hi = KEYSTONE_SPAN
    pts: list[tuple[float, float]] = []
    for k in range(KEYSTONE_BANDS):
        y0 = round(h * (lo + (hi - lo) * k / KEYSTONE_BANDS))
        y1 = round(h * (lo + (hi - lo) * (k + 1) / KEYSTONE_BANDS))
        band = ink[y0:y1]
        if int(band.sum()) >= KEYSTONE_MIN_INK:
            pts.append(((y0 + y1) / 2 / h, skew_angle(band)))
    if len(pts) < KEYSTONE_BANDS - 2:
        return None
    b = float(np.median([np.median([(a2 - a1) / (y2 - y1) for j, (y2, a2) in enumerate(pts) if j != i])
                         for i, (y1, a1) in enumerate(pts)]))
    a = float(np.median([ang - b * y for y, ang in pts]))
    off = sum(abs(ang - (a + b * y)) > KEYSTONE_FIT_DEG for y, ang in pts)
    return (a, b) if abs(b) >= KEYSTONE_MIN_DEG and off <= KEYSTONE_OUTLIERS else None


def _level_lines(gray: Image.Image, fit: tuple[float, float]) -> tuple[Image.Image, Matrix] | None:
    """``gray`` unwarped so that lines whose skew is ``fit`` (:func:`keystone`) are level, and the matrix from its
    pixels to the new ones; ``None`` when the warp would stretch the page out of shape.

    The images of a page's level lines meet in one vanishing point, so a line's slope at the page's centre is a
    straight function of its height: the lines at a fifth and four fifths of the height, with the page's left and
    right edges, are a quadrilateral that maps to a rectangle — and every level line of the page with it."""
    w, h = gray.size
    a, b = fit
    cx = w / 2
    y1, y2 = 0.2 * h, 0.8 * h
    t1, t2 = (-math.tan(math.radians(a + b * y / h)) for y in (y1, y2))  # rising to the right: y goes down
    src = [(0.0, y1 - t1 * cx), (float(w), y1 + t1 * cx), (float(w), y2 + t2 * cx), (0.0, y2 - t2 * cx)]
    dst = [(0.0, y1), (float(w), y1), (float(w), y2), (0.0, y2)]
    c = np.array([*perspective_coeffs(dst, src), 1.0]).reshape(3, 3)  # new pixel -> old pixel
    fwd = np.linalg.inv(c)
    corners = fwd @ np.array([[0, w, w, 0], [0, 0, h, h], [1, 1, 1, 1]], dtype=float)
    xs, ys = corners[0] / corners[2], corners[1] / corners[2]
    nw, nh = math.ceil(float(xs.max() - xs.min())), math.ceil(float(ys.max() - ys.min()))
    if not (0.8 * w <= nw <= 1.25 * w and 0.8 * h <= nh <= 1.25 * h):
        return None
    shift = np.array([[1, 0, -float(xs.min())], [0, 1, -float(ys.min())], [0, 0, 1]], dtype=float)
    back = c @ np.linalg.inv(shift)
    back /= back[2, 2]
    out = gray.transform((nw, nh), Image.Transform.PERSPECTIVE, tuple(back.flatten()[:8]), Image.Resampling.BICUBIC,
                         fillcolor=255)
    return out, shift @ fwd


def _turn_matrix(angle: float, size: tuple[int, int], new_size: tuple[int, int]) -> Matrix:
    """Matrix of ``Image.rotate(-angle, expand=...)`` from ``size`` to ``new_size``: a turn about the centre.
    PIL rotate(θ) maps (x, y) around the centre with y down: x' = c·dx + s·dy, y' = -s·dx + c·dy."""
    a = math.radians(-angle)
    c, s = math.cos(a), math.sin(a)
    t1 = np.array([[1, 0, -size[0] / 2], [0, 1, -size[1] / 2], [0, 0, 1]], dtype=float)
    r = np.array([[c, s, 0], [-s, c, 0], [0, 0, 1]], dtype=float)
    t2 = np.array([[1, 0, new_size[0] / 2], [0, 1, new_size[1] / 2], [0, 0, 1]], dtype=float)
    out: Matrix = t2 @ r @ t1
    return out


def _rotation_matrix(k90: int, w: int, h: int) -> Matrix:
    """Matrix of ``Image.rotate(90*k90, expand=True)`` (counter-clockwise) from (w, h)."""
    k = k90 % 4
    if k == 0:
        return np.eye(3)
    if k == 1:  # (x, y) -> (y, w - x)
        return np.array([[0, 1, 0], [-1, 0, w], [0, 0, 1]], dtype=float)
    if k == 2:
        return np.array([[-1, 0, w], [0, -1, h], [0, 0, 1]], dtype=float)
    return np.array([[0, -1, h], [1, 0, 0], [0, 0, 1]], dtype=float)  # k == 3: (x, y) -> (h - y, x)


#: what preparing a page did to it: told in its quality section, never as the reason a page could not be read
UNWARPED_NOTE = "사진에서 서류 영역을 찾아 반듯하게 폈습니다."
FLATTENED_NOTE = "조명이 고르지 않아 배경을 보정했습니다."
NOTES = frozenset({UNWARPED_NOTE, FLATTENED_NOTE})
SCREEN_ADVICE = ("화면을 찍은 사진으로 보입니다. 화면의 물결무늬가 글자를 가립니다: "
                 "화면을 찍지 말고 원본 파일(PDF)이나 스캔본을 올려 주세요.")
#: colour that changes from pixel to pixel (mean |opponent channel − its 13-px box mean| of the two opponent
#: channels, on a ≤ 1000-px copy) above this: the red-green-blue fringes of a phone photo of a monitor. Paper in
#: any light has a colour cast, not fringes: clean/photo/uneven/capture/thumbnail pages of bench/ocr.py seed 4
#: measure 0.4–2.6, its moiré photos 3.8–62. Used for the advice on an unreadable page, and to make a difference
#: on such a page review, never 불일치 (:func:`pgdocs.ocr.verify._low_resolution`): it never makes a field pass
SCREEN_FRINGE = 3.0


def screen_fringes(image: Image.Image) -> float:
    """How much the colour of ``image`` changes from pixel to pixel (see :data:`SCREEN_FRINGE`); 0 for grey."""
    if image.mode != "RGB":
        return 0.0
    small = image.copy()
    small.thumbnail((1000, 1000), Image.Resampling.BOX)
    a = np.asarray(small, dtype=np.float32)
    red_green: NDArray[np.float32] = a[..., 0] - a[..., 1]
    blue_yellow: NDArray[np.float32] = ((a[..., 0] + a[..., 1]) / 2 - a[..., 2]).astype(np.float32)
    return float(sum(np.mean(np.abs(ch - _box_mean(ch, 13, mode="edge"))) for ch in (red_green, blue_yellow)))


def screen_photo(image: Image.Image) -> bool:
    """``image`` is a phone photo of a monitor: its colour changes from pixel to pixel like a screen's sub-pixel
    fringes (:data:`SCREEN_FRINGE`)."""
    return screen_fringes(image) > SCREEN_FRINGE


def brightest_channel(image: Image.Image) -> Image.Image:
    """Grey from the brightest of R, G and B (the V of HSV): white where a colour fringe is, dark only where all three
    channels are — the black text under a monitor's moiré (:func:`screen_fringes`)."""
    if image.mode != "RGB":
        return image.convert("L")
    r, g, b = image.split()
    return ImageChops.lighter(ImageChops.lighter(r, g), b)


def unreadable_reason(quality: dict[str, object], *,
                      missing: str = "항목 이름(상호, 대표자 …)을 찾지 못했습니다.") -> str:
    """The one sentence for a page read as too little of its document: the quality warnings that are advice (not
    :data:`NOTES`), the screen's fringes when measured (``quality["screen_photo"]``), else what was not found
    and how to take the page again."""
    warnings = quality.get("warnings")
    said = [str(w) for w in warnings if w not in NOTES] if isinstance(warnings, list) else []
    if quality.get("screen_photo"):
        said.append(SCREEN_ADVICE)
    if not said:
        said = [f"{missing} 서류 전체가 반듯하고 밝고 선명하게 나오도록 다시 찍거나 300 dpi로 스캔해 주세요."]
    return "서류를 읽을 수 없습니다: " + " ".join(said)


def prepare(image: Image.Image, *, rotation: int | None = None, source_dpi: float | None = None) -> Prepared:
    """Run the quality gate, orientation, deskew, scaling and clean-up on an RGB page image.

    ``rotation`` forces the 90° step (used when re-reading a page that came out as junk).
    """
    w, h = image.size
    prep = Prepared(image=image, matrix=np.eye(3), original_size=(w, h))
    if max(w, h) < REVIEW_LONG_SIDE:
        prep.too_poor = True
        prep.warnings.append(
            f"이미지가 너무 작습니다 ({w}×{h} 픽셀). 300 dpi로 스캔하거나 서류 전체가 화면을 채우도록 다시 찍어 주세요."
        )
        return prep
    if max(w, h) < MIN_LONG_SIDE:
        prep.warnings.append(f"해상도가 낮습니다 ({w}×{h} 픽셀). 결과가 부정확하면 300 dpi로 다시 스캔해 주세요.")

    base = _grey_without_red(image)
    prep.bilevel = two_tone(base)
    m = np.eye(3)
    quad = find_page(image)
    if quad is not None:
        base, m = _unwarp(base, quad)
        prep.warnings.append(UNWARPED_NOTE)
    if rotation is None:
        # A certificate is A4 portrait: a landscape image is a page turned by 90° (EXIF already applied).
        # Projection profiles were tried first and are fooled by frames and seals; 180° is caught later
        # by re-reading a page whose labels do not read.
        rotation = 90 if base.width > base.height * 1.05 else 0
    img = base
    if rotation % 360:
        m = _rotation_matrix(rotation // 90, img.width, img.height) @ m
        img = img.rotate(rotation, expand=True)
    # measured once the page is turned: a turned page's measures are all that is used
    gray_small, f = _small_gray(img)
    ink = _ink(gray_small)
    prep.rotation = rotation % 360
    if quad is None and not prep.bilevel and (fit := keystone(ink)) is not None and (
            levelled := _level_lines(img, fit)) is not None:
        img, turn = levelled
        m = turn @ m
        prep.warnings.append(UNWARPED_NOTE)
        gray_small, f = _small_gray(img)
        ink = _ink(gray_small)

    angle = skew_angle(ink)
    gh_small = glyph_height(ink, angle)
    long_side = max(img.size)
    implausible = gh_small is None or not MIN_GLYPH_PX <= gh_small / f <= PLAUSIBLE_GLYPH_SHARE * long_side
    if implausible or float(ink.mean()) > SHADOW_INK_SHARE:
        # glyphs too small to read, or too big for a page of text, by a global threshold: under uneven light the
        # shadowed paper is "ink" too and the measure is of the shadow (7 px and 6.5° of skew for a page of 29-px
        # glyphs, level; 91 px for a 사업자등록증명 of 24-px glyphs, which was then shrunk to 10-px glyphs and read
        # as junk). Measured again on a copy divided by its local paper level; kept when that finds glyphs of a
        # page of text
        level_ink = _ink(_levelled(gray_small))
        level_angle = skew_angle(level_ink)
        level_gh = glyph_height(level_ink, level_angle)
        # (a page measured plausibly is measured on the levelled copy only when that copy is a page of text: a
        # monitor's moiré stays "ink" when levelled, and measured 9 px glyphs for 24)
        if level_gh is not None and MIN_GLYPH_PX <= level_gh / f <= PLAUSIBLE_GLYPH_SHARE * long_side and (
                implausible or float(level_ink.mean()) <= SHADOW_INK_SHARE):
            angle, gh_small = level_angle, level_gh
    glyph = gh_small / f if gh_small else None
    prep.glyph_px = glyph
    if glyph is not None and glyph < MIN_GLYPH_PX:
        prep.warnings.append(
            f"글자가 너무 작습니다 (약 {glyph:.0f} 픽셀). 서류를 가까이에서 찍거나 300 dpi로 스캔해 주세요."
        )
        if glyph < MIN_GLYPH_PX * 0.6:
            prep.too_poor = True
    scale = 1.0
    if glyph and glyph > MAX_GLYPH_PX:
        scale = TARGET_GLYPH_PX / glyph
    elif glyph and glyph < MIN_OK_GLYPH_PX:
        scale = min(3.0, UPSCALE_GLYPH_PX / glyph)
    scale = float(max(0.35, scale))
    prep.scale = scale

    if scale != 1.0:
        nw, nh = max(1, round(img.width * scale)), max(1, round(img.height * scale))
        sx, sy = nw / img.width, nh / img.height
        # bilinear is antialiased when shrinking and 3x cheaper than Lanczos; Lanczos when enlarging
        method = Image.Resampling.BILINEAR if scale < 1 else Image.Resampling.LANCZOS
        img = img.resize((nw, nh), method)
        m = np.array([[sx, 0, 0], [0, sy, 0], [0, 0, 1]], dtype=float) @ m
    # (a page scaled to the glyph size is anti-aliased by the resampling itself)
    gray = img.filter(ImageFilter.GaussianBlur(BILEVEL_BLUR_PX)) if prep.bilevel and scale == 1.0 else img
    gray, flattened = _flatten_background(gray)
    prep.flattened = flattened
    if flattened:
        prep.warnings.append(FLATTENED_NOTE)
    if DESKEW_MIN_DEG <= abs(angle) < IMAGE_DESKEW_DEG:
        prep.words_matrix = _turn_matrix(angle, gray.size, gray.size)
        prep.skew = angle
    elif abs(angle) >= IMAGE_DESKEW_DEG:
        # Image.rotate turns counter-clockwise; a page rising to the right needs clockwise (negative)
        before = gray.size
        # bicubic: bilinear halves the time (0.13 vs 0.26 s a page) but lost labels on a 2.5° scan
        gray = gray.rotate(-angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
        m = _turn_matrix(angle, before, gray.size) @ m
        prep.skew = angle
    prep.image = gray
    prep.matrix = m
    log.debug("prepared: rot=%s skew=%.2f scale=%.2f glyph=%s", prep.rotation, angle, scale, glyph)
    return prep


# ============================================================================= a second look at the whole page

#: window of the paper level a page is divided by, in glyph heights: wide enough that a glyph's strokes do not
#: set the level, narrow enough to follow a grey label cell, a security pattern or the emblem behind the text
LEVEL_WINDOW_GLYPHS = 1.5
#: after levelling, darker than this is ink (rules, strokes)
RULE_INK = 140
#: a straight run of ink at least this long — in glyph heights, and never under RULE_MIN_PX — is a table rule,
#: not a stroke: the longest Hangul stroke is about one glyph (ㅡ in a wide syllable)
RULE_MIN_GLYPHS = 2.0
RULE_MIN_PX = 60


def long_runs(dark: Mask, length: int, axis: int = 1) -> Mask:
    """Pixels on a run of ``dark`` at least ``length`` long along ``axis`` (1: rows, 0: columns).

    Vectorised: each run's start and end from one difference, then the long runs filled in by one cumulative sum
    (0.23 s for a 2614×3602 page; two cumulative sums and a gather per pixel took 1.2–1.9 s)."""
    m = dark if axis == 1 else dark.T
    rows, width = m.shape
    edge = np.diff(m.astype(np.int8), axis=1, prepend=np.int8(0), append=np.int8(0))
    start_r, start_c = np.nonzero(edge == 1)
    end_r, end_c = np.nonzero(edge == -1)  # row-major order: the k-th end closes the k-th start
    long = (end_c - start_c) >= length
    delta = np.zeros((rows, width + 1), dtype=np.int8)
    delta[start_r[long], start_c[long]] = 1
    delta[end_r[long], end_c[long]] = -1
    covered: Mask = np.cumsum(delta, axis=1, dtype=np.int8)[:, :width] > 0
    return covered if axis == 1 else covered.T


def with_edges(rules: Mask) -> Mask:
    """``rules`` and their anti-aliased edge: one pixel more on each side."""
    grown = rules.copy()
    grown[1:] |= rules[:-1]
    grown[:-1] |= rules[1:]
    grown[:, 1:] |= rules[:, :-1]
    grown[:, :-1] |= rules[:, 1:]
    return grown


def _paper_level(arr: NDArray[np.uint8], size: int) -> NDArray[np.uint8]:
    """The paper's level around each pixel: a closing (max, then min) with a ``size`` square window."""
    return rank_filter(rank_filter(arr, size, biggest=True), size, biggest=False)


def rank_filter(arr: NDArray[np.uint8], size: int, *, biggest: bool) -> NDArray[np.uint8]:
    """A square max (``biggest``) or min filter, edges replicated: what PIL's MaxFilter/MinFilter give, pixel for
    pixel, as two one-dimensional passes (PIL's rank filter costs size² per pixel: 0.5 s at size 15 on a quarter
    page, 0.02 s this way). Each pass takes the max or min of shifted slices in place: a reduction over a sliding
    window's last axis was ten times slower (32 ms for the 15-px window on a 900-px analysis copy, 3 ms this way)."""
    r = size // 2
    h, w = arr.shape
    fn = np.maximum if biggest else np.minimum
    p = np.pad(arr, ((0, 0), (r, r)), mode="edge")
    rows = p[:, 0:w].copy()
    for dx in range(1, size):
        fn(rows, p[:, dx : dx + w], out=rows)
    p = np.pad(rows, ((r, r), (0, 0)), mode="edge")
    out: NDArray[np.uint8] = p[0:h].copy()
    for dy in range(1, size):
        fn(out, p[dy : dy + h], out=out)
    return out


def without_rules(image: Image.Image, glyph_px: float) -> Image.Image:
    """The prepared page divided by its local paper level, with table rules and box outlines wiped out.

    Tesseract's page segmentation reads a bordered table (the 사업자등록증명) or a value next to a grey label cell
    poorly: rows dropped, a label cell's shade merged into its value. This copy has neither, and is read as a
    second opinion on the fields the first read did not settle (:func:`pgdocs.ocr.reread.clean_read`). As a
    replacement for the first read it was no better (docs/ocr.md#clean-read): each read settles pages
    the other does not.
    """
    gray = grey(image)
    w, h = gray.size
    f = 4  # the level is smooth: measure it on a quarter-size copy
    small = gray.resize((max(1, w // f), max(1, h // f)), Image.Resampling.BILINEAR)
    size = max(3, int(glyph_px * LEVEL_WINDOW_GLYPHS / f) | 1)
    # a closing (max, then min): glyphs are narrower than the window and vanish into the paper around them; a grey
    # cell is wider and keeps its level up to its edge (a blur would mix it with the white paper beside it)
    closed = _paper_level(np.asarray(small), size)
    level = np.asarray(Image.fromarray(closed, "L").resize((w, h), Image.Resampling.BILINEAR))
    g = _over_level(np.asarray(gray), level, scale_first=True)
    dark = g < RULE_INK
    length = int(max(RULE_MIN_PX, glyph_px * RULE_MIN_GLYPHS))
    rules = long_runs(dark, length) | long_runs(dark, length, axis=0)
    g[with_edges(rules)] = 255
    return Image.fromarray(g, "L")


# ============================================================================= a screen's pattern taken out

#: a frequency is a peak of a periodic pattern when its neighbourhood (DESCREEN_PEAK_BINS square) stands this many
#: times above the spectrum around it (DESCREEN_AROUND_BINS square) — the moiré of a photographed page, spread over
#: a few bins by the unwarped perspective — or the bin alone stands DESCREEN_BIN_RATIO times above it (a pure
#: pattern in one bin, which a neighbourhood's mean dilutes). The moiré of a phone photo of a monitor and a
#: printer's halftone are a few sharp peaks; text and paper spread their energy wide (one bin of noise is ten times
#: its neighbourhood's level with a probability of e^-78)
DESCREEN_PEAK_RATIO = 3.0
DESCREEN_BIN_RATIO = 10.0
DESCREEN_PEAK_BINS = 5
DESCREEN_AROUND_BINS = 41
#: each peak is taken out with this many bins around it (the pattern of a photographed page is not one pure
#: frequency: the unwarped perspective spreads it)
DESCREEN_GROW_BINS = 3
#: frequencies slower than one cycle per this share of a glyph are the page's layout and the glyphs' shapes: kept
DESCREEN_SLOWEST_GLYPHS = 0.6
#: bins this close to either axis of the spectrum are kept (:func:`descreen`)
DESCREEN_AXIS_BINS = 2


def _box_mean(x: NDArray[np.float32], n: int, *, mode: Literal["wrap", "edge"] = "wrap") -> NDArray[np.float32]:
    """Mean over an ``n``×``n`` window: two cumulative sums. ``wrap``: the array taken as periodic (a spectrum is);
    ``edge``: its border repeated (an image)."""
    p = n // 2
    c = np.cumsum(np.cumsum(np.pad(x, p, mode=mode), axis=0, dtype=np.float64), axis=1)
    c = np.pad(c, ((1, 0), (1, 0)))
    out: NDArray[np.float32] = ((c[n:, n:] - c[:-n, n:] - c[n:, :-n] + c[:-n, :-n]) / (n * n)).astype(np.float32)
    return out


def descreen(image: Image.Image, glyph_px: float) -> tuple[Image.Image, float]:
    """``image`` with its periodic patterns taken out of its spectrum, and the share of the spectrum taken.

    A phone photo of a monitor carries a moiré of fine stripes; Tesseract's binarisation takes the page for a
    picture and reads nothing, or junk (bench/ocr.py: 6 of 24 moiré pages unread). In the Fourier spectrum the
    stripes are a few sharp peaks away from the slow frequencies of the layout and glyphs: each peak and a few bins
    around it are set to zero (a notch filter, as scanners' "descreen" does) and the page comes back with its text.
    Used as a second read of a page that read as nothing (:func:`pgdocs.ocr.extract.extract_document`).
    """
    a = np.asarray(image.convert("L"), dtype=np.float32)
    mean = float(a.mean())
    spectrum = np.fft.rfft2(a - mean)  # a real image: half the spectrum holds it all, in half the time
    level = np.log1p(np.abs(spectrum)).astype(np.float32)
    h, w = a.shape
    radius = np.hypot(np.fft.fftfreq(h)[:, None], np.fft.rfftfreq(w)[None, :])
    around = _box_mean(level, DESCREEN_AROUND_BINS)
    peak = (_box_mean(level, DESCREEN_PEAK_BINS) - around > math.log(DESCREEN_PEAK_RATIO)) | (
        level - around > math.log(DESCREEN_BIN_RATIO))
    peak &= radius > 1.0 / (DESCREEN_SLOWEST_GLYPHS * max(glyph_px, 1.0))
    # the axes carry what runs along the page's own lines — rows of text, table rules, the margins: never a screen
    peak[:, :DESCREEN_AXIS_BINS + 1] = False
    peak[: DESCREEN_AXIS_BINS + 1] = False
    peak[-DESCREEN_AXIS_BINS:] = False
    grow = DESCREEN_GROW_BINS * 2 + 1  # any peak bin in the window (half a bin's share: sums carry rounding)
    peak = _box_mean(peak.astype(np.float32), grow) > 0.5 / (grow * grow)
    share = float(peak.mean())
    spectrum[peak] = 0
    out = np.clip(np.fft.irfft2(spectrum, s=a.shape) + mean, 0, 255).astype(np.uint8)
    return Image.fromarray(out, "L"), share
