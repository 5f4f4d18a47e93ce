"""Word boxes -> text lines -> labels found on them.

Lines are rebuilt from word boxes by vertical overlap (not Tesseract's own line
numbers, so recorded TSV from any page-segmentation mode works). Labels are
looked up with whitespace removed (certificates letter-space them) against the
alias table ``data/certificate_labels.toml``, tolerating listed OCR confusions
and, for longer labels, one or two further edits.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from statistics import median
from typing import TypedDict

from rapidfuzz.distance import Hamming, Levenshtein

from pgdocs.hangul import jamo_distance
from pgdocs.ocr.tesseract import Word
from pgdocs.resources import data_path
from pgdocs.text import nfc

__all__ = ["LabelHit", "LabelTable", "Line", "Spellings", "Stops", "find_labels", "group_lines", "label_table",
           "normalise_ocr"]

_WS = re.compile(r"\s+")
#: fields whose label may sit in the middle of a line (two fields on one line, the 업태/종목 table)
MIDLINE_FIELDS = frozenset({"birth_date", "corporate_number", "business_type", "business_item"})
#: the 업태/종목 table's headings, and the row that holds them (사업의 종류)
TABLE_HEADINGS = frozenset({"business_type", "business_item"})
TABLE_FIELDS = TABLE_HEADINGS | {"business_kind"}


_OCR_TRANS = {ord("："): ":", ord("（"): "(", ord("）"): ")", 0x3000: " "}


def normalise_ocr(text: str) -> str:
    """NFC, full-width colon/parentheses to ASCII (Tesseract and PDFs emit both)."""
    return nfc(text).translate(_OCR_TRANS)


_UNITS = frozenset("층호동가길로번")


def _is_syllable(text: str) -> bool:
    return len(text) == 1 and "가" <= text <= "힣"


@dataclass
class Line:
    words: list[Word]
    text: str = ""
    compact: str = ""
    #: for each character of ``compact``: (index of the word, offset of the character within the word)
    cmap: list[tuple[int, int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.words.sort(key=lambda w: w.left)
        self.text = self._join(0, len(self.words))
        comp: list[str] = []
        cmap: list[tuple[int, int]] = []
        for wi, w in enumerate(self.words):
            for ci, ch in enumerate(normalise_ocr(w.text)):
                if not ch.isspace():
                    comp.append(ch)
                    cmap.append((wi, ci))
        self.compact = "".join(comp)
        self.cmap = cmap

    @property
    def top(self) -> int:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> int:
        return max(w.bottom for w in self.words)

    @property
    def left(self) -> int:
        return min(w.left for w in self.words)

    def _joined(self, i: int) -> bool:
        """Should word ``i`` be glued to word ``i+1`` (no space)?

        Tesseract's Korean models often return every syllable as its own word, and their
        boxes are too unreliable to tell a word space from letter spacing (a real space
        measured 0.34 glyph heights, an intra-word gap 0.53). So: runs of single-syllable
        words are one word, and a number glues to a following 층/호/동/가/길/로 unit.
        """
        a, b = normalise_ocr(self.words[i].text), normalise_ocr(self.words[i + 1].text)
        h = max(1, sorted(w.height for w in self.words)[len(self.words) // 2])
        if self.words[i + 1].left - self.words[i].right > 0.8 * h:
            return False
        if _is_syllable(a) and _is_syllable(b) and "및" not in (a, b):
            return True
        return bool(a[-1:].isdigit() and b in _UNITS)

    def _join(self, start_word: int, end_word: int) -> str:
        out: list[str] = []
        for i in range(start_word, end_word):
            out.append(normalise_ocr(self.words[i].text))
            if i + 1 < end_word and not self._joined(i):
                out.append(" ")
        return "".join(out)

    def words_in(self, start: int, end: int) -> list[Word]:
        """Words covering compact characters ``start:end``."""
        idx = sorted({self.cmap[i][0] for i in range(max(0, start), min(end, len(self.cmap)))})
        return [self.words[i] for i in idx]

    def text_from(self, start: int, end: int | None = None) -> str:
        """Original text (with spaces) of compact characters ``start:end``."""
        end = len(self.cmap) if end is None else min(end, len(self.cmap))
        if start >= end:
            return ""
        out: list[str] = []
        prev_word = -1
        for i in range(start, end):
            wi, ci = self.cmap[i]
            if prev_word not in (-1, wi) and not self._joined(prev_word):
                out.append(" ")
            out.append(normalise_ocr(self.words[wi].text)[ci])
            prev_word = wi
        return "".join(out)


#: a word joins a line whose centre is within this share of its height (the page's median word height at least,
#: twice it at most: a word boxed over two lines reaches no further than one boxed over one)
LINE_REACH = 0.55


def _reach(w: Word, med_h: float) -> float:
    return LINE_REACH * max(med_h, min(w.height, 2 * med_h))


def group_lines(words: list[Word]) -> list[Line]:
    """Cluster words into lines by vertical overlap, top to bottom."""
    ws = [w for w in words if w.text.strip()]
    if not ws:
        return []
    med_h = median(w.height for w in ws) or 1
    ws.sort(key=lambda w: (w.cy, w.left))
    lines: list[list[Word]] = []
    centres: list[float] = []
    for w in ws:
        placed = False
        # compare with the last few lines (words of one line arrive close together in cy order)
        for i in range(len(lines) - 1, max(-1, len(lines) - 4), -1):
            if abs(w.cy - centres[i]) <= _reach(w, med_h):
                lines[i].append(w)
                centres[i] = sum(x.cy for x in lines[i]) / len(lines[i])
                placed = True
                break
        if not placed:
            lines.append([w])
            centres.append(w.cy)
    _nearest_line(lines, med_h)
    out = [Line(ln) for ln in lines if ln]
    out.sort(key=lambda ln: (ln.top + ln.bottom) / 2)
    return out


#: a word boxed this many times the page's median word height is placed by its centre only once every line is
#: known (:func:`_nearest_line`)
TALL_WORD = 1.5


def _nearest_line(lines: list[list[Word]], med_h: float) -> None:
    """Move each tall word (:data:`TALL_WORD`) to the line whose centre is nearest, once every line is known.

    Words arrive in order of their centres, so a word taller than its line (a letter-spaced label's syllable, boxed
    464–516 beside lines centred at 480 and 498) joins the first line within reach, not the nearest: the label of a
    cell centred between two lines of its value lost a syllable to the line above. A word moves only to a line it
    does not overlap horizontally by half the narrower of the two (Tesseract's boxes of letter-spaced syllables
    reach into the spaces between them). Words of a line's height stay: moved, the syllables of a label whose line
    Tesseract had read together with both lines of its value went to a line of specks below it (a 2015–2024
    certificate laid out by LibreOffice, 300 dpi)."""
    centres = [median(w.cy for w in ln) for ln in lines]
    for i, ln in enumerate(lines):
        for w in list(ln):
            if w.height < TALL_WORD * med_h:
                continue  # a word of a line's height is where Tesseract read it
            here = abs(w.cy - centres[i])
            best = min((j for j in range(max(0, i - 2), min(len(lines), i + 3)) if j != i),
                       key=lambda j: abs(w.cy - centres[j]), default=None)
            if best is None or abs(w.cy - centres[best]) >= here or len(ln) == 1:
                continue
            if abs(w.cy - centres[best]) > _reach(w, med_h):
                continue
            if any(min(x.right, w.right) - max(x.left, w.left) > 0.5 * min(x.width, w.width) for x in lines[best]):
                continue
            ln.remove(w)
            lines[best].append(w)


@dataclass(frozen=True)
class LabelHit:
    field: str
    start: int  #: index into Line.compact
    end: int
    exact: bool


class Spellings(TypedDict):
    """How one label is spelt: ``aliases`` (matched fuzzily when long) and OCR ``confusions`` (exactly)."""

    aliases: list[str]
    confusions: list[str]


class Stops(TypedDict):
    aliases: list[str]  #: rows that end the previous field's value
    sub_table_stops: list[str]  #: stops after which the rows belong to a sub-table (공동사업자)


class LabelTable(TypedDict):
    """``data/certificate_labels.toml``, checked."""

    fields: dict[str, Spellings]
    stops: Stops
    footer: Spellings
    subtitles: dict[str, tuple[str, str]]  #: subtitle → (tax_type, entity)


def _section(value: object, where: str) -> dict[str, object]:
    if not isinstance(value, dict):
        raise ValueError(f"certificate_labels.toml: {where} is not a table")
    return {str(k): v for k, v in value.items()}


def _strings(value: object, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"certificate_labels.toml: {where} is not a list of strings")
    return [str(v) for v in value]


def _spellings(value: object, where: str) -> Spellings:
    table = _section(value, where)
    return Spellings(aliases=_strings(table.get("aliases", []), f"{where}.aliases"),
                     confusions=_strings(table.get("confusions", []), f"{where}.confusions"))


def _subtitle(value: object, where: str) -> tuple[str, str]:
    pair = _strings(value, where)
    if len(pair) != 2:
        raise ValueError(f"certificate_labels.toml: {where} is not [tax_type, entity]")
    return pair[0], pair[1]


@cache
def label_table() -> LabelTable:
    """The parsed ``certificate_labels.toml`` (its shape checked: a broken file fails here, not mid-read)."""
    raw = _section(tomllib.loads(data_path("certificate_labels.toml").read_text(encoding="utf-8")), "the file")
    stops = _section(raw.get("stops"), "[stops]")
    return LabelTable(
        fields={k: _spellings(v, f"[fields.{k}]") for k, v in _section(raw.get("fields"), "[fields]").items()},
        stops=Stops(aliases=_strings(stops.get("aliases", []), "[stops].aliases"),
                    sub_table_stops=_strings(stops.get("sub_table_stops", []), "[stops].sub_table_stops")),
        footer=_spellings(raw.get("footer"), "[footer]"),
        subtitles={k: _subtitle(v, f"[subtitles].{k}")
                   for k, v in _section(raw.get("subtitles"), "[subtitles]").items()},
    )


@cache
def _variants() -> list[tuple[str, str, bool]]:
    """(field, compact spelling, fuzzy allowed) sorted longest first; confusions match exactly."""
    table = label_table()
    out: list[tuple[str, str, bool]] = []
    for name, spec in table["fields"].items():
        for s in spec["aliases"]:
            out.append((name, _WS.sub("", nfc(s)), True))
        for s in spec["confusions"]:
            out.append((name, _WS.sub("", nfc(s)), False))
    for s in table["stops"]["aliases"]:
        out.append(("_stop", _WS.sub("", nfc(s)), True))
    out.sort(key=lambda t: -len(t[1]))
    return out


def _colons_and_digits(comp: str) -> list[int]:
    """Prefix counts of ':' and digits in ``comp``: a fuzzy label window may contain neither."""
    bad = [0]
    for c in comp:
        bad.append(bad[-1] + (c == ":" or c.isdigit()))
    return bad


def labels_in(text: str) -> set[str]:
    """Fields (and ``_stop`` rows) whose label stands anywhere in ``text``: listed spellings of three syllables or
    more as they are, longer ones also a slip or two off (생년월밀 for 생년월일). A value read from the page that
    holds one ran on into another row."""
    comp = _WS.sub("", normalise_ocr(text))
    bad = _colons_and_digits(comp)
    found = set()
    for name, var, fuzzy in _variants():
        if len(var) < 3 or name in found:
            continue
        k = _allowed_edits(var) if fuzzy else 0
        if var in comp or (k and _fuzzy_find(var, comp, k, max_start=None, bad=bad) is not None):
            found.add(name)
    return found


#: row labels this long are matched by listed spellings, or one syllable one jamo off at the start of the line
SHORT_LABEL = 3


def _one_slip(label: str, window: str) -> bool:
    """``window`` is ``label`` with one syllable one jamo slot off (캐업일 for 개업일)."""
    diff = [(a, b) for a, b in zip(label, window, strict=False) if a != b]
    return len(window) == len(label) and len(diff) == 1 and jamo_distance(*diff[0]) == 1


def _allowed_edits(label: str) -> int:
    n = len(label)
    return 2 if n >= 6 else 1 if n >= 4 else 0


#: marks OCR reads between the syllables of a letter-spaced label (specks of the scan, the dots of a photo): they
#: are no part of any label, so labels are looked up without them. Brackets and colons stay (labels hold them, and
#: a colon ends a label)
_LABEL_SPECKS = frozenset("`'\".,\\|~^·‘’“”_;-=—")


def find_labels(line: Line) -> list[LabelHit]:
    """Labels on a line, non-overlapping, left to right.

    A label not listed for mid-line use must start near the beginning of the line
    (a value like an address must not be mistaken for a label).
    """
    # looked up without the specks a letter-spaced label is read with ("개 업구연 . 월운일", "법인 ` 등 , 록번 \ 호");
    # the hits are then put back on the line's own characters
    keep = [i for i, c in enumerate(line.compact) if c not in _LABEL_SPECKS]
    comp = "".join(line.compact[i] for i in keep)
    taken = [False] * len(comp)
    bad = _colons_and_digits(comp)
    hits: list[LabelHit] = []
    # exact spellings first (longest first), then fuzzy ones for fields still missing: a fuzzy long
    # alias ("대표자성명") must never beat an exact short one ("대표자") and eat the value's syllables
    for exact_pass in (True, False):
        for name, var, fuzzy in _variants():
            if len(var) > len(comp) + 1 or (not exact_pass and any(h.field == name for h in hits)):
                continue
            if not exact_pass and name not in MIDLINE_FIELDS and any(h.start <= 3 for h in hits):
                continue  # the line already starts with a label
            if exact_pass:
                start = comp.find(var)
                if start < 0:
                    continue
                end = start + len(var)
            else:
                k = _allowed_edits(var) if fuzzy else 0
                if k == 0 and fuzzy and len(var) == SHORT_LABEL and name not in MIDLINE_FIELDS:
                    # a three-syllable row label one jamo off in one syllable, opening its line (캐업일 for 개업일
                    # on a fax): no value word begins that close to one
                    if not _one_slip(var, comp[:SHORT_LABEL]):
                        continue
                    best: tuple[int, int] | None = (0, SHORT_LABEL)
                elif k == 0:
                    continue
                else:
                    best = _fuzzy_find(var, comp, k, max_start=None if name in MIDLINE_FIELDS else 3, bad=bad)
                if best is None:
                    continue
                start, end = best
            if any(taken[start:end]):
                continue
            if name not in MIDLINE_FIELDS and start > 3:
                continue
            for i in range(start, end):
                taken[i] = True
            hits.append(LabelHit(name, start, end, exact_pass))
    # a row's label is printed once on it: a second hit of the same field lies in a value — "성명 : 성영진", whose
    # 성영 is a listed misreading of 성명, left the name "진", a whole difference (bench/ocr.py seed 421, nts scan)
    first: dict[str, int] = {}
    for h in hits:
        first[h.field] = min(h.start, first.get(h.field, h.start))
    hits = [LabelHit(h.field, keep[h.start], keep[h.end - 1] + 1, h.exact) for h in hits
            if h.field.startswith("_") or first[h.field] == h.start]
    if not any(h.start <= 3 and h.field != "_stop" for h in hits):
        zone_hit = _colon_zone(line.compact, hits)
        if zone_hit is not None:
            hits.append(zone_hit)
    hits.sort(key=lambda h: h.start)
    # the 업태/종목 headings after another row's label are that row's value read like a heading: 엄태, a listed
    # misreading of 업태, begins the name 엄태람 on a 대표자 line (the table's rows start with 사업의 종류 or the
    # heading itself)
    row = next((h.start for h in hits if not h.field.startswith("_") and h.field not in TABLE_FIELDS), None)
    return [h for h in hits if row is None or h.start <= row or h.field not in TABLE_HEADINGS]


#: how far into a line the colon after a row label may sit ("사업장소재지(주소):" is 11)
_ZONE_MAX = 14
#: a row label of this many syllables or more is known before its colon by its first ZONE_PREFIX syllables,
#: when no other field's label starts with them (사업자… is 사업자등록번호 and a stop row alike)
ZONE_PREFIX_MIN_LABEL = 5
ZONE_PREFIX = 3


@cache
def _prefix_owners() -> dict[str, str]:
    """The first :data:`ZONE_PREFIX` syllables of long labels that only one field's labels start with."""
    owners: dict[str, set[str]] = {}
    for name, var, fuzzy in _variants():
        if fuzzy and len(var) >= ZONE_PREFIX_MIN_LABEL:
            owners.setdefault(var[:ZONE_PREFIX], set()).add(name)
    return {p: next(iter(ns)) for p, ns in owners.items() if len(ns) == 1}


