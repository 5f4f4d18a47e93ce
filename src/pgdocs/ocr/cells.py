"""The value cell of a ruled table's row, found from its rules: where a 사업자등록증명's value sits.

Tesseract's page segmentation reads a table row by row across the page. Where a label wraps in its cell — "대표자성명(
/ 대표유형)", "주민(법인) / 등록번호" in a narrow label column — and the value is centred beside its two lines, it
mixes the three into lines of neither: "대뇨표요 유형) ㅎ 원 연원" for a 원연원 printed clean on a 300-dpi scan, the
주민등록번호 lost, an address split around its label (bench/office.py). Raw ``tesseract`` does no better. The cell
itself, cut out between its rules and read alone, reads as printed; this module finds it. Pure geometry on the
prepared page: no OCR here (:func:`pgdocs.ocr.reread.cell_read` reads it).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from pgdocs.ocr.preprocess import RULE_MIN_PX, long_runs

__all__ = ["value_cell"]

Box = tuple[int, int, int, int]

#: a rule is at least this much darker than the paper around it (the 90th percentile of the rows searched): a table
#: printed in grey and scanned at 300 dpi, then scaled down for Tesseract, leaves its 1-px rules at 180–190 on paper
#: at 255, or spread over two rows at 218 (bench/office.py); a grey label cell (#eee, 238) is no rule, a darker one
#: is a band, not a rule (:func:`value_cell`)
CELL_RULE_DROP = 25
#: a horizontal rule runs at least this many glyph heights (and RULE_MIN_PX); a vertical one spans at least this
#: share of its row's height, the rules above and below included (it meets them): the stems of 라, 커 and 피 span 0.8
#: of a tight row between its rules (Word table, NanumGothic 10 pt, bench/office.py) and none meets a rule
CELL_RULE_GLYPHS = 8
CELL_RULE_SPAN = 0.95
#: a horizontal rule runs right of the label at least this share of the longest run there (the table's width)
CELL_RULE_REACH = 0.6
#: a rule is at most this share of a glyph's height thick (4 px at least): a shaded cell dark enough to count as ink
#: is a wide band, not a rule
CELL_RULE_THICK = 1 / 3
#: how far above and below the label its row's rules are looked for, in glyph heights (as many again for each row
#: away that is asked for): a row wrapped to three lines at the table's pitch, and the next row
CELL_REACH = 8
#: a cell's height, in glyph heights, is at least this (one line and its padding, rules excluded) …
CELL_MIN_GLYPHS = 0.8
#: … and its width at least this many
CELL_MIN_WIDTH_GLYPHS = 2.0
#: the cell's edges are kept this many pixels inside its rules (their anti-aliased edge)
CELL_INSET = 2
#: the crop is the cell's ink and this many glyph heights around it: Tesseract's line finder lost a masked
#: 주민등록번호 ("750625-*******", 30-px glyphs) in its whole 116-px cell at every page segmentation mode but the raw
#: line's, and read it cut to its ink (a field's crop is cut the same way: :data:`pgdocs.ocr.reread.PAD`)
CELL_PAD = 0.3


def _runs(mask: NDArray[np.bool_]) -> list[tuple[int, int]]:
    """(start, end) of each run of True in a 1-D mask, end exclusive."""
    edge = np.diff(mask.astype(np.int8), prepend=np.int8(0), append=np.int8(0))
    return list(zip(np.nonzero(edge == 1)[0].tolist(), np.nonzero(edge == -1)[0].tolist(), strict=True))


def value_cell(gray: NDArray[np.uint8], label: Box, height: int, *, rows_down: int = 0) -> Box | None:
    """The ink of the cell right of the label cell holding ``label`` (pixel box on ``gray``; its glyphs ``height``
    pixels high) — ``rows_down`` rows further down (up, when negative) when asked for another row — as a pixel box
    inside its rules, or None when the label is not in a ruled table (no rule above and below it, none to its
    right) or the cell is empty.

    Rows are bounded by the thin horizontal rules that run most of the table's width right of the label; the label
    column ends at the first thin vertical rule right of the label's last glyph that meets the row's two rules (or
    where a shaded label column ends), and the value cell runs to the next such rule (or to the page's edge)."""
    _, y0, x1, y1 = label
    h_img, w_img = gray.shape
    reach = CELL_REACH * (1 + abs(rows_down)) * height
    s0, s1 = max(0, y0 - reach), min(h_img, y0 + height + reach)
    strip = gray[s0:s1]
    if strip.size == 0:
        return None
    ink_level = float(np.percentile(strip, 90)) - CELL_RULE_DROP
    thick = max(4, round(height * CELL_RULE_THICK))
    across = long_runs(strip < ink_level, max(RULE_MIN_PX, CELL_RULE_GLYPHS * height))
    # a rule row runs long right of the label, most of the way the longest does: a label column shaded dark is long
    # runs in every row too, but only to the column's edge
    cover = across[:, min(x1 + height, w_img - 1):].sum(axis=1)
    ruled = cover >= CELL_RULE_REACH * max(1, int(cover.max()))
    rules = [(a + s0, b + s0) for a, b in _runs(ruled) if b - a <= thick]
    # the label's middle, not its top: Tesseract boxes a glyph touching the rule above with the rule
    middle = (y0 + y1) / 2
    first_below = next((k for k, (a, _) in enumerate(rules) if a >= middle), len(rules))
    upper, lower = first_below - 1 + rows_down, first_below + rows_down
    if upper < 0 or lower >= len(rules):
        return None
    top, bottom = rules[upper][1], rules[lower][0]
    if bottom - top < CELL_MIN_GLYPHS * height:
        return None
    # the row with its two rules: a column's rule meets both, a glyph's stem (as tall as a tight row) neither
    band = gray[rules[upper][0] : rules[lower][1]]
    down = np.any(long_runs(band < ink_level, max(2, round(CELL_RULE_SPAN * len(band))), axis=0), axis=0)
    # the label column ends at the first rule right of the label's last glyph, or where its shading ends
    columns = [(a, b) for a, b in _runs(down) if b >= x1 - height // 2 and (b - a <= thick or a < x1)]
    if not columns:
        return None
    left = columns[0][1]
    right = columns[1][0] if len(columns) > 1 else w_img
    if right - left < CELL_MIN_WIDTH_GLYPHS * height:
        return None
    cx0, cy0, cx1, cy1 = left + CELL_INSET, top + CELL_INSET, right - CELL_INSET, bottom - CELL_INSET
    ys, xs = np.nonzero(gray[cy0:cy1, cx0:cx1] < ink_level)
    if not len(ys):
        return None  # an empty cell
    pad = max(2, round(CELL_PAD * height))
    return (max(cx0, cx0 + int(xs.min()) - pad), max(cy0, cy0 + int(ys.min()) - pad),
            min(cx1, cx0 + int(xs.max()) + 1 + pad), min(cy1, cy0 + int(ys.max()) + 1 + pad))
