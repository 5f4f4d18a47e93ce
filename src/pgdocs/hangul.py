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
    "LOOKALIKE_COST",
    "NOISE_COST",
    "SOFT_COST",
    "UNV_GAP_COST",
    "Alignment",
    "align",
    "confusion_level",
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
# Cost of a look-alike that OCR produces only on poor images (fax, blur): never a mismatch, never a
# match either — the field goes to review.
LOOKALIKE_COST = 0.6
# Cost of a gap next to an out-of-model syllable (its look-alike swallowed a neighbour, 트팜→탐, or came
# out as two characters). Below HARD_COST so such a gap is not a mismatch, but two of them (0.8 + 0.8)
# cost more than one plain substitution: a changed syllable beside 팜 still shows as different.
UNV_GAP_COST = 0.8
# Cost of a stray non-Hangul character (a seal stroke read as "1", a "|" from a table line).
NOISE_COST = 0.5
# Cost of a plain substitution, insertion or deletion of a readable character.
HARD_COST = 1.0


def _pairs(*pairs: str) -> frozenset[frozenset[str]]:
    return frozenset(frozenset(p) if len(p) == 2 else frozenset((p[0], "")) for p in pairs)


# Jamo pairs Tesseract swaps on printed Korean even on clean pages, per slot (0 initial, 1 medial,
# 2 final): DOMAIN.md §5.7 (명→멍/영, 법→범, 길→걸, 통→동, 호→흐, 소→스) plus 빛→빚, seen in every
# font of tests/test_match_realistic.py.
_SOFT: tuple[frozenset[frozenset[str]], ...] = (
    _pairs("ㅁㅇ", "ㄷㅌ", "ㄱㅋ", "ㅈㅊ"),
    _pairs("ㅓㅕ", "ㅣㅓ", "ㅗㅡ", "ㅜㅡ"),
    _pairs("ㅁㅂ", "ㅁㅇ", "ㅈㅊ"),
)
# Wider look-alikes seen only on degraded images (blur, fax, JPEG, small type; same test): 통→롱,
# 랩→탭, 불→물, 술→솔, 예→에, 리→릭, 한→합, 농→눔 (two slots) … A one-jamo change between these is
# "cannot tell", not "different".
_LOOKALIKE: tuple[frozenset[frozenset[str]], ...] = (
    _SOFT[0] | _pairs("ㄷㄹ", "ㄹㅌ", "ㅁㅂ", "ㅂㅍ", "ㄱㄲ", "ㄷㄸ", "ㅂㅃ", "ㅅㅆ", "ㅈㅉ", "ㅅㅈ", "ㅇㅎ", "ㅊㅎ"),
    _SOFT[1] | _pairs("ㅗㅜ", "ㅔㅖ", "ㅐㅒ", "ㅏㅑ", "ㅐㅔ", "ㅗㅛ", "ㅜㅠ", "ㅓㅔ", "ㅏㅓ", "ㅘㅙ", "ㅝㅞ", "ㅚㅟ"),
    _SOFT[2] | _pairs("ㄱㄲ", "ㅅㅆ", "ㄴㅂ", "ㄴㄹ", "ㄷㄹ", "ㄱㄴ", "ㅇㅎ", "ㄱ", "ㄴ", "ㄹ", "ㅇ", "ㅅ"),
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


def confusion_level(a: str, b: str) -> int:
    """0 = different syllables, 1 = typical OCR confusion, 2 = look-alike on a poor image.

    >>> [confusion_level(a, b) for a, b in ("명멍", "통롱", "농눔", "김박")]
    [1, 2, 2, 0]
    """
    ja, jb = jamo(a), jamo(b)
    if ja is None or jb is None or a == b:
        return 0
    diff = [i for i in range(3) if ja[i] != jb[i]]
    pairs = [(slot, frozenset((ja[slot], jb[slot]))) for slot in diff]
    if len(diff) == 1 and pairs[0][1] in _SOFT[pairs[0][0]]:
        return 1
    if len(diff) <= 2 and all(pair in _LOOKALIKE[slot] for slot, pair in pairs):
        return 2
    return 0


def is_confusion(a: str, b: str) -> bool:
    """Could OCR have printed ``b`` for ``a`` (a typical confusion or a look-alike)?

    >>> is_confusion("명", "멍"), is_confusion("법", "범"), is_confusion("김", "박")
    (True, True, False)
    """
    return confusion_level(a, b) > 0


def _one_jamo_apart(a: str, b: str) -> bool:
    ja, jb = jamo(a), jamo(b)
    return ja is not None and jb is not None and sum(x != y for x, y in zip(ja, jb, strict=True)) == 1


@dataclass(frozen=True)
class Alignment:
    """What an alignment of declared text against found text saw."""

    declared_len: int
    found_len: int
    equal: int  #: declared characters read back exactly
    soft: int  #: typical OCR confusions
    lookalike: int  #: look-alikes seen on poor images (review, never match or mismatch)
    hard: int  #: substitutions/insertions/deletions of readable characters
    unverifiable: int  #: declared characters the model cannot emit, or swallowed next to one
    noise: int  #: stray non-Hangul characters in the found text
    cost: float
    first_hard: tuple[str, str] | None  #: (declared, found) of the first hard difference; "" = none

    @property
    def verified(self) -> int:
        """Declared characters that were readable and compared (equal or confused)."""
        return self.equal + self.soft + self.lookalike

    @property
    def unverifiable_fraction(self) -> float:
        return self.unverifiable / self.declared_len if self.declared_len else 0.0

    @property
    def score(self) -> float:
        """0..1: 1 = identical; unverifiable positions count half, confusions most of one."""
        n = max(self.declared_len, 1)
        got = self.equal + (1 - SOFT_COST) * self.soft + (1 - LOOKALIKE_COST) * self.lookalike
        got += 0.5 * self.unverifiable
        penalty = HARD_COST * self.hard + NOISE_COST * self.noise
        return max(0.0, min(1.0, (got - penalty) / n))


# Per-cell state: (cost, hard, eq, soft, look, unv, noise, first_hard)
_Cell = tuple[float, int, int, int, int, int, int, "tuple[str, str] | None"]
_ZERO: _Cell = (0.0, 0, 0, 0, 0, 0, 0, None)


def _unrep_near(text: str, lo: int, hi: int) -> bool:
    return any(not representable(c) for c in text[max(lo, 0): hi])


def _sub(declared: str, i: int, f: str) -> tuple[float, str]:
    d = declared[i]
    if d == f:
        return 0.0, "eq"
    if not representable(d):
        return 0.0, "unv"
    level = confusion_level(d, f)
    if level == 1:
        return SOFT_COST, "soft"
    # Next to an out-of-model syllable, the look-alike printed for it may bleed into this one (챗봇→촛).
    if level == 2 or (_unrep_near(declared, i - 1, i + 2) and _one_jamo_apart(d, f)):
        return LOOKALIKE_COST, "look"
    return HARD_COST, "hard"


def _del(declared: str, i: int) -> tuple[float, str]:
    """Cost of declared[i] missing from the found text."""
    if not representable(declared[i]) or _unrep_near(declared, i - 1, i + 2):
        return UNV_GAP_COST, "unv"  # 트팜 → 탐: the look-alike swallowed its neighbour
    return HARD_COST, "hard"


def _ins(declared: str, i: int, f: str) -> tuple[float, str]:
    """Cost of an extra found character ``f`` between declared[i-1] and declared[i]."""
    if _unrep_near(declared, i - 1, i + 1):
        return UNV_GAP_COST, "skip"  # the model may print two look-alikes for one unknown syllable
    if not is_hangul_syllable(f) and (not f.isalnum() or f in _STROKES or "\u3131" <= f <= "\u318e"):
        return NOISE_COST, "noise"
    return HARD_COST, "hard"


# Characters that table lines, seal strokes and letter-spacing gaps turn into.
_STROKES = frozenset("1lI|!ㅣ")


def _step(cell: _Cell, cost: float, kind: str, pair: tuple[str, str]) -> _Cell:
    c, hard, eq, soft, look, unv, noise, first = cell
    if kind == "hard":
        hard, first = hard + 1, first or pair
    elif kind == "eq":
        eq += 1
    elif kind == "soft":
        soft += 1
    elif kind == "look":
        look += 1
    elif kind == "unv":
        unv += 1
    elif kind == "noise":
        noise += 1
    return c + cost, hard, eq, soft, look, unv, noise, first


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
    prev: list[_Cell] = [_ZERO]
    for j in range(1, m + 1):
        f = found[j - 1]
        prev.append(_ZERO if free_ends else _step(prev[j - 1], *_ins(declared, 0, f), ("", f)))
    for i in range(n):
        d = declared[i]
        del_cost = _del(declared, i)
        row: list[_Cell] = [_step(prev[0], *del_cost, (d, ""))]
        for j in range(1, m + 1):
            f = found[j - 1]
            best = _step(prev[j - 1], *_sub(declared, i, f), (d, f))
            best = _better(best, _step(prev[j], *del_cost, (d, "")))
            best = _better(best, _step(row[j - 1], *_ins(declared, i + 1, f), ("", f)))
            row.append(best)
        prev = row
    end = min(prev, key=lambda c: (c[0], c[1])) if free_ends else prev[m]
    cost, hard, eq, soft, look, unv, noise, first = end
    return Alignment(n, m, eq, soft, look, hard, unv, noise, cost, first)
