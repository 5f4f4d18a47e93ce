"""Hangul-aware comparison of a declared string with what Tesseract read.

Three ideas, all from DOMAIN.md §5.3 and §5.7:

* Syllables are compared through their jamo (initial, medial, final), so 명/멍 differ in one jamo.
* Some single-jamo differences are typical OCR confusions (명→멍/영, 법→범, 길→걸, 통→동, 호→흐,
  소→스): they cost a little (:data:`SOFT_COST`) and are never evidence of a different name.
* A declared syllable the kor model cannot emit (not among its 1,076) is *unverifiable*: whatever the
  model printed there (팜→깜, 숯→술) says nothing about the page.

:func:`align` runs an edit-distance alignment with those costs and counts what it saw.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from pgdocs.ocr.charset import is_hangul_syllable, representable

__all__ = [
    "HARD_COST",
    "NOISE_COST",
    "SOFT_COST",
    "Alignment",
    "align",
    "decompose",
    "is_confusion",
    "jamo",
    "jamo_similarity",
]

_BASE = 0xAC00
_CHO = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_JUNG = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
_JONG = ("", "ㄱ", "ㄲ", "ㄳ", "ㄴ", "ㄵ", "ㄶ", "ㄷ", "ㄹ", "ㄺ", "ㄻ", "ㄼ", "ㄽ", "ㄾ", "ㄿ", "ㅀ", "ㅁ",
         "ㅂ", "ㅄ", "ㅅ", "ㅆ", "ㅇ", "ㅈ", "ㅊ", "ㅋ", "ㅌ", "ㅍ", "ㅎ")

# Cost of a typical OCR confusion: small, so a three-syllable name with one confusion still scores
# 0.9, but two confusions in a two-syllable name (0.7) fall under the match threshold → review.
SOFT_COST = 0.3
# Cost of a stray non-Hangul character (a seal stroke read as "1", a "|" from a table line).
NOISE_COST = 0.5
# Cost of a plain substitution, insertion or deletion of a readable character.
HARD_COST = 1.0

# Jamo pairs Tesseract swaps on printed Korean, per slot (0 initial, 1 medial, 2 final). Seen in
# DOMAIN.md §5.7 (명→멍/영, 법→범, 길→걸, 통→동, 호→흐, 소→스) plus their close visual kin.
_CONFUSABLE: tuple[frozenset[frozenset[str]], ...] = (
    frozenset(frozenset(p) for p in ("ㅁㅇ", "ㄷㅌ", "ㄱㅋ", "ㅈㅊ", "ㄷㄹ")),
    frozenset(frozenset(p) for p in ("ㅓㅕ", "ㅣㅓ", "ㅗㅡ", "ㅜㅡ", "ㅏㅑ", "ㅐㅔ", "ㅗㅛ", "ㅜㅠ", "ㅓㅔ")),
    frozenset(frozenset(p) for p in ("ㅁㅂ", "ㅁㅇ", "ㄹㄷ", "ㄱㄴ")),
)


def jamo(ch: str) -> tuple[str, str, str] | None:
    """(initial, medial, final) of one precomposed syllable, final '' when absent; else ``None``.

    >>> jamo("명")
    ('ㅁ', 'ㅕ', 'ㅇ')
    """
    if not is_hangul_syllable(ch):
        return None
    idx = ord(ch) - _BASE
    return _CHO[idx // 588], _JUNG[(idx % 588) // 28], _JONG[idx % 28]


def decompose(text: str) -> str:
    """Text with every syllable spelled out as jamo (other characters kept).

    >>> decompose("한글")
    'ㅎㅏㄴㄱㅡㄹ'
    """
    out: list[str] = []
    for ch in text:
        parts = jamo(ch)
        out.append("".join(parts) if parts else ch)
    return "".join(out)


def jamo_similarity(a: str, b: str) -> float:
    """Normalised Levenshtein similarity of the jamo spellings (0..1)."""
    return float(Levenshtein.normalized_similarity(decompose(a), decompose(b)))


def is_confusion(a: str, b: str) -> bool:
    """Are two different syllables a typical OCR confusion (one jamo swapped for a look-alike)?

    >>> is_confusion("명", "멍"), is_confusion("법", "범"), is_confusion("김", "박")
    (True, True, False)
    """
    ja, jb = jamo(a), jamo(b)
    if ja is None or jb is None or a == b:
        return False
    diff = [i for i in range(3) if ja[i] != jb[i]]
    if len(diff) != 1:
        return False
    slot = diff[0]
    return frozenset((ja[slot], jb[slot])) in _CONFUSABLE[slot]


@dataclass(frozen=True)
class Alignment:
    """What an alignment of declared text against found text saw."""

    declared_len: int
    found_len: int
    equal: int  #: declared characters read back exactly
    soft: int  #: typical OCR confusions
    hard: int  #: substitutions/insertions/deletions of readable characters
    unverifiable: int  #: declared characters the model cannot emit (and insertions next to them)
    noise: int  #: stray non-Hangul characters in the found text
    cost: float
    first_hard: tuple[str, str] | None  #: (declared, found) of the first hard difference; "" = none

    @property
    def verified(self) -> int:
        """Declared characters that were readable and compared (equal or confused)."""
        return self.equal + self.soft

    @property
    def unverifiable_fraction(self) -> float:
        return self.unverifiable / self.declared_len if self.declared_len else 0.0

    @property
    def score(self) -> float:
        """0..1: 1 = identical; unverifiable positions count half, confusions most of one."""
        n = max(self.declared_len, 1)
        got = self.equal + (1 - SOFT_COST) * self.soft + 0.5 * self.unverifiable
        penalty = HARD_COST * self.hard + NOISE_COST * self.noise
        return max(0.0, min(1.0, (got - penalty) / n))


# Per-cell counts: (cost, hard, equal, soft, unverifiable, noise, first_hard)
_Cell = tuple[float, int, int, int, int, int, "tuple[str, str] | None"]


def _sub(d: str, f: str) -> tuple[float, str]:
    if d == f:
        return 0.0, "eq"
    if not representable(d):
        return 0.0, "unv"
    if is_confusion(d, f):
        return SOFT_COST, "soft"
    return HARD_COST, "hard"


def _step(cell: _Cell, cost: float, kind: str, pair: tuple[str, str]) -> _Cell:
    c, hard, eq, soft, unv, noise, first = cell
    c += cost
    if kind == "eq":
        eq += 1
    elif kind == "soft":
        soft += 1
    elif kind == "unv":
        unv += 1
    elif kind == "noise":
        noise += 1
    elif kind == "hard":
        hard += 1
        first = first or pair
    return c, hard, eq, soft, unv, noise, first


def _better(a: _Cell, b: _Cell) -> _Cell:
    return a if (a[0], a[1]) <= (b[0], b[1]) else b


def align(declared: str, found: str, *, free_ends: bool = False) -> Alignment:
    """Align ``declared`` with ``found`` (both already canonicalised, no whitespace).

    ``free_ends`` lets ``declared`` sit anywhere inside ``found`` (search a name on a page).

    >>> a = align("팜스코", "깜스코")
    >>> (a.hard, a.unverifiable, a.equal)
    (0, 1, 2)
    >>> align("홍길동", "홍걸동").soft
    1
    """
    n, m = len(declared), len(found)
    start: _Cell = (0.0, 0, 0, 0, 0, 0, None)
    prev: list[_Cell] = [start]
    for j in range(1, m + 1):
        prev.append(start if free_ends else _step(prev[j - 1], *_ins_cost(declared, 0, found[j - 1])))
    for i in range(1, n + 1):
        d = declared[i - 1]
        rep = representable(d)
        del_cost, del_kind = (0.5, "unv") if not rep else (HARD_COST, "hard")
        row: list[_Cell] = [_step(prev[0], del_cost, del_kind, (d, ""))]
        for j in range(1, m + 1):
            f = found[j - 1]
            cost, kind = _sub(d, f)
            best = _step(prev[j - 1], cost, kind, (d, f))
            best = _better(best, _step(prev[j], del_cost, del_kind, (d, "")))
            best = _better(best, _step(row[j - 1], *_ins_cost(declared, i, f)))
            row.append(best)
        prev = row
    end = min(prev, key=lambda c: (c[0], c[1])) if free_ends else prev[m]
    cost, hard, eq, soft, unv, noise, first = end
    return Alignment(n, m, eq, soft, hard, unv, noise, cost, first)


def _ins_cost(declared: str, i: int, f: str) -> tuple[float, str, tuple[str, str]]:
    """Cost of an extra found character ``f`` between declared[i-1] and declared[i]."""
    near = declared[max(i - 1, 0): i + 1]
    if any(not representable(c) for c in near):
        return 0.5, "unv_ins", ("", f)  # the model may print two look-alikes for one unknown syllable
    if not is_hangul_syllable(f) and (not f.isalnum() or f in _STROKES or "\u3131" <= f <= "\u318e"):
        return NOISE_COST, "noise", ("", f)
    return HARD_COST, "hard", ("", f)


# Characters that table lines, seal strokes and letter-spacing gaps turn into.
_STROKES = frozenset("1lI|!ㅣ")
