"""Fitting a recipient block into a label: CJK line wrapping and 11 → 9 pt shrinking.

Pure geometry, no drawing: :func:`fit_block` returns where every line goes
(mm, relative to the label's top-left corner) so the renderer only draws and the
tests can compare against the same numbers independently.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

PT_PER_MM = 72.0 / 25.4
MM_PER_PT = 25.4 / 72.0
MAX_PT = 11.0  #: Korea Post: 11 pt (9–14 pt), docs/packets.md#address-print
MIN_PT = 9.0  #: 64 mm-wide labels need 9–10 pt, docs/packets.md#label-fit
STEP_PT = 0.5
#: Korea Post: at least 1.5 mm between lines (em box to em box), docs/packets.md#address-print.
LINE_GAP_MM = 1.5
#: NanumGothic's em box: 0.8 em above the baseline, 0.2 em below (font ascent 800 / descent -200).
ASCENT = 0.8
DESCENT = 0.2
#: Characters that must not start a wrapped line (kinsoku).
_NO_LINE_START = set(")]}〉》」』】,.;:!?·%、。」")
#: Honorifics are kept on the same line as the word they follow.
_GLUED = frozenset({"귀하", "귀중", "앞"})


@dataclass(frozen=True)
class PlacedLine:
    """One printed line: ``x`` is the left edge, ``baseline`` is measured down from the label top (mm)."""

    text: str
    x: float
    baseline: float
    width: float
    align: str  #: "left" or "right"


@dataclass(frozen=True)
class Block:
    size_pt: float
    lines: tuple[PlacedLine, ...]
    height: float  #: mm from the first line's em top to the last line's em bottom


class CharWidths:
    """Advance widths (pt at 1 pt size) of a registered reportlab font, cached per character."""

    def __init__(self, font_name: str) -> None:
        from reportlab.pdfbase import pdfmetrics

        self._font = pdfmetrics.getFont(font_name)
        self._cache: dict[str, float] = {}

    def width(self, text: str, size_pt: float) -> float:
        """Width in mm of ``text`` at ``size_pt``."""
        total = 0.0
        cache_ = self._cache
        for ch in text:
            w = cache_.get(ch)
            if w is None:
                w = self._font.stringWidth(ch, 1.0)
                cache_[ch] = w
            total += w
        return total * size_pt * MM_PER_PT


@cache
def char_widths(font_name: str) -> CharWidths:
    return CharWidths(font_name)


def wrap(text: str, max_w: float, size_pt: float, widths: CharWidths) -> list[str]:
    """Greedy wrap at spaces (어절); a word longer than the line breaks between characters (CJK)."""
    if widths.width(text, size_pt) <= max_w:
        return [text]
    lines: list[str] = []
    current = ""
    for word in _words(text):
        candidate = f"{current} {word}" if current else word
        if widths.width(candidate, size_pt) <= max_w:
            current = candidate
            continue
        if current:
            lines.append(current)
            current = ""
        if widths.width(word, size_pt) <= max_w:
            current = word
            continue
        base, _, honorific = word.partition(" ")  # a glued honorific goes back on its own if needed
        pieces = _break_word(base, max_w, size_pt, widths)
        if honorific:
            glued = f"{pieces[-1]} {honorific}"
            if widths.width(glued, size_pt) <= max_w:
                pieces[-1] = glued
            else:
                pieces.append(honorific)
        lines.extend(pieces[:-1])
        current = pieces[-1]
    if current:
        lines.append(current)
    return lines


def _words(text: str) -> list[str]:
    """Words split at spaces; an honorific stays with the word before it ("재무팀 귀중" never splits)."""
    words: list[str] = []
    for word in text.split(" "):
        if not word:
            continue
        if word in _GLUED and words:
            words[-1] = f"{words[-1]} {word}"
        else:
            words.append(word)
    return words


def _break_word(word: str, max_w: float, size_pt: float, widths: CharWidths) -> list[str]:
    pieces: list[str] = []
    start = 0
    while start < len(word):
        end = start + 1
        while end < len(word) and widths.width(word[start:end + 1], size_pt) <= max_w:
            end += 1
        # keep closing punctuation with the character before it
        while end < len(word) and word[end] in _NO_LINE_START and end - start > 1:
            end -= 1
        pieces.append(word[start:end])
        start = end
    return pieces


def fit_block(
    lines: list[str],
    postal_code: str | None,
    box_w: float,
    box_h: float,
    *,
    padding: float,
    font_name: str,
    max_pt: float = MAX_PT,
    min_pt: float = MIN_PT,
) -> Block | None:
    """Lay out ``lines`` (+ the postal code alone, right-aligned) in a ``box_w`` × ``box_h`` mm label.

    Tries ``max_pt`` down to ``min_pt`` in 0.5 pt steps; the block is vertically
    centred inside the padding. ``None`` when it does not fit even at ``min_pt``.
    """
    widths = char_widths(font_name)
    inner_w = box_w - 2 * padding
    inner_h = box_h - 2 * padding
    size = max_pt
    while size >= min_pt - 1e-9:
        block = _try_size(lines, postal_code, inner_w, inner_h, padding, size, widths)
        if block is not None:
            return block
        size -= STEP_PT
    return None


def _try_size(
    lines: list[str],
    postal_code: str | None,
    inner_w: float,
    inner_h: float,
    padding: float,
    size: float,
    widths: CharWidths,
) -> Block | None:
    em = size * MM_PER_PT
    pitch = em + LINE_GAP_MM
    texts: list[str] = []
    for line in lines:
        texts.extend(wrap(line, inner_w, size, widths))
    count = len(texts) + (1 if postal_code else 0)
    if count == 0:
        return None
    height = count * em + (count - 1) * LINE_GAP_MM
    if height > inner_h + 1e-9:
        return None
    for t in texts:
        if widths.width(t, size) > inner_w + 1e-9:  # one character wider than the label
            return None
    top = padding + (inner_h - height) / 2
    placed: list[PlacedLine] = []
    for i, t in enumerate(texts):
        placed.append(PlacedLine(t, padding, top + i * pitch + ASCENT * em, widths.width(t, size), "left"))
    if postal_code:
        w = widths.width(postal_code, size)
        if w > inner_w:
            return None
        baseline = top + len(texts) * pitch + ASCENT * em
        placed.append(PlacedLine(postal_code, padding + inner_w - w, baseline, w, "right"))
    return Block(size, tuple(placed), height)
