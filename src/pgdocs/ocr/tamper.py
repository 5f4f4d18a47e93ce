"""Signs that a field was pasted over: a patch of paper flatter than the paper around it.

A forger who edits a scanned certificate typically covers the printed value with a white (or paper-coloured) box
and types another value on it. The scanner's sensor noise and the paper's grain are in every pixel of the page
except that box: the box's background is smoother than the ring of paper around it. The measure is the spread of
the *high-pass* residual (pixel minus its 5×5 mean) over background pixels away from ink, so slow light gradients
of phone photos and the glyphs' anti-aliased edges do not count.

What this cannot see — said plainly so nobody trusts it for more:

* pages with no grain at all (a PDF rendered by software, a clean export, a 1-bit fax): there is nothing to
  compare, so nothing is flagged;
* a paste made *before* the page was printed and scanned again (the new scan adds the same noise everywhere).

A flagged field is never *pass* and never *mismatch*: it becomes *review* with "이 부분이 편집된 것 같습니다" and
its box is drawn on the annotated picture. Thresholds below are named and measured in ``bench/tamper.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

#: the ring's high-pass spread must be at least this (grey levels) for the page to have grain worth comparing
MIN_RING_GRAIN = 1.6
#: flagged when the field's background grain is below this fraction of the ring's
FLAT_RATIO = 0.45
#: background pixels needed inside the field's patch and in its ring for a judgement
MIN_PIXELS = 300
#: a background pixel is brighter than the ring's paper level minus this (grey levels), and so are its neighbours
INK_MARGIN = 45
#: the patch around the value's words (× text height): a pasted box reaches a little beyond the new text
PATCH_PAD = 0.35
#: the ring of paper compared with it: from RING_IN to RING_OUT text heights beyond the words
RING_IN, RING_OUT = 1.2, 2.6

REASON = "이 부분이 편집된 것 같습니다 (주변 종이와 질감이 다름)"


@dataclass(frozen=True)
class Signal:
    """One field that looks pasted over."""

    field: str
    box: list[int]
    grain_inside: float
    grain_ring: float

    @property
    def ratio(self) -> float:
        return self.grain_inside / self.grain_ring if self.grain_ring else 1.0


def _box_mean(a: np.ndarray, k: int = 5) -> np.ndarray:
    """Mean over a k×k window (edge-padded), through an integral image: no SciPy needed."""
    r = k // 2
    p = np.pad(a, r + 1, mode="edge").astype(np.float64)
    c = p.cumsum(0).cumsum(1)
    s = c[k:, k:] - c[:-k, k:] - c[k:, :-k] + c[:-k, :-k]
    mean: np.ndarray = s[: a.shape[0], : a.shape[1]] / (k * k)
    return mean


def _window_min(a: np.ndarray, r: int = 2) -> np.ndarray:
    """Minimum over a (2r+1)² window, by shifted slices."""
    p = np.pad(a, r, mode="edge")
    out: np.ndarray = a.copy()
    h, w = a.shape
    for dy in range(2 * r + 1):
        for dx in range(2 * r + 1):
            out = np.minimum(out, p[dy : dy + h, dx : dx + w])
    return out


def _grain(gray: np.ndarray, x0: int, y0: int, x1: int, y1: int, inner: tuple[int, int, int, int] | None,
           paper: float) -> tuple[float, int]:
    """High-pass spread of background pixels in [x0:x1, y0:y1] (minus ``inner``), and how many were used."""
    crop = gray[y0:y1, x0:x1].astype(np.float64)
    if crop.size == 0:
        return 0.0, 0
    far_from_ink = _window_min(crop, 2) > paper - INK_MARGIN
    resid = crop - _box_mean(crop, 5)
    mask = far_from_ink.copy()
    # the 5×5 mean reaches 2 px: drop the frame where it saw outside the crop
    mask[:3, :] = mask[-3:, :] = False
    mask[:, :3] = mask[:, -3:] = False
    if inner is not None:
        ix0, iy0, ix1, iy1 = inner
        mask[max(0, iy0 - y0 - 2) : max(0, iy1 - y0 + 2), max(0, ix0 - x0 - 2) : max(0, ix1 - x0 + 2)] = False
    vals = resid[mask]
    if vals.size < MIN_PIXELS:
        return 0.0, int(vals.size)
    # a robust spread (MAD): a stray line or stamp edge in the ring does not inflate it
    mad = float(np.median(np.abs(vals - np.median(vals))))
    return 1.4826 * mad, int(vals.size)


def check_box(gray: np.ndarray, box: list[int] | tuple[int, int, int, int], name: str = "") -> Signal | None:
    """The signal for the value whose words fill ``box`` (x0, y0, x1, y1 in ``gray``'s pixels), or None."""
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
    paper = float(np.percentile(ring_crop, 90))
    g_ring, n_ring = _grain(gray, *ring_out, inner=ring_in, paper=paper)
    if n_ring < MIN_PIXELS or g_ring < MIN_RING_GRAIN:
        return None  # no grain to compare with: a clean render, a fax, a flat export
    g_in, n_in = _grain(gray, *patch, inner=None, paper=paper)
    if n_in < MIN_PIXELS:
        return None
    if g_in < FLAT_RATIO * g_ring:
        return Signal(name, [x0, y0, x1, y1], round(g_in, 2), round(g_ring, 2))
    return None


def signals(image: Any, boxes: dict[str, list[int] | None]) -> dict[str, Signal]:
    """Fields of ``image`` (a PIL page) whose box looks pasted over."""
    gray = np.asarray(image.convert("L"))
    found: dict[str, Signal] = {}
    for name, box in boxes.items():
        if box is None:
            continue
        sig = check_box(gray, box, name)
        if sig is not None:
            found[name] = sig
    return found


def mark(res: Any, image: Any, source: str) -> dict[str, Signal]:
    """Turn every matching field of ``res`` (a VerifyResult) that looks pasted over into *review*.

    Only pages read by OCR from an image are looked at (a text layer has no grain). A field that is already a
    mismatch or review keeps its status; its reason is not changed.
    """
    if source != "ocr" or image is None:
        return {}
    from pgdocs.ocr.result import FieldCheck

    found = signals(image, {n: fc.box for n, fc in res.fields.items() if fc.status == "match"})
    for name in found:
        fc = res.fields[name]
        res.fields[name] = FieldCheck(fc.declared, fc.found, "unreadable", fc.score, REASON, box=fc.box,
                                      evidence="tamper")
    if found:
        res.quality["tamper"] = {n: {"inside": s.grain_inside, "ring": s.grain_ring} for n, s in found.items()}
    return found