def _colon_zone(comp: str, hits: list[LabelHit]) -> LabelHit | None:
    """A row label read with junk inside it ("개업원월.일:", "사'업징소재지:", "대…표.자:") — the text
    before the line's first colon (or first digit), punctuation and Latin letters dropped, equal to a label or a listed
    confusion, or (labels of 4+ characters) within their usual edits, of exactly one field.
    """
    for end in (comp.find(":"), next((i for i, c in enumerate(comp) if c.isdigit()), -1)):
        hit = _zone_label(comp, hits, end)
        if hit is not None:
            return hit
    return None


def _zone_label(comp: str, hits: list[LabelHit], end: int) -> LabelHit | None:
    """The label of ``comp[:end]`` (a colon or, "개업:연월일 2007 …", the value's first digit), if any."""
    if end < 2 or end > _ZONE_MAX or any(h.start < end for h in hits):
        return None
    zone = re.sub(r"[^가-힣()]", "", comp[:end])
    if len(zone) < 2 or zone == comp[:end]:
        return None  # nothing dropped: the exact and fuzzy passes above already tried this spelling
    best: dict[str, int] = {}
    for name, var, fuzzy in _variants():
        d = Levenshtein.distance(var, zone)
        # a short label (or a listed confusion) only when it is exactly what is left ("법.인'명"); a long one also
        # when its first syllables are read right and only its end is garbled ("사업의호5:" for 사업의종류: —
        # the text before a row's colon is a label), and no other field's label starts with those syllables
        if d == 0 or (fuzzy and len(var) >= 4 and d <= _allowed_edits(var)) or (
                fuzzy and len(var) >= ZONE_PREFIX_MIN_LABEL and zone[:ZONE_PREFIX] == var[:ZONE_PREFIX]
                and abs(len(zone) - len(var)) <= 1 and _prefix_owners().get(var[:ZONE_PREFIX]) == name):
            best[name] = min(best.get(name, d), d)
    if not best:
        return None
    ranked = sorted(best.items(), key=lambda kv: kv[1])
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None  # as close to two labels: do not guess
    return LabelHit(ranked[0][0], 0, end, False)


#: a syllable read with one jamo wrong (업 → 엽, 종 → 총: one stroke) costs this share of an edit in a label:
#: "사엽의총류" is two syllables off "사업의종류" but only two strokes
SLIP_COST = 0.5


def _slip_distance(pattern: str, window: str, k: int) -> int:
    """Edits between ``pattern`` and an equally long ``window``, one-jamo slips counted at :data:`SLIP_COST`
    (rounded down); ``k + 1`` when that is still more than ``k`` — at once when even slips at every differing
    place would cost more (most windows of a line: the jamo are then not compared)."""
    if Hamming.distance(pattern, window) * SLIP_COST > k:
        return k + 1
    cost = 0.0
    for a, b in zip(pattern, window, strict=True):
        if a == b:
            continue
        cost += SLIP_COST if jamo_distance(a, b) == 1 else 1.0
        if cost > k:
            return k + 1
    return int(cost)


def _fuzzy_find(
    pattern: str, text: str, k: int, *, max_start: int | None, bad: list[int]
) -> tuple[int, int] | None:
    """Best window of ``text`` within ``k`` edits of ``pattern`` (windows of len±1), or None."""
    n = len(pattern)
    best: tuple[int, int, int] | None = None
    for size in (n, n - 1, n + 1):
        if size <= 1:
            continue
        last = max(0, len(text) - size)
        if max_start is not None:
            last = min(last, max_start)
        for i in range(0, last + 1):
            j = min(len(text), i + size)
            if bad[j] - bad[i]:
                continue  # a label never swallows its colon or a digit of the value
            d = Levenshtein.distance(pattern, text[i:j], score_cutoff=k)
            if d > k and j - i == n:  # (a window at the end of the line may be cut short)
                d = _slip_distance(pattern, text[i:j], k)
            if d >= 2 and (i != 0 or size != n):
                continue  # two edits only for a whole label at the very start of its line
            if d <= k and (best is None or d < best[0]):
                best = (d, i, min(len(text), i + size))
    if best is None:
        return None
    return best[1], best[2]
